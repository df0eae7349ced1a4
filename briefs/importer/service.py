"""One file through read -> parse -> store; shared by the command and the admin page."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .errors import BriefImportError
from .parse import parse_export
from .read import ReadResult, read_bytes_text, read_source_text
from .store import BriefOutcome, StoreOptions, store_file

FAILED = "failed"


@dataclass
class FileReport:
    path: str
    status: str = ""
    briefs: list[BriefOutcome] = field(default_factory=list)
    error: str = ""
    # Kept for --traceback: where in the importer the file was turned down.
    exception: BaseException | None = field(default=None, repr=False)

    @property
    def warnings(self):
        return [w for outcome in self.briefs for w in outcome.warnings]

    def as_dict(self):
        return {
            "path": self.path,
            "status": self.status,
            "briefs": [
                {"slug": o.slug, "title": o.title, "action": o.action}
                for o in self.briefs
            ],
            "warnings": self.warnings,
            "errors": [self.error] if self.error else [],
        }


def summarize_status(outcomes: list[BriefOutcome]) -> str:
    actions = {o.action for o in outcomes}
    return actions.pop() if len(actions) == 1 else "mixed"


def import_text(
    text: str, name: str, options: StoreOptions, read_warnings: list[str] = ()
) -> FileReport:
    report = FileReport(path=name)
    try:
        report.briefs = store_file(parse_export(text), name, options)
    except BriefImportError as error:
        report.status, report.error, report.exception = FAILED, str(error), error
        return report
    # How the file was decoded concerns each of its briefs' text.
    for outcome in report.briefs:
        outcome.warnings = [*read_warnings, *outcome.warnings]
        if outcome.report is not None:
            outcome.report.decisions[:0] = [("encoding", w) for w in read_warnings]
    report.status = summarize_status(report.briefs)
    return report


def import_path(path: Path, options: StoreOptions) -> FileReport:
    try:
        read: ReadResult = read_source_text(path, max_bytes=settings.IMPORT_MAX_BYTES)
    except BriefImportError as error:
        return FileReport(str(path), FAILED, error=str(error), exception=error)
    return import_text(read.text, str(path), options, read.warnings)


def import_upload(data: bytes, name: str, options: StoreOptions) -> FileReport:
    try:
        read = read_bytes_text(data, name, max_bytes=settings.IMPORT_MAX_BYTES)
    except BriefImportError as error:
        return FileReport(name, FAILED, error=str(error), exception=error)
    return import_text(read.text, name, options, read.warnings)
