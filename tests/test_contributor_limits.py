"""A contributor never changes what readers see: not by import, not via authors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from briefs.models import Author, Brief
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_author, make_brief

IMPORT_URL = reverse("admin:briefs_brief_import")


def edited_export(reference_export, tmp_path):
    text = reference_export.read_text().replace(
        "is no longer personality-driven", "is now written by a contributor"
    )
    path = tmp_path / "000_22d010634ea7d674.txt"
    path.write_text(text)
    return path


def public_text(client, brief):
    return client.get(brief.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_contributors_import_cannot_rewrite_a_live_brief(
    imported_reference, reference_export, tmp_path, client
):
    user = contributor()
    brief = Brief.objects.get(slug__startswith="korea-policy-series-building")
    path = edited_export(reference_export, tmp_path)
    out = io.StringIO()
    call_command(
        "import_briefs", str(path), "--user", user.username, "--draft", stdout=out
    )
    assert "refused" in out.getvalue()
    assert "only an editor may change" in out.getvalue()
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED
    assert "written by a contributor" not in brief.body
    assert "written by a contributor" not in public_text(client, brief)


@pytest.mark.django_db
def test_an_editors_import_still_updates_a_live_brief(
    imported_reference, reference_export, tmp_path
):
    user = editor()
    path = edited_export(reference_export, tmp_path)
    call_command(
        "import_briefs", str(path), "--user", user.username, stdout=io.StringIO()
    )
    brief = Brief.objects.get(slug__startswith="korea-policy-series-building")
    assert "written by a contributor" in brief.body


@pytest.mark.django_db
def test_a_contributors_admin_import_cannot_rewrite_a_live_brief(
    imported_reference, reference_export, tmp_path, client
):
    path = edited_export(reference_export, tmp_path)
    admin = client_for(contributor())
    upload = SimpleUploadedFile(path.name, path.read_bytes(), "text/plain")
    page = admin.post(IMPORT_URL, {**form_data(admin.get(IMPORT_URL)), "files": upload})
    assert page.status_code == 200
    assert "refused" in page.content.decode()  # the dry run says so before
    confirm = form_data(page)
    confirm["confirm"] = "1"
    admin.post(IMPORT_URL, confirm)
    brief = Brief.objects.get(slug__startswith="korea-policy-series-building")
    assert brief.status == Brief.Status.PUBLISHED
    assert "written by a contributor" not in public_text(client, brief)


@pytest.mark.django_db
def test_a_contributor_cannot_edit_an_author_of_a_published_brief(client):
    author = make_author("Live Author", bio="The bio readers see.")
    make_brief("Public", authors=[author])
    admin = client_for(contributor())
    url = reverse("admin:briefs_author_change", args=[author.pk])
    page = admin.get(url)
    assert page.status_code == 200  # they may look
    data = {"name": "Defaced", "slug": author.slug, "bio": "Defaced bio"}
    data["csrfmiddlewaretoken"] = form_data(page).get("csrfmiddlewaretoken", "")
    assert admin.post(url, data).status_code == 403
    author.refresh_from_db()
    assert author.name == "Live Author"
    assert "Defaced" not in client.get(author.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_contributor_may_edit_an_author_with_drafts_only():
    author = make_author("Draft Author", bio="Old.")
    make_brief("Draft", authors=[author], status=Brief.Status.DRAFT)
    admin = client_for(contributor())
    url = reverse("admin:briefs_author_change", args=[author.pk])
    data = form_data(admin.get(url))
    data.update(name="Draft Author", bio="New bio.")
    assert admin.post(url, data).status_code == 302
    assert Author.objects.get(pk=author.pk).bio == "New bio."


@pytest.mark.django_db
def test_an_editor_may_edit_an_author_of_a_published_brief():
    author = make_author("Live Author", bio="Old.")
    make_brief("Public", authors=[author])
    admin = client_for(editor())
    url = reverse("admin:briefs_author_change", args=[author.pk])
    data = form_data(admin.get(url))
    data.update(bio="New bio.")
    assert admin.post(url, data).status_code == 302
    assert Author.objects.get(pk=author.pk).bio == "New bio."
