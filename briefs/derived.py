"""Everything kept in step with a brief, whoever writes it (admin, shell, importer).

A brief's rendered body, search vector, image renditions, the byline and
categories in its history records, its version and its old addresses are all
derived from rows that are saved one after another (the admin saves the inline
byline and the tags after the brief). So the receivers here collect the brief ids
of a transaction and do the work once, when it commits, and not at all on a
rollback. This module holds every receiver for that, one per signal and sender;
bulk inserts send no signals, so the importer calls `bulk_create_briefs` and
`bylines_replaced`, which run the same functions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record
from taggit.models import Tag, TaggedItem

from . import history, images, library
from .models import (
    Author,
    AuthorRedirect,
    Brief,
    BriefAuthor,
    Disclosure,
    MediaImage,
    Series,
    SlugRedirect,
)
from .rendering import render_body
from .search import update_search_vectors
from .site import purge

# -- work collected during a transaction and done once, on commit ----------------


class _Pending:
    def __init__(self, handler):
        self.handler = handler
        self.pks = set()
        self.flushed = False

    def flush(self):
        self.flushed = True
        if self.pks:
            self.handler(self.pks)


class CommitBatch:
    """Hands the ids added during one transaction to `handler`, once, on commit."""

    def __init__(self, name, handler):
        self.attribute = f"_brief_commit_batch_{name}"
        self.handler = handler

    def add(self, pk, using="default"):
        connection = connections[using]
        pending = getattr(connection, self.attribute, None)
        # A batch is reused while its flush still waits in the connection's
        # on-commit list; a commit runs it and a rollback empties the list.
        waiting = (
            pending is not None
            and not pending.flushed
            and any(entry[1] == pending.flush for entry in connection.run_on_commit)
        )
        if not waiting:
            pending = _Pending(self.handler)
            setattr(connection, self.attribute, pending)
            transaction.on_commit(pending.flush, using=using)
        pending.pks.add(pk)


_search_updates = CommitBatch("search", update_search_vectors)
_byline_checks = CommitBatch("byline", history.record_unsaved_changes)


def byline_or_categories_changed(brief_pk, using="default"):
    """The brief's vector and history follow its byline and categories, on commit."""
    _search_updates.add(brief_pk, using)
    _byline_checks.add(brief_pk, using)


# -- the paths that send no signals ----------------------------------------------


def render(brief: Brief) -> None:
    brief.body_html = render_body(brief.body)


def bulk_create_briefs(briefs, bylines, taggings, *, user=None, reason="") -> None:
    """Insert new briefs with their byline, categories and everything derived."""
    for brief in briefs:
        render(brief)
    history.bulk_create_with_snapshots(
        briefs,
        [
            history.snapshot_from(authors, [tag.name for tag in tags])
            for authors, tags in zip(bylines, taggings, strict=True)
        ],
        user=user,
        reason=reason,
    )
    BriefAuthor.objects.bulk_create(
        BriefAuthor(brief=brief, author=author, order=order)
        for brief, authors in zip(briefs, bylines, strict=True)
        for order, author in enumerate(authors)
    )
    content_type = ContentType.objects.get_for_model(Brief)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=content_type, object_id=brief.pk, tag=tag)
        for brief, tags in zip(briefs, taggings, strict=True)
        for tag in tags
    )
    update_search_vectors(briefs)
    purge.briefs_touched([brief.pk for brief in briefs], created=True)
    purge.settle()


def bylines_replaced(pks) -> None:
    """The byline of these saved briefs was rewritten in bulk, after their save.

    Their save() already queued the search vector; the history record it made
    holds the byline from before, so it is brought up to date here.
    """
    history.record_current_byline(pks)
    purge.briefs_touched(pks)
    purge.settle()


# -- receivers -------------------------------------------------------------------


@receiver(pre_save, sender=Brief, dispatch_uid="brief_before_save")
def brief_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Render the body, bump the version and remember the brief's old address.

    The version comes from the database row, not the instance, so that a writer
    holding an old copy (an import, an action) still moves the version forward and
    an editor's form opened before it is refused.
    """
    instance._previous_row = None
    if raw:
        return
    if update_fields is None or "body" in update_fields:
        render(instance)
    if update_fields is None or "image" in update_fields:
        library.copy_into_brief(instance)
    if instance.pk is None:
        return
    if update_fields is not None and "version" not in update_fields:
        return
    previous = (
        Brief.objects.filter(pk=instance.pk).values("slug", "status", "version").first()
    )
    if previous is None:
        return
    instance._previous_row = previous
    instance.version = previous["version"] + 1


@receiver(post_save, sender=Brief, dispatch_uid="brief_after_save")
def brief_after_save(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is None or {"title", "summary", "body"} & set(update_fields):
        _search_updates.add(instance.pk, using)
    images.prepare(instance.feature_image)
    keep_old_address(instance)


def keep_old_address(brief: Brief) -> None:
    """Keep a published brief's old URL working after its slug changes."""
    previous = getattr(brief, "_previous_row", None)
    if previous is None or previous["slug"] == brief.slug:
        return
    # The brief's new address is no longer an old one, if it ever was.
    SlugRedirect.objects.filter(old_slug=brief.slug).delete()
    if previous["status"] == Brief.Status.PUBLISHED:
        SlugRedirect.objects.update_or_create(
            old_slug=previous["slug"], defaults={"brief": brief}
        )


