"""Caching of public pages and feeds that is never stale.

Every cache key carries the content version (briefs.content_version): every
write to briefs, bylines, authors, series, categories, disclosures or old
addresses moves it on (database triggers), so the next request after a change
misses and renders afresh. Keys also carry the newest publication already
public, which changes the moment a scheduled brief goes public, and no entry is
stored for longer than the time left until the next scheduled publication.

`PublicCacheMiddleware` serves anonymous GET requests of the public site from
Django's cache (local memory by default, Redis when REDIS_URL is set) and
answers conditional GETs with a 304 before any view runs. A request carrying a
session or messages cookie (staff, editors, previews) neither reads nor fills
the cache. Settings shown on pages are part of every key.
"""

import contextvars
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe

from briefs.content_version import ContentVersion
from briefs.models import Brief

from . import surrogate, version_listener

KEY_PREFIX = "kei:public"
# Namespaces and URL names of the public site whose responses may be cached.
CACHED_NAMESPACES = {"briefs", "feeds"}
CACHED_URL_NAMES = {"robots_txt", "django.contrib.sitemaps.views.sitemap"}
# Cookies that mean the request is someone's, not the public's.
PRIVATE_COOKIES = ("messages",)
# Values outside the database that pages show.
SHOWN_SETTINGS = (
    "SITE_NAME",
    "SITE_PUBLISHER",
    "SITE_DESCRIPTION",
    "SITE_DISCLOSURE",
    "BRIEF_DISCLOSURE_POSITION",
    "BRIEFS_PER_PAGE",
    "FEED_ITEMS",
    "LANGUAGE_CODE",
    "TIME_ZONE",
    "FEED_TAG_AUTHORITY",
    "FEED_CACHE_SECONDS",
)


@dataclass(frozen=True)
class ContentState:
    version: int
    changed_at: datetime
    # The newest publication already public: it moves when a scheduled brief
    # goes public, without any write, so it is part of every key.
    last_public: datetime | None
    next_publication: datetime | None

    @property
    def last_modified(self):
        moments = [self.changed_at, self.last_public or self.changed_at]
        return int(max(moments).timestamp())

    def seconds_left(self, now):
        """How long an entry made now may live: never past the next publication."""
        limit = settings.PUBLIC_CACHE_SECONDS
        if self.next_publication is not None:
            limit = min(limit, (self.next_publication - now).total_seconds())
        return int(limit)

    def key(self):
        # A page asks for it once per card and part: built once per request.
        key = self.__dict__.get("_key")
        if key is None:
            stamp = self.last_public.timestamp() if self.last_public else 0
            key = f"{self.version}.{stamp}.{settings_fingerprint()}"
            object.__setattr__(self, "_key", key)
        return key


# Raw SQL: this runs on every public request, and compiling the equivalent
# ORM query costs more than running it.
VERSION_SQL = (
    "SELECT version, changed_at FROM briefs_contentversion ORDER BY id LIMIT 1"
)
# What is public depends on the version and on the clock only: with the version
# unchanged, the newest public brief and the next scheduled one change only when
# the clock passes that next publication. So they are read with the version
# when this process has no schedule that still holds, and otherwise the version
# alone is read (one row by its key); a version other than the one the schedule
# was read with means reading the schedule again.
SCHEDULE_SELECT = """
  (SELECT published_at FROM briefs_brief WHERE status = %s AND published_at <= %s
   ORDER BY published_at DESC LIMIT 1),
  (SELECT published_at FROM briefs_brief WHERE status = %s AND published_at > %s
   ORDER BY published_at ASC LIMIT 1)
"""
SCHEDULE_SQL = "SELECT " + SCHEDULE_SELECT
STATE_SQL = (
    "SELECT version, changed_at, "
    + SCHEDULE_SELECT
    + " FROM briefs_contentversion ORDER BY id LIMIT 1"
)


@dataclass(frozen=True)
class Schedule:
    version: int
    changed_at: object  # as the database returned it
    read_at: datetime
    last_public: datetime | None
    next_publication: datetime | None

    def holds(self, now):
        return self.read_at <= now and (
            self.next_publication is None or now < self.next_publication
        )


# Per database alias: the schedule last read in this process.
_schedules = {}
# Per database alias: the state last read and how many changes the version
# listener had heard then; while it hears nothing more, the state holds.
_trusted = {}


def _as_datetime(value):
    # SQLite hands raw queries text; PostgreSQL aware datetimes.
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=UTC)


# The public request being served, for code that is handed no request (sitemaps).
_public_request = contextvars.ContextVar("public_request", default=None)


