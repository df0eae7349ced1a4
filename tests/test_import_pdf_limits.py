"""Hostile PDFs are refused quickly with a one-line reason, from the command and
the admin, and pdfminer runs where it cannot take the web worker down."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from briefs.importer.errors import BriefImportError
from briefs.importer.pdf_limits import MB, PdfLimits, check_inflated_size
from briefs.importer.pdf_sandbox import read_pdf
from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.hostile_pdfs import (
    deflated_zeros,
    inflation_bomb_pdf,
    many_pages_pdf,
    pdf_document,
    stream_object,
)
from tests.pdf_samples import one_page_post_pdf

pytestmark = pytest.mark.django_db
URL = "/admin/briefs/brief/import/"

BOMB_REASON = "PDF streams inflate past 128 MB"
PAGES_REASON = "PDF has 5000 pages (limit 200)"


@pytest.fixture(scope="module")
def bomb():
    data = inflation_bomb_pdf(1024 * MB)
    assert len(data) < 1.1 * MB  # a 1 MB file that inflates to 1 GiB
    return data


@pytest.fixture(scope="module")
def many_pages():
    return many_pages_pdf(5000)


def run_import(*paths):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_briefs", *map(str, paths), stdout=out, stderr=err)
    return exit_info.value.code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("fixture", "reason"), [("bomb", BOMB_REASON), ("many_pages", PAGES_REASON)]
)
def test_the_command_refuses_a_hostile_pdf_and_imports_the_next_file(
    request, tmp_path, reference_export, fixture, reason
):
    hostile = tmp_path / "a-hostile.pdf"
    hostile.write_bytes(request.getfixturevalue(fixture))
    good = tmp_path / "b-good.txt"
    good.write_bytes(reference_export.read_bytes())

    code, out, err = run_import(hostile, good)

    assert code == 1
    assert err.strip().splitlines() == [f"{hostile}: {err.split(': ', 1)[1].strip()}"]
    assert reason in err
    assert f"{good}: created" in out
    assert Brief.objects.count() == 3


def test_the_json_report_names_the_limit(tmp_path, many_pages):
    path = tmp_path / "many.pdf"
    path.write_bytes(many_pages)
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_briefs", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())[0]["errors"] == [PAGES_REASON]


@pytest.mark.parametrize(
    ("fixture", "reason"), [("bomb", BOMB_REASON), ("many_pages", PAGES_REASON)]
)
def test_the_admin_dry_run_refuses_a_hostile_pdf(request, fixture, reason):
    client = client_for(editor())
    page = client.get(URL)
    upload = SimpleUploadedFile("hostile.pdf", request.getfixturevalue(fixture))
    response = client.post(URL, {**form_data(page), "files": [upload]})

    assert response.status_code == 200
    text = response.content.decode()
    assert "hostile.pdf" in text and reason in text
    assert "No file can be imported" in text


def test_the_page_limit_is_a_setting(settings, tmp_path):
    settings.IMPORT_PDF_MAX_PAGES = 20
    path = tmp_path / "thirty.pdf"
    path.write_bytes(many_pages_pdf(30))
    code, _, err = run_import(path)
    assert code == 1 and "PDF has 30 pages (limit 20)" in err


def test_a_lying_page_count_is_not_believed():
    data = many_pages_pdf(300).replace(b"/Count 300", b"/Count   3")
    with pytest.raises(BriefImportError, match=r"PDF has over 200 pages \(limit 200\)"):
        read_pdf(data)


def test_streams_are_counted_together():
    # Ten streams of 16 MB each: none is over 100 MB alone, together they are.
    piece = stream_object(deflated_zeros(16 * MB), flate=True)
    data = pdf_document([b"<< /Type /Catalog >>", *[piece] * 10])
    with pytest.raises(BriefImportError, match="inflate past 100 MB"):
        check_inflated_size(data, 100 * MB)
    check_inflated_size(data, 200 * MB)


def test_the_sandbox_turns_memory_exhaustion_into_a_reason(bomb):
    # With the stream cap out of the way, pdfminer inflates the gigabyte and
    # meets the address-space limit of its process.
    limits = PdfLimits(max_inflated_bytes=4096 * MB, max_memory_bytes=400 * MB)
    with pytest.raises(BriefImportError, match="PDF reading needed over 400 MB"):
        read_pdf(bomb, limits)


def test_the_sandbox_turns_a_cpu_overrun_into_a_reason():
    limits = PdfLimits(max_pages=100_000, max_cpu_seconds=1)
    # Over the CPU limit, or (on a busy machine) the wall clock bound after it.
    with pytest.raises(BriefImportError, match=r"PDF reading took over [0-9]+ s"):
        read_pdf(many_pages_pdf(5000), limits)


def test_an_ordinary_pdf_reads_the_same_in_and_out_of_the_sandbox():
    data = one_page_post_pdf()
    assert read_pdf(data) == read_pdf(data, PdfLimits(sandbox=False))
    text, _dropped = read_pdf(data)
    assert "Return to the Peninsula" in text
