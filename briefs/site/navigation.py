"""Navigation counts and section lists, computed once per content version.

The home page's categories with counts and current series, the archive years,
the series and author indexes and the number of published briefs are aggregates
over the whole archive: each is computed once per content version (and process)
through briefs.site.caching.cached_value, never on every request. Any change to
briefs, bylines, series, authors or categories moves the version on, and so does
a scheduled brief going public. The sets themselves are the models' public ones.
"""

from django.http import Http404

from briefs.models import Author, Brief, Series

from .caching import cached_value


def categories(request):
    """Categories with a published brief, by name, each with `brief_count`."""
    return cached_value(
        request, "categories", lambda: list(Brief.objects.published().categories())
    )


def series_newest_first(request):
    return cached_value(
        request, "series", lambda: list(Series.objects.public().newest_first())
    )


def current_series(request):
    series = series_newest_first(request)
    return series[0] if series else None


def authors(request):
    return cached_value(
        request,
        "authors",
        lambda: list(Author.objects.public().order_by("sort_name", "name")),
    )


def author_counts(request):
    """Slug to number of published briefs, for every author with one."""
    return cached_value(
        request,
        "author_counts",
        lambda: {author.slug: author.brief_count for author in authors(request)},
    )


def _dates(request, kind):
    return cached_value(
        request,
        f"{kind}s",
        lambda: list(
            Brief.objects.published().dates("published_at", kind, order="DESC")
        ),
    )


def years(request):
    return _dates(request, "year")


def months(request):
    """First days of the months with a published brief, newest first."""
    return _dates(request, "month")


def published_total(request):
    return cached_value(request, "published", lambda: Brief.objects.published().count())


def find(items, slug):
    return next((item for item in items if item.slug == slug), None)


def find_or_404(items, slug):
    """The public section with this slug; a 404 when nothing public shows it."""
    item = find(items, slug)
    if item is None:
        raise Http404("Nothing public here.")
    return item