@receiver(pre_save, sender=Author, dispatch_uid="author_before_save")
def author_before_save(
    sender, instance, raw=False, using="default", update_fields=None, **kwargs
):
    if raw:
        return
    if update_fields is None or "portrait" in update_fields:
        library.copy_into_author(instance)
    if instance.pk is None:
        return
    instance._previous_slug = (
        Author.objects.using(using)
        .filter(pk=instance.pk)
        .values_list("slug", flat=True)
        .first()
    )


@receiver(post_save, sender=MediaImage, dispatch_uid="library_image_saved")
def library_image_saved(sender, instance, raw=False, created=False, **kwargs):
    """Renditions and crops now, and the new alt text or credit wherever used."""
    if raw:
        return
    images.prepare(instance.file)
    library.prepare_crops(instance)
    if not created:
        # spread() writes by update(), which sends no signals of its own: the
        # pages that show the image are named for the HTTP cache here.
        using = kwargs.get("using", "default")
        purge.briefs_touched(
            Brief.objects.filter(image=instance).values_list("pk", flat=True), using
        )
        for author_pk in Author.objects.filter(portrait=instance).values_list(
            "pk", flat=True
        ):
            purge.section_touched("author", author_pk, using)
        library.spread(instance)
        purge.settle(using)


@receiver(post_save, sender=Author, dispatch_uid="author_after_save")
def author_after_save(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    images.prepare(instance.photo)
    keep_old_author_address(instance, using)
    update_fields = kwargs.get("update_fields")
    if update_fields is None or "name" in update_fields:
        for pk in instance.brief_links.values_list("brief_id", flat=True):
            _search_updates.add(pk, using)


def keep_old_author_address(author: Author, using: str = "default") -> None:
    """Keep an author's old URL working after their slug changes."""
    previous = getattr(author, "_previous_slug", None)
    if not previous or previous == author.slug:
        return
    redirects = AuthorRedirect.objects.using(using)
    # The author's new address is no longer an old one (a merge's record stays).
    redirects.filter(old_slug=author.slug, merged_author_id=None).delete()
    redirects.update_or_create(old_slug=previous, defaults={"author": author})


@receiver(post_save, sender=BriefAuthor, dispatch_uid="byline_saved")
@receiver(post_delete, sender=BriefAuthor, dispatch_uid="byline_deleted")
def byline_changed(sender, instance, using="default", raw=False, **kwargs):
    if not raw:
        byline_or_categories_changed(instance.brief_id, using)


@receiver(m2m_changed, sender=Brief.categories.through, dispatch_uid="categories")
def categories_changed(sender, instance, action, reverse, using="default", **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(
        instance, Brief
    ):
        byline_or_categories_changed(instance.pk, using)


@receiver(pre_create_historical_record, sender=Brief.history.model)
def history_record_made(sender, instance, history_instance, **kwargs):
    history.fill_new_record(instance, history_instance)


# -- the shared HTTP cache: keys before a change and after it (briefs.site.purge) --


@receiver(pre_save, sender=Brief, dispatch_uid="purge_brief_before")
@receiver(pre_delete, sender=Brief, dispatch_uid="purge_brief_deleting")
def purge_brief_before(sender, instance, raw=False, using="default", **kwargs):
    if not raw and instance.pk is not None:
        purge.briefs_touched([instance.pk], using)


@receiver(post_save, sender=Brief, dispatch_uid="purge_brief_after")
@receiver(post_delete, sender=Brief, dispatch_uid="purge_brief_deleted")
def purge_brief_after(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        purge.briefs_touched([instance.pk], using, created=kwargs.get("created", False))
        purge.settle(using)


@receiver(pre_save, sender=BriefAuthor, dispatch_uid="purge_byline_before")
@receiver(pre_delete, sender=BriefAuthor, dispatch_uid="purge_byline_deleting")
def purge_byline_before(sender, instance, raw=False, using="default", **kwargs):
    if not raw and instance.brief_id is not None:
        purge.briefs_touched([instance.brief_id], using)


@receiver(post_save, sender=BriefAuthor, dispatch_uid="purge_byline_after")
@receiver(post_delete, sender=BriefAuthor, dispatch_uid="purge_byline_deleted")
def purge_byline_after(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        purge.settle(using)


@receiver(m2m_changed, sender=Brief.categories.through, dispatch_uid="purge_categories")
def purge_categories(sender, instance, action, reverse, using="default", **kwargs):
    if action.startswith("pre_"):
        if isinstance(instance, Brief):
            purge.briefs_touched([instance.pk], using)
        else:
            purge.section_touched("category", instance.pk, using)
    elif action.startswith("post_"):
        if not isinstance(instance, Brief):
            purge.section_touched("category", instance.pk, using)
        purge.settle(using)


SECTION_KINDS = {
    Author: "author",
    Series: "series",
    Tag: "category",
    Disclosure: "disclosure",
}


def _purge_section_before(sender, instance, raw=False, using="default", **kwargs):
    if not raw and instance.pk is not None:
        purge.section_touched(SECTION_KINDS[sender], instance.pk, using)


def _purge_section_after(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    if kwargs.get("signal") is post_save:
        purge.section_touched(SECTION_KINDS[sender], instance.pk, using)
    purge.settle(using)


for _model, _kind in SECTION_KINDS.items():
    pre_save.connect(_purge_section_before, _model, dispatch_uid=f"purge_{_kind}_b")
    pre_delete.connect(_purge_section_before, _model, dispatch_uid=f"purge_{_kind}_d")
    post_save.connect(_purge_section_after, _model, dispatch_uid=f"purge_{_kind}_a")
    post_delete.connect(_purge_section_after, _model, dispatch_uid=f"purge_{_kind}_x")
