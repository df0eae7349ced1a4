"""The admin through its real views, with CSRF checks on: who may do what."""

import re

import pytest
from django.urls import reverse

from briefs.models import Brief
from tests.admin_client import (
    client_for,
    contributor,
    editor,
    form_data,
    make_user,
)
from tests.factories import make_author, make_brief, make_disclosure

CHANGELIST = reverse("admin:briefs_brief_changelist")
ADD = reverse("admin:briefs_brief_add")


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def post_change(client, brief, intent, **changes):
    data = form_data(client.get(change_url(brief)))
    data.update(changes)
    data["_workflow"] = intent
    return client.post(change_url(brief), data)


def add_draft(client, title):
    data = form_data(client.get(ADD))
    author = make_author()
    data.update(
        {
            "title": title,
            "slug": "",
            "body": "Text.",
            "disclosure": str(make_disclosure().pk),
            "brief_authors-TOTAL_FORMS": "1",
            "brief_authors-0-order": "0",
            "brief_authors-0-author": str(author.pk),
            "_workflow": "draft",
        }
    )
    data["slug"] = re.sub(r"\W+", "-", title.lower())
    return client.post(ADD, data)


def run_action(client, action, briefs, **extra):
    client.get(CHANGELIST)
    # Anonymous visitors are sent to the login page, which sets the cookie too.
    client.get(reverse("admin:login"))
    token = client.cookies["csrftoken"].value
    data = {
        "csrfmiddlewaretoken": token,
        "action": action,
        "_selected_action": [str(b.pk) for b in briefs],
        "index": "0",
        **extra,
    }
    return client.post(CHANGELIST, data)


def actor(kind):
    if kind == "anonymous":
        return None
    if kind == "superuser":
        return make_user(superuser=True)
    return contributor() if kind == "contributor" else editor()


ACTORS = ["anonymous", "contributor", "editor", "superuser"]


# -- the permission matrix -------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("anonymous", False),
        ("contributor", True),
        ("editor", True),
        ("superuser", True),
    ],
)
def test_view_changelist(kind, allowed):
    make_brief("Visible in the list")
    response = client_for(actor(kind)).get(CHANGELIST)
    if allowed:
        assert response.status_code == 200
        assert b"Visible in the list" in response.content
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ACTORS)
def test_add_draft(kind):
    client = client_for(actor(kind))
    if kind == "anonymous":
        assert client.get(ADD).status_code == 302
        return
    response = add_draft(client, "A new draft")
    assert response.status_code == 302, response.content.decode()[:3000]
    brief = Brief.objects.get(title="A new draft")
    assert brief.status == Brief.Status.DRAFT
    assert [a.name for a in brief.ordered_authors()]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ACTORS)
def test_change_draft(kind):
    brief = make_brief("Draft to edit", status=Brief.Status.DRAFT)
    user = actor(kind)
    client = client_for(user)
    if user is None:
        assert client.get(change_url(brief)).status_code == 302
        return
    response = post_change(client, brief, "draft", summary="New summary.")
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.summary == "New summary."
    assert brief.status == Brief.Status.DRAFT
    assert brief.version == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [("contributor", False), ("editor", True), ("superuser", True)],
)
def test_publish_from_change_form(kind, allowed):
    brief = make_brief("To publish", status=Brief.Status.REVIEW)
    client = client_for(actor(kind))
    page = client.get(change_url(brief))
    assert (b'value="publish"' in page.content) is allowed
    # The server refuses even a hand-made request from someone without the right.
    response = post_change(client, brief, "publish")
    brief.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert brief.status == Brief.Status.PUBLISHED
        assert brief.is_public
    else:
        assert response.status_code == 200
        assert b"publishing, scheduling and unpublishing are for editors" in (
            response.content
        )
        assert brief.status == Brief.Status.REVIEW


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [("contributor", False), ("editor", True), ("superuser", True)],
)
def test_publish_action(kind, allowed):
    brief = make_brief("By action", status=Brief.Status.DRAFT)
    run_action(client_for(actor(kind)), "publish_now", [brief])
    brief.refresh_from_db()
    assert (brief.status == Brief.Status.PUBLISHED) is allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("anonymous", False),
        ("contributor", False),
        ("editor", True),
        ("superuser", True),
    ],
)
def test_unpublish(kind, allowed):
    brief = make_brief("Live brief")
    client = client_for(actor(kind))
    run_action(client, "unpublish", [brief])
    brief.refresh_from_db()
    assert (brief.status == Brief.Status.DRAFT) is allowed


