"""The PDF edition of a brief: rendered with WeasyPrint once per content version.

A brief's PDF is made from the same fields as its page through a print template
(templates/editions/brief_pdf.html). Every input of that template goes into the
content key; the first request for a key renders the PDF and keeps it in media
storage (PdfEdition), later requests serve the stored file. A change to the
brief, its authors, series or disclosure gives a new key and so a new edition;
the old ones stay for the FARA register.
"""

import base64
import hashlib
import json
import mimetypes

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from ..links import safe_link
from ..models import Brief, PdfEdition
from ..site import citations
from .identifiers import doi_url, orcid_url
from .links import pdf_path

# Bump when the print template or its stylesheet changes what a PDF looks like:
# it is part of the content key, so every brief gets a fresh edition.
TEMPLATE_VERSION = 1
TEMPLATE = "editions/brief_pdf.html"


def site_url_of(request):
    return request.build_absolute_uri("/").rstrip("/")


def _authors(brief):
    return [
        {"name": author.name, "bio": author.bio, "orcid": author.orcid}
        for author in brief.ordered_authors()
    ]


def content_inputs(brief, site_url):
    """Everything the print template shows, as plain data."""
    series = brief.series
    published = (
        timezone.localtime(brief.published_at).date().isoformat()
        if brief.published_at
        else None
    )
    return {
        "template": TEMPLATE_VERSION,
        "site": [site_url, settings.SITE_NAME, settings.SITE_PUBLISHER],
        "slug": brief.slug,
        "title": brief.title,
        "published": published,
        "summary": brief.summary,
        "body_html": brief.body_html,
        "series": (
            [series.name, series.publication, series.volume, series.issue]
            if series
            else None
        ),
        "authors": _authors(brief),
        "categories": [tag.name for tag in brief.categories.all()],
        "disclosure": brief.disclosure.text if brief.disclosure else "",
        "image": [
            brief.feature_image.name or "",
            brief.feature_image_alt,
            brief.image_credit,
            brief.image_credit_url,
        ],
        "full_paper_url": brief.full_paper_url,
        "doi": brief.doi,
    }


def content_key(brief, site_url):
    encoded = json.dumps(
        content_inputs(brief, site_url), sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(encoded.encode()).hexdigest()


def css_string(value):
    """A quoted CSS string; "<" escaped too, so nothing can close the <style>."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '"\\<>\n\r' else char for char in value
    )
    return mark_safe(f'"{escaped}"')  # noqa: S308 -- escaped above


def _feature_image_data_uri(brief):
    """The feature image inlined, so that rendering never fetches a URL."""
    if not brief.feature_image:
        return ""
    try:
        with brief.feature_image.open("rb") as handle:
            data = handle.read()
    except OSError:
        return ""  # a missing file leaves the edition without its picture
    kind = mimetypes.guess_type(brief.feature_image.name)[0] or "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


def render_html(brief, site_url):
    page_url = site_url + brief.get_absolute_url()
    authors = brief.ordered_authors()
    published = timezone.localtime(brief.published_at) if brief.published_at else None
    return render_to_string(
        TEMPLATE,
        {
            "brief": brief,
            "authors": authors,
            "author_orcids": [orcid_url(author.orcid) for author in authors],
            "categories": [tag.name for tag in brief.categories.all()],
            "published": published,
            "page_url": page_url,
            "running_title_css": css_string(Truncator(brief.title).chars(90)),
            "page_url_css": css_string(page_url),
            "pdf_url": site_url + pdf_path(brief),
            "site_url": site_url,
            "site_name": settings.SITE_NAME,
            "site_publisher": settings.SITE_PUBLISHER,
            "doi_url": doi_url(brief.doi),
            # Stored links may predate the link checks (briefs.links).
            "image_credit_url": safe_link(brief.image_credit_url),
            "citation_apa": citations.apa(brief, page_url),
            "feature_image": _feature_image_data_uri(brief),
            "views_note": (
                "All views expressed are the authors’ alone."
                if len(authors) > 1
                else "All views expressed are the author’s alone."
            ),
        },
    )


def pdf_from_html(html, site_url):
    """(PDF bytes, page count) of a rendered print template."""
    # Imported here: WeasyPrint loads Pango through cffi, which only the PDF
    # paths need; the rest of the site starts without it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    document = HTML(
        string=html,
        base_url=site_url + "/",
        # Only inlined data: nothing in a brief may make the renderer fetch a URL.
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    ).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


def render_pdf(brief, site_url):
    """(PDF bytes, page count) of the brief as it is now."""
    return pdf_from_html(render_html(brief, site_url), site_url)


def edition_for(brief, site_url):
    """The stored edition of the brief's current content, rendered if missing."""
    key = content_key(brief, site_url)
    existing = PdfEdition.objects.filter(brief=brief, content_key=key).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        # The brief's row lock makes a second reader wait for the first one's
        # PDF instead of rendering it again (PostgreSQL; SQLite writes one at a
        # time anyway).
        Brief.objects.select_for_update().filter(pk=brief.pk).exists()
        existing = PdfEdition.objects.filter(brief=brief, content_key=key).first()
        if existing is not None:
            return existing
        data, pages = render_pdf(brief, site_url)
        edition = PdfEdition(brief=brief, content_key=key, size=len(data), pages=pages)
        edition.file.save(
            f"{brief.slug[:80]}-{key[:16]}.pdf", ContentFile(data), save=False
        )
        try:
            with transaction.atomic():
                edition.save()
        except IntegrityError:
            edition.file.delete(save=False)
            return PdfEdition.objects.get(brief=brief, content_key=key)
    return edition
