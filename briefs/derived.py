"""Keep derived data in step with edits made anywhere (admin, shell, importer).

The search vector needs the brief's authors and categories, which the admin saves
after the brief itself; so changes are collected and the vector is rebuilt once,
when the transaction commits.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import images
from .commit_batches import CommitBatch
from .models import Author, Brief, BriefAuthor
from .search import update_search_vectors

_search_updates = CommitBatch("search", update_search_vectors)


def schedule_search_update(brief_pk, using="default"):
    """Rebuild this brief's vector once, when the current transaction commits."""
    _search_updates.add(brief_pk, using)


@receiver(post_save, sender=Brief, dispatch_uid="brief_saved_for_site")
def brief_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is None or {"title", "summary", "body"} & set(update_fields):
        schedule_search_update(instance.pk, using)
    images.prepare(instance.feature_image)


@receiver(post_save, sender=Author, dispatch_uid="author_saved_for_site")
def author_saved(sender, instance, raw=False, using="default", **kwargs):
    if raw:
        return
    images.prepare(instance.photo)
    update_fields = kwargs.get("update_fields")
    if update_fields is None or "name" in update_fields:
        for pk in instance.brief_links.values_list("brief_id", flat=True):
            schedule_search_update(pk, using)


@receiver(post_save, sender=BriefAuthor, dispatch_uid="byline_saved_for_site")
@receiver(post_delete, sender=BriefAuthor, dispatch_uid="byline_deleted_for_site")
def byline_changed(sender, instance, using="default", raw=False, **kwargs):
    if not raw:
        schedule_search_update(instance.brief_id, using)


@receiver(m2m_changed, sender=Brief.categories.through, dispatch_uid="tags_for_site")
def categories_changed(sender, instance, action, reverse, using="default", **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Brief):
        schedule_search_update(instance.pk, using)