@pytest.mark.django_db
def test_contributor_cannot_edit_or_unpublish_a_published_brief():
    brief = make_brief("Live brief")
    client = client_for(contributor())
    page = client.get(change_url(brief))
    # Read-only view: no workflow buttons at all.
    assert page.status_code == 200
    assert b'name="_workflow"' not in page.content
    data = form_data(page)
    data.update(title="Changed by a contributor", _workflow="draft")
    response = client.post(change_url(brief), data)
    assert response.status_code == 403
    brief.refresh_from_db()
    assert (brief.title, brief.status) == ("Live brief", Brief.Status.PUBLISHED)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "allowed"),
    [
        ("anonymous", False),
        ("contributor", False),
        ("editor", True),
        ("superuser", True),
    ],
)
def test_delete(kind, allowed):
    brief = make_brief("To delete", status=Brief.Status.DRAFT)
    client = client_for(actor(kind))
    url = reverse("admin:briefs_brief_delete", args=[brief.pk])
    page = client.get(url)
    if kind == "anonymous":
        assert page.status_code == 302
    elif not allowed:
        assert page.status_code == 403
    else:
        token = client.cookies["csrftoken"].value
        response = client.post(url, {"csrfmiddlewaretoken": token, "post": "yes"})
        assert response.status_code == 302
    assert Brief.objects.filter(pk=brief.pk).exists() is not allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", None),
        ("contributor", Brief.Status.DRAFT),
        ("editor", Brief.Status.PUBLISHED),
        ("superuser", Brief.Status.PUBLISHED),
    ],
)
def test_import_page_publishes_only_for_editors(kind, expected, reference_export):
    client = client_for(actor(kind))
    url = reverse("admin:briefs_brief_import")
    page = client.get(url)
    if expected is None:
        assert page.status_code == 302
        return
    token = client.cookies["csrftoken"].value
    with reference_export.open("rb") as upload:
        # Asks to publish on import; only editors get that (others get drafts).
        staged = client.post(
            url, {"csrfmiddlewaretoken": token, "files": upload, "publish": "on"}
        )
    confirm = form_data(staged)
    confirm["confirm"] = "1"
    client.post(url, confirm)
    statuses = set(Brief.objects.values_list("status", flat=True))
    assert statuses == {expected}


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused():
    brief = make_brief("Guarded", status=Brief.Status.DRAFT)
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    del data["csrfmiddlewaretoken"]
    data["_workflow"] = "publish"
    assert client.post(change_url(brief), data).status_code == 403


# -- the change form and the changelist ------------------------------------------


@pytest.mark.django_db
def test_change_form_says_what_the_buttons_do():
    brief = make_brief("Draft", status=Brief.Status.DRAFT)
    page = client_for(editor()).get(change_url(brief)).content.decode()
    assert "readers cannot see this brief" in page
    assert "Save draft" in page and "Publish" in page
    published = make_brief("Live")
    page = client_for(make_user(superuser=True)).get(change_url(published))
    assert "Unpublish" in page.content.decode()
    assert "readers can see this brief" in page.content.decode()