def current_state(request=None, using="default"):
    """The content version and the schedule now: one query, on indexes only."""
    if request is None:
        request = _public_request.get()
    state = getattr(request, "_content_state", None)
    if state is not None:
        return state
    now = timezone.now()
    connection = connections[using]
    schedule = _schedules.get(using)
    if schedule is not None and not schedule.holds(now):
        schedule = None
    listener = version_listener.listener_for(using)
    # Read before the query: a change heard during it means reading again.
    heard = listener.heard() if listener is not None else None
    if heard is not None and schedule is not None:
        trusted = _trusted.get(using)
        if trusted is not None and trusted[0] == heard:
            state = trusted[1]
            if request is not None:
                request._content_state = state
            return state
    stamp = connection.ops.adapt_datetimefield_value(now)
    published = Brief.Status.PUBLISHED.value
    arguments = [published, stamp, published, stamp]
    with connection.cursor() as cursor:
        if schedule is None:
            cursor.execute(STATE_SQL, arguments)
        else:
            cursor.execute(VERSION_SQL)
        row = cursor.fetchone()
        if row is None:
            # The row went with a flush of the database; start again.
            ContentVersion.objects.using(using).get_or_create(
                pk=1, defaults={"changed_at": now}
            )
            return current_state(request, using)
        version, changed_at = row[:2]
        if schedule is None:
            schedule = _remember(using, row, now)
        elif (version, changed_at) != (schedule.version, schedule.changed_at):
            cursor.execute(SCHEDULE_SQL, arguments)
            schedule = _remember(using, (version, changed_at, *cursor.fetchone()), now)
    state = ContentState(
        version,
        _as_datetime(changed_at),
        schedule.last_public,
        schedule.next_publication,
    )
    if heard is not None:
        _trusted[using] = (heard, state)
    if request is not None:
        request._content_state = state
    return state


def forget_schedules():
    _schedules.clear()
    _trusted.clear()
    _stored_paths.clear()


def _remember(using, row, now):
    version, changed_at, last_public, next_publication = row
    schedule = Schedule(
        version,
        changed_at,
        now,
        _as_datetime(last_public),
        _as_datetime(next_publication),
    )
    _schedules[using] = schedule
    return schedule


def settings_fingerprint():
    shown = tuple(getattr(settings, name, None) for name in SHOWN_SETTINGS)
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:12]


def data_key(state, name):
    return f"{KEY_PREFIX}:data:{state.key()}:{name}"


def cached_value(request, name, compute):
    """`compute()` once per content version and process (navigation counts)."""
    value = cache.get(data_key(current_state(request), name))
    if value is None:
        value = keep_value(request, name, compute())
    return value


def keep_value(request, name, value):
    """Store `value` under `name` for this content version; returns it."""
    state = current_state(request)
    timeout = state.seconds_left(timezone.now())
    if timeout > 0:
        cache.set(data_key(state, name), value, timeout)
    return value


# -- the page cache ---------------------------------------------------------------


def is_public_request(request):
    if request.method != "GET":
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or any(
        name in cookies for name in PRIVATE_COOKIES
    ):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    request._public_match = match
    return match.namespace in CACHED_NAMESPACES or match.url_name in CACHED_URL_NAMES


