from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Static files are collected only for production; whitenoise need not look.
WHITENOISE_AUTOREFRESH = True
# Login throttling stays on in tests; only Client.login(), which has no request,
# bypasses it (kei_site.security.ClientLoginAxesBackend).
AUTHENTICATION_BACKENDS = [
    "kei_site.security.ClientLoginAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# A test's writes are rolled back, never committed, so nothing is ever
# notified: tests read the version every request, except the listener's own
# (tests/test_version_listener.py).
CONTENT_VERSION_LISTEN = False
