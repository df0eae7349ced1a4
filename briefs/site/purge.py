"""Purging the shared HTTP cache by surrogate key when public content changes.

The receivers in briefs.derived report what a transaction touches (briefs,
authors, series, categories, disclosures); the keys are worked out from the
database before the change (the first time a row is touched) and after it (on
commit), so a brief that moves from one author or series to another purges both.
A brief that is neither public nor scheduled, before or after, purges nothing:
no public response shows it. One purge request per target and transaction, or
per `batch()` (the importer), and only after the commit: a rollback purges
nothing. A failed purge is logged and never fails the save; the response then
lives out its s-maxage (briefs.site.surrogate).
"""

import contextlib
import logging
import threading
import time
import urllib.request

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from taggit.models import TaggedItem

from briefs.models import Brief, BriefAuthor

from . import surrogate

logger = logging.getLogger(__name__)
# Keys per purge request: header lines stay well under proxies' limits (8 KB).
KEYS_PER_REQUEST = 200


def enabled():
    return bool(settings.HTTP_CACHE_PURGE_URLS)


# -- keys from the database ---------------------------------------------------------


def brief_keys(pks):
    """The keys the briefs are shown under now; none for a draft or a deleted one."""
    pks = set(pks)
    if not pks:
        return set()
    rows = Brief.objects.filter(pk__in=pks, status=Brief.Status.PUBLISHED).values_list(
        "pk", "series_id"
    )
    shown = {}
    for pk, series_id in rows:
        shown[pk] = {surrogate.brief_key(pk)}
        if series_id:
            shown[pk].add(surrogate.section_key("series", series_id))
    if not shown:
        return set()
    for brief_id, author_id in BriefAuthor.objects.filter(
        brief_id__in=shown
    ).values_list("brief_id", "author_id"):
        shown[brief_id].add(surrogate.section_key("author", author_id))
    for brief_id, tag_id in TaggedItem.objects.filter(
        content_type__app_label="briefs",
        content_type__model="brief",
        object_id__in=shown,
    ).values_list("object_id", "tag_id"):
        shown[brief_id].add(surrogate.section_key("category", tag_id))
    keys = set().union(*shown.values())
    return keys | set(surrogate.PUBLICATION_KEYS)


def briefs_of(kind, pk):
    """Published briefs that show this author, series, category or disclosure."""
    published = Brief.objects.filter(status=Brief.Status.PUBLISHED)
    if kind == "author":
        published = published.filter(brief_authors__author_id=pk)
    elif kind == "series":
        published = published.filter(series_id=pk)
    elif kind == "category":
        published = published.filter(categories__id=pk)
    elif kind == "disclosure":
        published = published.filter(disclosure_id=pk)
    return {
        surrogate.brief_key(brief) for brief in published.values_list("pk", flat=True)
    }


SECTION_EXTRAS = {
    # The pages beside a section's own that list it by name.
    "author": ("authors", "sitemap"),
    "series": ("series-index", "sitemap", "home"),
    "category": ("home", "sitemap"),
    "disclosure": (),
}


def section_keys(kind, pk):
    keys = briefs_of(kind, pk)
    if kind == "disclosure":
        return keys
    if not keys:
        return set()  # nothing public shows it
    return keys | {surrogate.section_key(kind, pk), *SECTION_EXTRAS[kind], "feeds"}


# -- what a transaction touched -----------------------------------------------------


class _Pending:
    def __init__(self):
        self.briefs = set()
        self.keys = set()
        self.flushed = False
        # Waiting for a transaction's commit, or for the autocommit write to end.
        self.on_commit = False

    def collect(self):
        return self.keys | brief_keys(self.briefs)

    def flush(self):
        self.flushed = True
        batch = getattr(_batch, "pending", None)
        try:
            if batch is not None:
                # Inside a batch: the transaction hands its keys over.
                batch.keys |= self.collect()
                return
            send(self.collect())
        except Exception:
            # After the commit: the save stands whatever happens here.
            logger.exception("HTTP cache purge failed")


