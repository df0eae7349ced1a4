"""What a feed is about: the whole site, one series, one author or one category.

A section knows how to find its object from the URL, which public briefs belong to
it, and how to describe itself; the views, validators and template tags share it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from taggit.models import Tag

from briefs.addresses import address
from briefs.models import Author, Brief, Series
from briefs.site import navigation

# Newest first; the validators and the items must agree on it to the row.
FEED_ORDER = ("-published_at", "-pk")

FORMATS = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


class SiteSection:
    key = "site"
    model = None

    def get_object(self, slug=None):
        return None

    def scope(self, obj):
        """Every brief of the section, public or not."""
        return Brief.objects.all()

    def briefs(self, obj):
        return self.scope(obj).published()

    def removed(self, obj):
        """Deletions that may have taken a brief out of this feed (history rows).

        Only a brief's series survives in its history row; author and category
        feeds count every deletion, which can only make them refetch once more.
        """
        return Brief.history.filter(history_type="-")

    def title(self, obj):
        return settings.SITE_NAME

    def description(self, obj):
        return settings.SITE_DESCRIPTION

    def link(self, obj):
        return reverse("briefs:home")

    def url_kwargs(self, obj):
        return {}

    def identity(self, obj):
        # Part of the feed's id; the pk, not the slug, so renames keep the id.
        return "site"

    def updated_at(self, obj):
        return None


class SeriesSection(SiteSection):
    key = "series"
    model = Series

    def get_object(self, slug=None):
        # The same rule as the series page: no public brief, no feed.
        # The public sets as the navigation caches them per content version:
        # public() itself counts every public brief of every section.
        return navigation.find_or_404(navigation.series_newest_first(None), slug)

    def scope(self, obj):
        return Brief.objects.filter(series=obj)

    def removed(self, obj):
        return Brief.history.filter(history_type="-", series_id=obj.pk)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        parts = [obj.journal_issue, obj.theme, obj.description]
        return " · ".join(p for p in parts if p) or f"Briefs in {obj.name}."

    def link(self, obj):
        return obj.get_absolute_url()

    def url_kwargs(self, obj):
        return {"slug": obj.slug}

    def identity(self, obj):
        return f"series/{obj.pk}"

    def updated_at(self, obj):
        return obj.updated_at


class AuthorSection(SeriesSection):
    key = "author"
    model = Author

    def get_object(self, slug=None):
        if not navigation.author_counts(None).get(slug):
            raise Http404("Nothing public by this author.")
        return get_object_or_404(Author, slug=slug)

    def scope(self, obj):
        return Brief.objects.filter(brief_authors__author=obj)

    def removed(self, obj):
        return SiteSection.removed(self, obj)

    def title(self, obj):
        return f"Briefs by {obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return obj.bio or f"Policy briefs by {obj.name}."

    def identity(self, obj):
        return f"author/{obj.pk}"


class CategorySection(SeriesSection):
    key = "category"
    model = Tag

    def get_object(self, slug=None):
        return navigation.find_or_404(navigation.categories(None), slug)

    def scope(self, obj):
        return Brief.objects.filter(categories=obj)

    def removed(self, obj):
        return SiteSection.removed(self, obj)

    def title(self, obj):
        return f"{obj.name} · {settings.SITE_NAME}"

    def description(self, obj):
        return f"Policy briefs in the category {obj.name}."

    def link(self, obj):
        # The category page's public URL (docs/architecture.md).
        return f"/categories/{obj.slug}/"

    def identity(self, obj):
        return f"category/{obj.pk}"

    def updated_at(self, obj):
        return None  # taggit tags keep no timestamps


SECTIONS = {
    section.key: section
    for section in (SiteSection(), SeriesSection(), AuthorSection(), CategorySection())
}


def section_for(obj):
    """The section an object heads, or None for anything that has no feeds."""
    for section in SECTIONS.values():
        if section.model is not None and isinstance(obj, section.model):
            return section
    return None


@dataclass(frozen=True)
class FeedLink:
    title: str
    format: str
    mime_type: str
    label: str
    url: str


def feed_links(obj=None):
    """The feeds of one section (or of the site when obj is None), one per format."""
    section = SECTIONS["site"] if obj is None else section_for(obj)
    if section is None:
        return []
    title = section.title(obj)
    return [
        FeedLink(
            title=f"{title} ({label})",
            format=fmt,
            mime_type=mime_type,
            label=label,
            url=address(f"feeds:{section.key}_{fmt}", **section.url_kwargs(obj)),
        )
        for fmt, (mime_type, label) in FORMATS.items()
    ]
