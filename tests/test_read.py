"""The read stage: files and folders -> export text (no database needed)."""

from __future__ import annotations

import codecs
import html
import re
import subprocess
from pathlib import Path

import pytest

from briefs.importer.errors import BriefImportError
from briefs.importer.parse import parse_export
from briefs.importer.read import (
    iter_source_files,
    read_bytes,
    read_bytes_text,
    read_source,
)
from tests import pdf_samples as samples
from tests.chromium import CHROMIUM, CHROMIUM_ARGS

POST = (
    "THE PENINSULA\n\nTitle\n\nPublished December 17, 2025\n\n"
    "Author: [José Müller](#)\n\nBody “quoted” — text.\n\nReturn to the Peninsula\n"
)


# The read stage needs no Django: these replace the project's autouse fixtures
# (media folder, cache) so that the file also runs with ``-p no:django``.
@pytest.fixture(autouse=True)
def isolated_media():
    yield


@pytest.fixture(autouse=True)
def fresh_cache():
    yield


def paragraphs(text: str) -> list[str]:
    # A list's end is written with one blank line more (see read._render_paragraphs).
    return re.split(r"\n{2,}", text)


def paragraph_with(text: str, needle: str) -> str:
    found = [par for par in paragraphs(text) if needle in par]
    assert len(found) == 1, f"{needle!r} in {len(found)} paragraphs"
    return found[0]


# ------------------------------------------------------------------------ files


def touch(path: Path, content: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    return path


def test_folders_are_walked_in_sorted_order_with_other_files_skipped(tmp_path):
    touch(tmp_path / "b.txt")
    touch(tmp_path / "A.PDF")
    touch(tmp_path / "a.md")
    touch(tmp_path / "sub" / "c.Txt")
    touch(tmp_path / "sub" / "deeper" / "d.md")
    touch(tmp_path / "notes.docx")
    touch(tmp_path / "sub" / "image.png")
    touch(tmp_path / ".hidden.txt")
    touch(tmp_path / ".git" / "config.txt")

    importable, skipped = iter_source_files([tmp_path])

    assert [p.relative_to(tmp_path).as_posix() for p in importable] == [
        "A.PDF",
        "a.md",
        "b.txt",
        "sub/c.Txt",
        "sub/deeper/d.md",
    ]
    assert [p.relative_to(tmp_path).as_posix() for p in skipped] == [
        "notes.docx",
        "sub/image.png",
    ]


def test_files_and_folders_mix_in_the_given_order_and_repeat_once(tmp_path):
    single = touch(tmp_path / "z.txt")
    touch(tmp_path / "folder" / "a.txt")

    importable, skipped = iter_source_files([str(single), tmp_path / "folder", single])

    assert importable == [single, tmp_path / "folder" / "a.txt"]
    assert skipped == []


def test_missing_path_is_reported(tmp_path):
    with pytest.raises(BriefImportError, match="no such file or folder"):
        iter_source_files([tmp_path / "nope.txt"])


# ------------------------------------------------------------------------- text


def test_utf8_text_is_returned_as_is():
    assert read_bytes(POST.encode("utf-8"), "post.txt") == POST


def test_utf8_bom_is_stripped():
    text = read_bytes(b"\xef\xbb\xbf" + POST.encode("utf-8"), "post.md")
    assert text == POST


def test_windows_1252_decodes_quotes_dashes_and_accents():
    text = read_bytes(POST.encode("cp1252"), "post.txt")
    assert "Author: [José Müller](#)" in text
    assert "Body “quoted” — text." in text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(newline):
    text = read_bytes(POST.replace("\n", newline).encode("utf-8"), "post.txt")
    assert text == POST


def test_read_source_reads_a_file_from_disk(tmp_path):
    path = tmp_path / "post.txt"
    path.write_bytes(POST.replace("\n", "\r\n").encode("cp1252"))
    assert read_source(path) == POST


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\n ", "empty file"),
        (b"THE PENINSULA\x00\x00", r"not a text file \(contains NUL bytes\)"),
        # Invalid UTF-8, and 0x81/0x8D are undefined in Windows-1252.
        (
            b"caf\xc3 \x81\x8d",
            r"undecodable text: not UTF-8 \(invalid byte 0xC3 on line 1\) nor "
            r"Windows-1252",
        ),
        # Shift-JIS decodes as Windows-1252, but as nothing a reader could read.
        (
            "THE PENINSULA\n日韓関係の未来 (東京)\n".encode("shift_jis"),
            r"undecodable text: not UTF-8 \(invalid byte 0x93 on line 2\) and not "
            r"plausible as Windows-1252 \(another encoding such as Shift-JIS or "
            r"EUC-KR\? save the file as UTF-8\)",
        ),
        (
            "한국어 텍스트".encode("euc-kr"),
            r"undecodable text: not UTF-8 \(invalid byte 0xC7 on line 1\) and not "
            r"plausible as Windows-1252 .*",
        ),
        # Binary stays refused, even behind what looks like a UTF-16 BOM.
        (codecs.BOM_UTF16_LE + b"\x00\xd8", r"invalid UTF-16-LE text .*"),
    ],
)
def test_bad_text_is_refused_with_a_specific_reason(data, reason):
    with pytest.raises(BriefImportError, match=f"^{reason}$"):
        read_bytes(data, "post.txt")


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_a_bom_is_decoded(bom, encoding):
    data = bom + POST.replace("\n", "\r\n").encode(encoding)
    result = read_bytes_text(data, "post.txt")
    assert result.text == POST
    assert result.warnings == []


