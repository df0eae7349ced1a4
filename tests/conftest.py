import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REFERENCE_EXPORT = SEEDS / "000_22d010634ea7d674.txt"


@pytest.fixture
def reference_export():
    return REFERENCE_EXPORT


@pytest.fixture(autouse=True)
def isolated_media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    # ContentType ids are cached per process; a test that flushes or restores
    # the database (a live-server test, a backup restore) leaves them stale.
    from briefs.site import caching

    # ContentType ids are cached per process; a test that flushes or restores
    # the database (a live-server test, a backup restore) leaves them stale.
    ContentType.objects.clear_cache()
    cache.clear()
    # A rollback brings an earlier version row back, with other content.
    caching.forget_schedules()
    yield
    cache.clear()
    ContentType.objects.clear_cache()


@pytest.fixture
def imported_reference(db, reference_export):
    from django.core.management import call_command

    call_command("import_briefs", str(reference_export), verbosity=0)
