"""Hostile PDFs written byte by byte: a compression bomb and a file of many pages.

Raw PDF syntax rather than a PDF library, so that the files are exactly as hostile
as intended (a library would refuse, or quietly fix, what an attacker sends).
"""

from __future__ import annotations

import zlib

MB = 1024 * 1024


def pdf_document(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream_object(data: bytes, *, flate: bool = False) -> bytes:
    filters = b" /Filter /FlateDecode" if flate else b""
    return (
        b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream"
    )


def _font() -> bytes:
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def many_pages_pdf(pages: int = 5000) -> bytes:
    """A small file with ``pages`` pages of one line of text each."""
    # 1 catalog, 2 page tree, 3 font, then a page and its content per page.
    kids = b" ".join(b"%d 0 R" % (4 + 2 * index) for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _font(),
    ]
    for index in range(pages):
        content = b"BT /F1 12 Tf 72 720 Td (Page %d) Tj ET" % (index + 1)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % (5 + 2 * index)
        )
        objects.append(stream_object(content))
    return pdf_document(objects)


def deflated_zeros(size: int) -> bytes:
    """zlib data that inflates to ``size`` zero bytes (a multiple of 16 MB).

    Deflating a gigabyte takes seconds; after a full flush the compressor emits the
    same bytes for the same input, so one compressed piece is repeated and the
    zlib header and checksum are written around it.
    """
    piece_size = 16 * MB
    assert size % piece_size == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    compressor.compress(bytes(piece_size))
    compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(bytes(piece_size)) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = compressor.flush(zlib.Z_FINISH)
    # Adler-32 of n zero bytes: A stays 1, B adds 1 per byte.
    checksum = ((size % 65521) << 16) | 1
    return (
        b"\x78\xda" + piece * (size // piece_size) + final + checksum.to_bytes(4, "big")
    )


def inflation_bomb_pdf(inflated_size: int = 1024 * MB) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated_size`` bytes.

    About 1 MB on disk for the default 1 GiB.
    """
    return pdf_document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            _font(),
            stream_object(deflated_zeros(inflated_size), flate=True),
        ]
    )
