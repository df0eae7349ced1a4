"""While the database cannot be reached, pages say so with 503 instead of 500.

Only failures to reach the database count: a statement timeout, a deadlock, a
constraint or a missing table are bugs or contention and stay ordinary 500s, logged
as such. Nothing is remembered between requests, so the first request after the
database is back is served normally.
"""

import logging
import sqlite3
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.defaults import server_error

logger = logging.getLogger(__name__)

# SQLSTATE classes and codes of a lost or refused connection.
CONNECTION_SQLSTATE_CLASSES = ("08",)
CONNECTION_SQLSTATES = {
    "57P01",  # admin_shutdown: the server is stopping
    "57P02",  # crash_shutdown
    "57P03",  # cannot_connect_now: starting up or shutting down
}
SQLITE_UNREACHABLE = ("unable to open database file", "disk i/o error")


def is_connection_failure(error):
    """True when `error` means the database is unreachable, not that a query failed."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    if isinstance(error, InterfaceError):
        # "connection already closed" and the like: never a query's own fault.
        return True
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return str(cause).lower().startswith(SQLITE_UNREACHABLE)
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is None:
        # psycopg raises without a SQLSTATE when no server answered at all:
        # refused, reset, timed out, or closed in the middle of a query.
        return cause is not None and type(cause).__module__.startswith("psycopg")
    return sqlstate.startswith(CONNECTION_SQLSTATE_CLASSES) or (
        sqlstate in CONNECTION_SQLSTATES
    )


def outage_response(request=None):
    """The branded 503 page; rendered without context processors or queries."""
    body = loader.get_template("503.html").render()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.DATABASE_OUTAGE_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_connection_failure(exception):
            return None
        logger.error(
            "Database unreachable on %s %s: %s", request.method, request.path, exception
        )
        return outage_response(request)


def handler500(request, template_name="500.html"):
    """handler500: a database outage met outside any view (a session being saved, a
    middleware's query) is a 503 too."""
    error = sys.exc_info()[1]
    if is_connection_failure(error):
        return outage_response(request)
    return server_error(request, template_name)
