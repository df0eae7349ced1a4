"""A database outage: /healthz says so, pages answer 503, and recover by themselves."""

import sqlite3
from contextlib import contextmanager

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, connection
from django.test import Client, RequestFactory

from kei_site.outage import handler500, is_connection_failure
from tests.factories import make_brief

UNREACHABLE = {
    "postgresql": 'connection failed: connection to server at "127.0.0.1", port 5432 '
    "failed: Connection refused",
    "sqlite": "unable to open database file",
}


def driver_error(message, error_class=None):
    """A driver exception as Django raises it: wrapped, the original as __cause__."""
    error_class = error_class or connection.Database.OperationalError
    try:
        with connection.wrap_database_errors:
            raise error_class(message)
    except Exception as wrapped:  # noqa: BLE001 -- returned for the caller to raise
        return wrapped


def query_error():
    """An OperationalError of a query, with the server answering."""
    if connection.vendor == "postgresql":
        return driver_error(
            "canceling statement due to statement timeout",
            psycopg.errors.QueryCanceled,
        )
    return driver_error("no such table: briefs_brief")


@contextmanager
def database_down(monkeypatch):
    """Every new cursor fails the way the driver fails when no server answers."""

    def refuse(*args, **kwargs):
        raise driver_error(UNREACHABLE[connection.vendor])

    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", refuse)
        yield


@pytest.fixture
def world(db):
    return make_brief("A brief on the alliance")


def test_healthz_reports_the_database(client, world, monkeypatch):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]
    with database_down(monkeypatch):
        down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json()["database"] == "unreachable"
    assert client.get("/healthz").status_code == 200


def test_healthz_costs_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "path", ["/", "brief", "/series/", "/feeds/rss/", "/search/?q=x"]
)
def test_pages_answer_503_with_retry_after_while_down_then_recover(
    client, world, monkeypatch, settings, path
):
    path = world.get_absolute_url() if path == "brief" else path
    assert client.get(path).status_code == 200
    with database_down(monkeypatch):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.DATABASE_OUTAGE_RETRY_AFTER)
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "Back in a moment" in page
    assert "The Peninsula" in page
    assert "registered under the FARA" in page
    assert "Content-Security-Policy" in response
    # Back by itself: nothing was remembered.
    assert client.get(path).status_code == 200


def test_admin_answers_503_too(world, monkeypatch):
    from tests.admin_client import client_for, editor

    staff = client_for(editor())
    with database_down(monkeypatch):
        response = staff.get("/admin/briefs/brief/")
    assert response.status_code == 503


def test_the_outage_page_needs_no_database(client, world, monkeypatch):
    with database_down(monkeypatch):
        # Nothing in the 503 page may query: if it did, this would raise again.
        response = client.get("/")
    assert response.status_code == 503


def test_other_database_errors_stay_500(world, monkeypatch):
    client = Client(raise_request_exception=False)

    def timeout(*args, **kwargs):
        raise query_error()

    with monkeypatch.context() as patch:
        patch.setattr(connection, "ensure_connection", timeout)
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (psycopg.OperationalError("connection failed: Connection refused"), True),
        (psycopg.OperationalError("server closed the connection unexpectedly"), True),
        (psycopg.errors.AdminShutdown("terminating connection"), True),
        (psycopg.errors.CannotConnectNow("the database system is starting up"), True),
        (psycopg.errors.ConnectionFailure("connection failure"), True),
        (psycopg.errors.QueryCanceled("statement timeout"), False),
        (psycopg.errors.DeadlockDetected("deadlock detected"), False),
        (psycopg.errors.LockNotAvailable("could not obtain lock"), False),
        (sqlite3.OperationalError("unable to open database file"), True),
        (sqlite3.OperationalError("database is locked"), False),
        (sqlite3.OperationalError("no such table: briefs_brief"), False),
    ],
)
def test_only_connection_failures_count(error, expected):
    wrapped = OperationalError(str(error))
    wrapped.__cause__ = error
    assert is_connection_failure(wrapped) is expected


def test_non_operational_errors_never_count():
    assert not is_connection_failure(IntegrityError("duplicate key"))
    assert not is_connection_failure(ValueError("connection failed"))
    assert not is_connection_failure(None)


def test_outage_outside_a_view_is_a_503_too(db):
    # A session saved by its middleware after the view, say: handler500 sees it.
    request = RequestFactory().get("/")
    try:
        raise driver_error(UNREACHABLE[connection.vendor])
    except OperationalError:
        response = handler500(request)
    assert response.status_code == 503
    assert "Retry-After" in response
    try:
        raise query_error()
    except OperationalError:
        assert handler500(request).status_code == 500
