"""Backup and restore: the reference briefs and their media, into a fresh database."""

import json
import os
import subprocess
import sys
import tarfile
import time
import uuid
from contextlib import contextmanager
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import OperationalError, ProgrammingError

from briefs.editorial.roles import ROLE_PERMISSIONS
from briefs.models import Author, Brief, BriefAuthor
from tests.admin_client import make_user
from tests.backup_snapshot import snapshot
from tests.conftest import SEEDS
from tests.test_images import jpeg_bytes
from tests.test_settings import ROOT

# Committed data (pg_dump reads from another connection) and, restored after the
# flush between tests, the rows migrations make (the editorial groups).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site(settings):
    """The reference briefs, imported, then given what an editor adds by hand."""
    ensure_roles()
    call_command("import_briefs", str(SEEDS), verbosity=0)
    editor = make_user(superuser=True, username="chief")
    brief = Brief.objects.order_by("published_at").first()
    brief.feature_image.save(
        "harbour.jpg", ContentFile(jpeg_bytes(900, 500)), save=False
    )
    brief.feature_image_alt = "A harbour at dawn"
    brief._history_user = editor
    brief._change_reason = "Feature image"
    brief.save()
    # A second author, after the first: co-author order is content.
    second = Author.objects.create(name="Ellen Kim", bio="Ellen Kim is a Fellow.")
    BriefAuthor.objects.create(brief=brief, author=second, order=1)
    photo = Author.objects.get(name="Scott Snyder")
    photo.photo.save("snyder.jpg", ContentFile(jpeg_bytes(300, 300)))
    return snapshot()


def ensure_roles():
    """The editorial groups, as their migration makes them: a flush by an earlier
    transactional test (the browser tests) may have taken them away, and the
    restored database has them again from its own migration."""
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=label, codename=codename)
            for label, codename in (perm.split(".") for perm in perms)
        )


@contextmanager
def fresh_database(tmp_path):
    """An empty database of the kind under test, and its DATABASE_URL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or 'localhost'}:"
            f"{db['PORT'] or 5432}/{name}"
        )
    finally:
        _drop_database(name)


def _drop_database(name):
    """Drop the scratch database, whatever still holds it.

    WITH (FORCE) ends the restore's lingering sessions, but PostgreSQL 15
    refuses it to a non-superuser while an autovacuum worker (no role of ours)
    is in the freshly restored database; a plain DROP makes autovacuum leave and
    waits for it, so it is the second try."""
    statements = [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)']
    statements += [f'DROP DATABASE IF EXISTS "{name}"'] * 5
    for attempt, statement in enumerate(statements):
        try:
            with connection.cursor() as cursor:
                cursor.execute(statement)
            return
        except (OperationalError, ProgrammingError):
            if attempt == len(statements) - 1:
                raise
            time.sleep(0.5)


def restore_elsewhere(archive, database_url, media_root):
    """`manage.py restore` in a process of its own, then that process's snapshot."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kei_site.settings.dev",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(media_root),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    restored = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    seen = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); "
         "from tests.backup_snapshot import main; main()"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert seen.returncode == 0, seen.stderr
    return restored.stdout, json.loads(seen.stdout)


def check_identical(original, restored):
    assert restored["summary"] == original["summary"]
    for label, rows in original["tables"].items():
        assert restored["tables"][label] == rows, label
    assert restored["media"] == original["media"]


def test_what_the_snapshot_sees(site):
    by_title = {brief["title"]: brief for brief in site["summary"]}
    first = by_title[
        "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee"
    ]
    assert first["authors"] == ["Scott Snyder", "Ellen Kim"]
    assert first["categories"] == ["Indo-Pacific"]
    assert first["disclosure"].startswith("KEI is registered under the FARA")
    assert first["feature_image"] == "briefs/harbour.jpg"
    assert [kind for kind, _, _ in first["history"]] == ["+", "~"]
    assert first["history"][1][1] == "chief"
    assert "briefs/harbour.jpg" in site["media"]
    assert "authors/snyder.jpg" in site["media"]
    assert len(site["summary"]) == 3


