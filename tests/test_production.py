"""Production settings, each run in its own interpreter as a deployment would."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from kei_site.secret_key import weak_secret_key_reason
from tests.test_settings import REAL_SECRET, ROOT

LEAKED_ENVIRONMENT = {"DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_production(code=None, *, command=None, tmp_path=None, **env):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kei_site.settings.production",
        "DJANGO_SECRET_KEY": REAL_SECRET,
        **env,
    }
    # As a deployment would be: nothing that other tests (the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE) set in this process.
    for name in LEAKED_ENVIRONMENT - set(env):
        environment.pop(name, None)
    if tmp_path is not None:
        environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
        environment["DJANGO_MEDIA_ROOT"] = str(tmp_path / "media")
        environment["DJANGO_STATIC_ROOT"] = str(tmp_path / "static")
    command = command or [sys.executable, "-c", textwrap.dedent(code)]
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing():
    result = run_production(
        command=[
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "DEBUG",
        ]
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("", "DJANGO_SECRET_KEY must be set"),
        ("short-but-not-empty", "too weak (19 characters"),
        ("a" * 60, "too weak"),
        ("dev-only-insecure-key-not-for-production", "published development key"),
        ("test-only-key", "published development key"),
        ("django-insecure-" + "x7" * 30, "published development key"),
        (REAL_SECRET, None),
    ],
)
def test_weak_secret_keys(key, reason):
    found = weak_secret_key_reason(key)
    if reason is None:
        assert found is None
    else:
        assert reason in found
        assert "get_random_secret_key" in found


def test_a_weak_secret_key_refuses_to_start():
    result = run_production(
        "import django; django.setup()", DJANGO_SECRET_KEY="short-but-not-empty"
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is too weak" in result.stderr


def test_django_debug_cannot_turn_debug_on():
    result = run_production(
        """
        import django; django.setup()
        from django.conf import settings
        print(settings.DEBUG)
        """,
        DJANGO_DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
    assert "DJANGO_DEBUG is ignored" in result.stderr


def test_proxy_header_is_trusted_only_when_a_proxy_is_declared():
    code = """
        import django; django.setup()
        from django.conf import settings
        print(settings.SECURE_PROXY_SSL_HEADER, settings.BEHIND_PROXY)
        """
    alone = run_production(code)
    behind = run_production(code, DJANGO_BEHIND_PROXY="true")
    assert alone.stdout.split() == ["None", "False"], alone.stderr
    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https') True"


MEDIA_SCRIPT = """
    import json
    from io import BytesIO

    import django
    django.setup()
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.test import Client
    from PIL import Image

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from tests.factories import make_brief

    buffer = BytesIO()
    Image.new("RGB", (640, 360), (20, 80, 140)).save(buffer, "JPEG")
    brief = make_brief("Illustrated")
    brief.feature_image.save("photo.jpg", ContentFile(buffer.getvalue()))
    client = Client()
    image = client.get(brief.feature_image.url, secure=True)
    plain = client.get(brief.feature_image.url)
    missing = client.get("/media/briefs/none.jpg", secure=True)
    climbing = client.get("/media/../manage.py", secure=True)
    health = client.get("/healthz")
    print(json.dumps({
        "url": brief.feature_image.url,
        "image": [image.status_code, image["Content-Type"],
                  len(b"".join(image.streaming_content))],
        "image_headers": {k: image.get(k) for k in (
            "Content-Security-Policy", "X-Content-Type-Options",
            "Strict-Transport-Security")},
        "plain": [plain.status_code, plain.get("Location")],
        "missing": missing.status_code,
        "climbing": climbing.status_code,
        "health": [health.status_code, health.json()],
    }))
"""


def test_media_and_health_under_production_settings(tmp_path):
    result = run_production(
        MEDIA_SCRIPT, tmp_path=tmp_path, DJANGO_ALLOWED_HOSTS="testserver"
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["url"] == "/media/briefs/photo.jpg"
    status, content_type, size = seen["image"]
    assert (status, content_type) == (200, "image/jpeg")
    assert size == (tmp_path / "media" / "briefs" / "photo.jpg").stat().st_size
    assert seen["image_headers"] == {
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "X-Content-Type-Options": "nosniff",
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
    }
    # Plain HTTP is sent to HTTPS, except the load balancer's probe.
    assert seen["plain"] == [301, "https://testserver/media/briefs/photo.jpg"]
    assert seen["missing"] == 404
    assert seen["climbing"] == 404
    assert seen["health"] == [200, {"status": "ok", "database": "ok"}]


def test_media_are_not_served_when_turned_off(tmp_path):
    result = run_production(
        """
        import django; django.setup()
        from django.conf import settings
        from django.test import RequestFactory
        from django.http import Http404
        from kei_site.media import serve_media
        (settings.MEDIA_ROOT / "briefs").mkdir(parents=True)
        (settings.MEDIA_ROOT / "briefs" / "photo.jpg").write_bytes(b"x")
        try:
            serve_media(RequestFactory().get("/"), "briefs/photo.jpg")
        except Http404:
            print("not served")
        """,
        tmp_path=tmp_path,
        DJANGO_SERVE_MEDIA="false",
    )
    assert result.stdout.strip() == "not served", result.stderr
