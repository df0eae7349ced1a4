"""Sitemaps of public content only: every queryset starts from published()."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefs.models import Brief

from . import navigation


def by_pk(item):
    return item.pk


class BriefSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Brief.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, brief):
        return brief.updated_at


class SeriesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # The cached section lists (one per content version), not aggregates.
        return sorted(navigation.series_newest_first(None), key=by_pk)

    def lastmod(self, series):
        return max(series.updated_at, series.last_published)


class AuthorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return sorted(navigation.authors(None), key=by_pk)

    def lastmod(self, author):
        return author.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return sorted(navigation.categories(None), key=by_pk)

    def location(self, tag):
        return reverse("briefs:category_detail", kwargs={"slug": tag.slug})


class IndexSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["briefs:home", "briefs:series_list", "briefs:author_list"]

    def location(self, name):
        return reverse(name)


sitemaps = {
    "pages": IndexSitemap,
    "briefs": BriefSitemap,
    "series": SeriesSitemap,
    "authors": AuthorSitemap,
    "categories": CategorySitemap,
}
