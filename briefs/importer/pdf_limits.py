"""Cheap checks that turn a hostile PDF down before pdfminer lays it out.

pdfminer inflates every stream in full and walks every page it is given, so a
small file can ask it for gigabytes or hours. These checks look first, with
bounded work: the streams are inflated in small chunks and only counted, and the
page tree is walked no further than the limit. What they cannot foresee is held by
the address-space and CPU limits of the sandbox (briefs.importer.pdf_sandbox).

No Django here.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from itertools import islice

from .errors import BriefImportError

MB = 1024 * 1024

# The keyword that opens a stream's data; "endstream" is not one.
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_STREAM_END = b"endstream"
# Inflated in pieces of this size so that a bomb never sits in memory whole.
_INFLATE_CHUNK = 4 * MB


@dataclass(frozen=True)
class PdfLimits:
    """What one PDF may cost; the defaults are those of the settings."""

    max_pages: int = 200
    max_inflated_bytes: int = 128 * MB
    max_memory_bytes: int = 1024 * MB
    max_cpu_seconds: int = 20
    # Off only for code that already runs in a sandbox of its own.
    sandbox: bool = True


def check_pdf_limits(data: bytes, limits: PdfLimits) -> None:
    """Raise BriefImportError when the file is over a limit."""
    check_inflated_size(data, limits.max_inflated_bytes)
    check_page_count(data, limits.max_pages)


def check_inflated_size(data: bytes, max_bytes: int) -> None:
    """Refuse a file whose Flate streams inflate past ``max_bytes`` in total.

    Every ``stream`` keyword of the raw file is tried as the start of zlib data,
    whatever the dictionary says: a filter name can be hidden in an object stream
    or behind an indirect reference, the bytes cannot.
    """
    view = memoryview(data)
    total = 0
    for match in _STREAM_START.finditer(data):
        start = match.end()
        end = data.find(_STREAM_END, start)
        stop = end if end != -1 else len(data)
        total += _inflated_size(view[start:stop], max_bytes - total)
        if total > max_bytes:
            raise BriefImportError(
                f"PDF streams inflate past {max_bytes // MB} MB "
                "(compression bomb or oversized content)"
            )


def _inflated_size(compressed: memoryview, budget: int) -> int:
    """What the zlib data at the start of ``compressed`` inflates to (to budget+1)."""
    inflater = zlib.decompressobj()
    size = 0
    pending: bytes | memoryview = compressed
    try:
        while pending and not inflater.eof and size <= budget:
            size += len(inflater.decompress(pending, _INFLATE_CHUNK))
            pending = inflater.unconsumed_tail
    except zlib.error:
        # Not zlib data (an image, plain text) or damaged: pdfminer decides.
        pass
    return size


def check_page_count(data: bytes, max_pages: int) -> None:
    """Refuse a file with more than ``max_pages`` pages, walking no further."""
    try:
        declared, walked = _page_counts(data, max_pages)
    except Exception:  # noqa: BLE001 - any damage is the reader's to report
        # The reader refuses a file pdfminer cannot open, with its own reason.
        return
    # A declared count over the limit is refused as well: pdfminer's fallback
    # for a damaged page tree finds the pages without it.
    if max(walked, declared or 0) > max_pages:
        count = declared if declared and declared > max_pages else None
        pages = f"{count} pages" if count else f"over {max_pages} pages"
        raise BriefImportError(f"PDF has {pages} (limit {max_pages})")


def _page_counts(data: bytes, max_pages: int) -> tuple[int | None, int]:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    declared = None
    pages = resolve1(document.catalog.get("Pages"))
    if isinstance(pages, dict):
        count = resolve1(pages.get("Count"))
        declared = count if isinstance(count, int) else None
    # /Count can lie; the walk is what pdfplumber would lay out.
    walked = sum(1 for _ in islice(PDFPage.create_pages(document), max_pages + 1))
    return declared, walked
