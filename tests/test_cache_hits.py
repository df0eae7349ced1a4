"""A cache hit is answered first in the middleware stack, and is byte for byte
the response the whole stack sends uncached: same body, same headers (CSP,
Permissions-Policy, the security headers, validators)."""

from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from briefs.content_version import ContentVersion
from briefs.site import caching
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


@pytest.fixture
def world(django_capture_on_commit_callbacks, settings):
    # The production values of the headers SecurityMiddleware adds.
    settings.SECURE_CONTENT_TYPE_NOSNIFF = True
    settings.SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    settings.SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    settings.BRIEFS_PER_PAGE = 2
    with django_capture_on_commit_callbacks(execute=True):
        author = make_author("Hana Hit")
        series = make_series("Hit Series", slug="hit-series")
        briefs = [
            make_brief(
                f"Cached Brief Number {n}",
                summary="A summary.",
                body="## Executive Summary\n\nThe argument.",
                authors=[author],
                categories=["Trade"],
                series=series,
            )
            for n in range(5)
        ]
    return briefs


def paths(world):
    return [world[0].get_absolute_url(), "/?page=2", "/feeds/rss/", "/robots.txt"]


def headers(response):
    return list(response.items())


def test_a_hit_carries_exactly_the_headers_and_body_of_an_uncached_response(
    client, world, settings
):
    for path in paths(world):
        settings.PUBLIC_CACHE_ENABLED = False
        uncached = client.get(path)
        settings.PUBLIC_CACHE_ENABLED = True
        cache.clear()
        miss = client.get(path)
        hit = client.get(path)
        assert uncached.status_code == miss.status_code == hit.status_code == 200
        for name in SECURITY_HEADERS:
            assert uncached.has_header(name), (path, name)
        assert headers(hit) == headers(miss) == headers(uncached), path
        assert hit.content == miss.content == uncached.content, path


def test_a_hit_runs_no_other_middleware_and_one_query(
    client, world, django_assert_num_queries
):
    path = world[0].get_absolute_url()
    client.get(path)
    with (
        mock.patch.object(caching, "resolve") as resolve,
        mock.patch(
            "kei_site.security.ContentSecurityPolicyMiddleware.process_response"
        ) as csp,
        django_assert_num_queries(1),
    ):
        response = client.get(path)
    assert response.status_code == 200
    resolve.assert_not_called()
    csp.assert_not_called()


def test_a_hit_answers_conditional_requests(client, world):
    path = "/?page=2"
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]


def test_static_and_admin_paths_cost_no_content_version_query(
    client, world, django_assert_num_queries
):
    with django_assert_num_queries(0):
        client.get("/static/missing.css")


def test_a_change_in_another_process_is_seen_by_the_next_hit(client, world):
    path = world[0].get_absolute_url()
    assert b"Cached Brief Number 0" in client.get(path).content
    # What another process's write leaves behind: the row moved, nothing here told.
    ContentVersion.objects.update(version=12345, changed_at=timezone.now())
    type(world[0]).objects.filter(pk=world[0].pk).update(title="Renamed Elsewhere")
    assert b"Renamed Elsewhere" in client.get(path).content


def test_the_schedule_is_read_again_when_a_publication_comes_due(
    client, world, django_capture_on_commit_callbacks
):
    goes_live = timezone.now() + timezone.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        make_brief("Due In An Hour", published_at=goes_live, categories=["Trade"])
    before = goes_live - timezone.timedelta(microseconds=1)
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert b"Due In An Hour" not in client.get("/").content
        assert b"Due In An Hour" not in client.get("/").content
    with mock.patch("django.utils.timezone.now", return_value=goes_live):
        assert b"Due In An Hour" in client.get("/").content


def test_a_hit_sends_no_health_check_query(client, world, monkeypatch):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    connection = connections["default"]
    connection.ensure_connection()
    monkeypatch.setattr(connection, "health_check_enabled", True, raising=False)
    path = world[0].get_absolute_url()
    client.get(path)
    with (
        mock.patch.object(
            connection, "is_usable", wraps=connection.is_usable
        ) as usable,
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(path).status_code == 200
    usable.assert_not_called()
    assert len(queries) == 1


# serialized_rollback: the flush after it then leaves content types to the next
# serialized test, as the other transactional tests do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_dead_connection_found_by_a_hit_is_replaced(client, monkeypatch):
    from django.db import OperationalError, connections

    connection = connections["default"]
    make_brief("Survives A Restart", categories=["Trade"])
    monkeypatch.setattr(connection, "health_check_enabled", True, raising=False)
    client.get("/")
    real = caching.current_state
    failures = []

    def once_dead(request=None, using="default"):
        if not failures:
            failures.append(connection.connection)
            raise OperationalError("server closed the connection unexpectedly")
        return real(request, using)

    monkeypatch.setattr(caching, "current_state", once_dead)
    with mock.patch.object(caching, "resolve", wraps=caching.resolve) as resolve:
        response = client.get("/")
    assert response.status_code == 200
    assert b"Survives A Restart" in response.content
    # Answered as a hit, on a new connection.
    resolve.assert_not_called()
    assert failures
    if connection.vendor != "sqlite":  # an in-memory SQLite database never closes
        assert connection.connection is not failures[0]
