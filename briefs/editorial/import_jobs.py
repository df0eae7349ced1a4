"""Staged admin imports: files on disk, owned by their uploader, run by a task.

An upload is written to ``<IMPORT_STAGING_ROOT>/<job id>/`` chunk by chunk
and recorded as an ImportJob of the user who sent it; the dry run and the import
read the files one at a time from there, through the command's code path. A
large import runs on the task worker (django-tasks, database backend) and reports
its progress in the job; a small one runs in the request. The files are removed
when the job is imported, cancelled or stale.
"""

from __future__ import annotations

import logging
import shutil
import time
import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from briefs.importer.limits import shorten
from briefs.importer.service import import_path
from briefs.importer.store import StoreOptions
from briefs.models import ImportJob
from briefs.site import purge

from .categories import may_create as may_create_categories
from .workflow import can_publish

logger = logging.getLogger(__name__)

# A name fits a file system's 255 bytes with room for the position prefix, and
# fits the report table.
UPLOAD_NAME_MAX_CHARS = 80
UPLOAD_NAME_MAX_BYTES = 200
ACTIVE_STATES = (
    ImportJob.State.STAGED,
    ImportJob.State.QUEUED,
    ImportJob.State.RUNNING,
)


def staging_root() -> Path:
    configured = settings.IMPORT_STAGING_ROOT
    return (
        Path(configured) if configured else Path(settings.MEDIA_ROOT) / "import-staging"
    )


def job_folder(job: ImportJob) -> Path:
    return staging_root() / str(job.pk)


def short_upload_name(name: str) -> str:
    """The uploaded name, shortened; the suffix, which picks the reader, is kept."""
    name = Path(name.replace("\x00", "").replace("\\", "/")).name or "upload"
    path = Path(name)
    suffix = path.suffix if len(path.suffix) <= 10 else ""
    stem = name[: len(name) - len(suffix)] if suffix else name
    room = UPLOAD_NAME_MAX_CHARS - len(suffix)
    stem = shorten(stem, room)
    while len((stem + suffix).encode()) > UPLOAD_NAME_MAX_BYTES:
        room -= 5
        stem = shorten(stem, room)
    return stem + suffix


def stage_uploads(user, files, *, draft: bool, overwrite: bool) -> ImportJob:
    """Write the uploads to disk, chunk by chunk, as a job of ``user``."""
    job = ImportJob.objects.create(
        id=uuid.uuid4(), user=user, draft=draft, overwrite=overwrite
    )
    folder = job_folder(job)
    folder.mkdir(parents=True)
    total = 0
    for index, upload in enumerate(files):
        # The index keeps two uploads of the same name apart and their order stable.
        target = folder / f"{index:04d}-{short_upload_name(upload.name)}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
                total += len(chunk)
    job.files_total = len(files)
    job.bytes_total = total
    job.save(update_fields=["files_total", "bytes_total", "updated_at"])
    return job


def staged_files(job: ImportJob) -> list[tuple[Path, str]]:
    """(path on disk, name as shown) of each staged file, in upload order."""
    folder = job_folder(job)
    if not folder.is_dir():
        return []
    return [(path, path.name.split("-", 1)[1]) for path in sorted(folder.iterdir())]


def dry_run(job: ImportJob, may_publish: bool):
    options = StoreOptions(
        draft=job.draft,
        overwrite=job.overwrite,
        dry_run=True,
        may_change_published=may_publish,
        may_create_categories=may_create_categories(job.user),
    )
    return [import_path(path, options, name=name) for path, name in staged_files(job)]


def check_in_background(job: ImportJob) -> None:
    """Hand the dry run of a large upload to the worker."""
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.CHECKING, updated_at=timezone.now()
    )
    check_staged_files.enqueue(str(job.pk))


@task()
def check_staged_files(job_id: str) -> str:
    """The dry run on the worker: each file's report, then the job awaits a yes."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.state != ImportJob.State.CHECKING:
        return job.state  # cancelled meanwhile
    options = StoreOptions(
        draft=job.draft,
        overwrite=job.overwrite,
        dry_run=True,
        may_change_published=can_publish(job.user),
        may_create_categories=may_create_categories(job.user),
    )
    job.reports, job.files_done = [], 0
    try:
        for path, name in staged_files(job):
            job.reports.append(import_path(path, options, name=name).as_dict())
            job.files_done += 1
            job.save(update_fields=["reports", "files_done", "updated_at"])
    except Exception as error:
        logger.exception("dry run of import job %s stopped", job.pk)
        _fail(job, error)
        return job.state
    # Only a job still checking becomes staged: a cancel in between wins.
    ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CHECKING).update(
        state=ImportJob.State.STAGED, updated_at=timezone.now()
    )
    return ImportJob.State.STAGED


def _fail(job: ImportJob, error: BaseException) -> None:
    first_line = (str(error).splitlines() or [""])[0]
    job.state = ImportJob.State.FAILED
    job.error = f"{type(error).__name__}: {first_line}"
    remove_files(job)
    job.save(update_fields=["state", "error", "updated_at"])


def owned_job(user, job_id, states=None) -> ImportJob | None:
    """The job if ``user`` uploaded it: another user's token finds nothing."""
    jobs = ImportJob.objects.filter(pk=job_id, user=user)
    if states is not None:
        jobs = jobs.filter(state__in=states)
    return jobs.first()


