"""Settings shared by every environment; configuration comes from the environment."""

import os
from datetime import timedelta
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
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "adminsortable2",
    "briefs",
]

MIDDLEWARE = [
    # First: a cache hit is answered here, stored with every header the rest of
    # the stack adds (briefs.site.caching).
    "briefs.site.caching.PublicCacheHits",
    "django.middleware.security.SecurityMiddleware",
    "kei_site.security.PermissionsPolicyMiddleware",
    "kei_site.security.ContentSecurityPolicyMiddleware",
    "kei_site.outage.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kei_site.replica.PublicReadsOnReplica",
    # Before sessions and auth: a 304 skips all of them.
    "briefs.site.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
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
                "desk_notes": "briefs.editorial.templatetags.desk_notes",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has a web server and the task worker writing to one
    # file: a transaction takes the write lock when it starts (no "database is
    # locked" when a reader turns writer), and waits for it a while.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
# A streaming replica for the public site's reads (kei_site/replica.py); the
# primary serves the admin, writes and every request with a session.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=600, conn_health_checks=True
    )
    # In tests the replica alias is the primary itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["kei_site.replica.ReplicaRouter"]
# After the replica fails to answer, how long public reads stay on the primary
# before it is tried again.
DATABASE_REPLICA_RETRY_SECONDS = 5

# A client that is turned away at connect time does not hold a worker for long.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )

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
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("DJANGO_MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))


def s3_media_storage(environ):
    """Media (uploads, renditions) in S3-compatible object storage, or None.

    Set MEDIA_S3_BUCKET (and MEDIA_S3_ENDPOINT_URL for a server other than AWS,
    MEDIA_S3_ACCESS_KEY_ID / MEDIA_S3_SECRET_ACCESS_KEY unless the machine has a
    role, MEDIA_S3_REGION, MEDIA_S3_CUSTOM_DOMAIN for a CDN in front): every app
    server then reads and writes the same files, and none keeps media on its disk.
    """
    bucket = environ.get("MEDIA_S3_BUCKET")
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "region_name": environ.get("MEDIA_S3_REGION") or None,
        "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        # Public media: plain URLs that an HTTP cache or CDN can keep.
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
    }
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {key: value for key, value in options.items() if value is not None},
    }


