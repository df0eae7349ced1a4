"""One file through read -> parse -> store; shared by the command and the admin page."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError

from .errors import BriefImportError
from .parse import parse_export
from .pdf_limits import PdfLimits
from .read import ReadResult, read_bytes_text, read_source_text
from .report_json import file_entry
from .store import BriefOutcome, StoreOptions, store_file

FAILED = "failed"


@dataclass
class FileReport:
    path: str
    status: str = ""
    briefs: list[BriefOutcome] = field(default_factory=list)
    error: str = ""
    # How the file was decoded (read.ReadResult.encoding); empty when unreadable.
    encoding: str = ""
    # Kept for --traceback: where in the importer the file was turned down.
    exception: BaseException | None = field(default=None, repr=False)

    @property
    def warnings(self):
        return [w for outcome in self.briefs for w in outcome.warnings]

    def as_dict(self):
        """The file's entry in `import_briefs --json` (shape: report_json)."""
        return file_entry(self)


def summarize_status(outcomes: list[BriefOutcome]) -> str:
    actions = {o.action for o in outcomes}
    return actions.pop() if len(actions) == 1 else "mixed"


def import_text(
    text: str,
    name: str,
    options: StoreOptions,
    read_warnings: list[str] = (),
    encoding: str = "",
) -> FileReport:
    report = FileReport(path=name, encoding=encoding)
    try:
        report.briefs = _store_with_retry(text, name, options)
    except BriefImportError as error:
        report.status, report.error, report.exception = FAILED, str(error), error
        return report
    except DatabaseError as error:
        # Nothing of the file was written (one transaction); the next file and
        # the report still go on.
        report.status, report.exception = FAILED, error
        report.error = f"database error: {_first_line(error)}"
        return report
    # How the file was decoded concerns each of its briefs' text.
    for outcome in report.briefs:
        outcome.warnings = [*read_warnings, *outcome.warnings]
        if outcome.report is not None:
            outcome.report.decisions[:0] = [("encoding", w) for w in read_warnings]
    report.status = summarize_status(report.briefs)
    return report


def _store_with_retry(text: str, name: str, options: StoreOptions):
    try:
        return store_file(parse_export(text), name, options)
    except IntegrityError:
        # Another import of the same posts committed between this one's lookups
        # and its writes. Its transaction rolled back; planned again, the posts
        # are found and reported unchanged or updated.
        return store_file(parse_export(text), name, options)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def pdf_limits() -> PdfLimits:
    return PdfLimits(
        max_pages=settings.IMPORT_PDF_MAX_PAGES,
        max_inflated_bytes=settings.IMPORT_PDF_MAX_INFLATED_BYTES,
        max_memory_bytes=settings.IMPORT_PDF_MAX_MEMORY_BYTES,
        max_cpu_seconds=settings.IMPORT_PDF_MAX_SECONDS,
    )


def import_path(path: Path, options: StoreOptions, name: str = "") -> FileReport:
    """Import one file from disk; ``name`` is how reports and provenance call it."""
    name = name or str(path)
    try:
        read: ReadResult = read_source_text(
            path, max_bytes=settings.IMPORT_MAX_BYTES, pdf_limits=pdf_limits()
        )
    except BriefImportError as error:
        return FileReport(name, FAILED, error=str(error), exception=error)
    return import_text(read.text, name, options, read.warnings, read.encoding)


def import_upload(data: bytes, name: str, options: StoreOptions) -> FileReport:
    try:
        read = read_bytes_text(
            data, name, max_bytes=settings.IMPORT_MAX_BYTES, pdf_limits=pdf_limits()
        )
    except BriefImportError as error:
        return FileReport(name, FAILED, error=str(error), exception=error)
    return import_text(read.text, name, options, read.warnings, read.encoding)
