"""The byline and categories in the history of a brief: recorded, diffed, restored.

Each history record of a brief carries the byline (authors in order) and the
categories as they were (BriefHistorySnapshot). A record is filled when it is made;
writers that change the byline or categories after saving the brief (the admin's
inline and tag field, the importer) call `record_current_byline` once they are
done. A change to them with no save of the brief (the shell, a script) gets a
record of its own when its transaction commits, as simple_history does for
m2m_changed. The receivers that call these functions are in briefs.derived.
"""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone
from simple_history.models import ModelChange
from taggit.models import Tag

from .models import Author, AuthorRedirect, Brief, BriefAuthor

HistoricalBrief = Brief.history.model
SNAPSHOT_FIELDS = ("history_authors", "history_categories")
CHANGE_REASON = "Authors or categories changed"
# How the diff view names the snapshot columns: the brief's own fields.
DIFF_FIELDS = {"history_authors": "authors", "history_categories": "categories"}


def current_snapshots(pks) -> dict[int, tuple[list[dict], list[str]]]:
    """Byline and sorted category names of each brief now, in two queries."""
    pks = set(pks)
    authors = defaultdict(list)
    links = (
        BriefAuthor.objects.filter(brief_id__in=pks)
        .order_by("brief_id", "order", "pk")
        .values_list("brief_id", "author_id", "author__name")
    )
    for brief_id, author_id, name in links:
        authors[brief_id].append({"id": author_id, "name": name})
    categories = defaultdict(list)
    taggings = Brief.categories.through.objects.filter(
        content_type=ContentType.objects.get_for_model(Brief), object_id__in=pks
    ).values_list("object_id", "tag__name")
    for object_id, name in taggings:
        categories[object_id].append(name)
    return {pk: (authors[pk], sorted(categories[pk], key=str.casefold)) for pk in pks}


def names_of(snapshot) -> tuple[list[str], list[str]]:
    """Author names in byline order and category names, of a snapshot."""
    authors, categories = snapshot
    return [entry["name"] for entry in authors], list(categories)


def snapshot_from(authors, category_names) -> tuple[list[dict], list[str]]:
    """A snapshot, as current_snapshots gives it, of a byline known in memory."""
    byline = [{"id": author.pk, "name": author.name} for author in authors]
    return byline, sorted(category_names, key=str.casefold)


def bulk_create_with_snapshots(briefs, snapshots, *, user=None, reason="") -> None:
    """Insert new briefs and their first history records, byline included.

    simple_history's bulk_create_with_history cannot give each record its own
    snapshot, and filling them afterwards costs an UPDATE of every record; the
    importer creates hundreds of briefs a second, so the records are built here,
    as bulk_history_create builds them, with the snapshot columns set.
    """
    Brief.objects.bulk_create(briefs)
    now = timezone.now()
    tracked = HistoricalBrief.tracked_fields
    HistoricalBrief.objects.bulk_create(
        HistoricalBrief(
            history_date=now,
            history_user=user,
            history_change_reason=reason,
            history_type="+",
            history_authors=byline,
            history_categories=categories,
            **{field.attname: getattr(brief, field.attname) for field in tracked},
        )
        for brief, (byline, categories) in zip(briefs, snapshots, strict=True)
    )


def snapshot_of(record) -> tuple[list[dict], list[str]] | None:
    if record.history_authors is None or record.history_categories is None:
        return None  # a record made before these columns existed
    return record.history_authors, record.history_categories


def latest_records(pks):
    last = (
        HistoricalBrief.objects.filter(id__in=set(pks))
        .order_by()
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    return HistoricalBrief.objects.filter(history_id__in=last)


def record_current_byline(pks) -> None:
    """Write the current byline and categories into each brief's latest record."""
    records = list(latest_records(pks).only("history_id", "id", *SNAPSHOT_FIELDS))
    if not records:
        return
    snapshots = current_snapshots(pks)
    for record in records:
        record.history_authors, record.history_categories = snapshots[record.id]
    HistoricalBrief.objects.bulk_update(records, list(SNAPSHOT_FIELDS))


def fill_new_record(instance, history_instance) -> None:
    """Give a record simple_history is about to write the brief's byline."""
    if history_instance.history_type == "-":
        # The byline rows are gone with the brief: keep what the last record had.
        last = latest_records([instance.pk]).first()
        if last is not None:
            history_instance.history_authors = last.history_authors
            history_instance.history_categories = last.history_categories
        return
    authors, categories = current_snapshots([instance.pk])[instance.pk]
    history_instance.history_authors = authors
    history_instance.history_categories = categories


# -- changes with no save of the brief -------------------------------------------


def record_unsaved_changes(pks) -> None:
    """A new record for each brief whose byline or categories differ from its last."""
    snapshots = current_snapshots(pks)
    changed = [
        record.id
        for record in latest_records(pks).only("history_id", "id", *SNAPSHOT_FIELDS)
        if snapshot_of(record) != snapshots[record.id]
    ]
    for brief in Brief.objects.filter(pk__in=changed):
        authors, categories = snapshots[brief.pk]
        Brief.history.bulk_history_create(
            [brief],
            update=True,
            default_change_reason=CHANGE_REASON,
            custom_historical_attrs={
                "history_authors": authors,
                "history_categories": categories,
            },
        )


# -- the diff view and revert ------------------------------------------------------


def snapshot_changes(new_record, old_record) -> list[ModelChange]:
    """What changed in the byline and categories between two records, by name."""
    new, old = snapshot_of(new_record), snapshot_of(old_record)
    if new is None or old is None:
        return []
    return [
        ModelChange(DIFF_FIELDS[field], old_value, new_value)
        for field, old_value, new_value in zip(
            SNAPSHOT_FIELDS, names_of(old), names_of(new), strict=True
        )
        if old_value != new_value
    ]


def category_tags(record) -> list[Tag] | None:
    """The record's categories as (unsaved where new) tags, for the revert form."""
    if record.history_categories is None:
        return None
    return [Tag(name=name) for name in record.history_categories]


def restorable_authors(record) -> tuple[list[Author], list[str]] | None:
    """The record's byline as authors that still exist, and the names of the others."""
    if record.history_authors is None:
        return None
    ids = [entry["id"] for entry in record.history_authors]
    # An author merged into another since (a duplicate row) is that other now.
    merged = dict(
        AuthorRedirect.objects.filter(merged_author_id__in=ids).values_list(
            "merged_author_id", "author_id"
        )
    )
    current = [merged.get(pk, pk) for pk in ids]
    existing = Author.objects.in_bulk(current)
    found = list(dict.fromkeys(existing[pk] for pk in current if pk in existing))
    gone = [
        entry["name"]
        for entry, pk in zip(record.history_authors, current, strict=True)
        if pk not in existing
    ]
    return found, gone


def restore_byline(brief, authors: list[Author]) -> None:
    """Make `authors`, in this order, the byline of the brief."""
    BriefAuthor.objects.filter(brief_id=brief.pk).delete()
    BriefAuthor.objects.bulk_create(
        BriefAuthor(brief_id=brief.pk, author=author, order=order)
        for order, author in enumerate(authors)
    )