STORAGES = {
    "default": s3_media_storage(os.environ)
    or {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}

# Uploaded images answered by the application itself (kei_site/media.py): right for
# a small site; a larger one serves MEDIA_ROOT from its web server or a storage
# backend and turns this off.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

# Where `manage.py backup` writes its archives unless told otherwise.
BACKUP_DIR = Path(os.environ.get("DJANGO_BACKUP_DIR", BASE_DIR / "backups"))

TAGGIT_CASE_INSENSITIVE = True

CACHES = {
    "default": {
        "BACKEND": "kei_site.cache.BoundedLocMemCache",
        "LOCATION": "kei-site",
        # Rendered pages, feeds and cards live here too (briefs.site.caching), in
        # every worker: bounded in bytes, as their sizes differ a hundredfold.
        "OPTIONS": {
            "MAX_ENTRIES": 10_000,
            "MAX_BYTES": int(os.environ.get("DJANGO_LOCAL_CACHE_MB", "12")) << 20,
        },
    }
}
if os.environ.get("REDIS_URL"):
    # Shared by every worker: a page rendered once serves them all.
    CACHES["default"] = {
        # Django's Redis backend, where Redis down is a miss (kei_site/cache.py).
        "BACKEND": "kei_site.cache.TolerantRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # A Redis that hangs costs a request at most this long, not a worker.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# Public pages and feeds are cached under the content version, so never stale;
# off only to measure rendering (bench/throughput.sh cache off).
PUBLIC_CACHE_ENABLED = env_bool("DJANGO_PUBLIC_CACHE", True)
# An upper bound; entries also end at the next scheduled publication.
PUBLIC_CACHE_SECONDS = int(os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", 3600))
# On PostgreSQL, each process learns of changes from a LISTEN connection instead
# of reading the version on every request (briefs.site.version_listener).
CONTENT_VERSION_LISTEN = env_bool("DJANGO_CONTENT_VERSION_LISTEN", True)

# A shared HTTP cache in front (Varnish, a CDN; briefs.site.surrogate): how long
# it may keep a public response, and serve it stale while it refetches. Both are
# cut short by the next scheduled publication.
HTTP_CACHE_SECONDS = int(os.environ.get("HTTP_CACHE_SECONDS", 300))
HTTP_CACHE_STALE_SECONDS = int(os.environ.get("HTTP_CACHE_STALE_SECONDS", 30))
# Where a change is purged, by surrogate key (briefs.site.purge): Varnish
# addresses, comma-separated; empty, nothing is purged and responses live out
# their s-maxage.
HTTP_CACHE_PURGE_URLS = [
    url.strip()
    for url in os.environ.get("HTTP_CACHE_PURGE_URLS", "").split(",")
    if url.strip()
]
HTTP_CACHE_PURGE_TIMEOUT = float(os.environ.get("HTTP_CACHE_PURGE_TIMEOUT", 2))
# How long a purge waits for the read replica to replay the change first, so
# that the cache does not refetch the old page from it.
HTTP_CACHE_PURGE_REPLICA_WAIT = float(
    os.environ.get("HTTP_CACHE_PURGE_REPLICA_WAIT", 2)
)

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
# The domain in feed entry ids (tag URIs, RFC 4151); empty: the request's host.
# Set it in production so that ids never change with the Host header.
FEED_TAG_AUTHORITY = os.environ.get("FEED_TAG_AUTHORITY", "")
# How long feed readers and proxies may keep a feed before asking again.
FEED_CACHE_SECONDS = 300
IMPORT_MAX_BYTES = 50 * 1024 * 1024
# What one imported PDF may cost (briefs.importer.pdf_limits): pages, bytes its
# compressed streams inflate to in total, and the address space and CPU seconds of
# the sandboxed process that reads it. Over any of them the file is refused with a
# one-line reason, in seconds. With 5 s of wall clock over the CPU limit, a PDF
# read in a request ends within gunicorn's default 30 s timeout.
IMPORT_PDF_MAX_PAGES = 200
IMPORT_PDF_MAX_INFLATED_BYTES = 128 * 1024 * 1024
IMPORT_PDF_MAX_MEMORY_BYTES = 1024 * 1024 * 1024
IMPORT_PDF_MAX_SECONDS = 20
# Admin imports of more than this many bytes in total run in the background, on
# the task worker (`manage.py db_worker`, started by `make run`; run it next to
# gunicorn in production), with a progress page; smaller ones run in the request.
IMPORT_BACKGROUND_MIN_BYTES = 2 * 1024 * 1024
# Uploads checked on the import page and never confirmed or cancelled are removed
# after this long (on each visit of the page, and by `manage.py
# clean_import_staging`, which a cron job may run).
IMPORT_STAGING_MAX_AGE_SECONDS = 24 * 60 * 60
# Where those uploads wait (a local folder even when media are in object storage).
# With several app servers it must be one folder that they and the task worker
# share; empty: MEDIA_ROOT/import-staging.
IMPORT_STAGING_ROOT = os.environ.get("DJANGO_IMPORT_STAGING_ROOT", "")
# The task queue: Django 6's tasks API through the django-tasks backport, tasks
# stored in the database (django-tasks-db) and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMAGE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# While the database cannot be reached, pages answer 503 with this Retry-After.
DATABASE_OUTAGE_RETRY_AFTER = int(os.environ.get("DATABASE_OUTAGE_RETRY_AFTER", "10"))

# Content-Security-Policy (django-csp): no inline script or style on public pages.
# A brief's JSON-LD block is allowed by its hash (briefs/site/views.py).


def media_origins(media_url, storage):
    """The hosts images come from when they are not on this one: an absolute
    MEDIA_URL, or the object storage's custom domain, endpoint or bucket host."""
    origins = []
    if "://" in media_url:
        origins.append("/".join(media_url.split("/")[:3]))
    options = storage.get("OPTIONS", {})
    if options.get("custom_domain"):
        origins.append(f"https://{options['custom_domain']}")
    elif options.get("endpoint_url"):
        origins.append("/".join(options["endpoint_url"].split("/")[:3]))
    elif options.get("bucket_name"):
        origins.append(f"https://{options['bucket_name']}.s3.amazonaws.com")
        if options.get("region_name"):
            origins.append(
                f"https://{options['bucket_name']}.s3.{options['region_name']}"
                ".amazonaws.com"
            )
    return origins


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *media_origins(MEDIA_URL, STORAGES["default"])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
# Added for /admin/ only: Django's admin writes a few inline styles (and its
# widgets data: images); its scripts stay 'self' only.
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
}
# For answers that are not HTML (feeds, sitemap, citation files): the browser's own
# viewer may style them inline; nothing may run.
CONTENT_SECURITY_POLICY_NON_HTML_REPLACE = {
    "script-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
}
# Browser features no page of the site uses are denied to it and to any frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "usb": [],
    "fullscreen": ["self"],
}

# Admin login throttling (django-axes): AXES_FAILURE_LIMIT wrong passwords from one
# address lock it out for AXES_COOLOFF_TIME; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = "kei_site.security.client_ip"
# Set by production settings when a reverse proxy is in front.
BEHIND_PROXY = False
# The site's public address, for links made outside a request (Crossref deposits,
# the FARA register's cover sheets, WebSub pings).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Mail (the desk's review and publish notices). The console backend prints each
# message where the server runs; production sets EMAIL_BACKEND to
# django.core.mail.backends.smtp.EmailBackend and the EMAIL_* below (README).
# Tests use Django's locmem backend whatever is set here.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "").lower() in ("1", "true", "yes")
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "").lower() in ("1", "true", "yes")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "desk@localhost")

# WebSub (briefs/editions/websub.py): feeds name the hub, publishing pings it.
WEBSUB_HUB_URL = os.environ.get("WEBSUB_HUB_URL", "")

# DOIs and Crossref (briefs/editions/crossref.py). An empty prefix: no DOIs are
# assigned; typed-in DOIs still show. Sending deposits is off unless enabled.
DOI_PREFIX = os.environ.get("DOI_PREFIX", "")
DOI_SUFFIX_STEM = os.environ.get("DOI_SUFFIX_STEM", "peninsula")
CROSSREF_DEPOSITOR_NAME = os.environ.get("CROSSREF_DEPOSITOR_NAME", SITE_PUBLISHER)
CROSSREF_DEPOSITOR_EMAIL = os.environ.get("CROSSREF_DEPOSITOR_EMAIL", "")
CROSSREF_REGISTRANT = os.environ.get("CROSSREF_REGISTRANT", "")
CROSSREF_SEND = os.environ.get("CROSSREF_SEND", "").lower() in ("1", "true", "yes")
CROSSREF_DEPOSIT_URL = os.environ.get(
    "CROSSREF_DEPOSIT_URL", "https://doi.crossref.org/servlet/deposit"
)
CROSSREF_LOGIN_ID = os.environ.get("CROSSREF_LOGIN_ID", "")
CROSSREF_LOGIN_PASSWORD = os.environ.get("CROSSREF_LOGIN_PASSWORD", "")
