"""Who changed what and when, the diff and revert views, and concurrent edits."""

import pytest
from django.urls import reverse

from briefs import history
from briefs.models import Author, Brief
from tests.admin_client import client_for, editor, form_data, make_user
from tests.factories import make_author, make_brief


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def save_with(client, url, **changes):
    data = form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.mark.django_db
def test_admin_change_is_recorded_with_user_and_shown_as_a_diff():
    brief = make_brief("Before", status=Brief.Status.DRAFT)
    user = editor()
    client = client_for(user)
    save_with(client, change_url(brief), title="After", _workflow="publish")
    record = brief.history.first()
    assert record.history_user == user
    assert record.title == "After"
    assert record.history_change_reason == "Published"

    page = client.get(reverse("admin:briefs_brief_history", args=[brief.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "editor" in text and "Published" in text
    # The changes column: the field and both values.
    assert "Before" in text and "After" in text


@pytest.mark.django_db
def test_author_order_change_is_in_the_history():
    first, second = make_author("Ann First"), make_author("Bo Second")
    brief = make_brief(status=Brief.Status.DRAFT, authors=[first, second])
    client = client_for(editor())
    links = list(brief.brief_authors.order_by("order"))
    changes = {
        "brief_authors-0-order": "1",
        "brief_authors-1-order": "0",
        "_workflow": "draft",
    }
    assert links[0].author == first
    save_with(client, change_url(brief), **changes)
    assert [a.name for a in Brief.objects.get(pk=brief.pk).ordered_authors()] == [
        "Bo Second",
        "Ann First",
    ]
    reason = brief.history.first().history_change_reason
    assert reason == "Authors: Ann First, Bo Second -> Bo Second, Ann First"


@pytest.mark.django_db
def test_author_series_and_disclosure_changes_are_recorded():
    author = make_author("Kim Writer")
    user = make_user(superuser=True)
    client = client_for(user)
    url = reverse("admin:briefs_author_change", args=[author.pk])
    save_with(client, url, bio="Kim Writer is a Fellow.")
    record = Author.history.filter(id=author.pk).first()
    assert record.history_user == user and record.bio == "Kim Writer is a Fellow."
    for model in ("series", "disclosure"):
        assert (
            client.get(reverse(f"admin:briefs_{model}_changelist")).status_code == 200
        )


@pytest.mark.django_db
def test_revert_restores_content_and_keeps_the_publication_state():
    brief = make_brief("Original title", status=Brief.Status.DRAFT)
    client = client_for(editor())
    save_with(client, change_url(brief), title="Edited title", _workflow="draft")
    original = brief.history.order_by("history_date").first()
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, original.history_id]
    )
    page = client.get(revert_url)
    assert page.status_code == 200
    response = client.post(revert_url, {**form_data(page), "_save": "Revert"})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Original title"
    assert brief.status == Brief.Status.DRAFT
    assert brief.history.first().history_change_reason.startswith("Reverted to")


@pytest.mark.django_db
def test_revert_needs_the_change_permission():
    brief = make_brief("Live", status=Brief.Status.PUBLISHED)
    brief.title = "Live, edited"
    brief.save()
    original = brief.history.order_by("history_date").first()
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, original.history_id]
    )
    # A contributor may look at a published brief's history but not change it.
    client = client_for(make_user("Contributor"))
    page = client.get(revert_url)
    assert page.status_code == 200
    assert client.post(revert_url, form_data(page)).status_code == 403
    brief.refresh_from_db()
    assert brief.title == "Live, edited"


@pytest.mark.django_db
def test_second_of_two_concurrent_saves_is_refused():
    brief = make_brief("Shared", status=Brief.Status.DRAFT)
    first = client_for(editor())
    second = client_for(make_user("Editor", username="second"))
    first_form = form_data(first.get(change_url(brief)))
    second_form = form_data(second.get(change_url(brief)))

    first_form.update(summary="First editor's summary.", _workflow="draft")
    assert first.post(change_url(brief), first_form).status_code == 302

    second_form.update(summary="Second editor's summary.", _workflow="draft")
    response = second.post(change_url(brief), second_form)
    assert response.status_code == 200
    text = response.content.decode()
    # Not applied: shown against theirs to merge (tests/test_desk_together.py).
    assert "editor saved this brief at " in text
    assert "Your changes are not saved yet" in text
    assert 'id="desk-conflict-summary"' in text
    brief.refresh_from_db()
    assert brief.summary == "First editor's summary."
    assert brief.version == 2

    # Reloaded, the second editor saves on top of the first.
    fresh = form_data(second.get(change_url(brief)))
    fresh.update(summary="Second editor's summary.", _workflow="draft")
    assert second.post(change_url(brief), fresh).status_code == 302


@pytest.mark.django_db
def test_import_command_is_recorded_as_such(imported_reference):
    brief = Brief.objects.order_by("pk").first()
    record = brief.history.first()
    assert record.history_change_reason == "Imported by import_briefs"
    assert record.history_user is None


# -- the byline and categories in the history ------------------------------------


def make_recorded_brief(*args, **kwargs):
    """A brief whose first history record holds its byline and categories, as the
    admin's add form and the importer leave it."""
    brief = make_brief(*args, **kwargs)
    history.record_current_byline([brief.pk])
    return brief


def byline_of(record):
    return [entry["name"] for entry in record.history_authors]