def cache_key(request, state):
    parts = (
        state.key(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
    )
    return f"{KEY_PREFIX}:page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def page_etag(key):
    return '"' + key.rsplit(":", 1)[1][:32] + '"'


def is_feed(request):
    return request._public_match.namespace == "feeds"


def skipped_prefixes():
    """Paths that are never cached pages: a hit check there would only cost."""
    prefixes = [reverse("admin:index")]
    for url in (settings.STATIC_URL, settings.MEDIA_URL):
        if url and url.startswith("/"):
            prefixes.append(url)
    return tuple(prefixes)


def state_checking_connection(request, using="default"):
    """current_state(), with the connection's health checked by the query itself.

    With CONN_HEALTH_CHECKS Django sends "SELECT 1" before the first query of
    every request: on a cache hit, half of its round trips. Here the version
    query is the check: if a persistent connection turns out dead (the server
    restarted), it is closed and the query tried once more on a new one.
    """
    connection = connections[using]
    if connection.connection is None or not getattr(
        connection, "health_check_enabled", False
    ):
        return current_state(request, using)
    connection.health_check_done = True
    try:
        return current_state(request, using)
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        connection.close()
        connection.health_check_done = False
        return current_state(request, using)


# Paths this process has stored a page for: only there can a hit be found, so
# only there is the content version read before the rest of the stack runs
# (/healthz, PDFs and the admin's pages pay nothing for the cache).
_stored_paths = {}
MAX_STORED_PATHS = 50_000


class PublicCacheHits:
    """First in MIDDLEWARE: a cache hit is answered before any other middleware.

    What is stored is the response as it left the whole stack, every header the
    outer middleware added included (CSP, Permissions-Policy, the security
    headers), so a hit is byte for byte the response a miss sends, and costs the
    content version query, one cache read and nothing else: no URL resolving, no
    session, no view. Which responses may be stored is decided further in, by
    PublicCacheMiddleware, which knows the view; this class only stores what it
    was told to.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.skipped = None

    def __call__(self, request):
        if not settings.PUBLIC_CACHE_ENABLED or not self.may_hit(request):
            return self.get_response(request)
        path = request.path_info
        if path in _stored_paths:
            try:
                state = state_checking_connection(request)
                key = cache_key(request, state)
            except (DatabaseError, DisallowedHost):
                # Further in, the same failure becomes a 503 or a 400.
                return self.get_response(request)
            stored = cache.get(key)
            if stored is not None:
                # The shared-cache lifetimes shrink towards the next scheduled
                # publication: counted again for every hit, the keys kept.
                return surrogate.apply(
                    request, from_cache(request, stored), state, keys=False
                )
        response = self.get_response(request)
        key = getattr(request, "_public_cache_key", None)
        if key is not None and storable(request, response):
            timeout = request._content_state.seconds_left(timezone.now())
            if timeout > 0:
                cache.set(key, (response.content, dict(response.items())), timeout)
                if len(_stored_paths) >= MAX_STORED_PATHS:
                    _stored_paths.clear()
                _stored_paths[path] = True
        return response

    def may_hit(self, request):
        if request.method != "GET":
            return False
        cookies = request.COOKIES
        if cookies and (
            settings.SESSION_COOKIE_NAME in cookies
            or any(name in cookies for name in PRIVATE_COOKIES)
        ):
            return False
        if self.skipped is None:
            self.skipped = skipped_prefixes()
        return not request.path_info.startswith(self.skipped)


class PublicCacheMiddleware:
    """Public pages: 304s before any view runs, and which responses are stored."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        token = _public_request.set(request)
        try:
            return self.respond(request)
        finally:
            _public_request.reset(token)

    def respond(self, request):
        use_cache = settings.PUBLIC_CACHE_ENABLED
        if not use_cache and is_feed(request):
            # Feeds answer conditional requests by validators of their own; the
            # shared cache's headers are the same whether this cache is on or off.
            response = self.get_response(request)
            state = getattr(request, "_content_state", None)
            return surrogate.apply(request, response, state)
        try:
            state = state_checking_connection(request)
        except DatabaseError:
            # Served uncached: the view meets the same failure where the outage
            # middleware turns it into a 503, or succeeds if it was passing.
            return self.get_response(request)
        key = cache_key(request, state)
        if not is_feed(request):
            # A page's validators come from the version alone: a 304 needs no view.
            # Feeds answer conditional requests themselves, by their own validators.
            not_modified = get_conditional_response(
                request,
                etag=page_etag(key),
                last_modified=state.last_modified,
            )
            if not_modified is not None:
                response = self.with_page_validators(not_modified, key, state)
                return surrogate.apply(request, response, state)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming:
            return surrogate.apply(request, response, state)
        if not is_feed(request) and not response.has_header("ETag"):
            self.with_page_validators(response, key, state)
        # Before it is stored: the keys are named once, when it is rendered.
        surrogate.apply(request, response, state)
        if use_cache:
            # Stored by PublicCacheHits once the outer middleware added theirs.
            request._public_cache_key = key
        return response

    @staticmethod
    def with_page_validators(response, key, state):
        response["ETag"] = page_etag(key)
        response["Last-Modified"] = http_date(state.last_modified)
        # Browsers would otherwise reuse a page by heuristic freshness; asking
        # every time costs a 304.
        patch_cache_control(response, no_cache=True)
        return response


def storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "_content_state", None) is None:
        return False
    cache_control = response.get("Cache-Control", "")
    return "private" not in cache_control and "no-store" not in cache_control


# Validators a 304 repeats from the response it stands for (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Expires", "Vary")


def from_cache(request, stored):
    content, headers = stored
    last_modified = headers.get("Last-Modified")
    not_modified = get_conditional_response(
        request,
        etag=headers.get("ETag"),
        last_modified=_parse_http_date(last_modified),
    )
    if not_modified is not None:
        for name in NOT_MODIFIED_HEADERS:
            if name in headers:
                not_modified[name] = headers[name]
        return not_modified
    return HttpResponse(content, headers=headers)


def _parse_http_date(value):
    return parse_http_date_safe(value) if value else None