def test_windows_1252_fallback_is_named_in_a_warning():
    result = read_bytes_text(POST.encode("cp1252"), "post.txt")
    assert result.warnings == ["file is not UTF-8: decoded as Windows-1252 (cp1252)"]


def test_a_stray_byte_in_utf8_is_read_alone_and_named():
    data = POST.encode("utf-8").replace(b"Body", b"Caf\xe9 body")
    result = read_bytes_text(data, "post.txt")
    assert "Café body “quoted” — text." in result.text
    assert "José Müller" in result.text
    (warning,) = result.warnings
    assert re.fullmatch(
        r"line \d+: byte 0xE9 is not UTF-8; read it as Windows-1252 'é'", warning
    )


def test_fallback_warnings_reach_the_import_report(tmp_path, db):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "post.txt"
    path.write_bytes(samples_text("2022_utf16_le.bin").encode("cp1252"))
    out = StringIO()
    call_command("import_briefs", str(path), stdout=out)
    assert "decoded as Windows-1252" in out.getvalue()


def samples_text(name):
    return (Path(__file__).parent / "samples" / "text" / name).read_text("utf-16")


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 3000)
    with pytest.raises(BriefImportError, match=r"file over the size limit \(.* MB >"):
        read_source(path, max_bytes=1000)
    with pytest.raises(BriefImportError, match="over the size limit"):
        read_bytes(b"x" * 3000, "big.txt", max_bytes=1000)


def test_unreadable_path_is_a_import_error(tmp_path):
    with pytest.raises(BriefImportError, match="cannot read file"):
        read_source(tmp_path / "gone.txt")


# -------------------------------------------------------------------------- PDF

PRINT_CHROME = [
    samples.PRINT_DATE,
    samples.PAGE_URL,
    "1/2",
    "2/2",
    "| KEI",
    samples.NAV,
    samples.NEWSLETTER,
    samples.COPYRIGHT,
]


@pytest.fixture(scope="module")
def one_page_text() -> str:
    return read_bytes(samples.one_page_post_pdf(), "post.pdf")


@pytest.fixture(scope="module")
def multi_page_text() -> str:
    return read_bytes(samples.multi_page_post_pdf(), "post.PDF")


def test_pdf_post_keeps_the_markers_and_drops_the_page_chrome(one_page_text):
    assert one_page_text.startswith("THE PENINSULA\n\n")
    assert one_page_text.endswith("\n\nReturn to the Peninsula")
    for chrome in PRINT_CHROME:
        assert chrome not in one_page_text


def test_pdf_metadata_lines_stand_alone(one_page_text):
    pars = paragraphs(one_page_text)
    assert pars[1] == samples.TITLE  # the title's two lines are one paragraph
    assert pars[2:5] == [
        "Published December 17, 2025",
        "Authors: Shihoko Goto, Bruce Klingner",
        "Category: Indo-Pacific, Japan, U.S.-Korea-Japan",
    ]


def test_pdf_headings_bullets_and_paragraphs(one_page_text):
    pars = paragraphs(one_page_text)
    assert samples.SERIES_NOTE in pars
    assert "Executive Summary" in pars
    assert samples.SUMMARY in pars
    assert "Policy Recommendation" in pars
    assert f"- {samples.BULLET_HEAD}{samples.BULLET_TEXT}" in pars
    assert f"- {samples.BULLET_TWO}" in pars
    assert f"{samples.RUN_IN_HEAD}{samples.RUN_IN_TEXT}" in pars
    assert pars[-4:-1] == [samples.BIO, samples.CREDIT, samples.DISCLOSURE]


