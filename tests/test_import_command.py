import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from briefs.models import Author, Brief, BriefAuthor, Disclosure, Series

pytestmark = pytest.mark.django_db

POST = """THE PENINSULA

{title}

Published {date}

Author: [{author}](#)

Category: [Trade](#)

Body paragraph about {title}.

{author} is Fellow at the Institute. All views are the author's alone.

KEI is registered under the FARA as an agent of the Korea Institute for \
International Economic Policy, a public corporation established by the government \
of the Republic of Korea. Additional information is available at the Department of \
Justice, Washington, D.C.

Return to the Peninsula
"""


def post(title="A Test Brief", date="March 3, 2025", author="Ann Lee"):
    return POST.format(title=title, date=date, author=author)


def run(*args):
    """call_command with its output and exit status, as a shell would see them."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_briefs", *map(str, args), stdout=out, stderr=err)
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


def counts():
    return (
        Brief.objects.count(),
        Author.objects.count(),
        Disclosure.objects.count(),
        BriefAuthor.objects.count(),
        Series.objects.count(),
        Tag.objects.count(),
    )


def test_reference_export_gives_the_design_table(reference_export):
    status, out, err = run(reference_export)
    assert (status, err) == (0, "")
    assert "3 created, 0 updated, 0 unchanged" in out

    japan, alliance, reset = Brief.objects.order_by("-published_at")
    assert japan.title == (
        "Korea Policy Series: Building Up Japan-South Korea Rapprochement"
    )
    assert alliance.title == (
        "Korea Policy Series: The U.S.-South Korea Alliance Faces Uncertain Future"
    )
    assert reset.title == (
        "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee"
    )
    local_dates = [
        str(timezone.localtime(b.published_at).date()) for b in (japan, alliance, reset)
    ]
    assert local_dates == ["2025-12-17", "2025-12-16", "2025-12-15"]
    assert [a.name for a in japan.ordered_authors()] == ["Shihoko Goto"]
    assert [a.name for a in alliance.ordered_authors()] == ["Bruce Klingner"]
    assert [a.name for a in reset.ordered_authors()] == ["Scott Snyder"]
    bios = {a.name: a.bio for a in Author.objects.all()}
    assert (
        "Vice President of Programs at the Foreign Policy Research Institute"
        in (bios["Shihoko Goto"])
    )
    assert "Senior Fellow at The Mansfield Foundation" in bios["Bruce Klingner"]
    assert (
        "President and CEO at the Korea Economic Institute of America"
        in (bios["Scott Snyder"])
    )
    assert sorted(japan.categories.names()) == [
        "Indo-Pacific",
        "Japan",
        "U.S.-Korea-Japan",
    ]
    assert list(alliance.categories.names()) == ["Indo-Pacific"]
    assert list(reset.categories.names()) == ["Indo-Pacific"]

    series = Series.objects.get()
    assert (series.name, series.publication, series.volume, series.issue) == (
        "Korea Policy Series",
        "Korea Policy",
        3,
        2,
    )
    assert japan.series == alliance.series == reset.series == series
    assert reset.is_series_announcement and not japan.is_series_announcement

    assert japan.image_credit == "Prime Minister's Office of Japan"
    assert alliance.image_credit == "ROK Armed Forces"
    assert reset.image_credit == "cover of Korea Policy, Vol 3, Iss 2"
    assert Disclosure.objects.count() == 1
    assert japan.disclosure == alliance.disclosure == reset.disclosure
    assert "registered under the FARA" in japan.disclosure.text

    assert "facing both Japan and South Korea. The urgency" in japan.body
    for not_body in ("All views are", "Feature image", "FARA", "Return to the"):
        assert not_body not in japan.body
        assert not_body not in japan.body_html
    assert "<h2>Executive Summary</h2>" in japan.body_html
    assert all(b.status == Brief.Status.PUBLISHED for b in (japan, alliance, reset))
    assert japan.source_file.endswith("000_22d010634ea7d674.txt")


def test_reimport_is_idempotent_and_says_unchanged(reference_export):
    run(reference_export)
    before = counts()
    snapshot = list(Brief.objects.values_list("pk", "updated_at", "source_hash"))

    status, out, _ = run(reference_export.parent)

    assert status == 0
    assert "0 created, 0 updated, 3 unchanged" in out
    assert counts() == before
    assert counts()[:3] == (3, 3, 1)
    assert list(Brief.objects.values_list("pk", "updated_at", "source_hash")) == (
        snapshot
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01binary\x00data", "NUL"),
        (post().replace("Published March 3, 2025", "").encode(), "Published"),
        (post(date="Smarch 44, 2025").encode(), "Smarch 44, 2025"),
        (b"Just some notes, not an export.\n", "no post found"),
    ],
    ids=["empty", "binary", "no-date", "bad-date", "no-post"],
)
def test_a_bad_file_is_one_line_with_its_reason_and_writes_nothing(
    tmp_path, content, reason
):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)

    status, out, err = run(bad)

    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}: ")
    assert reason in lines[0]
    assert "Traceback" not in err + out
    assert counts() == (0, 0, 0, 0, 0, 0)
    assert "1 failed" in out


def test_good_files_still_import_beside_bad_ones(tmp_path, reference_export):
    (tmp_path / "a-good.txt").write_text(reference_export.read_text())
    (tmp_path / "b-empty.txt").write_text("")
    (tmp_path / "c-good.txt").write_text(post("Another Brief"))
    (tmp_path / "notes.docx").write_bytes(b"PK")

    status, out, err = run(tmp_path)

    assert status == 1
    assert err.strip() == f"{tmp_path / 'b-empty.txt'}: empty file"
    assert "notes.docx: skipped" in out
    assert "4 created, 0 updated, 0 unchanged, 0 kept editor's version, 1 failed" in out
    assert Brief.objects.count() == 4


def test_a_file_is_all_or_nothing(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_text(post("Good Post") + "\n" + post("Bad Post", date="Someday"))

    status, _, err = run(mixed)

    assert status == 1
    assert "post 2" in err and "Bad Post" in err
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_changed_file_updates_its_brief(tmp_path):
    source = tmp_path / "post.txt"
    source.write_text(post())
    run(source)
    source.write_text(post().replace("Body paragraph", "Revised paragraph"))

    status, out, _ = run(source)

    assert status == 0
    assert "0 created, 1 updated" in out
    brief = Brief.objects.get()
    assert "Revised paragraph" in brief.body
    assert brief.history.count() == 2


def test_an_editors_change_wins_over_reimport(tmp_path):
    source = tmp_path / "post.txt"
    source.write_text(post())
    run(source)
    brief = Brief.objects.get()
    brief.summary = "An editor's summary."
    brief.save()
    source.write_text(post().replace("Body paragraph", "Revised paragraph"))

    status, out, _ = run(source)

    assert status == 0
    assert "1 kept editor's version" in out
    brief.refresh_from_db()
    assert brief.summary == "An editor's summary."
    assert "Revised paragraph" not in brief.body

    status, out, _ = run(source, "--overwrite")
    assert "1 updated" in out
    brief.refresh_from_db()
    assert "Revised paragraph" in brief.body


def test_dry_run_writes_nothing(tmp_path, reference_export):
    status, out, _ = run(reference_export, "--dry-run")

    assert status == 0
    assert "Dry run" in out and "3 created" in out
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_draft_imports_new_briefs_as_drafts(reference_export):
    run(reference_export, "--draft")
    assert set(Brief.objects.values_list("status", flat=True)) == {"draft"}
    assert not Brief.objects.published().exists()


def test_json_report(tmp_path, reference_export):
    (tmp_path / "empty.txt").write_text("")
    status, out, _ = run(reference_export, tmp_path / "empty.txt", "--json")

    report = json.loads(out)
    assert status == 1
    assert [r["status"] for r in report] == ["created", "failed"]
    assert len(report[0]["briefs"]) == 3
    assert report[0]["briefs"][0]["slug"] == (
        "korea-policy-series-building-up-japan-south-korea-rapprochement"
    )
    assert report[1]["errors"] == ["empty file"]


def test_verbose_output_names_each_brief(reference_export):
    _, out, _ = run(reference_export, "-v", "2")
    assert "created: a-strategic-reset-of-the-us-south-korea-alliance" in out


def test_a_missing_path_is_an_error_without_traceback():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no such file"):
        call_command("import_briefs", str(Path("/nonexistent/export.txt")))


def test_posts_with_the_same_title_on_other_days_are_kept_apart(tmp_path):
    source = tmp_path / "same-title.txt"
    source.write_text(
        post("Weekly Roundup", date="March 3, 2025")
        + "\n"
        + post("Weekly Roundup", date="March 10, 2025")
    )

    status, out, _ = run(source)

    assert status == 0
    assert sorted(Brief.objects.values_list("slug", flat=True)) == [
        "weekly-roundup",
        "weekly-roundup-2025-03-10",
    ]
    assert "0 created" in run(source)[1]


def test_a_post_repeated_in_one_file_is_imported_once(tmp_path):
    source = tmp_path / "twice.txt"
    source.write_text(post() + "\n" + post())

    status, out, _ = run(source, "-v", "2")

    assert status == 0
    assert Brief.objects.count() == 1
    assert "duplicate of post 1" in out


def test_co_authors_keep_their_order_and_bios(tmp_path):
    source = tmp_path / "two-authors.txt"
    source.write_text(
        post(author="Zoe Park")
        .replace("Author: [Zoe Park](#)", "Authors: [Zoe Park](#), [Adam Cho](#)")
        .replace(
            "Zoe Park is Fellow at the Institute.",
            "Zoe Park is Fellow at the Institute. Adam Cho is Professor at a College.",
        )
        .replace("the author's alone", "the authors' own")
    )

    run(source)

    brief = Brief.objects.get()
    assert [a.name for a in brief.ordered_authors()] == ["Zoe Park", "Adam Cho"]
    assert Author.objects.get(name="Adam Cho").bio.startswith("Adam Cho is Professor")


def test_an_author_bio_edited_in_the_admin_is_not_overwritten(tmp_path):
    source = tmp_path / "post.txt"
    source.write_text(post())
    run(source)
    Author.objects.filter(name="Ann Lee").update(bio="Edited bio.")
    source.write_text(post().replace("Body paragraph", "Revised paragraph"))

    run(source)

    assert Author.objects.get(name="Ann Lee").bio == "Edited bio."


def test_importing_for_a_user_needs_their_publish_permission(reference_export):
    from django.core.management import CommandError

    from tests.admin_client import contributor

    contributor()
    with pytest.raises(CommandError, match="may not publish"):
        call_command("import_briefs", str(reference_export), user="contributor")
    assert Brief.objects.count() == 0

    run(reference_export, "--user", "contributor", "--draft")
    assert Brief.objects.filter(status="draft").count() == 3


def test_importing_for_an_editor_records_them_in_the_history(reference_export):
    from tests.admin_client import editor

    editor()
    run(reference_export, "--user", "editor")

    record = Brief.objects.first().history.earliest()
    assert record.history_user.username == "editor"
    assert record.history_change_reason == "Imported by import_briefs for editor"


def test_traceback_only_on_request(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert "Traceback" not in run(empty)[2]
    assert "Traceback" in run(empty, "--traceback")[2]


def test_a_post_without_its_disclosure_is_kept_from_the_public(tmp_path):
    source = tmp_path / "no-disclosure.txt"
    text = post()
    start = text.index("KEI is registered")
    source.write_text(text[:start] + text[text.index("Return to the Peninsula") :])

    status, out, _ = run(source)

    assert status == 0
    assert "no disclosure found in the post: saved as a draft" in out
    brief = Brief.objects.get()
    assert brief.status == Brief.Status.DRAFT and brief.disclosure is None
    assert not Brief.objects.published().exists()


def test_reimport_without_the_disclosure_keeps_the_briefs_own(tmp_path):
    source = tmp_path / "post.txt"
    source.write_text(post())
    run(source)
    text = post().replace("Body paragraph", "Revised paragraph")
    start = text.index("KEI is registered")
    source.write_text(text[:start] + text[text.index("Return to the Peninsula") :])

    status, out, _ = run(source)

    assert status == 0 and "1 updated" in out
    brief = Brief.objects.get()
    assert brief.status == Brief.Status.PUBLISHED
    assert "registered under the FARA" in brief.disclosure.text


def test_an_updated_brief_is_found_by_its_new_words(
    tmp_path, django_capture_on_commit_callbacks
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the stored search vector exists on PostgreSQL only")
    source = tmp_path / "post.txt"
    source.write_text(post())
    run(source)
    source.write_text(post().replace("Body paragraph", "Zeppelin paragraph"))

    with django_capture_on_commit_callbacks(execute=True):
        run(source)

    assert Brief.objects.filter(search_vector="zeppelin").count() == 1
