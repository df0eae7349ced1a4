import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL_SECRET = "k3!v9-q2#zr7@w8m^t5p$x1n&c6b*y4h(l0s)d+f=g_j%a2e9u7o3i1r5t8y6u4w"


def run_django_check(settings_module, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django_check("kei_site.settings.production", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_django_check(
        "kei_site.settings.production", DJANGO_SECRET_KEY=REAL_SECRET
    )
    assert result.returncode == 0, result.stderr


def test_empty_database_url_means_the_sqlite_default():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], "
            "settings.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kei_site.settings.dev",
            "DATABASE_URL": "",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        str(ROOT / "db.sqlite3"),
    ], result.stderr


def test_site_time_zone_is_new_york(settings):
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "America/New_York"
