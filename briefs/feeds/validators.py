"""ETag and Last-Modified of one feed, from one query over exactly that feed's items.

Every value an item shows comes from the brief row, its disclosure, its authors or
its categories. Author links and tags can change without the brief's updated_at
moving, so their signatures come along as correlated subqueries in the same query.
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import (
    Aggregate,
    CharField,
    Max,
    OuterRef,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Concat
from taggit.models import TaggedItem

from briefs.feeds.conditional import Validators, make_etag
from briefs.models import BriefAuthor

from .sections import FEED_ORDER

# Bump when the feed markup changes, so readers refetch after a deploy.
FEED_MARKUP_VERSION = 2

# The updated time of a feed that never held a brief: fixed, so its body (and
# with it the strong ETag) does not change from one request to the next.
EMPTY_FEED_UPDATED = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedValidators(Validators):
    # The feed's own updated time, from exactly what the feed shows.
    content_updated: datetime | None = None


class GroupConcat(Aggregate):
    """Comma-joined values; the order is undefined, so callers sort before hashing."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def _per_brief(queryset, key, expression):
    # Grouped by the brief the outer row names: exactly one row, one value.
    return Subquery(queryset.order_by().values(key).annotate(v=expression).values("v"))


def _author_links():
    return BriefAuthor.objects.filter(brief=OuterRef("pk"))


def _tagged_items():
    return TaggedItem.objects.filter(
        content_type__app_label="briefs",
        content_type__model="brief",
        object_id=OuterRef("pk"),
    )


def _joined(*fields):
    parts = []
    for field in fields:
        parts += [field, Value(":")]
    return GroupConcat(Concat(*parts[:-1], output_field=CharField()))


def _latest(queryset, field):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def _removal_times(section, obj):
    """When the section last lost a brief: its latest edit, its latest deletion.

    Only asked separately when the feed is empty; otherwise the same values come
    along in the validator query.
    """
    scope = section.scope(obj).order_by("-updated_at")
    scope = scope.values_list("updated_at", flat=True)[:1]
    removed = section.removed(obj).order_by("-history_date")
    removed = removed.values_list("history_date", flat=True)[:1]
    return [next(iter(scope), None), next(iter(removed), None)]


def feed_validators(section, obj, fmt, feed_url, limit, context=()):
    """The validators of one feed; context holds the settings and request values
    (tag authority, fallback disclosure, ...) that the rendered feed also shows."""
    rows = (
        section.briefs(obj)
        .order_by(*FEED_ORDER)
        .annotate(
            author_signature=_per_brief(
                _author_links(), "brief", _joined("order", "author_id")
            ),
            authors_changed=_per_brief(
                _author_links(), "brief", Max("author__updated_at")
            ),
            category_signature=_per_brief(
                _tagged_items(), "object_id", _joined("tag_id", "tag__name")
            ),
            # Uncorrelated, so computed once: catch briefs that left the feed.
            scope_changed=_latest(section.scope(obj), "updated_at"),
            removed_at=_latest(section.removed(obj), "history_date"),
        )
        .values(
            "pk",
            "updated_at",
            "published_at",
            "disclosure_id",
            "disclosure__updated_at",
            "author_signature",
            "authors_changed",
            "category_signature",
            "scope_changed",
            "removed_at",
        )[:limit]
    )
    parts = []
    times = []
    removals = None
    for row in rows:
        removals = [row.pop("scope_changed"), row.pop("removed_at")]
        # GROUP_CONCAT order is unspecified; author order is inside each entry.
        for key in ("author_signature", "category_signature"):
            row[key] = sorted((row[key] or "").split(","))
        parts.append(sorted(row.items()))
        times += [
            row[key]
            for key in (
                "updated_at",
                "published_at",
                "disclosure__updated_at",
                "authors_changed",
            )
            if row[key] is not None
        ]
    if removals is None:
        removals = _removal_times(section, obj)
    removals = [t for t in removals if t is not None]
    if section.updated_at(obj) is not None:
        times.append(section.updated_at(obj))
    # An empty feed was last changed when its last brief left it.
    content_updated = max(times or removals or [EMPTY_FEED_UPDATED])
    # Feed-level title and description come from obj, which is already loaded.
    # The body shows content_updated as the feed's updated time.
    etag = make_etag(
        FEED_MARKUP_VERSION,
        fmt,
        feed_url,
        section.identity(obj),
        section.title(obj),
        section.description(obj),
        content_updated.isoformat(),
        tuple(context),
        parts,
    )
    # An unpublished or deleted brief drops out of the rows but moves the
    # section's latest edit or deletion, so clients that send only
    # If-Modified-Since still see the change.
    last_modified = max([content_updated, *removals])
    return FeedValidators(
        etag=etag, last_modified=last_modified, content_updated=content_updated
    )
