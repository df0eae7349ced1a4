import os
import warnings

from django.core.exceptions import ImproperlyConfigured

from kei_site.secret_key import weak_secret_key_reason

from .base import *  # noqa: F403
from .base import env_bool

if weak_secret_key_reason(SECRET_KEY):  # noqa: F405
    raise ImproperlyConfigured(weak_secret_key_reason(SECRET_KEY))  # noqa: F405

# Never from the environment: a debug page shows settings and source to anyone.
DEBUG = False
if env_bool("DJANGO_DEBUG", False):
    warnings.warn(
        "DJANGO_DEBUG is ignored under kei_site.settings.production: DEBUG stays off. "
        "Use kei_site.settings.dev to debug.",
        RuntimeWarning,
        stacklevel=1,
    )

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# HTTPS only. A TLS-terminating proxy in front must say so (DJANGO_BEHIND_PROXY),
# or every request looks like plain HTTP and is redirected forever.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Trust X-Forwarded-Proto (and the last X-Forwarded-For hop, for login throttling)
# only when a proxy in front sets them; otherwise any client could forge them.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