_batch = threading.local()


def _pending(using):
    """What this transaction touched so far (or this autocommit statement)."""
    connection = connections[using]
    pending = getattr(connection, "_http_cache_purge", None)
    if pending is not None and not pending.flushed:
        if not pending.on_commit and not connection.in_atomic_block:
            return pending  # settled by the receiver after the write
        if pending.on_commit and any(
            entry[1] == pending.flush for entry in connection.run_on_commit
        ):
            return pending
        # Otherwise its transaction was rolled back: nothing of it is purged.
    pending = _Pending()
    connection._http_cache_purge = pending
    if connection.in_atomic_block:
        pending.on_commit = True
        transaction.on_commit(pending.flush, using=using)
    return pending


def settle(using="default"):
    """After a write: outside a transaction it is committed, so purge now."""
    connection = connections[using]
    pending = getattr(connection, "_http_cache_purge", None)
    if (
        pending is not None
        and not pending.flushed
        and not pending.on_commit
        and not connection.in_atomic_block
    ):
        pending.flush()


def briefs_touched(pks, using="default", *, created=False):
    """These briefs are about to change, or were just created: purge on commit."""
    if not enabled():
        return
    pending = _pending(using)
    new = set(pks) - pending.briefs
    if new and not created:
        # What they are shown under before the change.
        pending.keys |= brief_keys(new)
    pending.briefs |= new


def section_touched(kind, pk, using="default"):
    """An author, series, category or disclosure changes: the briefs showing it,
    before (call before the write) or after (after it)."""
    if not enabled() or pk is None:
        return
    _pending(using).keys |= section_keys(kind, pk)


@contextlib.contextmanager
def batch():
    """Many transactions (an import), one purge at the end of them all."""
    if getattr(_batch, "pending", None) is not None or not enabled():
        yield
        return
    pending = _Pending()
    _batch.pending = pending
    try:
        yield
    finally:
        _batch.pending = None
        pending.flush()


# -- the HTTP call ------------------------------------------------------------------


def wait_for_replica():
    """Until the replica has replayed the primary's last commit, a short while.

    Otherwise the cache, purged, could refetch the page from an app server that
    still reads the old row from the replica and keep that for s-maxage.
    """
    if (
        "replica" not in settings.DATABASES
        or settings.HTTP_CACHE_PURGE_REPLICA_WAIT <= 0
    ):
        return
    deadline = time.monotonic() + settings.HTTP_CACHE_PURGE_REPLICA_WAIT
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()")
            (target,) = cursor.fetchone()
        while time.monotonic() < deadline:
            with connections["replica"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
                )
                (replayed,) = cursor.fetchone()
            if replayed is not False:  # None: not a standby (tests, a mirror)
                return
            time.sleep(0.01)
        logger.warning("HTTP cache purge: the replica is behind; purging anyway")
    except DatabaseError as error:
        # The replica down: public reads are on the primary, nothing to wait for.
        connections["replica"].close()
        logger.info("HTTP cache purge: replica not checked (%s)", error)


def send(keys):
    """PURGE each target with the keys (xkey and Surrogate-Key); failures logged."""
    targets = settings.HTTP_CACHE_PURGE_URLS
    if not targets or not keys:
        return
    wait_for_replica()
    keys = sorted(keys)
    for target in targets:
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            value = " ".join(keys[start : start + KEYS_PER_REQUEST])
            request = urllib.request.Request(
                target,
                method="PURGE",
                headers={"xkey": value, "Surrogate-Key": value},
            )
            try:
                with urllib.request.urlopen(  # noqa: S310 -- a setting, http(s)
                    request, timeout=settings.HTTP_CACHE_PURGE_TIMEOUT
                ) as answer:
                    answer.read()
            except OSError as error:
                logger.warning(
                    "HTTP cache purge of %d keys at %s failed: %s",
                    len(keys),
                    target,
                    error,
                )
                break
