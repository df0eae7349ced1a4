"""Part 8 of the desk: "publish on import" for editors only, and links to the briefs."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from briefs.models import Brief, ImportJob
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_brief

pytestmark = pytest.mark.django_db
URL = "/admin/briefs/brief/import/"


def upload(path):
    return SimpleUploadedFile("reference.txt", path.read_bytes())


def test_editors_get_the_box_unticked_and_contributors_do_not_get_it():
    editor_page = client_for(editor()).get(URL).content.decode()
    assert "Publish new briefs on import" in editor_page
    assert 'name="publish"' in editor_page
    assert re.search(r'<input[^>]*name="publish"[^>]*checked', editor_page) is None
    contributor_page = client_for(contributor()).get(URL).content.decode()
    assert 'name="publish"' not in contributor_page
    assert "new briefs will be saved as drafts" in contributor_page


def test_unticked_an_editor_imports_drafts(reference_export):
    client = client_for(editor())
    data = {**form_data(client.get(URL)), "files": [upload(reference_export)]}
    staged = client.post(URL, data)
    assert "will be saved as drafts" in staged.content.decode()
    client.post(URL, {**form_data(staged), "confirm": "Import"})
    assert set(Brief.objects.values_list("status", flat=True)) == {"draft"}


def test_ticked_an_editor_publishes_and_the_message_links_each_brief(
    reference_export,
):
    client = client_for(editor())
    data = {
        **form_data(client.get(URL)),
        "files": [upload(reference_export)],
        "publish": "on",
    }
    staged = client.post(URL, data)
    assert "will be published with their original dates" in staged.content.decode()
    done = client.post(URL, {**form_data(staged), "confirm": "Import"}, follow=True)
    assert Brief.objects.published().count() == 3
    text = done.content.decode()
    for brief in Brief.objects.all():
        link = f'<a href="/admin/briefs/brief/{brief.pk}/change/">{brief.title}</a>'
        assert link in text.replace("&#x27;", "'")


def test_updated_briefs_are_linked_too(reference_export):
    client = client_for(editor())
    for _ in range(2):
        data = {**form_data(client.get(URL)), "files": [upload(reference_export)]}
        staged = client.post(URL, data)
        done = client.post(URL, {**form_data(staged), "confirm": "Go"}, follow=True)
    text = done.content.decode()
    assert text.count('href="/admin/briefs/brief/') >= Brief.objects.count()
    assert ImportJob.objects.count() == 2


def test_the_finished_background_import_links_its_briefs(reference_export):
    brief = make_brief("Already here", status=Brief.Status.DRAFT)
    user = editor()
    job = ImportJob.objects.create(
        id=uuid.uuid4(),
        user=user,
        state=ImportJob.State.DONE,
        files_total=1,
        files_done=1,
        reports=[
            {
                "path": "a.txt",
                "status": "created",
                "errors": [],
                "warnings": [],
                "briefs": [
                    {"slug": brief.slug, "title": brief.title, "action": "created"}
                ],
            }
        ],
    )
    page = client_for(user).get(f"{URL}{job.pk}/").content.decode()
    assert f'<a href="/admin/briefs/brief/{brief.pk}/change/">Already here</a>' in page


def test_a_contributors_import_makes_no_new_category(reference_export):
    from taggit.models import Tag

    client = client_for(contributor())
    data = {**form_data(client.get(URL)), "files": [upload(reference_export)]}
    staged = client.post(URL, data)
    assert "only editors create categories" in staged.content.decode()
    done = client.post(URL, {**form_data(staged), "confirm": "Go"}, follow=True)
    assert Brief.objects.count() == 3
    assert not Tag.objects.exists()
    assert "left off: only editors create categories" in done.content.decode()


def test_a_contributors_import_keeps_existing_categories(reference_export):
    from taggit.models import Tag

    client = client_for(editor())
    data = {**form_data(client.get(URL)), "files": [upload(reference_export)]}
    client.post(URL, {**form_data(client.post(URL, data)), "confirm": "Go"})
    names = set(Tag.objects.values_list("name", flat=True))
    assert names
    Brief.objects.all().delete()
    client = client_for(contributor())
    data = {**form_data(client.get(URL)), "files": [upload(reference_export)]}
    client.post(URL, {**form_data(client.post(URL, data)), "confirm": "Go"})
    kept = {name for b in Brief.objects.all() for name in b.categories.names()}
    assert kept == names
