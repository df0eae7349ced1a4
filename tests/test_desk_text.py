"""An admin save of an unchanged brief is not a rewrite: LF, no line-end spaces."""

import importlib

import pytest
from django.urls import reverse

from briefs.importer.store import editable_fingerprint
from briefs.models import Author, Brief
from briefs.text import tidy_text
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief

pytestmark = pytest.mark.django_db


def test_tidy_text():
    assert tidy_text("One  \r\nTwo\t\rThree \n") == "One\nTwo\nThree"
    assert tidy_text("") == "" and tidy_text(None) is None


def test_admin_save_of_an_unchanged_imported_brief_changes_nothing(
    imported_reference,
):
    brief = Brief.objects.get(title__contains="Rapprochement")
    assert editable_fingerprint(brief) == brief.import_fingerprint
    before = brief.body
    client = client_for(editor())
    url = reverse("admin:briefs_brief_change", args=[brief.pk])
    data = form_data(client.get(url))
    # What a browser posts: every textarea with CRLF line endings.
    for name in ("body", "summary"):
        data[name] = data[name].replace("\n", "\r\n")
    data["_workflow"] = "keep"
    assert client.post(url, data).status_code == 302
    brief.refresh_from_db()
    assert brief.body == before and "\r" not in brief.summary
    # The importer still sees the brief as it wrote it.
    assert editable_fingerprint(brief) == brief.import_fingerprint
    # The history shows the save, with no change to the text.
    latest, previous = brief.history.all()[:2]
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert not changed & {"body", "summary", "title"}


def test_every_text_field_is_tidied_on_save():
    brief = make_brief(body="Line one  \r\nLine two\r\n", summary="A\r\nB ")
    brief.refresh_from_db()
    assert (brief.body, brief.summary) == ("Line one\nLine two", "A\nB")
    author = Author.objects.create(name="Kim Writer", bio="Kim is\r\na Fellow.  ")
    author.refresh_from_db()
    assert author.bio == "Kim is\na Fellow."


def test_data_migration_tidies_stored_rows():
    brief = make_brief(body="Clean")
    # A row stored before saves tidied it.
    Brief.objects.filter(pk=brief.pk).update(body="Old  \r\nrow\r\n")
    Author.objects.filter(pk=brief.ordered_authors()[0].pk).update(bio="Bio \r\n")
    migration = importlib.import_module("briefs.migrations.0012_desk_tidy_stored_text")
    from django.apps import apps

    migration.tidy_rows(apps, None)
    brief.refresh_from_db()
    assert brief.body == "Old\nrow"
    assert brief.ordered_authors()[0].bio == "Bio"
