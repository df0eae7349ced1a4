"""Receivers of the editions: WebSub pings and the FARA register's entries."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import Author, Brief, Disclosure, Series
from . import register, websub


@receiver(post_save, sender=Brief, dispatch_uid="editions_websub_ping")
def ping_hub_for_public_brief(sender, instance, raw=False, **kwargs):
    # Off unless a hub is configured: no query, no request.
    if raw or not settings.WEBSUB_HUB_URL or not instance.is_public:
        return
    pk = instance.pk

    def ping():
        brief = Brief.objects.for_listing().filter(pk=pk).first()
        if brief is not None and brief.is_public:
            websub.ping(websub.feeds_of(brief))

    # After commit: the hub fetches the feeds at once, and must see the brief.
    transaction.on_commit(ping)


@receiver(post_save, sender=Brief, dispatch_uid="editions_register_brief")
def register_public_brief(sender, instance, raw=False, **kwargs):
    # A draft or a scheduled brief opens nothing yet; the sweep catches the
    # scheduled one when its time has come.
    if not raw and instance.is_public:
        register.sync_later([instance.pk])


@receiver(post_save, sender=Author, dispatch_uid="editions_register_author")
def register_author_change(sender, instance, raw=False, **kwargs):
    if not raw:
        briefs = Brief.objects.published().filter(brief_authors__author=instance)
        register.sync_later(briefs.values_list("pk", flat=True))


@receiver(post_save, sender=Disclosure, dispatch_uid="editions_register_disclosure")
def register_disclosure_change(sender, instance, raw=False, **kwargs):
    if not raw:
        briefs = Brief.objects.published().filter(disclosure=instance)
        register.sync_later(briefs.values_list("pk", flat=True))


@receiver(post_save, sender=Series, dispatch_uid="editions_register_series")
def register_series_change(sender, instance, raw=False, **kwargs):
    if not raw:
        briefs = Brief.objects.published().filter(series=instance)
        register.sync_later(briefs.values_list("pk", flat=True))