@pytest.mark.django_db
def test_admin_save_records_the_byline_order_and_categories_and_shows_the_diff():
    first, second = make_author("Ann First"), make_author("Bo Second")
    brief = make_recorded_brief(
        status=Brief.Status.DRAFT, authors=[first, second], categories=["Japan"]
    )
    client = client_for(editor())
    save_with(
        client,
        change_url(brief),
        **{
            "brief_authors-0-order": "1",
            "brief_authors-1-order": "0",
            "categories": "Japan, Indo-Pacific",
            "_workflow": "draft",
        },
    )
    before, after = brief.history.order_by("history_id")
    assert byline_of(before) == ["Ann First", "Bo Second"]
    assert before.history_categories == ["Japan"]
    # The record of the save holds the byline the inline saved after the brief.
    assert byline_of(after) == ["Bo Second", "Ann First"]
    assert after.history_categories == ["Indo-Pacific", "Japan"]

    page = client.get(reverse("admin:briefs_brief_history", args=[brief.pk]))
    text = page.content.decode()
    assert "Ann First, Bo Second" in text and "Bo Second, Ann First" in text
    assert "Indo-Pacific, Japan" in text


@pytest.mark.django_db
def test_revert_restores_the_byline_order_and_categories():
    first, second = make_author("Ann First"), make_author("Bo Second")
    brief = make_recorded_brief(
        "Original",
        status=Brief.Status.DRAFT,
        authors=[first, second],
        categories=["Japan"],
    )
    client = client_for(editor())
    save_with(
        client,
        change_url(brief),
        **{
            "title": "Edited",
            "brief_authors-0-DELETE": "on",
            "categories": "Indo-Pacific",
            "_workflow": "draft",
        },
    )
    assert [a.name for a in Brief.objects.get(pk=brief.pk).ordered_authors()] == [
        "Bo Second"
    ]
    original = brief.history.order_by("history_id").first()
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, original.history_id]
    )
    page = client.get(revert_url)
    text = page.content.decode()
    assert "Authors in this version:</strong>\nAnn First, Bo Second" in text
    data = form_data(page)
    # The revert form offers that version's categories, not today's.
    assert data["categories"] == ["Japan"]
    assert client.post(revert_url, {**data, "_save": "Revert"}).status_code == 302
    brief = Brief.objects.get(pk=brief.pk)
    assert brief.title == "Original"
    assert [a.name for a in brief.ordered_authors()] == ["Ann First", "Bo Second"]
    assert list(brief.categories.names()) == ["Japan"]
    latest = brief.history.first()
    assert latest.history_change_reason.startswith("Reverted to")
    assert byline_of(latest) == ["Ann First", "Bo Second"]
    assert latest.history_categories == ["Japan"]


@pytest.mark.django_db
def test_revert_of_a_published_brief_to_a_version_without_authors_is_refused():
    brief = make_recorded_brief("Live", authors=[])
    brief.title = "Live, with an author"
    brief.save()
    make_author_link = brief.brief_authors.create(author=make_author("Kim"), order=0)
    history.record_current_byline([brief.pk])
    original = brief.history.order_by("history_id").first()
    client = client_for(editor())
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, original.history_id]
    )
    response = client.post(revert_url, {**form_data(client.get(revert_url))})
    assert response.status_code == 200
    assert "Cannot publish: the brief needs at least one author." in (
        response.content.decode()
    )
    assert list(brief.brief_authors.all()) == [make_author_link]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_revert_runs_in_a_transaction_of_its_own():
    # Outside a test's transaction, as in production: the version check locks the
    # row, which PostgreSQL allows only inside a transaction.
    brief = make_brief("Original title", status=Brief.Status.DRAFT)
    brief.title = "Edited"
    brief.save()
    original = brief.history.order_by("history_id").first()
    client = client_for(make_user(superuser=True))
    url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, original.history_id]
    )
    response = client.post(url, {**form_data(client.get(url)), "_save": "Revert"})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Original title"


@pytest.mark.django_db
def test_byline_change_without_saving_the_brief_gets_a_record(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_recorded_brief(authors=[make_author("Ann First")])
    assert brief.history.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        brief.categories.add("Japan")
        brief.brief_authors.create(author=make_author("Bo Second"), order=1)
    latest, before = brief.history.all()[:2]
    assert latest.history_change_reason == history.CHANGE_REASON
    assert byline_of(latest) == ["Ann First", "Bo Second"]
    assert latest.history_categories == ["Japan"]
    assert byline_of(before) == ["Ann First"]
    # Nothing changed since: no further record.
    with django_capture_on_commit_callbacks(execute=True):
        brief.categories.add("Japan")
    assert brief.history.count() == 2


@pytest.mark.django_db
def test_import_record_holds_the_byline_and_categories(imported_reference):
    brief = Brief.objects.get(title__startswith="Korea Policy Series: Building Up")
    record = brief.history.first()
    assert byline_of(record) == ["Shihoko Goto"]
    assert record.history_categories == ["Indo-Pacific", "Japan", "U.S.-Korea-Japan"]


@pytest.mark.django_db
def test_imported_briefs_carry_their_byline_and_categories_in_history(
    imported_reference,
):
    brief = Brief.objects.get(title__contains="Rapprochement")
    record = brief.history.get()
    assert record.history_authors == [
        {"id": brief.ordered_authors()[0].pk, "name": "Shihoko Goto"}
    ]
    assert record.history_categories == ["Indo-Pacific", "Japan", "U.S.-Korea-Japan"]
    assert (
        history.snapshot_of(record) == history.current_snapshots([brief.pk])[brief.pk]
    )


@pytest.mark.django_db
def test_revert_page_of_a_malformed_record_id_is_not_found():
    brief = make_brief()
    client = client_for(editor())
    url = reverse("admin:briefs_brief_simple_history", args=[brief.pk, "abc"])
    assert client.get(url).status_code == 404
