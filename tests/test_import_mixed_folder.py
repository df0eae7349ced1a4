"""The issue's acceptance scenario: a folder of good and bad text files and PDFs."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from briefs.models import Author, Brief, Disclosure
from tests import pdf_samples
from tests.test_import_command import post

pytestmark = pytest.mark.django_db


def pdf_titled(title, blocks):
    head = [b for b in blocks if b.runs == [(pdf_samples.TITLE, pdf_samples.BOLD)]]
    assert head, "the sample's title block moved"
    head[0].runs = [(title, pdf_samples.BOLD)]
    return pdf_samples.render_pdf(blocks)


def run(*paths, **options):
    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_briefs", *map(str, paths), stdout=out, stderr=err, **options
        )
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    return status, out.getvalue(), err.getvalue()


@pytest.fixture
def mixed_folder(tmp_path, reference_export):
    folder = tmp_path / "exports"
    (folder / "pdf").mkdir(parents=True)
    good = {
        "reference.txt": reference_export.read_bytes(),
        "bom.txt": b"\xef\xbb\xbf" + post("A BOM Brief").encode(),
        "windows.txt": post(
            "Caf\u00e9 Diplomacy \u2013 A \u201cBrief\u201d",
            author="Jos\u00e9 N\u00fa\u00f1ez",
        )
        .replace("\n", "\r\n")
        .encode("cp1252"),
        "notes.md": post("A Markdown Brief").encode(),
        "pdf/one-page.pdf": pdf_titled(
            "A One Page PDF Brief", pdf_samples.one_page_post_blocks()
        ),
        "pdf/two-pages.pdf": pdf_titled(
            "A Two Page PDF Brief", pdf_samples.multi_page_post_blocks()[0]
        ),
    }
    bad = {
        "bad/empty.txt": (b"", "empty file"),
        "bad/binary.txt": (b"\x00\x01\x02", "NUL"),
        "bad/undecodable.txt": (b"THE PENINSULA \x81\x8d\xff", "undecodable"),
        "bad/no-post.txt": (b"Minutes of a meeting.\n", "no post found"),
        "bad/no-date.txt": (
            post().replace("Published March 3, 2025", "").encode(),
            "Published",
        ),
        "bad/bad-date.txt": (post(date="Smarch 44, 2025").encode(), "Smarch 44"),
        "bad/encrypted.pdf": (pdf_samples.encrypted_pdf(), "encrypted"),
        "bad/truncated.pdf": (pdf_samples.truncated_pdf(), "damaged or truncated"),
        "bad/scanned.pdf": (pdf_samples.image_only_pdf(), "no text layer"),
    }
    for name, data in good.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for name, (data, _) in bad.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder, {folder / name: reason for name, (_, reason) in bad.items()}


def test_every_good_post_imports_and_every_bad_file_says_why(mixed_folder):
    folder, bad = mixed_folder

    status, out, err = run(folder)

    assert status == 1
    lines = err.strip().splitlines()
    assert len(lines) == len(bad)
    for path, reason in bad.items():
        line = next(line for line in lines if line.startswith(f"{path}: "))
        assert reason in line
    assert "Traceback" not in err

    titles = set(Brief.objects.values_list("title", flat=True))
    assert {
        "A BOM Brief",
        "Caf\u00e9 Diplomacy \u2013 A \u201cBrief\u201d",
        "A Markdown Brief",
        "A One Page PDF Brief",
        "A Two Page PDF Brief",
    } <= titles
    assert Brief.objects.count() == 3 + 5
    assert Disclosure.objects.count() == 1
    assert Author.objects.filter(name="Jos\u00e9 N\u00fa\u00f1ez").exists()

    pdf_brief = Brief.objects.get(title="A Two Page PDF Brief")
    assert [a.name for a in pdf_brief.ordered_authors()] == [
        "Shihoko Goto",
        "Bruce Klingner",
    ]
    assert str(timezone.localtime(pdf_brief.published_at).date()) == "2025-12-17"
    assert sorted(pdf_brief.categories.names()) == [
        "Indo-Pacific",
        "Japan",
        "U.S.-Korea-Japan",
    ]
    assert pdf_brief.image_credit == "Prime Minister's Office of Japan"
    assert pdf_brief.series.name == "Korea Policy Series"
    assert pdf_samples.CROSSING in pdf_brief.body
    assert pdf_samples.HYPHEN_JOINED in pdf_brief.body
    assert "<h2>Conclusion</h2>" in pdf_brief.body_html
    for chrome in (pdf_samples.PAGE_URL, pdf_samples.NEWSLETTER, pdf_samples.NAV):
        assert chrome not in pdf_brief.body

    status, out, err = run(folder)
    assert status == 1
    assert "0 created, 0 updated, 8 unchanged" in out


def test_the_text_and_pdf_of_one_post_do_not_overwrite_each_other(tmp_path):
    (tmp_path / "a.txt").write_text(
        post(
            "Korea Policy Series: Building Up Japan-South Korea Rapprochement",
            date="December 17, 2025",
        )
    )
    (tmp_path / "b.pdf").write_bytes(pdf_samples.one_page_post_pdf())

    _, first, _ = run(tmp_path)
    _, second, _ = run(tmp_path, verbosity=2)

    assert Brief.objects.count() == 1
    assert "1 created, 0 updated, 1 unchanged" in first
    assert "0 created, 0 updated, 2 unchanged" in second
    assert "same post as" in second
