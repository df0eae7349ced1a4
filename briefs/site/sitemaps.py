"""Sitemaps of public content only: every queryset starts from published()."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from briefs.models import Brief

from .views import published_authors, published_categories, published_series


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
        return published_series().order_by("pk")

    def lastmod(self, series):
        return max(series.updated_at, series.last_published)


class AuthorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return published_authors().order_by("pk")

    def lastmod(self, author):
        return author.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return published_categories().order_by("pk")

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
