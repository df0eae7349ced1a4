"""`import_briefs --json`: every field of the report, in the one documented
shape (briefs/importer/report_json.py), for a dry run and a real import."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from briefs.models import Author, Brief
from tests.factories import make_author
from tests.sample_checks import SAMPLES

pytestmark = pytest.mark.django_db

BRIEF_KEYS = {
    "slug",
    "title",
    "action",
    "published",
    "updated",
    "authors",
    "categories",
    "series",
    "disclosure_found",
    "image_credit",
    "placeholder_links",
    "decisions",
    "warnings",
}


def run_json(*args):
    out = StringIO()
    try:
        call_command("import_briefs", *map(str, args), "--json", stdout=out)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, json.loads(out.getvalue())


def copy(name, tmp_path, folder="text"):
    source = SAMPLES / folder / name
    target = tmp_path / (source.stem + ".txt")
    target.write_bytes(source.read_bytes())
    return target


def test_every_field_of_a_dry_run(tmp_path):
    make_author("Scott Lin")
    path = copy("2026_reading_time_and_updated_at_end.txt", tmp_path)
    status, files = run_json(path, "--dry-run")
    assert status == 0
    (entry,) = files
    assert set(entry) == {"path", "status", "encoding", "errors", "warnings", "briefs"}
    assert entry["encoding"] == "UTF-8" and entry["errors"] == []
    (brief,) = entry["briefs"]
    assert set(brief) == BRIEF_KEYS
    assert brief["action"] == "created"
    assert brief["published"] == "2026-01-08" and brief["updated"] == "2026-01-09"
    assert brief["authors"] == [
        {"name": "Scott Lin", "status": "existing", "honorific": ""},
        {"name": "Maria Ortega-Blanco", "status": "new", "honorific": "Dr."},
    ]
    assert brief["categories"] == [
        {"name": "Alliance", "status": "new"},
        {"name": "Indo-Pacific", "status": "new"},
    ]
    assert brief["series"] == "Korea Policy Series"
    assert brief["disclosure_found"] is True
    assert brief["image_credit"] == "Ministry of National Defense"
    assert "Ministry of National Defense" in brief["placeholder_links"]
    kinds = {d["kind"] for d in brief["decisions"]}
    assert {"placeholder link", "dropped chrome"} <= kinds
    assert all(d["text"] for d in brief["decisions"])
    # A dry run writes nothing.
    assert not Brief.objects.exists() and Author.objects.count() == 1


def test_healing_captions_and_encodings_are_reported(tmp_path):
    status, files = run_json(
        copy("2023_caption_and_source.txt", tmp_path),
        copy("u2018_cp1252_table_notes.bin", tmp_path, "unseen/text"),
        copy("2022_utf16_le.bin", tmp_path),
    )
    assert status == 0
    captions, cp1252, utf16 = files
    decisions = captions["briefs"][0]["decisions"]
    assert any(
        d["kind"] == "caption" and "Source: Clarksons" in d["text"] for d in decisions
    )
    assert cp1252["encoding"] == "Windows-1252"
    assert any(d["kind"] == "encoding" for d in cp1252["briefs"][0]["decisions"])
    assert utf16["encoding"] == "UTF-16-LE"
    assert captions["status"] == "created"
    assert Brief.objects.count() == 3


def test_a_failed_file_has_the_same_shape(tmp_path):
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    status, files = run_json(bad)
    assert status == 1
    (entry,) = files
    assert entry["status"] == "failed" and entry["encoding"] is None
    assert entry["briefs"] == [] and len(entry["errors"]) == 1
    assert "\n" not in entry["errors"][0]
    assert not Brief.objects.exists()


def test_moved_and_rewritten_text_is_reported(tmp_path):
    name = (
        "2019_utf16le_crlf_two_posts_dotted_ymd_last_modified_category_first_six_"
        "authors_bio_bullets_dmy_comma_top_bio_glued_views_click_to_tweet.bin"
    )
    status, (report,) = run_json(copy(name, tmp_path, "fresh9/text"))
    assert status == 0
    second = report["briefs"][1]["decisions"]
    assert any(
        d["kind"] == "moved or rewritten" and "bio under the byline" in d["text"]
        for d in second
    )
    assert any(
        d["kind"] == "dropped chrome" and "views disclaimer" in d["text"]
        for d in second
    )
