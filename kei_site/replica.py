"""Public reads from a read replica, everything else from the primary.

With DATABASE_REPLICA_URL set, the anonymous GET and HEAD requests of the public
site read from the replica. The admin, every write, every transaction, the
importer and the management commands use the primary, and so does every request
that carries a session: an editor sees their own write at once (read-your-writes)
without waiting for the replica to replay it. If the replica cannot be reached,
public reads fall back to the primary until it answers again.
"""

import time
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

REPLICA = "replica"
# Primary unless a request of the public site says otherwise, so that commands,
# tasks and tests never read what the primary has not yet shipped.
_public_read = ContextVar("public_read", default=False)
_replica_down_until = 0.0


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_available() -> bool:
    """Is the replica answering? A failure is remembered for a few seconds."""
    global _replica_down_until
    if not replica_configured():
        return False
    now = time.monotonic()
    if now < _replica_down_until:
        return False
    try:
        # A connection kept from an earlier request may be to a replica that has
        # gone since; Django checks it only at the first query, too late here.
        connections[REPLICA].close_if_health_check_failed()
        connections[REPLICA].ensure_connection()
    except DatabaseError:
        connections[REPLICA].close()
        _replica_down_until = now + settings.DATABASE_REPLICA_RETRY_SECONDS
        return False
    return True


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _public_read.get() or connections["default"].in_atomic_block:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


def is_public_read(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith("/admin/")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class PublicReadsOnReplica:
    """Marks the public site's anonymous reads for the replica while it answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_public_read(request) and replica_available()):
            return self.get_response(request)
        token = _public_read.set(True)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)