@pytest.mark.django_db
def test_every_admin_changelist_and_add_page_renders():
    make_brief("One brief", categories=["Japan"])
    client = client_for(make_user(superuser=True))
    for model in ["brief", "author", "series", "disclosure", "slugredirect"]:
        for view in ["changelist", "add"]:
            url = reverse(f"admin:briefs_{model}_{view}")
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_changelist_filters_by_state():
    make_brief("Live one")
    make_brief("Draft one", status=Brief.Status.DRAFT)
    client = client_for(editor())
    page = client.get(CHANGELIST, {"state": "draft"}).content.decode()
    assert "Draft one" in page and "Live one" not in page


@pytest.mark.django_db
def test_changelist_query_count_does_not_grow(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(editor())
    author = make_author()

    def fill(total):
        while Brief.objects.count() < total:
            make_brief(authors=[author, make_author()], categories=["Japan", "Asia"])
        client.get(CHANGELIST)  # the session and content types, cached after

    fill(5)
    with CaptureQueriesContext(connection) as with_five:
        assert client.get(CHANGELIST).status_code == 200
    # Counted now: the next request clears the connection's query log.
    queries_with_five = len(with_five)
    fill(50)
    with django_assert_num_queries(queries_with_five):
        response = client.get(CHANGELIST)
    assert response.content.decode().count('name="_selected_action"') == 50


@pytest.mark.django_db
def test_every_admin_page_of_every_model_renders_for_a_superuser():
    from briefs.models import SlugRedirect
    from tests.factories import make_series

    brief = make_brief("One brief", categories=["Japan"], series=make_series())
    brief.slug = "new-address"
    brief.save()
    objects = {
        "brief": brief,
        "author": brief.ordered_authors()[0],
        "series": brief.series,
        "disclosure": brief.disclosure,
        "slugredirect": SlugRedirect.objects.get(),
    }
    client = client_for(make_user(superuser=True))
    for model, obj in objects.items():
        urls = [
            reverse(f"admin:briefs_{model}_{view}") for view in ("changelist", "add")
        ]
        urls += [
            reverse(f"admin:briefs_{model}_{view}", args=[obj.pk])
            for view in ("change", "history", "delete")
        ]
        if model != "slugredirect":
            record = type(obj).history.filter(id=obj.pk).first()
            urls.append(
                reverse(
                    f"admin:briefs_{model}_simple_history",
                    args=[obj.pk, record.history_id],
                )
            )
        for url in urls:
            assert client.get(url).status_code == 200, url
    for url in ["admin:taggit_tag_changelist", "admin:index"]:
        assert client.get(reverse(url)).status_code == 200, url
    assert client.get(reverse("admin:briefs_brief_dashboard")).status_code == 200


@pytest.mark.django_db
def test_contributor_cannot_publish_from_the_add_form():
    client = client_for(contributor())
    data = form_data(client.get(ADD))
    data.update(
        {
            "title": "Straight to the site",
            "slug": "straight-to-the-site",
            "published_at": "2025-01-01T09:00",
            "disclosure": str(make_disclosure().pk),
            "brief_authors-TOTAL_FORMS": "1",
            "brief_authors-0-order": "0",
            "brief_authors-0-author": str(make_author().pk),
            "_workflow": "publish",
            "status": "published",
        }
    )
    response = client.post(ADD, data)
    assert response.status_code == 200
    assert b"publishing, scheduling and unpublishing are for editors" in (
        response.content
    )
    assert not Brief.objects.exists()


@pytest.mark.django_db
def test_contributor_cannot_publish_by_reverting_a_draft():
    brief = make_brief("Draft", status=Brief.Status.DRAFT)
    brief.title = "Draft, edited"
    brief.save()
    record = brief.history.order_by("history_id").first()
    client = client_for(contributor())
    url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, record.history_id]
    )
    data = form_data(client.get(url))
    data["_workflow"] = "publish"
    assert client.post(url, data).status_code == 200
    brief.refresh_from_db()
    assert brief.status == Brief.Status.DRAFT
    data["_workflow"] = "keep"
    assert client.post(url, data).status_code == 302
    brief.refresh_from_db()
    assert (brief.title, brief.status) == ("Draft", Brief.Status.DRAFT)