def test_pdf_paragraph_across_the_page_break_stays_one(multi_page_text):
    continued = paragraph_with(multi_page_text, samples.CROSSING_START)
    assert continued == samples.CROSSING
    assert samples.CROSSING_END in continued
    assert paragraphs(multi_page_text)[-6] == "Conclusion"


def test_pdf_running_header_and_footer_are_gone_on_every_page(multi_page_text):
    for chrome in PRINT_CHROME:
        assert chrome not in multi_page_text


def test_pdf_hyphenation_is_undone_but_compounds_keep_their_hyphen(multi_page_text):
    assert samples.HYPHEN_JOINED in paragraphs(multi_page_text)
    assert "alli-" not in multi_page_text


def test_pdf_multi_page_paragraphs_are_never_merged(multi_page_text):
    # Every paragraph written into the sample comes out exactly as one paragraph.
    pars = paragraphs(multi_page_text)
    for expected in [samples.SERIES_NOTE, samples.SUMMARY, samples.BIO]:
        assert expected in pars
    assert pars.count("- " + samples.BULLET_TWO) == 1


def test_pdf_first_line_indent_starts_a_paragraph():
    text = read_bytes(samples.indented_paragraphs_pdf(), "indented.pdf")
    assert paragraphs(text).count(samples.FILLER) == 3


def test_pdf_is_read_from_disk_too(tmp_path):
    path = tmp_path / "post.pdf"
    path.write_bytes(samples.one_page_post_pdf())
    assert read_source(path).startswith("THE PENINSULA\n\nKorea Policy Series")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (samples.encrypted_pdf(), r"encrypted PDF \(password protected\)"),
        (samples.truncated_pdf(), "damaged or truncated PDF"),
        (b"%PDF-1.4\n" + b"garbage " * 50 + b"\n%%EOF\n", "damaged or truncated PDF"),
        (b"hello, not a pdf at all", r"not a PDF file \(no %PDF header\)"),
        (
            samples.image_only_pdf(),
            r"PDF has no text layer \(scanned image; OCR is not supported\)",
        ),
        (samples.image_only_pdf(with_print_chrome=True), "PDF has no text layer"),
    ],
    ids=["encrypted", "truncated", "garbage", "not-pdf", "image", "image+chrome"],
)
def test_bad_pdfs_are_refused_with_a_specific_reason(data, reason):
    with pytest.raises(BriefImportError, match=f"^{reason}"):
        read_bytes(data, "post.pdf")


# ------------------------------------------------------- a real browser's print


REFERENCE = "000_22d010634ea7d674.txt"


