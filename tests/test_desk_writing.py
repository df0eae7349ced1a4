"""Writing: the body preview by the product's renderer, the page preview, autosave."""

import pytest
from django.urls import reverse

from briefs.models import Brief, EditorDraft
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_brief

pytestmark = pytest.mark.django_db


def token(client, url):
    page = client.get(url)
    return page, client.cookies["csrftoken"].value


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def test_body_preview_is_the_products_rendering():
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(contributor())
    _, csrf = token(client, change_url(brief))
    response = client.post(
        reverse("admin:briefs_brief_render"),
        {
            "body": "# Head\n\n**Bold** <script>x()</script>",
            "csrfmiddlewaretoken": csrf,
        },
    )
    assert response.status_code == 200
    html = response.json()["html"]
    # The page title is the only h1, and nh3 removes scripts, as on the page.
    assert "<h2>Head</h2>" in html and "<strong>Bold</strong>" in html
    assert "<script" not in html
    anonymous = client_for().post(reverse("admin:briefs_brief_render"))
    assert anonymous.status_code in (302, 403)


def test_change_form_loads_the_vendored_editor_and_no_cdn():
    brief = make_brief(status=Brief.Status.DRAFT)
    page = client_for(editor()).get(change_url(brief)).content.decode()
    assert "vendor/easymde/easymde.min.js" in page
    assert "admin-desk/editor.js" in page
    assert "cdn" not in page.lower()
    assert reverse("admin:briefs_brief_preview", args=[brief.pk]) in page


def test_autosave_is_kept_per_user_and_offered_back_until_saved():
    brief = make_brief("Kept", status=Brief.Status.DRAFT)
    user = editor()
    client = client_for(user)
    page, csrf = token(client, change_url(brief))
    data = form_data(page)
    data.update(body="Typed but never saved.", _desk_brief=str(brief.pk))
    response = client.post(reverse("admin:briefs_brief_autosave"), data)
    assert response.status_code == 200
    draft = EditorDraft.objects.get(user=user, brief=brief)
    assert draft.data["body"] == ["Typed but never saved."]
    assert "csrfmiddlewaretoken" not in draft.data
    # Back on the form: the copy is offered, with its data for the script.
    text = client.get(change_url(brief)).content.decode()
    assert 'id="desk-autosave-offer"' in text
    assert "Typed but never saved." in text
    # Another user is not offered it.
    other = client_for(contributor())
    assert (
        'id="desk-autosave-offer"' not in other.get(change_url(brief)).content.decode()
    )
    # A real save removes the copy.
    data = form_data(client.get(change_url(brief)))
    data["_workflow"] = "draft"
    assert client.post(change_url(brief), data).status_code == 302
    assert not EditorDraft.objects.exists()


def test_autosave_can_be_discarded_and_needs_the_change_right():
    brief = make_brief("Live")  # published: contributors may not change it
    client = client_for(editor())
    _, csrf = token(client, change_url(brief))
    url = reverse("admin:briefs_brief_autosave")
    base = {"csrfmiddlewaretoken": csrf, "_desk_brief": str(brief.pk)}
    assert client.post(url, {**base, "title": "x"}).status_code == 200
    assert client.post(url, {**base, "_desk_discard": "1"}).status_code == 200
    assert not EditorDraft.objects.exists()
    writer = client_for(contributor())
    _, csrf = token(writer, change_url(brief))
    response = writer.post(url, {**base, "csrfmiddlewaretoken": csrf, "title": "x"})
    assert response.status_code == 403


def test_page_preview_shows_the_unsaved_form_as_readers_will_and_saves_nothing():
    brief = make_brief("Saved title", status=Brief.Status.DRAFT)
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    data.update(title="Unsaved title", body="An **unsaved** paragraph.")
    url = reverse("admin:briefs_brief_preview", args=[brief.pk])
    response = client.post(url, data)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Unsaved title" in text and "<strong>unsaved</strong>" in text
    assert 'class="preview-banner"' in text
    assert "no-cache" in response["Cache-Control"]
    brief.refresh_from_db()
    assert brief.title == "Saved title"
    assert brief.history.count() == 1


def test_page_preview_of_an_invalid_form_names_the_errors():
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(editor())
    data = {**form_data(client.get(change_url(brief))), "title": ""}
    url = reverse("admin:briefs_brief_preview", args=[brief.pk])
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Title: This field is required." in response.content.decode()
