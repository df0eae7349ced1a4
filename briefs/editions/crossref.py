"""Crossref deposits (schema 5.3.1) for briefs with DOIs, and DOI assignment.

The record type is ``report-paper``: Crossref's type for reports and working
papers that an institution issues under its own name, often in a numbered or
named series, which is what a think tank's policy brief is. ``posted_content``
is for preprints, work posted ahead of formal publication elsewhere, whose
record Crossref expects to be related to the later version; a brief is the
final, published version of itself.

The series (and its journal issue) goes in as relations rather than
``report-paper_series_metadata``: that element requires an ISSN, which the
series does not have.

Built with the standard library; the tests validate every deposit against the
schema with lxml (a development dependency), offline.
"""

import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..links import absolute_link
from ..models import Brief
from ..site.citations import author_name
from .identifiers import orcid_url

SCHEMA_VERSION = "5.3.1"
NS = f"http://www.crossref.org/schema/{SCHEMA_VERSION}"
JATS_NS = "http://www.ncbi.nlm.nih.gov/JATS1"
REL_NS = "http://www.crossref.org/relations.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} https://www.crossref.org/schemas/crossref{SCHEMA_VERSION}.xsd"

ET.register_namespace("", NS)
ET.register_namespace("jats", JATS_NS)
ET.register_namespace("rel", REL_NS)
ET.register_namespace("xsi", XSI_NS)


class DepositError(Exception):
    """A deposit that cannot be made; the message says what to fix."""


def _el(parent, tag, text=None, ns=NS, **attributes):
    element = ET.SubElement(parent, f"{{{ns}}}{tag}", attributes)
    if text is not None:
        element.text = str(text)
    return element


# ------------------------------------------------------------------ DOIs


def doi_suffix(brief):
    """Stable: the year and the brief's id, never its title or slug, which change."""
    year = timezone.localtime(brief.published_at).year if brief.published_at else "x"
    return f"{settings.DOI_SUFFIX_STEM}.{year}.{brief.pk}"


def assign_doi(brief):
    """Give the brief a DOI under DOI_PREFIX unless it has one; True if assigned."""
    if brief.doi:
        return False
    prefix = settings.DOI_PREFIX.strip().rstrip("/")
    if not prefix:
        raise DepositError("DOI_PREFIX is not set: no DOI can be assigned.")
    brief.doi = f"{prefix}/{doi_suffix(brief)}"
    brief.full_clean(validate_unique=False, validate_constraints=False)
    Brief.objects.filter(pk=brief.pk, doi="").update(doi=brief.doi)
    return True


# --------------------------------------------------------------- deposits


@dataclass(frozen=True)
class Deposit:
    batch_id: str
    xml: bytes
    dois: list[str]


def _person(contributors, author, first):
    name = author_name(author)
    sequence = "first" if first else "additional"
    if name.organisation:
        # Crossref's contributor for a team or publication byline.
        _el(
            contributors,
            "organization",
            author.name,
            sequence=sequence,
            contributor_role="author",
        )
        return
    person = _el(
        contributors,
        "person_name",
        sequence=sequence,
        contributor_role="author",
    )
    if name.given:
        _el(person, "given_name", name.given)
    _el(person, "surname", name.family or author.name)
    if name.suffix:
        _el(person, "suffix", name.suffix)
    if author.orcid:
        _el(person, "ORCID", orcid_url(author.orcid))


def _relation(program, description, relationship, uri):
    item = _el(program, "related_item", ns=REL_NS)
    _el(item, "description", description, ns=REL_NS)
    _el(
        item,
        "inter_work_relation",
        uri,
        ns=REL_NS,
        **{"relationship-type": relationship, "identifier-type": "uri"},
    )


