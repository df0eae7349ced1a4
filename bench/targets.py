"""The public URLs the benchmarks measure, picked from the configured database.

Each entry is (name, path). The brief page is the peer's detail page when the
peer recipe was generated (brief-01000), else a published brief with two authors
in a series, from the middle of the archive; sections are the busiest ones.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(settings="kei_site.settings.dev"):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    # Measure what production runs: templates cached, no debug bookkeeping.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()


def pick_brief():
    from django.db.models import Count

    from briefs.models import Brief

    published = Brief.objects.published()
    peer = published.filter(slug="brief-01000").first()
    if peer is not None:
        return peer
    candidates = (
        published.filter(series__isnull=False, is_series_announcement=False)
        .annotate(n=Count("brief_authors"))
        .filter(n=2)
        .order_by("-published_at", "-pk")
    )
    total = candidates.count()
    return candidates[total // 2] if total else published.first()


def busiest(queryset):
    return queryset.order_by("-n", "pk").first()


def public_urls():
    """Every public page and feed, with real objects in it."""
    from django.db.models import Count, Q
    from taggit.models import Tag

    from briefs.models import Author, Brief, Series

    published = Q(briefs__status=Brief.Status.PUBLISHED)
    brief = pick_brief()
    series = busiest(Series.objects.annotate(n=Count("briefs", filter=published)))
    author = busiest(
        Author.objects.annotate(
            n=Count("brief_links", filter=Q(brief_links__brief__status="published"))
        )
    )
    category = busiest(Tag.objects.annotate(n=Count("taggit_taggeditem_items")))
    when = brief.published_at
    urls = [
        ("home", "/"),
        ("list_page2", "/?page=2"),
        ("brief", f"/briefs/{brief.slug}/"),
        ("brief_bib", f"/briefs/{brief.slug}/cite.bib"),
        ("brief_ris", f"/briefs/{brief.slug}/cite.ris"),
        ("series_list", "/series/"),
        ("authors_list", "/authors/"),
        ("author", f"/authors/{author.slug}/"),
        ("category", f"/categories/{category.slug}/"),
        ("year", f"/archive/{when:%Y}/"),
        ("month", f"/archive/{when:%Y}/{when:%m}/"),
        ("search", "/search/?q=budget"),
        ("search_phrase", '/search/?q="public+debt"'),
        ("robots", "/robots.txt"),
        ("sitemap", "/sitemap.xml"),
        ("rss", "/feeds/rss/"),
        ("atom", "/feeds/atom/"),
        ("json_feed", "/feeds/json/"),
        ("author_rss", f"/authors/{author.slug}/feed/"),
        ("category_rss", f"/categories/{category.slug}/feed/"),
    ]
    if series is not None and series.n:
        urls[6:6] = [("series", f"/series/{series.slug}/")]
        urls.append(("series_rss", f"/series/{series.slug}/feed/"))
    return urls
