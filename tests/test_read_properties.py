"""Random and mutated files through the read stage: a text or the importer's error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.importer.errors import BriefImportError
from briefs.importer.parse import parse_export
from briefs.importer.read import read_bytes
from tests import pdf_samples

ONE_PAGE_PDF = pdf_samples.one_page_post_pdf()


def read_and_parse(data: bytes, name: str):
    try:
        text = read_bytes(data, name, max_bytes=1024 * 1024)
    except BriefImportError:
        return
    assert isinstance(text, str)
    assert "\r" not in text
    try:
        briefs = parse_export(text)
    except BriefImportError:
        return
    assert isinstance(briefs, list)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096), st.sampled_from(["x.txt", "x.md"]))
def test_random_bytes_as_text(data, name):
    read_and_parse(data, name)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_as_pdf(data):
    read_and_parse(data, "x.pdf")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(ONE_PAGE_PDF) - 1), st.binary(min_size=1, max_size=8)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_damaged_pdf_is_read_or_refused(patches):
    data = bytearray(ONE_PAGE_PDF)
    for offset, replacement in patches:
        data[offset : offset + len(replacement)] = replacement
    read_and_parse(bytes(data), "x.pdf")


def test_a_damaged_object_in_a_pdf_is_refused_cleanly():
    # Found by the property test above: pdfminer raised a bare TypeError.
    data = bytearray(ONE_PAGE_PDF)
    data[542:543] = b"\x00"
    try:
        read_bytes(bytes(data), "x.pdf")
    except BriefImportError as error:
        assert "damaged" in str(error)


@pytest.mark.parametrize("cut", [10, 100, 1000, len(ONE_PAGE_PDF) - 10])
def test_a_pdf_cut_anywhere_is_refused_cleanly(cut):
    with pytest.raises(BriefImportError):
        read_bytes(ONE_PAGE_PDF[:cut], "x.pdf")
