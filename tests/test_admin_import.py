"""The admin import page: upload, dry-run report, confirm; same path as the command."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from briefs.models import Author, Brief, Disclosure
from tests.admin_client import client_for, contributor, editor, form_data, make_user

pytestmark = pytest.mark.django_db

URL = "/admin/briefs/brief/import/"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def check_files(client, *files, draft=False):
    page = client.get(URL)
    data = {**form_data(page), "files": list(files)}
    if not draft:
        data["publish"] = "on"
    return client.post(URL, data)


def test_editor_sees_a_dry_run_report_then_imports(reference_export):
    client = client_for(editor())
    report = check_files(
        client,
        upload("reference.txt", reference_export.read_bytes()),
        upload("empty.txt", b""),
    )

    assert report.status_code == 200
    page = report.content.decode()
    assert "Dry run: nothing has been written yet" in page
    assert "Building Up Japan-South Korea Rapprochement" in page
    assert "empty.txt" in page and "empty file" in page
    assert Brief.objects.count() == 0

    confirmed = client.post(URL, {**form_data(report), "confirm": "Import"})

    assert confirmed.status_code == 302
    assert (Brief.objects.count(), Author.objects.count()) == (3, 3)
    assert Disclosure.objects.count() == 1
    assert set(Brief.objects.values_list("status", flat=True)) == {"published"}
    record = Brief.objects.first().history.earliest()
    assert record.history_user.username == "editor"
    assert "Imported in the admin by editor" in record.history_change_reason


def test_a_second_upload_of_the_same_file_is_reported_unchanged(reference_export):
    client = client_for(editor())
    first = check_files(client, upload("ref.txt", reference_export.read_bytes()))
    client.post(URL, {**form_data(first), "confirm": "Import"})

    again = check_files(client, upload("ref.txt", reference_export.read_bytes()))

    assert again.content.decode().count("(unchanged)") == 3


def test_a_contributor_imports_drafts_only(reference_export):
    client = client_for(contributor())
    report = check_files(client, upload("ref.txt", reference_export.read_bytes()))
    assert "will be saved as drafts" in report.content.decode()

    data = {**form_data(report), "confirm": "Import"}
    data["publish"] = "on"  # a forged form asking to publish
    client.post(URL, data)

    assert Brief.objects.count() == 3
    assert not Brief.objects.published().exists()


def test_staff_without_add_permission_and_anonymous_users_are_refused():
    assert client_for(make_user()).get(URL).status_code == 403
    response = client_for().get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_file_of_another_kind_is_refused_before_anything_is_staged():
    client = client_for(editor())
    response = check_files(client, upload("notes.docx", b"PK\x03\x04"))
    assert "not a .txt, .md or .pdf file" in response.content.decode()


def test_the_changelist_links_to_the_import_page():
    page = client_for(editor()).get("/admin/briefs/brief/").content.decode()
    assert f'href="{URL}"' in page


def test_the_dry_run_shows_each_briefs_fields_and_the_parsers_decisions():
    from pathlib import Path

    from tests.factories import make_author

    make_author("Kathleen Rhee")
    samples = Path(__file__).parent / "samples" / "text"
    client = client_for(editor())
    page = check_files(
        client,
        upload("tpp.txt", (samples / "2016_honorifics_two_posts.txt").read_bytes()),
        upload("upd.txt", (samples / "2019_updated_share_bar.txt").read_bytes()),
        upload("cap.txt", (samples / "2023_caption_and_source.txt").read_bytes()),
        upload("nob.txt", (samples / "2012_no_byline.txt").read_bytes()),
    ).content.decode()

    assert "November 14, 2016" in page
    assert "Kathleen Rhee <em>(matched existing)</em>" in page
    assert "Kent Morrow <em>(new author)</em>" in page
    # The second post's Kent Morrow is the first one's: no longer new.
    assert page.count("Kent Morrow <em>(new author)</em>") == 1
    assert "Trade <em>(new)</em>" in page and "Trade <em>(existing)</em>" in page
    assert "May 1, 2019 (updated May 2, 2019)" in page
    assert "Samsung Heavy Industries" in page
    assert "<strong>dropped chrome:</strong>" in page and "5 min read" in page
    assert "<strong>name:</strong>" in page and "took &#x27;Amb.&#x27;" in page
    assert "<strong>caption:</strong>" in page and "Figure 1: New orders" in page
    assert "<strong>none</strong>" in page  # the post without a byline
    assert "Disclosure</th><td>found" in page
    assert Brief.objects.count() == 0


def test_placeholder_links_are_reported_in_the_dry_run(reference_export):
    client = client_for(editor())
    page = check_files(
        client, upload("reference.txt", reference_export.read_bytes())
    ).content.decode()
    assert "<strong>placeholder link:</strong>" in page
    assert "clicking here" in page
