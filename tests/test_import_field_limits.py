"""Over-long fields, database errors and concurrent imports of one file: each is
one file's one-line outcome, never a traceback, and the next file still imports."""

import io
import json
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError, connection

from briefs.importer import limits, store
from briefs.models import Author, Brief
from tests.admin_client import client_for, editor, form_data
from tests.parser_samples import DISCLOSURE

URL = "/admin/briefs/brief/import/"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="column lengths need PostgreSQL"
)

LONG_TITLE = ("Alliance management in a time of tariffs and " * 8)[:351].strip()
LONG_AUTHOR = ("Jane Quentin Doe-Ramirez " * 9)[:200] + "x"
LONG_CATEGORY = "Economic Security " * 9
LONG_URL = "https://example.org/" + "p" * 300


def long_post(title=LONG_TITLE, author=LONG_AUTHOR):
    return (
        f"THE PENINSULA\n\n{title}\n\nPublished May 1, 2025\n\n"
        f"Author: [{author}](#)\n\nCategory: [{LONG_CATEGORY.strip()}](#)\n\n"
        "Some body text.\n\nImage credit: [A photographer](" + LONG_URL + ")\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )


def run_import(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_briefs", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exit_info:
        code = exit_info.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_over_long_fields_are_shortened_with_a_warning(tmp_path):
    assert len(LONG_TITLE) == 351 and len(LONG_AUTHOR) == 201
    path = tmp_path / "long.txt"
    path.write_text(long_post())

    code, out, err = run_import(path)

    assert (code, err) == (0, "")
    brief = Brief.objects.get()
    assert len(brief.title) <= 300 and brief.title.endswith("…")
    assert brief.title[:-1] == LONG_TITLE[: len(brief.title) - 1]
    author = Author.objects.get()
    assert len(author.name) <= 200 and len(author.sort_name) <= 200
    assert [len(tag.name) <= 100 for tag in brief.categories.all()] == [True]
    assert brief.image_credit_url == ""  # a URL is never cut short
    assert "title is 351 characters, longer than the 300" in out
    assert "author name is 201 characters" in out
    assert "image credit link is over 200 characters: dropped" in out

    again = run_import(path)
    assert again[0] == 0 and "unchanged" in again[1]  # the fit is stable


@pytest.mark.django_db
def test_shorten_cuts_at_a_word_boundary():
    assert limits.shorten("alpha beta gamma delta", 15) == "alpha beta…"
    assert limits.shorten("x" * 20, 10) == "x" * 9 + "…"
    assert limits.shorten("short", 10) == "short"


@pytest.mark.django_db
def test_a_very_long_source_path_is_stored(tmp_path):
    folder = tmp_path
    for index in range(6):
        folder = folder / (f"{index}" * 100)
    folder.mkdir(parents=True)
    path = folder / "post.txt"
    path.write_text(long_post(title="A Plain Title", author="Jane Doe"))
    assert len(str(path)) > 500

    assert run_import(path)[0] == 0
    assert Brief.objects.get().source_file.endswith("post.txt")


@pytest.fixture
def database_error_on(monkeypatch):
    """Make the store fail with a database error for files of the given name."""
    real = store.store_file

    def failing(parsed, source_name, options):
        if source_name.endswith("a-broken.txt") and not options.dry_run:
            raise OperationalError("server closed the connection unexpectedly\nmore")
        return real(parsed, source_name, options)

    monkeypatch.setattr("briefs.importer.service.store_file", failing)


@pytest.mark.django_db
def test_a_database_error_fails_one_file_and_the_next_imports(
    tmp_path, reference_export, database_error_on
):
    broken = tmp_path / "a-broken.txt"
    broken.write_text(long_post(title="A Plain Title", author="Jane Doe"))
    good = tmp_path / "b-good.txt"
    good.write_bytes(reference_export.read_bytes())

    code, out, err = run_import(broken, good)

    assert code == 1
    assert err.strip() == (
        f"{broken}: database error: server closed the connection unexpectedly"
    )
    assert f"{good}: created" in out and Brief.objects.count() == 3

    Brief.objects.all().delete()
    code, out, _ = run_import(broken, good, "--json")
    report = json.loads(out)
    assert [r["status"] for r in report] == ["failed", "created"]
    assert report[0]["errors"] == [
        "database error: server closed the connection unexpectedly"
    ]


@pytest.mark.django_db
def test_the_admin_confirm_step_reports_a_database_error(database_error_on):
    client = client_for(editor())
    data = long_post(title="A Plain Title", author="Jane Doe").encode()
    page = client.get(URL)
    checked = client.post(
        URL,
        {**form_data(page), "files": [SimpleUploadedFile("a-broken.txt", data)]},
    )
    response = client.post(
        URL, {**form_data(checked), "confirm": "Import"}, follow=True
    )

    assert response.status_code == 200
    assert "database error: server closed the connection unexpectedly" in (
        response.content.decode()
    )
    assert not Brief.objects.exists()


@on_postgresql
@pytest.mark.django_db
def test_without_the_fit_postgresql_refuses_and_the_file_fails_alone(
    tmp_path, reference_export, monkeypatch
):
    # The fit is what keeps DataError away; without it the failure is still one
    # line for one file.
    monkeypatch.setattr(store, "fit_brief", lambda parsed: parsed)
    long = tmp_path / "a-long.txt"
    long.write_text(long_post())
    good = tmp_path / "b-good.txt"
    good.write_bytes(reference_export.read_bytes())

    code, out, err = run_import(long, good)

    assert code == 1
    assert err.startswith(f"{long}: database error: value too long")
    assert len(err.strip().splitlines()) == 1
    assert f"{good}: created" in out


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_imports_of_one_file(tmp_path, reference_export, monkeypatch):
    path = tmp_path / "ref.txt"
    path.write_bytes(reference_export.read_bytes())
    both_planned = threading.Barrier(2, timeout=30)
    real_write = store.FileStore.write
    waited = threading.local()

    def write_after_both_planned(self, plans):
        # Both imports have looked and found nothing before either writes: the
        # race the lookups alone cannot see.
        if not getattr(waited, "done", False):
            waited.done = True
            both_planned.wait()
        return real_write(self, plans)

    monkeypatch.setattr(store.FileStore, "write", write_after_both_planned)
    results = [None, None]

    def run(index):
        try:
            results[index] = run_import(path, "--json")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert Brief.objects.count() == 3 and Author.objects.count() == 3
    statuses = sorted(json.loads(result[1])[0]["status"] for result in results)
    assert statuses == ["created", "unchanged"]
    assert [result[0] for result in results] == [0, 0]
    assert all(result[2] == "" for result in results)


@pytest.mark.django_db
def test_the_admin_imports_over_long_fields_shortened():
    client = client_for(editor())
    page = client.get(URL)
    upload = SimpleUploadedFile("long.txt", long_post().encode())
    checked = client.post(URL, {**form_data(page), "files": [upload]})
    assert "title is 351 characters" in checked.content.decode()

    confirmed = client.post(URL, {**form_data(checked), "confirm": "Import"})

    assert confirmed.status_code == 302
    brief = Brief.objects.get()
    assert len(brief.title) <= 300 and len(Author.objects.get().name) <= 200