def print_to_pdf(page: Path, pdf: Path) -> None:
    subprocess.run(
        [str(CHROMIUM), *CHROMIUM_ARGS, f"--print-to-pdf={pdf}", page.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )


POST_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title} | KEI</title>
<style>body {{ font-family: sans-serif; font-size: 15px; line-height: 1.5;
max-width: 40em; margin: auto; }} h1 {{ font-size: 30px; }}</style></head>
<body>
<nav>KEI &nbsp; Research &nbsp; Events &nbsp; The Peninsula &nbsp; About</nav>
<article>
<p><b>THE PENINSULA</b></p>
<h1>{title}</h1>
<p>Published December 17, 2025</p>
<p>Authors: <a href="#">Shihoko Goto</a>, <a href="#">Bruce Klingner</a></p>
<p>Category: <a href="#">Indo-Pacific</a>, <a href="#">Japan</a></p>
<p>{note}</p>
<h2>Executive Summary</h2>
{body}
<ul><li><b>Developing economic alliances:</b> {bullet}</li>
<li>Strengthening bilateral ties within existing multilateral frameworks.</li></ul>
<h2>Conclusion</h2>
<p>{crossing}</p>
<p>{bio}</p>
<p>{disclosure}</p>
<p><a href="#">Return to the Peninsula</a></p>
</article>
<footer><p>{newsletter}</p><p>{copyright}</p></footer>
</body></html>
"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_real_browser_print_reads_as_an_export(tmp_path):
    page = tmp_path / "post.html"
    page.write_text(
        POST_HTML.format(
            title=samples.TITLE,
            note=samples.SERIES_NOTE,
            body="\n".join(f"<p>{samples.FILLER}</p>" for _ in range(5)),
            bullet=samples.BULLET_TEXT,
            crossing=samples.CROSSING,
            bio=samples.BIO,
            disclosure=samples.DISCLOSURE,
            newsletter=samples.NEWSLETTER,
            copyright=samples.COPYRIGHT,
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "post.pdf"
    print_to_pdf(page, pdf)

    text = read_source(pdf)

    pars = paragraphs(text)
    assert pars[0] == "THE PENINSULA"
    assert pars[-1] == "Return to the Peninsula"
    assert pars[1] == samples.TITLE
    assert "Published December 17, 2025" in pars
    assert "Authors: Shihoko Goto, Bruce Klingner" in pars
    assert "Executive Summary" in pars
    assert pars.count(samples.FILLER) == 5
    assert samples.CROSSING in pars
    assert samples.DISCLOSURE in pars
    assert f"- Developing economic alliances:{samples.BULLET_TEXT}" in pars
    assert f"- {samples.BULLET_TWO}" in pars
    for chrome in [samples.NEWSLETTER, samples.COPYRIGHT, "file://", "1/2", "| KEI"]:
        assert chrome not in text


def export_to_html(export: str) -> tuple[str, list[str]]:
    """The reference export as a post page, and the paragraphs it should give."""
    parts, expected = [], []
    for chunk in (line for line in export.splitlines() if line.strip()):
        text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", chunk).replace("*", "")
        if text.startswith("- "):
            parts.append(f"<ul><li>{html.escape(text[2:])}</li></ul>")
        elif text in ("Executive Summary", "Policy Recommendation", "Conclusion"):
            parts.append(f"<h2>{html.escape(text)}</h2>")
        else:
            parts.append(f"<p>{html.escape(text)}</p>")
        expected.append(text)
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><title>The Peninsula'
        " | KEI</title><style>body {font-family: sans-serif; font-size: 15px;"
        " line-height: 1.5; max-width: 40em; margin: auto}</style></head><body>"
        f"<nav>KEI Research Events About</nav>{''.join(parts)}"
        f"<footer><p>{samples.NEWSLETTER}</p></footer></body></html>"
    )
    return page, expected


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_real_browser_print_of_the_reference_export_keeps_every_paragraph(tmp_path):
    export = (Path(__file__).parent.parent / "seeds" / REFERENCE).read_text()
    page, expected = export_to_html(export)
    html_path = tmp_path / "reference.html"
    html_path.write_text(page, encoding="utf-8")
    pdf = tmp_path / "reference.pdf"
    print_to_pdf(html_path, pdf)

    text = read_source(pdf)

    # Six pages, three posts: paragraphs ending at a page foot stay apart, and the
    # ones running over a page break stay whole.
    assert paragraphs(text.replace("\n\n\n", "\n\n")) == expected


TABLE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Fabs | KEI</title>
<style>body {{ font-family: sans-serif; font-size: 15px; line-height: 1.5;
max-width: 34em; margin: auto; }} sup {{ font-size: 9px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 12px; }}
th, td {{ border: 1px solid #999; padding: 3px 6px; }}</style></head>
<body><article>
<p><b>THE PENINSULA</b></p>
<h1>Where the Fabs Are</h1>
<p>Published September 12, 2024</p>
<p>Author: <a href="#">Kim Soo-yeon</a></p>
<p>Category: <a href="#">Trade</a></p>
<p>The plants account for a large share of each company's output, as the
table shows, and a long sentence runs on to wrap before its marker.<sup>[1]</sup>
The paragraph goes on after the marker.</p>
<table>
<tr><th>Company</th><th>Site</th><th>Approximate share of the firm's output</th></tr>
<tr><td>Samsung Electronics</td><td>Xi'an</td><td>about 40 percent of its NAND flash
memory, the firm's largest single plant abroad</td></tr>
<tr><td>SK hynix</td><td>Wuxi</td><td>about 40 percent of DRAM</td></tr>
</table>
<p>Source: company disclosures.</p>
<p>Moving that capacity would take years.</p>
<p>{disclosure}</p>
<p><a href="#">Return to the Peninsula</a></p>
</article></body></html>
"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_a_ruled_table_reads_cell_by_cell_and_a_superscript_stays_in_its_line(
    tmp_path,
):
    page = tmp_path / "table.html"
    page.write_text(TABLE_HTML.format(disclosure=samples.DISCLOSURE), encoding="utf-8")
    pdf = tmp_path / "table.pdf"
    print_to_pdf(page, pdf)

    text = read_source(pdf)

    assert (
        "| Company | Site | Approximate share of the firm's output |\n"
        "| --- | --- | --- |\n"
        "| Samsung Electronics | Xi'an | about 40 percent of its NAND flash memory,"
        " the firm's largest single plant abroad |\n"
        "| SK hynix | Wuxi | about 40 percent of DRAM |"
    ) in text
    assert "wrap before its marker.[1] The paragraph goes on" in text
    assert "Moving that capacity would take years." in paragraphs(text)
    (brief,) = parse_export(text)
    assert brief.body.count("| SK hynix | Wuxi |") == 1
    assert "Samsung Electronics Xi" not in brief.body
