"""The editorial dashboard: states, what goes live next, compliance, name spellings."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.template.response import TemplateResponse
from django.utils import timezone

from briefs.editions import register
from briefs.models import Author, Brief, BriefAuthor

from . import workflow
from .name_check import near_duplicate_names

CHART_MONTHS = 24
SCHEDULED_SHOWN = 10
CHART_WIDTH = 720
CHART_HEIGHT = 180
CHART_TOP = 20


def state_counts(now):
    totals = Brief.objects.aggregate(
        **{
            state: Count("pk", filter=workflow.state_filter(state, now))
            for state in workflow.STATE_LABELS
        }
    )
    return [
        {"state": state, "label": label, "count": totals[state]}
        for state, label in workflow.STATE_LABELS.items()
    ]


def scheduled_next(now):
    return (
        Brief.objects.filter(workflow.state_filter(workflow.SCHEDULED, now))
        .order_by("published_at", "pk")
        .only("pk", "title", "published_at", "status")[:SCHEDULED_SHOWN]
    )


@dataclass
class ComplianceRow:
    brief: Brief
    state: str
    missing: list[str]


def compliance_report(now):
    """Briefs in review, scheduled or published that lack what a public one carries.

    Briefs in review are included so the gaps are found before they go out.
    """
    no_bio = Q(authors__bio="") | Q(authors__isnull=True)
    lacking = (
        Q(disclosure__isnull=True)
        | Q(disclosure__is_active=False)
        | Q(image_credit="")
        | Q(summary="")
        | no_bio
    )
    briefs = (
        Brief.objects.filter(status__in=[Brief.Status.PUBLISHED, Brief.Status.REVIEW])
        .filter(pk__in=Brief.objects.filter(lacking).values("pk"))
        .select_related("disclosure")
        .prefetch_related(
            Prefetch(
                "brief_authors",
                queryset=BriefAuthor.objects.select_related("author").order_by("order"),
            )
        )
        .order_by("published_at", "pk")
    )
    rows = []
    for brief in briefs:
        missing = []
        if brief.disclosure is None:
            missing.append("disclosure")
        elif not brief.disclosure.is_active:
            missing.append("active disclosure")
        if not brief.image_credit:
            missing.append("image credit")
        if not brief.summary:
            missing.append("summary")
        authors = brief.ordered_authors()
        without_bio = [a.name for a in authors if not a.bio]
        if not authors:
            missing.append("author")
        if without_bio:
            missing.append("author bio (" + ", ".join(without_bio) + ")")
        rows.append(ComplianceRow(brief, workflow.state_label(brief, now), missing))
    return rows


def month_starts(now, count):
    """The first day of each of the last `count` months, oldest first."""
    local = timezone.localtime(now)
    year, month = local.year, local.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def monthly_chart(now):
    months = month_starts(now, CHART_MONTHS)
    first_year, first_month = months[0]
    start = timezone.make_aware(
        datetime(first_year, first_month, 1),
        timezone.get_current_timezone(),
    )
    rows = (
        Brief.objects.published()
        .filter(published_at__gte=start)
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(total=Count("pk"))
    )
    totals = {(row["month"].year, row["month"].month): row["total"] for row in rows}
    peak = max(totals.values(), default=0) or 1
    slot = CHART_WIDTH / len(months)
    bars = []
    for index, (year, month) in enumerate(months):
        total = totals.get((year, month), 0)
        height = round(total / peak * (CHART_HEIGHT - CHART_TOP), 1)
        bars.append(
            {
                "x": round(index * slot + 2, 1),
                "y": round(CHART_HEIGHT - height, 1),
                "value_y": round(CHART_HEIGHT - height - 4, 1),
                "width": round(slot - 4, 1),
                "height": height,
                "total": total,
                "label": f"{year}-{month:02d}",
                # One axis label a quarter keeps the axis legible.
                "show_label": month in (1, 4, 7, 10),
                "label_x": round(index * slot + slot / 2, 1),
            }
        )
    return {
        "bars": bars,
        "peak": peak if totals else 0,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT + 30,
        "baseline": CHART_HEIGHT,
        "label_y": CHART_HEIGHT + 18,
        "total": sum(totals.values()),
    }


def fara_register_context(request, now):
    if not request.user.has_perm("briefs.view_filingentry"):
        return {}
    register.sync(now=now)
    due, overdue = register.outstanding(now)
    return {"fara_register": True, "filings_due": due, "filings_overdue": overdue}


def dashboard_view(request):
    if not request.user.has_perm("briefs.view_brief"):
        raise PermissionDenied
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": "Editorial dashboard",
        "opts": Brief._meta,
        "counts": state_counts(now),
        "scheduled": scheduled_next(now),
        "compliance": compliance_report(now),
        "authors_without_bio": Author.objects.filter(bio="").only("pk", "name"),
        "chart": monthly_chart(now),
        **fara_register_context(request, now),
        "name_pairs": near_duplicate_names(
            Brief.objects.only("pk", "title", "slug", "body").order_by("pk")
        ),
    }
    return TemplateResponse(request, "admin/briefs/dashboard.html", context)
