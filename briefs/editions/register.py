"""The FARA filing register: entries, their deadlines, packages and exports.

An entry opens at a brief's first public moment (its publish time, a scheduled
one included) and at each later change of what it shows while public, judged by
the PDF edition's content key: title, body, byline and bios, series, categories,
disclosure, credit, DOI. The deadline is 48 hours after that moment.

Entries are opened by sync(): after each save of a brief, an author or a
disclosure (receivers.py), and by a sweep (the dashboard, the register's admin
page and `manage.py fara_register`), which also catches a scheduled brief whose
time has passed with no save, and briefs written in bulk by the importer. The
sweep dates an entry by the brief's publish time or its last change, not by
when it ran, so a late sweep never moves a deadline.
"""

import csv
import io
import re
import zipfile
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ..models import Brief, FilingEntry
from . import pdf

FILING_WINDOW = timedelta(hours=48)
CHANNELS = ["site", "feeds", "PDF"]
# "... registered under the FARA as an agent of the Korea Institute for
# International Economic Policy, a public corporation ..." -> the principal.
_PRINCIPAL = re.compile(
    r"\b(?:agents?\s+of|on\s+behalf\s+of)\s+(?:the\s+)?(?P<name>[^,.;()]+)",
    re.IGNORECASE,
)


def foreign_principal(disclosure_text):
    """The foreign principal as the disclosure names it (all of it if unclear)."""
    match = _PRINCIPAL.search(disclosure_text or "")
    name = match.group("name").strip() if match else ""
    return name or (disclosure_text or "").strip()


def changed_at(brief):
    """When what the brief shows last changed: its own row or what it draws on."""
    moments = [brief.updated_at]
    if brief.disclosure is not None:
        moments.append(brief.disclosure.updated_at)
    if brief.series is not None:
        moments.append(brief.series.updated_at)
    moments += [author.updated_at for author in brief.ordered_authors()]
    return max(moment for moment in moments if moment is not None)


def _latest_entries(brief_ids):
    latest = {}
    entries = (
        FilingEntry.objects.filter(brief_id__in=brief_ids)
        .only("brief_id", "content_key", "transmitted_at")
        .order_by("brief_id", "-transmitted_at", "-pk")
    )
    for entry in entries:
        latest.setdefault(entry.brief_id, entry)
    return latest


def sync(briefs=None, now=None):
    """Open the entries that public briefs call for; the new entries."""
    now = now or timezone.now()
    site_url = settings.SITE_URL
    if briefs is None:
        briefs = Brief.objects.published().for_listing()
    briefs = [brief for brief in briefs if brief.is_public]
    latest = _latest_entries([brief.pk for brief in briefs])
    opened = []
    for brief in briefs:
        key = pdf.content_key(brief, site_url)
        previous = latest.get(brief.pk)
        if previous is not None and previous.content_key == key:
            continue
        if previous is None:
            reason, moment = FilingEntry.Reason.FIRST, brief.published_at
        else:
            # Never before the last entry, never in the future.
            moment = min(max(changed_at(brief), previous.transmitted_at), now)
            reason = FilingEntry.Reason.CHANGE
        opened.append(
            FilingEntry(
                brief=brief,
                title=brief.title,
                url=site_url + brief.get_absolute_url(),
                reason=reason,
                content_key=key,
                edition_html=pdf.render_html(brief, site_url),
                registrant=settings.SITE_PUBLISHER,
                foreign_principal=foreign_principal(
                    brief.disclosure.text if brief.disclosure else ""
                ),
                channels=list(CHANNELS),
                transmitted_at=moment,
                due_at=moment + FILING_WINDOW,
            )
        )
    if opened:
        FilingEntry.objects.bulk_create(opened)
    return opened


def sync_later(brief_ids):
    """Sync these briefs once the transaction commits (they must be saved)."""
    ids = list(brief_ids)

    def run():
        sync(Brief.objects.published().filter(pk__in=ids).for_listing())

    transaction.on_commit(run)


# ------------------------------------------------------------- what is due


def outstanding(now=None):
    """(due within 48 hours, overdue): unfiled entries, soonest deadline first."""
    now = now or timezone.now()
    unfiled = FilingEntry.objects.filter(filed_on__isnull=True).order_by("due_at")
    overdue = list(unfiled.filter(due_at__lt=now))
    due = list(unfiled.filter(due_at__gte=now, due_at__lte=now + FILING_WINDOW))
    return due, overdue


def status_of(entry, now=None):
    now = now or timezone.now()
    if entry.is_filed:
        return "filed"
    return "overdue" if entry.due_at < now else "due"


# --------------------------------------------------------- filing package


def package_pdf(entry):
    """The PDF edition as transmitted, rendered from the entry's own copy."""
    data, _ = pdf.pdf_from_html(entry.edition_html, settings.SITE_URL)
    return data


def cover_sheet_pdf(entry):
    html = render_to_string("editions/cover_sheet.html", {"entry": entry})
    data, _ = pdf.pdf_from_html(html, settings.SITE_URL)
    return data


def package_name(entry):
    slug = entry.url.rstrip("/").rsplit("/", 1)[-1][:80] or "brief"
    return f"fara-{entry.transmitted_at:%Y%m%d}-{slug}-{entry.pk}"


def filing_package(entry):
    """One zip: the cover sheet and the material, two copies as 5.400 asks."""
    name = package_name(entry)
    material = package_pdf(entry)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}/00-cover-sheet.pdf", cover_sheet_pdf(entry))
        archive.writestr(f"{name}/01-material-copy-1.pdf", material)
        archive.writestr(f"{name}/02-material-copy-2.pdf", material)
    return buffer.getvalue()


# ------------------------------------------------------------------ export

CSV_COLUMNS = [
    "transmitted_at",
    "due_at",
    "status",
    "title",
    "url",
    "reason",
    "channels",
    "registrant",
    "foreign_principal",
    "filed_on",
    "filing_reference",
]


def export_csv(start, end, now=None):
    """The register for transmissions from `start` to `end` (dates, inclusive)."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    entries = FilingEntry.objects.filter(
        transmitted_at__date__gte=start, transmitted_at__date__lte=end
    ).order_by("transmitted_at", "pk")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                entry.transmitted_at.astimezone(zone).isoformat(),
                entry.due_at.astimezone(zone).isoformat(),
                status_of(entry, now),
                entry.title,
                entry.url,
                entry.get_reason_display(),
                "; ".join(entry.channels),
                entry.registrant,
                entry.foreign_principal,
                entry.filed_on.isoformat() if entry.filed_on else "",
                entry.filing_reference,
            ]
        )
    return out.getvalue()
