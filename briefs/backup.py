"""Backup and restore of everything the site holds: its database and its media.

One archive, a plain tar:

    manifest.json        what is inside, from which database, at which migrations
    database.dump        PostgreSQL: pg_dump's custom format, restored by pg_restore
    database.json.gz     otherwise (or on request): dumpdata, natural foreign keys
    media/...            every file under MEDIA_ROOT

dumpdata leaves out content types and permissions, which `migrate` makes again
(with other ids: natural keys carry the references), and sessions, which a restore
has no business reviving, and the public cache's content version.
"""

import gzip
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from . import exact_json

ARCHIVE_FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP_NAME = "database.dump"
JSON_DUMP_NAME = "database.json.gz"
MEDIA_PREFIX = "media"
# The content version is the public cache's state, not content: a restore moves
# it on by itself (the triggers fire on the rows it loads).
DUMPDATA_EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "briefs.contentversion",
]
# Rows that tell a restore the database already holds a site.
CONTENT_MODELS = ["briefs.Brief", "briefs.Author", "auth.User"]


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in one line."""


@dataclass
class Report:
    path: Path
    database_format: str
    counts: dict = field(default_factory=dict)
    media_files: int = 0
    notes: list = field(default_factory=list)


COUNT_NAMES = {
    "briefs.brief": "briefs",
    "briefs.author": "authors",
    "auth.user": "users",
    "briefs.briefauthor": "bylines",
    "briefs.historicalbrief": "history records",
}


def describe_counts(counts):
    return ", ".join(
        f"{n} {COUNT_NAMES.get(label, label)}" for label, n in counts.items()
    )


def content_counts():
    counts = {}
    for label in [*CONTENT_MODELS, "briefs.BriefAuthor", "briefs.HistoricalBrief"]:
        model = apps.get_model(label)
        counts[label.lower()] = model._default_manager.count()
    return counts


def applied_migrations():
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    applied = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def default_backup_path():
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BACKUP_DIR) / f"peninsula-{stamp}.tar"


# PostgreSQL through its own client programs -----------------------------------


def postgres_environment():
    """libpq's environment for the configured database: no password on a command
    line, where any local user could read it."""
    db = connection.settings_dict
    env = {**os.environ}
    for variable, key in [
        ("PGDATABASE", "NAME"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    options = db.get("OPTIONS", {})
    if options.get("sslmode"):
        env["PGSSLMODE"] = options["sslmode"]
    if options.get("connect_timeout"):
        env["PGCONNECT_TIMEOUT"] = str(options["connect_timeout"])
    return env


def run_client(program, *args):
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} is not installed (Debian: apt-get install postgresql-client-15)"
        )
    result = subprocess.run(
        [executable, *args],
        env=postgres_environment(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = " ".join(result.stderr.split()) or f"exit status {result.returncode}"
        raise BackupError(f"{program} failed: {message}")


def dump_postgres(path):
    run_client("pg_dump", "--format=custom", "--no-owner", "--no-privileges",
               f"--file={path}")  # fmt: skip


def restore_postgres(path):
    # Django must not hold a connection (and its locks) while tables are replaced.
    connection.close()
    run_client(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(path),
    )


# Any database through Django's serializers -------------------------------------


def dumpdata(*labels, exclude=(), natural_primary=False):
    serializers.register_serializer(exact_json.NAME, exact_json.__name__)
    with tempfile.NamedTemporaryFile(suffix=".json") as plain:
        call_command(
            "dumpdata",
            *labels,
            format=exact_json.NAME,
            natural_foreign=True,
            natural_primary=natural_primary,
            exclude=list(exclude),
            output=plain.name,
            verbosity=0,
        )
        return json.loads(Path(plain.name).read_text() or "[]")


def dump_json(path):
    # Users and groups by name: the editorial groups a fresh database's migration
    # makes may have other ids. Every other row keeps its id, so links to it stay
    # valid (and taggit's natural key for a tagged item, its object id alone, is
    # not unique).
    accounts = dumpdata("auth", exclude=DUMPDATA_EXCLUDE, natural_primary=True)
    rest = dumpdata(exclude=[*DUMPDATA_EXCLUDE, "auth"])
    with gzip.open(path, "wt", encoding="utf-8") as target:
        json.dump(accounts + rest, target)


def restore_json(path):
    call_command("migrate", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        plain = Path(folder) / "database.json"
        with gzip.open(path, "rb") as source, plain.open("wb") as target:
            shutil.copyfileobj(source, target)
        call_command("loaddata", str(plain), verbosity=0)
    # Fixtures are loaded raw, past the signals that keep derived data in step.
    from .search import update_search_vectors, uses_postgres_search

    if uses_postgres_search():
        update_search_vectors(apps.get_model("briefs.Brief").objects.all())


# Media --------------------------------------------------------------------------


def uses_local_media():
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def add_media(archive):
    root = Path(settings.MEDIA_ROOT)
    count = 0
    if not root.is_dir():
        return count
    for file in sorted(root.rglob("*")):
        if file.is_file() and not file.is_symlink():
            archive.add(file, f"{MEDIA_PREFIX}/{file.relative_to(root).as_posix()}")
            count += 1
    return count


def restore_media(archive, report):
    """Unpack media/ into MEDIA_ROOT; whatever was there is set aside, not lost."""
    root = Path(settings.MEDIA_ROOT)
    members = [
        member
        for member in archive.getmembers()
        if member.name.startswith(f"{MEDIA_PREFIX}/") and member.isfile()
    ]
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent) as folder:
        # The "data" filter refuses absolute paths, "..", links out and devices.
        archive.extractall(folder, members=members, filter="data")
        unpacked = Path(folder) / MEDIA_PREFIX
        unpacked.mkdir(exist_ok=True)
        if root.exists() and any(root.iterdir()):
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            aside = root.with_name(f"{root.name}.before-restore-{stamp}")
            root.rename(aside)
            report.notes.append(f"previous media moved to {aside}")
        elif root.exists():
            root.rmdir()
        unpacked.rename(root)
    report.media_files = len(members)


# The two operations ---------------------------------------------------------------


def create_backup(path=None, *, database_format="native"):
    """Write the archive at `path` (default: a dated file in BACKUP_DIR)."""
    path = Path(path) if path else default_backup_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    use_postgres = connection.vendor == "postgresql" and database_format == "native"
    report = Report(path=path, database_format="pg_dump" if use_postgres else "json")
    manifest = {
        "format": ARCHIVE_FORMAT,
        "created": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "database": PG_DUMP_NAME if use_postgres else JSON_DUMP_NAME,
        "migrations": applied_migrations(),
        "counts": content_counts(),
    }
    report.counts = manifest["counts"]
    partial = path.with_name(path.name + ".partial")
    try:
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / manifest["database"]
            (dump_postgres if use_postgres else dump_json)(dump)
            with tarfile.open(partial, "w") as archive:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(timezone.now().timestamp())
                archive.addfile(info, fileobj=BytesIO(data))
                archive.add(dump, manifest["database"])
                if uses_local_media():
                    report.media_files = add_media(archive)
                else:
                    report.notes.append(
                        "media are in object storage, not in this archive: "
                        "keep them with the bucket's own versioning or replication"
                    )
        # Only a complete archive ever carries the final name.
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return report


def read_manifest(archive):
    try:
        member = archive.getmember(MANIFEST)
    except KeyError:
        raise BackupError("not a backup archive: no manifest.json") from None
    manifest = json.load(archive.extractfile(member))
    if manifest.get("format") != ARCHIVE_FORMAT:
        raise BackupError(f"unknown archive format {manifest.get('format')!r}")
    return manifest


def check_migrations(manifest):
    """A backup from newer code cannot be loaded into this schema."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            "the backup was made by newer code (unknown migrations: "
            + ", ".join(unknown[:5])
            + "); restore it with that version"
        )


