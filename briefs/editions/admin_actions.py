"""Admin actions of the editions, attached to the brief admin."""

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponse

from ..models import Brief
from . import crossref


@admin.action(
    description="Register DOIs and download the Crossref deposit",
    permissions=["publish"],
)
def crossref_deposit(modeladmin, request, queryset):
    """Assign DOIs (DOI_PREFIX) to the chosen public briefs and hand over the file.

    Sending stays a separate, setting-gated step (manage.py crossref_deposit
    --send), so that an editor reviews what goes to Crossref first.
    """
    # Fresh: the changelist's queryset carries its own prefetches.
    briefs = list(Brief.objects.filter(pk__in=queryset.values("pk")).for_listing())
    skipped = [brief for brief in briefs if not brief.is_public]
    try:
        ready = crossref.register(briefs)
        deposit = crossref.deposit_for(ready, settings.SITE_URL)
    except crossref.DepositError as error:
        modeladmin.message_user(request, f"No deposit: {error}", messages.ERROR)
        return None
    if skipped:
        names = ", ".join(f"“{brief}”" for brief in skipped)
        modeladmin.message_user(
            request, f"Not public, left out: {names}", messages.WARNING
        )
    response = HttpResponse(deposit.xml, content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="crossref-{deposit.batch_id}.xml"'
    )
    return response
