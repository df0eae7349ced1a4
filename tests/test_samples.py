"""The realistic corpus (tests/samples/): every check of every sample holds, and
what the parser found reaches the pages, feeds and author rows."""

import json
import re
import textwrap
from pathlib import Path

import feedparser
import pytest
from django.core.management import call_command

from briefs.importer.read import read_source_text
from briefs.models import Author, Brief
from tests.sample_checks import (
    SAMPLES,
    check_sample,
    chromium_available,
    pdf_samples,
    text_samples,
)

# The corpus the parser was built on, and the posts written afresh later to try
# it (tests/samples/unseen/, holdout/, fresh3/ and fresh4/, each scored before
# the fixes they led to; see tests/samples/README.md).
ROOTS = [
    SAMPLES,
    SAMPLES / "unseen",
    SAMPLES / "holdout",
    SAMPLES / "fresh3",
    SAMPLES / "fresh4",
    SAMPLES / "fresh5",
    SAMPLES / "fresh6",
    SAMPLES / "fresh7",
    SAMPLES / "fresh8",
    SAMPLES / "fresh9",
    SAMPLES / "fresh10",
    SAMPLES / "fresh11",
    SAMPLES / "fresh12",
    SAMPLES / "fresh13",
    SAMPLES / "fresh14",
    SAMPLES / "fresh15",
    SAMPLES / "fresh16",
    SAMPLES / "fresh17",
    SAMPLES / "fresh18",
]
TEXT_SAMPLES = [sample for root in ROOTS for sample in text_samples(root)]
PDF_SAMPLES = [sample for root in ROOTS for sample in pdf_samples(root)]


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda path: path.name)
def test_text_sample_imports_right(sample):
    result = check_sample(sample)
    assert result.failures() == []


