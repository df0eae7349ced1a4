"""Read stage of the importer: a source file -> export text.

Text files are decoded (UTF-8, UTF-8 with BOM, or Windows-1252) and given LF
newlines; PDFs are read by briefs.importer.pdf into the same shape.

No Django here: the admin upload page and the command both call ``read_bytes`` /
``read_source`` and hand the text to the parser.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BriefImportError
from .pdf_limits import PdfLimits
from .pdf_sandbox import read_pdf

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".md"})
PDF_SUFFIX = ".pdf"
IMPORTABLE_SUFFIXES = TEXT_SUFFIXES | {PDF_SUFFIX}


# --------------------------------------------------------------------------- files


def iter_source_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path]]:
    """Expand files and folders into (importable files, skipped files).

    Folders are walked recursively in a stable, sorted order; hidden files and
    folders found by the walk (dotfiles, ``.git``) are ignored altogether, while a
    file named explicitly is always taken at its word. A file listed twice is kept
    once. Raises BriefImportError for a path that does not exist.
    """
    importable: list[Path] = []
    skipped: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise BriefImportError(f"no such file or folder: {path}")
        found = _walk_folder(path) if path.is_dir() else [path]
        for file in found:
            key = file.resolve()
            if key in seen:
                continue
            seen.add(key)
            if file.suffix.lower() in IMPORTABLE_SUFFIXES:
                importable.append(file)
            else:
                skipped.append(file)
    return importable, skipped


def _walk_folder(folder: Path) -> Iterator[Path]:
    for root, dirnames, filenames in os.walk(folder):
        # Pruning in place keeps os.walk out of hidden folders and fixes the order.
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(root, name)


# ---------------------------------------------------------------------- reading


@dataclass
class ReadResult:
    """The export text of a file and what reading it had to guess."""

    text: str
    warnings: list[str] = field(default_factory=list)
    # How the file was read: "UTF-8", "UTF-8 with BOM", "UTF-16-LE", "UTF-16-BE",
    # "Windows-1252", "UTF-8 with stray Windows-1252 bytes" or "PDF".
    encoding: str = "UTF-8"


def read_source_text(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, pdf_limits: PdfLimits | None = None
) -> ReadResult:
    """Like read_source, with the warnings of decoding (a fallback encoding)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        # Checked before reading so that a huge file is never loaded into memory.
        _check_size(size, max_bytes)
        data = path.read_bytes()
    except OSError as error:
        raise BriefImportError(
            f"cannot read file ({error.strerror or error})"
        ) from error
    return read_bytes_text(data, path.name, max_bytes=max_bytes, pdf_limits=pdf_limits)


def read_bytes_text(
    data: bytes,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pdf_limits: PdfLimits | None = None,
) -> ReadResult:
    """Like read_bytes, with the warnings of decoding."""
    _check_size(len(data), max_bytes)
    if not data:
        raise BriefImportError("empty file")
    if Path(name).suffix.lower() == PDF_SUFFIX:
        result = ReadResult(*read_pdf(data, pdf_limits), encoding="PDF")
    else:
        result = decode_text_with_warnings(data)
    if not result.text.strip():
        raise BriefImportError("empty file")
    return result


def read_source(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, pdf_limits: PdfLimits | None = None
) -> str:
    """Return the export text of one file; BriefImportError names what is wrong."""
    return read_source_text(path, max_bytes, pdf_limits).text


def read_bytes(
    data: bytes,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    pdf_limits: PdfLimits | None = None,
) -> str:
    """Like read_source for content already in memory (an admin upload).

    ``name`` is the file name as uploaded; its suffix picks PDF or text reading.
    A PDF is read in a sandboxed child process within ``pdf_limits``.
    """
    return read_bytes_text(data, name, max_bytes, pdf_limits).text


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise BriefImportError(
            f"file over the size limit ({_megabytes(size)} MB > "
            f"{_megabytes(max_bytes)} MB)"
        )


def _megabytes(size: int) -> str:
    # Enough decimals that a small test limit does not read "0 MB > 0 MB".
    value = size / (1024 * 1024)
    return f"{value:.1f}" if value >= 1 else f"{value:.3g}"


# ------------------------------------------------------------------------- text


def decode_text(data: bytes) -> str:
    """The text of an export file; see decode_text_with_warnings."""
    return decode_text_with_warnings(data).text


_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What Windows-1252 text plausibly holds beyond ASCII: letters of Western
# languages, typographic punctuation, the euro and NBSP. Its other C1-range
# characters (‚ ƒ ˆ Š ‹ Œ Ž ˜ š › œ ž Ÿ) are what another encoding's bytes look
# like when misread as 1252 (Shift-JIS lead bytes, UTF-8 continuation bytes).
# Latin-1's letters and signs, and the punctuation cp1252 adds (daggers for
# notes, low quotes, guillemets, the per-mille sign), and its few extra letters.
_CP1252_PLAUSIBLE = re.compile("[\u00a0-\u00ff‘’‚“”„–—…•€™†‡‰‹›ŠšŒœŽžŸ]")