def database_has_content():
    tables = set(connection.introspection.table_names())
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in tables and model._default_manager.exists():
            return True
    return False


def restore_backup(path, *, replace=False):
    path = Path(path)
    if not path.is_file():
        raise BackupError("no such file")
    if not tarfile.is_tarfile(path):
        raise BackupError("not a tar archive")
    with tarfile.open(path, "r") as archive:
        manifest = read_manifest(archive)
        check_migrations(manifest)
        is_pg_dump = manifest["database"] == PG_DUMP_NAME
        if is_pg_dump and connection.vendor != "postgresql":
            raise BackupError(
                "this backup is a PostgreSQL dump and the configured database is "
                f"{connection.vendor}; make a portable one with `backup --format json`"
            )
        if database_has_content() and not replace:
            raise BackupError(
                "the database already holds briefs or users; restore into an empty "
                "database, or pass --replace to overwrite it"
            )
        report = Report(
            path=path,
            database_format="pg_dump" if is_pg_dump else "json",
            counts=manifest["counts"],
        )
        with tempfile.TemporaryDirectory() as folder:
            archive.extract(manifest["database"], folder, filter="data")
            dump = Path(folder) / manifest["database"]
            if is_pg_dump:
                restore_postgres(dump)
                # A dump from an older release is brought up to this code's schema.
                call_command("migrate", interactive=False, verbosity=0)
            else:
                if replace and database_has_content():
                    call_command("flush", interactive=False, verbosity=0)
                restore_json(dump)
        if uses_local_media():
            restore_media(archive, report)
    cache.clear()
    restored = content_counts()
    if restored != manifest["counts"]:
        raise BackupError(
            f"restored counts {restored} differ from the backup's {manifest['counts']}"
        )
    return report