def hard_wrapped(text: str) -> str:
    """As a mail client or a text browser's dump saves it: lines of text broken
    at 72 columns, their indent kept; tables, items and headings left whole."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if len(line) <= 80 or re.match(r"[|#>*-]|\d+[.)]\s", stripped):
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines.extend(
            textwrap.wrap(
                stripped,
                72,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(lines)


# What other tools do to the same export: nothing a reader sees changes.
VARIANTS = {
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "trailing spaces": lambda text: re.sub(r"(?m)(?<=\S)$", "  ", text),
    "two blank lines": lambda text: text.replace("\n\n", "\n\n\n"),
    "hard-wrapped": hard_wrapped,
}
# ... and the encodings other editors save it in.
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with a BOM": lambda text: text.encode("utf-8-sig"),
    "utf-16 le with a BOM": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16 be with a BOM": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "windows-1252 with crlf": lambda text: text.replace("\n", "\r\n").encode("cp1252"),
}


def check_as_saved(sample: Path, data: bytes, tmp_path: Path) -> None:
    target = tmp_path / (sample.stem + ".bin")
    target.write_bytes(data)
    expected = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))
    for post in expected["briefs"] if isinstance(expected, dict) else expected:
        # The file's own encoding warnings go with its bytes, not these.
        post.pop("warnings_have", None)
    target.with_suffix(".json").write_text(json.dumps(expected), encoding="utf-8")
    assert check_sample(target).failures() == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda path: path.name)
def test_text_sample_imports_right_as_other_tools_save_it(sample, variant, tmp_path):
    text = VARIANTS[variant](read_source_text(sample).text)
    check_as_saved(sample, text.encode("utf-8"), tmp_path)


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda path: path.name)
def test_text_sample_imports_right_in_every_encoding(sample, encoding, tmp_path):
    try:
        data = ENCODINGS[encoding](read_source_text(sample).text)
    except UnicodeEncodeError:
        pytest.skip("the post has characters Windows-1252 does not have")
    check_as_saved(sample, data, tmp_path)


@pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium")
@pytest.mark.parametrize("sample", PDF_SAMPLES, ids=lambda path: path.name)
def test_pdf_sample_printed_by_chromium_imports_right(sample, tmp_path):
    result = check_sample(sample, tmp_path)
    assert result.failures() == []


@pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium")
@pytest.mark.parametrize(
    "other_paper, other_chrome",
    [(True, False), (False, True), (True, True)],
    ids=["other paper", "other chrome", "both"],
)
@pytest.mark.parametrize("sample", PDF_SAMPLES, ids=lambda path: path.name)
def test_pdf_sample_imports_right_printed_every_other_way(
    sample, other_paper, other_chrome, tmp_path
):
    """A4 and Letter, with and without the browser's header and footer: the
    sample printed the ways it was not, its text laid out anew."""
    expected = json.loads(sample.with_suffix(".json").read_text(encoding="utf-8"))
    printed = expected["print"]
    paper = printed["paper"]
    if other_paper:
        paper = "Letter" if paper == "A4" else "A4"
    expected["print"] = {"paper": paper, "chrome": printed["chrome"] != other_chrome}
    for post in expected["briefs"]:
        post.pop("warnings_have", None)
    html = re.sub(
        r"(@page\s*\{[^}]*\bsize\s*:\s*)(?:A4|Letter)",
        rf"\g<1>{paper}",
        sample.read_text(encoding="utf-8"),
        flags=re.IGNORECASE,
    )
    target = tmp_path / sample.name
    target.write_text(html, encoding="utf-8")
    target.with_suffix(".json").write_text(json.dumps(expected), encoding="utf-8")
    assert check_sample(target, tmp_path).failures() == []


def import_sample(name: str, tmp_path: Path) -> None:
    source = SAMPLES / "text" / name
    target = tmp_path / (source.stem + ".txt")
    target.write_bytes(source.read_bytes())
    call_command("import_briefs", str(target), verbosity=0)


@pytest.mark.django_db
def test_updated_date_on_the_page_in_json_ld_and_atom(client, tmp_path):
    import_sample("2024_last_updated.txt", tmp_path)
    brief = Brief.objects.get()
    assert brief.updated_on.isoformat() == "2024-03-06"
    page = client.get(brief.get_absolute_url()).content.decode()
    assert '<time class="updated" datetime="2024-03-06">March 6, 2024</time>' in page
    ld = page.split('type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(ld)["dateModified"].startswith("2024-03-06")
    atom = feedparser.parse(client.get("/feeds/atom/").content)
    assert atom.entries[0].updated.startswith("2024-03-06")


@pytest.mark.django_db
def test_one_person_is_one_author_however_they_signed(client, tmp_path):
    import_sample("2016_honorifics_two_posts.txt", tmp_path)
    morrow = Author.objects.get(slug="kent-morrow")
    assert morrow.name == "Kent Morrow"
    assert morrow.honorific == "Dr."
    assert morrow.briefs.count() == 2
    assert "Professor at the School" in morrow.bio
    assert Author.objects.count() == 2


@pytest.mark.django_db
def test_invisible_characters_reach_no_stored_field(tmp_path):
    import_sample("2018_invisible_characters.txt", tmp_path)
    brief = Brief.objects.get()
    stored = [brief.title, brief.slug, brief.body, brief.summary, brief.image_credit]
    stored += [a.name for a in Author.objects.all()] + [
        a.slug for a in Author.objects.all()
    ]
    stored += [a.bio for a in Author.objects.all()]
    stored += [t.name for t in brief.categories.all()]
    for text in stored:
        assert not any(ch in text for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad")
        assert "\u00a0" not in text


@pytest.mark.django_db
def test_notes_become_an_ordered_list_with_links_both_ways(client, tmp_path):
    import_sample("2025_endnotes.txt", tmp_path)
    page = client.get(Brief.objects.get().get_absolute_url()).content.decode()
    assert (
        '<sup id="ref-1"><a class="note-ref" href="#note-1" rel="noopener">1</a></sup>'
        in page
    )
    assert '<li id="note-3">Asan Institute' in page
    assert 'class="note-back" href="#ref-3"' in page
    assert "[1]" not in page


@pytest.mark.django_db
def test_pipe_tables_render_as_tables(client, tmp_path):
    import_sample("2020_pipe_table.txt", tmp_path)
    page = client.get(Brief.objects.get().get_absolute_url()).content.decode()
    assert "<th>Share of exports</th>" in page
    assert "<td>ASEAN</td>" in page
    assert "| Market |" not in page


def test_only_note_ids_and_classes_survive_sanitizing():
    from briefs.rendering import render_body

    html = render_body(
        '<a id="login" class="button" href="#note-1">x</a> <sup id="ref-2">2</sup>'
    )
    assert 'id="login"' not in html and 'class="button"' not in html
    assert '<sup id="ref-2">' in html


def test_a_body_sentence_starting_with_by_is_not_a_byline():
    from briefs.importer.parse import parse_export

    text = (SAMPLES / "text" / "2012_no_byline.txt").read_text()
    text = text.replace("Six students", "By Seoul's standards, six students")
    (brief,) = parse_export(text)
    assert brief.authors == []
    assert brief.body.startswith("By Seoul's standards, six students")


@pytest.mark.parametrize("heading", ["Works Cited", "Bibliography", "Citations"])
def test_every_notes_heading_the_importer_knows_links_its_notes(heading):
    from briefs.rendering import render_body

    html = render_body(f"Seoul raised the budget.[1]\n\n## {heading}\n\n1. A note.\n")
    assert 'class="note-ref" href="#note-1"' in html
    assert '<li id="note-1">' in html and 'href="#ref-1"' in html