def running_jobs(user):
    """The user's jobs that wait for the worker or for a confirmation on their page."""
    working = Q(
        state__in=(
            ImportJob.State.CHECKING,
            ImportJob.State.QUEUED,
            ImportJob.State.RUNNING,
        )
    )
    checked_on_the_worker = Q(
        state=ImportJob.State.STAGED,
        bytes_total__gte=settings.IMPORT_BACKGROUND_MIN_BYTES,
    )
    return ImportJob.objects.filter(working | checked_on_the_worker, user=user)


def runs_in_background(job: ImportJob) -> bool:
    return job.bytes_total >= settings.IMPORT_BACKGROUND_MIN_BYTES


def queue(job: ImportJob) -> bool:
    """Hand a staged job to the worker; False if it was no longer staged."""
    claimed = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.STAGED).update(
        state=ImportJob.State.QUEUED, updated_at=timezone.now()
    )
    if claimed:
        import_staged_files.enqueue(str(job.pk))
    return bool(claimed)


CANCELLABLE_STATES = (
    ImportJob.State.CHECKING,
    ImportJob.State.STAGED,
    ImportJob.State.QUEUED,
)


def cancel(job: ImportJob) -> bool:
    cancelled = ImportJob.objects.filter(
        pk=job.pk, state__in=CANCELLABLE_STATES
    ).update(state=ImportJob.State.CANCELLED, updated_at=timezone.now())
    if cancelled:
        remove_files(job)
    return bool(cancelled)


def run(job_id, *, from_states=(ImportJob.State.QUEUED,)) -> ImportJob:
    """Import every staged file of the job, recording each file's report."""
    claimed = ImportJob.objects.filter(pk=job_id, state__in=from_states).update(
        state=ImportJob.State.RUNNING, updated_at=timezone.now()
    )
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if not claimed:
        return job  # cancelled, or already taken by another worker
    user = job.user
    may_publish = can_publish(user)
    options = StoreOptions(
        # Decided again now, on the server: the right may have changed since.
        draft=job.draft or not may_publish,
        overwrite=job.overwrite,
        change_reason=f"Imported in the admin by {user.get_username()}",
        user=user,
        may_change_published=may_publish,
        may_create_categories=may_create_categories(user),
    )
    # The dry run's reports are replaced by what the import did.
    job.reports, job.files_done = [], 0
    try:
        # One purge of the HTTP cache for the job, not one per file.
        with purge.batch():
            for path, name in staged_files(job):
                report = import_path(path, options, name=name)
                job.reports.append(report.as_dict())
                job.files_done += 1
                job.save(update_fields=["reports", "files_done", "updated_at"])
    except Exception as error:
        # A bug, not bad input (that is a file's report): the job says so rather
        # than staying "importing" for ever.
        logger.exception("import job %s stopped", job.pk)
        _fail(job, error)
        return job
    job.state = ImportJob.State.DONE
    remove_files(job)
    job.save(update_fields=["state", "updated_at"])
    return job


@task()
def import_staged_files(job_id: str) -> str:
    return run(job_id).state


def remove_files(job: ImportJob) -> None:
    shutil.rmtree(job_folder(job), ignore_errors=True)


def remove_stale_staging(max_age_seconds: int | None = None) -> int:
    """Expire unconfirmed jobs and remove files nothing will import; how many."""
    if max_age_seconds is None:
        max_age_seconds = settings.IMPORT_STAGING_MAX_AGE_SECONDS
    cutoff = timezone.now() - timedelta(seconds=max_age_seconds)
    stale = list(
        ImportJob.objects.filter(state=ImportJob.State.STAGED, created_at__lt=cutoff)
    )
    for job in stale:
        remove_files(job)
    ImportJob.objects.filter(pk__in=[job.pk for job in stale]).update(
        state=ImportJob.State.EXPIRED, updated_at=timezone.now()
    )
    removed = len(stale)
    root = staging_root()
    if not root.is_dir():
        return removed
    active = {
        str(pk)
        for pk in ImportJob.objects.filter(state__in=ACTIVE_STATES).values_list(
            "pk", flat=True
        )
    }
    oldest = time.time() - max_age_seconds
    for folder in root.iterdir():
        # A folder without an active job: left by a crash, or by an older version.
        if folder.name not in active and folder.stat().st_mtime < oldest:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
