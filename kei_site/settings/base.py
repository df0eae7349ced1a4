"""Settings shared by every environment; configuration comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "taggit",
    "simple_history",
    "briefs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cache hit or a 304 skips all of them.
    "briefs.site.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "kei_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "briefs.site.context_processors.site",
            ],
            # The tags live with the public site, not at the app's top level.
            "libraries": {
                "site_tags": "briefs.site.templatetags.site_tags",
                "feed_tags": "briefs.site.templatetags.feed_tags",
            },
        },
    },
]

WSGI_APPLICATION = "kei_site.wsgi.application"

# An empty DATABASE_URL means the embedded SQLite default, so a first run needs no
# database server.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

TAGGIT_CASE_INSENSITIVE = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kei-site",
        # Rendered pages and feeds live here too (briefs.site.caching).
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
if os.environ.get("REDIS_URL"):
    # Shared by every worker: a page rendered once serves them all.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
# Public pages and feeds are cached under the content version, so never stale;
# off only to measure rendering (bench/throughput.sh cache off).
PUBLIC_CACHE_ENABLED = env_bool("DJANGO_PUBLIC_CACHE", True)
# An upper bound; entries also end at the next scheduled publication.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", 3600))

# The publisher: shown in the header, footer, citations and feeds.
SITE_NAME = "The Peninsula"
SITE_PUBLISHER = "Korea Economic Institute of America"
SITE_DESCRIPTION = (
    "Policy briefs from the Korea Economic Institute of America's blog, The Peninsula."
)
# The organisation's own FARA statement for the footer of every page; a brief's
# disclosure record is what appears with the brief itself.
SITE_DISCLOSURE = (
    "KEI is registered under the FARA as an agent of the Korea Institute for "
    "International Economic Policy, a public corporation established by the "
    "government of the Republic of Korea. Additional information is available at "
    "the Department of Justice, Washington, D.C."
)
# "top" follows 28 CFR 5.402 (conspicuous, at the beginning); "bottom" follows the
# reference site's habit of printing it after the body.
BRIEF_DISCLOSURE_POSITION = os.environ.get("BRIEF_DISCLOSURE_POSITION", "top")

BRIEFS_PER_PAGE = 20
FEED_ITEMS = 20
IMPORT_MAX_BYTES = 50 * 1024 * 1024
IMAGE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