def decode_text_with_warnings(data: bytes) -> ReadResult:
    """Decode an export: strict UTF-8 first, fallbacks only where plausible.

    A BOM names the encoding (UTF-8, UTF-16 LE/BE). Without one, the text must
    be valid UTF-8; failing that, Windows-1252 is used only when what it gives
    reads like Western text, and the warning says so. A few stray bytes in
    UTF-8 text are read as Windows-1252 each, named with their line. Anything
    else is refused with the encoding problem in one line. Newlines become LF.
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise BriefImportError(
                    f"invalid {encoding.upper()} text after its byte order mark "
                    f"(at byte {error.start + len(bom)})"
                ) from error
            return _checked(text, [], encoding.upper())
    utf8 = "UTF-8"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        utf8 = "UTF-8 with BOM"
    if b"\x00" in data:
        raise BriefImportError("not a text file (contains NUL bytes)")
    try:
        return _checked(data.decode("utf-8"), [], utf8)
    except UnicodeDecodeError:
        pass
    stray = _utf8_with_stray_bytes(data)
    if stray is not None:
        return stray
    position = _first_invalid_utf8(data)
    problem = (
        f"undecodable text: not UTF-8 (invalid byte 0x{data[position]:02X} on line "
        f"{_line_of(data, position)})"
    )
    try:
        # Strict: the five bytes cp1252 leaves undefined mean it is not cp1252.
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise BriefImportError(f"{problem} nor Windows-1252") from error
    if not _reads_as_cp1252(text):
        raise BriefImportError(
            f"{problem} and not plausible as Windows-1252 (another encoding such "
            "as Shift-JIS or EUC-KR? save the file as UTF-8)"
        )
    return _checked(
        text, ["file is not UTF-8: decoded as Windows-1252 (cp1252)"], "Windows-1252"
    )


def _checked(
    text: str, warnings: list[str], encoding: str, read_as: str = ""
) -> ReadResult:
    if "\x00" in text:
        raise BriefImportError(f"not a text file (NUL characters in {encoding} text)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(text, warnings, read_as or encoding)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _first_invalid_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return 0


# More stray bytes than this and the file is in another encoding, not UTF-8
# with a slip.
_MAX_STRAY_BYTES = 3


def _utf8_with_stray_bytes(data: bytes) -> ReadResult | None:
    """UTF-8 text with a few bytes pasted from a Windows-1252 source."""
    pieces: list[str] = []
    warnings: list[str] = []
    position = 0
    multibyte = False
    while position < len(data):
        try:
            pieces.append(data[position:].decode("utf-8"))
            multibyte = multibyte or any(ord(ch) > 127 for ch in pieces[-1])
            break
        except UnicodeDecodeError as error:
            end = position + error.start
            good = data[position:end].decode("utf-8")
            multibyte = multibyte or any(ord(ch) > 127 for ch in good)
            pieces.append(good)
            byte = data[end : end + 1]
            try:
                char = byte.decode("cp1252")
            except UnicodeDecodeError:
                return None
            if not _CP1252_PLAUSIBLE.fullmatch(char):
                return None
            line = _line_of(data, end)
            warnings.append(
                f"line {line}: byte 0x{byte[0]:02X} is not UTF-8; read it as "
                f"Windows-1252 {char!r}"
            )
            if len(warnings) > _MAX_STRAY_BYTES:
                return None
            pieces.append(char)
            position = end + 1
    if not multibyte:
        # No UTF-8 sequence at all: a Windows-1252 file, not UTF-8 with slips.
        return None
    return _checked(
        "".join(pieces), warnings, "UTF-8", "UTF-8 with stray Windows-1252 bytes"
    )


def _reads_as_cp1252(text: str) -> bool:
    """True when every non-ASCII character is one Western text would hold."""
    beyond_ascii = [index for index, ch in enumerate(text) if ord(ch) > 127]
    if not beyond_ascii:
        return True
    if any(not _CP1252_PLAUSIBLE.fullmatch(text[index]) for index in beyond_ascii):
        return False
    # Western words hold two such letters together at most ("Grüße" has "üß");
    # CJK encodings give long runs.
    positions = set(beyond_ascii)
    pairs = sum(1 for index in beyond_ascii if index + 1 in positions)
    runs_of_three = any(
        index + 1 in positions and index + 2 in positions for index in beyond_ascii
    )
    return not runs_of_three and pairs * 2 <= len(beyond_ascii)
