"""Read stage of the importer: a source file -> export text.

Text files are decoded (UTF-8, UTF-8 with BOM, or Windows-1252) and given LF
newlines; PDFs are read by briefs.importer.pdf into the same shape.

No Django here: the admin upload page and the command both call ``read_bytes`` /
``read_source`` and hand the text to the parser.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import BriefImportError
from .pdf import read_pdf_bytes

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


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the export text of one file; BriefImportError names what is wrong."""
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
    return read_bytes(data, path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Like read_source for content already in memory (an admin upload).

    ``name`` is the file name as uploaded; its suffix picks PDF or text reading.
    """
    _check_size(len(data), max_bytes)
    if not data:
        raise BriefImportError("empty file")
    if Path(name).suffix.lower() == PDF_SUFFIX:
        text = read_pdf_bytes(data)
    else:
        text = decode_text(data)
    if not text.strip():
        raise BriefImportError("empty file")
    return text


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
    """Decode UTF-8 (BOM stripped) or else Windows-1252, with LF newlines."""
    if b"\x00" in data:
        raise BriefImportError("not a text file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            # Strict: the five bytes cp1252 leaves undefined mean it is not cp1252.
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise BriefImportError(
                "undecodable text (neither UTF-8 nor Windows-1252)"
            ) from error
    return text.replace("\r\n", "\n").replace("\r", "\n")
