"""Receivers of the editions: a brief that is public after a save pings the hub."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from ..models import Brief
from . import websub


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
