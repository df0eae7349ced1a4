"""One feed entry per brief, built once and written out as RSS, Atom or JSON Feed."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from briefs.editions.identifiers import doi_url
from briefs.editions.links import pdf_path
from briefs.links import absolute_link
from briefs.rendering import sanitize_html
from briefs.site.caching import cached_value

from .sections import FEED_ORDER

# The year the feeds started; tag URIs need a date on which the authority held
# its domain name.
FEED_ID_YEAR = 2025

# Characters XML 1.0 cannot carry at all (not even as references). PDF extraction
# leaves form feeds and the like; Django's feed writer refuses them with an error,
# which would take down every feed that holds the brief.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Text a feed can carry in any format: characters XML 1.0 forbids dropped."""
    return _NOT_XML.sub("", value) if value else value


@dataclass(frozen=True)
class EntryAuthor:
    name: str
    url: str


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    link: str
    summary_html: str
    summary_text: str
    content_html: str
    published: datetime
    updated: datetime
    authors: list[EntryAuthor]
    categories: list[str]
    image_url: str | None
    image_credit: str
    # The PDF edition, carried as an enclosure; the DOI link when registered.
    pdf_url: str = ""
    doi_url: str = ""


def tag_authority(request):
    """The domain that mints ids; a setting, so ids do not depend on the Host header."""
    return settings.FEED_TAG_AUTHORITY or request.get_host().rsplit(":", 1)[0]


def brief_tag_uri(brief, authority):
    # Creation date and pk: neither changes when an editor fixes a slug or title.
    created = brief.created_at.astimezone(UTC).date().isoformat()
    return f"tag:{authority},{created}:/briefs/{brief.pk}"


def feed_tag_uri(section, obj, authority):
    return f"tag:{authority},{FEED_ID_YEAR}:/feeds/{section.identity(obj)}"


def absolute_body_html(html, base_url):
    """Sanitize again (body_html may be written around save()) and absolutize links."""
    return sanitize_html(html, base_url=base_url)


def disclosure_text(brief):
    # Never empty: the brief_published_has_disclosure constraint keeps a brief
    # without its statement out of published(), and so out of every feed.
    return brief.disclosure.text


def summary_parts(brief):
    """The disclosure and the summary: readers that show only the summary (RSS
    description, Atom summary, JSON summary) still show the statement first."""
    statement = disclosure_text(brief)
    summary = brief.summary.strip()
    html = f"<p><strong>Disclosure:</strong> {escape(statement)}</p>"
    text = f"Disclosure: {statement}"
    if summary:
        html += f"<p>{escape(summary)}</p>"
        text += f"\n\n{summary}"
    return html, text


def build_entry(brief, request, authority):
    link = request.build_absolute_uri(brief.get_absolute_url())
    image_url = (
        request.build_absolute_uri(brief.feature_image.url)
        if brief.feature_image
        else None
    )
    authors = [
        EntryAuthor(
            name=xml_text(author.name),
            url=request.build_absolute_uri(author.get_absolute_url()),
        )
        for author in brief.ordered_authors()
    ]

    def render_content():
        return render_to_string(
            "feeds/item_content.html",
            {
                "brief": brief,
                "disclosure_text": disclosure_text(brief),
                "image_url": image_url,
                "authors": authors,
                "image_credit_url": absolute_link(brief.image_credit_url, link),
                "full_paper_url": absolute_link(brief.full_paper_url, link),
                "body_html": mark_safe(absolute_body_html(brief.body_html, link)),
            },
        ).strip()

    # The same twenty items are rendered on every request of a feed: their
    # sanitized, absolutized content is kept per content version.
    content_html = cached_value(request, f"feed-item:{brief.pk}:{link}", render_content)
    summary_html, summary_text = summary_parts(brief)
    return FeedEntry(
        id=brief_tag_uri(brief, authority),
        title=xml_text(brief.title),
        link=link,
        summary_html=xml_text(summary_html),
        summary_text=xml_text(summary_text),
        content_html=xml_text(content_html),
        published=brief.published_at,
        # The "Updated" day when the text was revised for readers; an entry
        # scheduled ahead of time was last edited before it appeared.
        updated=brief.revised_at(),
        authors=authors,
        categories=sorted(xml_text(tag.name) for tag in brief.categories.all()),
        image_url=image_url,
        image_credit=xml_text(brief.image_credit),
        pdf_url=request.build_absolute_uri(pdf_path(brief)),
        doi_url=doi_url(brief.doi),
    )


def build_entries(section, obj, request, limit):
    briefs = section.briefs(obj).for_listing().order_by(*FEED_ORDER)[:limit]
    authority = tag_authority(request)
    return [build_entry(brief, request, authority) for brief in briefs]