def _record(body, brief, site_url):
    if not brief.doi:
        raise DepositError(f"{brief.slug}: no DOI")
    if brief.published_at is None:
        raise DepositError(f"{brief.slug}: no publication date")
    report = _el(body, "report-paper")
    meta = _el(report, "report-paper_metadata", language="en")
    authors = brief.ordered_authors()
    if authors:
        contributors = _el(meta, "contributors")
        for number, author in enumerate(authors):
            _person(contributors, author, first=number == 0)
    titles = _el(meta, "titles")
    _el(titles, "title", brief.title)
    if brief.summary:
        abstract = _el(meta, "abstract", ns=JATS_NS)
        _el(abstract, "p", brief.summary, ns=JATS_NS)
    day = timezone.localtime(brief.published_at).date()
    published = _el(meta, "publication_date", media_type="online")
    _el(published, "month", f"{day.month:02d}")
    _el(published, "day", f"{day.day:02d}")
    _el(published, "year", day.year)
    publisher = _el(meta, "publisher")
    _el(publisher, "publisher_name", settings.SITE_PUBLISHER)
    institution = _el(meta, "institution")
    _el(institution, "institution_name", settings.SITE_PUBLISHER)
    series = brief.series
    page_url = site_url + brief.get_absolute_url()
    paper = absolute_link(brief.full_paper_url, page_url)
    if series or paper:
        program = _el(meta, "program", ns=REL_NS)
        if series:
            _relation(
                program, str(series), "isPartOf", site_url + series.get_absolute_url()
            )
        if paper:
            where = series.journal_issue if series and series.journal_issue else ""
            _relation(
                program,
                f"Full paper{f' in {where}' if where else ''}",
                "isDerivedFrom",
                paper,
            )
    doi_data = _el(meta, "doi_data")
    _el(doi_data, "doi", brief.doi)
    _el(doi_data, "resource", page_url)


def deposit_for(briefs, site_url, now=None):
    """One doi_batch for the briefs given (each must have a DOI and be public)."""
    briefs = list(briefs)
    if not briefs:
        raise DepositError("no brief with a DOI to deposit")
    if not settings.CROSSREF_DEPOSITOR_EMAIL:
        raise DepositError("CROSSREF_DEPOSITOR_EMAIL is not set.")
    now = now or datetime.now(UTC)
    root = ET.Element(
        f"{{{NS}}}doi_batch",
        {"version": SCHEMA_VERSION, f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION},
    )
    head = _el(root, "head")
    batch_id = f"{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    _el(head, "doi_batch_id", batch_id)
    # Crossref keeps the record with the highest timestamp: it must grow.
    _el(head, "timestamp", f"{now:%Y%m%d%H%M%S}{now.microsecond // 1000:03d}")
    depositor = _el(head, "depositor")
    _el(depositor, "depositor_name", settings.CROSSREF_DEPOSITOR_NAME)
    _el(depositor, "email_address", settings.CROSSREF_DEPOSITOR_EMAIL)
    _el(head, "registrant", settings.CROSSREF_REGISTRANT or settings.SITE_PUBLISHER)
    body = _el(root, "body")
    for brief in briefs:
        _record(body, brief, site_url)
    xml = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return Deposit(batch_id, xml, [brief.doi for brief in briefs])


def depositable(since=None, slug=None, with_doi=True):
    """Public briefs (with DOIs), changed since a date, or the one named."""
    briefs = Brief.objects.published().for_listing()
    if with_doi:
        briefs = briefs.exclude(doi="")
    if slug:
        briefs = briefs.filter(slug=slug)
    if since:
        briefs = briefs.filter(updated_at__date__gte=since)
    return briefs.order_by("published_at", "pk")


@transaction.atomic
def register(briefs):
    """Assign DOIs to those without one; the briefs that now have one."""
    ready = []
    for brief in briefs:
        if not brief.is_public:
            continue
        assign_doi(brief)
        ready.append(brief)
    return ready


def send(deposit):
    """POST the deposit to Crossref's deposit endpoint; only when enabled.

    Off by default (CROSSREF_SEND): a wrong deposit is public and permanent.
    """
    if not settings.CROSSREF_SEND:
        raise DepositError("sending is off (set CROSSREF_SEND to enable it)")
    if not (settings.CROSSREF_LOGIN_ID and settings.CROSSREF_LOGIN_PASSWORD):
        raise DepositError("CROSSREF_LOGIN_ID and CROSSREF_LOGIN_PASSWORD are needed")
    boundary = uuid.uuid4().hex
    fields = [
        ("operation", "", b"doMDUpload"),
        ("login_id", "", settings.CROSSREF_LOGIN_ID.encode()),
        ("login_passwd", "", settings.CROSSREF_LOGIN_PASSWORD.encode()),
        ("fname", f"{deposit.batch_id}.xml", deposit.xml),
    ]
    data = b""
    for name, filename, value in fields:
        disposition = f'form-data; name="{name}"'
        if filename:
            disposition += f'; filename="{filename}"\r\nContent-Type: application/xml'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n"
        data += head.encode() + value + b"\r\n"
    data += f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        settings.CROSSREF_DEPOSIT_URL,
        data=data,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status, response.read().decode("utf-8", "replace")
