"""The scheduled queue: what goes live in the next 30 days, day by day."""

from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone

from briefs.models import Brief, BriefAuthor

DAYS_AHEAD = 30


def scheduled_queue(now, days=DAYS_AHEAD):
    """[(local date, [briefs in publish order])], the days with something due."""
    briefs = (
        Brief.objects.scheduled(now)
        .filter(published_at__lte=now + timedelta(days=days))
        .select_related("series", "disclosure")
        .prefetch_related(
            Prefetch(
                "brief_authors",
                queryset=BriefAuthor.objects.select_related("author"),
            )
        )
        .order_by("published_at", "pk")
    )
    return [
        (day, list(group))
        for day, group in groupby(
            briefs, key=lambda brief: timezone.localtime(brief.published_at).date()
        )
    ]


def scheduled_view(request):
    if not request.user.has_perm("briefs.view_brief"):
        raise PermissionDenied
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": f"Scheduled for the next {DAYS_AHEAD} days",
        "days": scheduled_queue(now),
        "time_zone": settings.TIME_ZONE,
        "opts": Brief._meta,
    }
    return TemplateResponse(request, "admin/briefs/scheduled.html", context)