def test_round_trip_into_a_fresh_database(site, tmp_path):
    archive = tmp_path / "site.tar"
    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    dump = "database.dump" if connection.vendor == "postgresql" else "database.json.gz"
    assert names[:2] == ["manifest.json", dump]
    assert "media/briefs/harbour.jpg" in names
    with fresh_database(tmp_path) as url:
        output, restored = restore_elsewhere(archive, url, tmp_path / "restored-media")
    assert "3 briefs, 4 authors, 1 users" in output
    check_identical(site, restored)


def test_pg_dump_round_trip(site, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore are tested when DATABASE_URL is PostgreSQL")
    archive = tmp_path / "site.tar"
    call_command("backup", output=str(archive), verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == "database.dump"
    with fresh_database(tmp_path) as url:
        _, restored = restore_elsewhere(archive, url, tmp_path / "restored-media")
    check_identical(site, restored)


def test_portable_json_backup_of_any_database(site, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("on SQLite the native backup is this one, tested above")
    archive = tmp_path / "portable.tar"
    call_command("backup", output=str(archive), format="json", verbosity=0)
    with fresh_database(tmp_path) as url:
        _, restored = restore_elsewhere(archive, url, tmp_path / "restored-media")
    check_identical(site, restored)


def test_replace_brings_back_the_backed_up_state(site, tmp_path, settings):
    archive = tmp_path / "site.tar"
    call_command("backup", output=str(archive), format="json", verbosity=0)
    Brief.objects.filter(title__startswith="A Strategic").update(title="Vandalised")
    Author.objects.create(name="Nobody Real")
    (settings.MEDIA_ROOT / "stray.txt").write_text("not in the backup")
    with pytest.raises(CommandError, match="already holds briefs or users"):
        call_command("restore", str(archive), verbosity=0)
    call_command("restore", str(archive), replace=True, verbosity=0)
    assert snapshot() == site
    # The media that were there are set aside, not deleted.
    aside = list(settings.MEDIA_ROOT.parent.glob("media.before-restore-*"))
    assert [(folder / "stray.txt").read_text() for folder in aside] == [
        "not in the backup"
    ]


def test_restore_refuses_what_is_not_a_backup(tmp_path):
    not_tar = tmp_path / "notes.txt"
    not_tar.write_text("hello")
    with pytest.raises(CommandError, match="not a tar archive"):
        call_command("restore", str(not_tar))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar"))
    bare = tmp_path / "bare.tar"
    with tarfile.open(bare, "w") as tar:
        tar.add(not_tar, "notes.txt")
    with pytest.raises(CommandError, match="no manifest.json"):
        call_command("restore", str(bare))


def test_restore_refuses_a_backup_from_newer_code(tmp_path):
    archive = tmp_path / "site.tar"
    call_command("backup", output=str(archive), format="json", verbosity=0)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        dump = tar.extractfile("database.json.gz").read()
    manifest["migrations"]["briefs"].append("9999_from_the_future")
    newer = tmp_path / "newer.tar"
    with tarfile.open(newer, "w") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()),
                           ("database.json.gz", dump)]:  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, BytesIO(data))
    with pytest.raises(CommandError, match="briefs.9999_from_the_future"):
        call_command("restore", str(newer))


def test_a_pg_dump_is_not_fed_to_sqlite(tmp_path):
    if connection.vendor == "postgresql":
        pytest.skip("needs a database other than PostgreSQL")
    archive = tmp_path / "pg.tar"
    manifest = {"format": 1, "database": "database.dump", "migrations": {},
                "counts": {}}  # fmt: skip
    data = json.dumps(manifest).encode()
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, BytesIO(data))
    with pytest.raises(CommandError, match="backup --format json"):
        call_command("restore", str(archive))
