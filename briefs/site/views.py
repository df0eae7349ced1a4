import base64
import hashlib
import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection, router
from django.db.models import Prefetch, Q, Value, prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import MonthArchiveView, YearArchiveView

from briefs import images, library
from briefs.models import (
    LISTING_PREFETCH,
    Author,
    AuthorRedirect,
    Brief,
    BriefAuthor,
    SlugRedirect,
)
from briefs.search import (
    clean_query,
    in_order,
    ranked_page,
    search_briefs,
    search_plan,
    snippet_for,
    uses_postgres_search,
)

from ..editions.identifiers import doi_url
from ..editions.links import pdf_path
from . import cards, citations, navigation, surrogate
from .caching import cached_value

MORE_BY_AUTHOR = 3
BYLINE = Prefetch(
    "brief_authors",
    queryset=BriefAuthor.objects.select_related("author").order_by("order"),
)


def allow_inline_script(response, text):
    """Let the one inline <script> whose content is exactly `text` (the JSON-LD data
    block) pass this response's Content-Security-Policy (django-csp).

    A hash rather than a nonce: the page stays byte-identical between requests, so
    conditional GET and shared caches keep working.
    """
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    update = getattr(response, "_csp_update", None) or {}
    response._csp_update = {
        **update,
        "script-src": [*update.get("script-src", []), f"'sha256-{digest}'"],
    }


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


class PageMixin:
    """Pagination with one address per page.

    Django also accepts "?page=last" and "?page=02"; here anything but a plain
    page number is a 404, and the canonical URL names the page shown.
    """

    def get_paginate_by(self, queryset):
        # Read per request, so that override_settings and a changed setting count.
        return settings.BRIEFS_PER_PAGE

    def paginate_queryset(self, queryset, page_size):
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        if page and not PAGE_NUMBER.fullmatch(page):
            raise Http404("Not a page number.")
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context.get("page_obj")
        if page_obj is not None:
            url = self.request.build_absolute_uri(self.request.path)
            if page_obj.number > 1:
                url += f"?page={page_obj.number}"
            context["canonical_url"] = url
        return context


def unique_disclosures(briefs):
    """The distinct disclosures of the briefs shown, in order of first appearance."""
    seen = {}
    for brief in briefs:
        if brief.disclosure is not None:
            seen.setdefault(brief.disclosure_id, brief.disclosure)
    return list(seen.values())


class CountedPaginator(Paginator):
    """A paginator told its total, kept per content version (briefs.site.navigation)."""

    def __init__(self, *args, known_count=None, **kwargs):
        super().__init__(*args, **kwargs)
        if known_count is not None:
            self.count = known_count


class PublishedBriefMixin(PageMixin):
    """Owns the queryset of every public view, so "published" means one thing."""

    model = Brief
    paginator_class = CountedPaginator
    # The heading level of the cards a list view shows, when it shows cards
    # (briefs.site.cards): their bylines are fetched only for cards not cached.
    card_heading_level = None
    card_variant = ""
    # Cards show no body; the vector and the rendered body are the bulk of a row.
    card_deferred = ("body", "body_html", "search_vector", "rank_vector")

    def get_queryset(self):
        return Brief.objects.published().for_listing()

    def card_queryset(self):
        """Briefs as cards show them: byline, series and disclosure, no body."""
        queryset = Brief.objects.published().with_relations().defer(*self.card_deferred)
        if self.card_heading_level is None:
            queryset = queryset.prefetch_related(BYLINE)
        return queryset

    def known_count(self):
        """The number of briefs listed, when known without counting them."""
        return None

    def get_paginator(self, queryset, per_page, orphans=0, **kwargs):
        return self.paginator_class(
            queryset,
            per_page,
            orphans=orphans,
            known_count=self.known_count(),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A list carries the disclosure of every brief it shows, once.
        briefs = context.get("object_list")
        if briefs is not None:
            context["page_disclosures"] = unique_disclosures(briefs)
            surrogate.declare_briefs(self.request, briefs)
            if self.card_heading_level is not None:
                cards.prepare(
                    self.request,
                    briefs,
                    self.card_heading_level,
                    BYLINE,
                    self.card_variant,
                )
        return context


class HomeView(PublishedBriefMixin, ListView):
    template_name = "briefs/home.html"
    card_heading_level = 3

    def get_queryset(self):
        return self.card_queryset()

    def known_count(self):
        return navigation.published_total(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = self.request
        if not context["page_obj"].has_previous():
            # Shown on the first page only.
            context["current_series"] = navigation.current_series(request)
        # Lazily: the side column is a fragment kept per content version.
        context["categories"] = lambda: navigation.categories(request)
        context["years"] = lambda: navigation.years(request)
        return context


class BriefDetailView(PublishedBriefMixin, DetailView):
    def can_preview(self):
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm("briefs.change_brief")

    def get_queryset(self):
        if self.can_preview():
            queryset = Brief.objects.for_listing()
        else:
            # The byline and categories are fetched with the page's other parts,
            # once per content version (page_parts), not on every request.
            queryset = Brief.objects.published().with_relations()
        # The search vectors are the bulk of a row, and no page shows them.
        return queryset.defer("search_vector", "rank_vector")

    def get_object(self, queryset=None):
        if queryset is not None or self.can_preview():
            return super().get_object(queryset)
        # The public row is the same for every reader until the content
        # changes: read once per content version, like the page's other parts.
        brief = cached_value(
            self.request, f"brief-row:{self.kwargs['slug']}", self.public_row
        )
        if brief is None:
            raise Http404("No published brief at this address.")
        return brief

    def public_row(self):
        try:
            return super().get_object()
        except Http404:
            return None

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            # A renamed brief keeps answering at the links already shared.
            moved = (
                SlugRedirect.objects.filter(
                    old_slug=kwargs["slug"], brief__in=self.get_queryset()
                )
                .select_related("brief")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.brief.get_absolute_url())
        context = self.get_context_data(object=self.object)
        response = self.render_to_response(context)
        allow_inline_script(response, context["json_ld"])
        if not self.object.is_public:
            # A preview of unpublished work must never sit in a shared cache.
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        patch_vary_headers(response, ["Cookie"])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        brief = self.object
        url = self.request.build_absolute_uri(brief.get_absolute_url())
        if brief.is_public:
            # The same for every reader until the content changes: computed once
            # per content version and address, not on every request.
            parts = cached_value(
                self.request,
                f"brief-page:{brief.pk}:{url}",
                lambda: self.page_parts(brief, url),
            )
        else:
            parts = self.page_parts(brief, url)
        context.update(parts)
        # Outside the cached parts: the keys are named for this response.
        surrogate.declare_brief(
            self.request, brief, parts["bylines"], parts["categories"]
        )
        surrogate.declare_briefs(self.request, parts["more_by_author"])
        return context

    def page_parts(self, brief, url):
        """Everything the page shows besides the brief's own row."""
        request = self.request
        # A no-op when the preview's queryset prefetched them already.
        prefetch_related_objects([brief], *LISTING_PREFETCH)
        bylines = list(brief.brief_authors.all())
        site_url = request.build_absolute_uri("/").rstrip("/")
        feature = images.renditions(brief.feature_image)
        # A draft's PDF is 404 like its page: a preview does not advertise it.
        pdf_url = request.build_absolute_uri(pdf_path(brief)) if brief.is_public else ""
        more = self.more_by_author(brief)
        return {
            "bylines": bylines,
            "authors": [link.author for link in bylines],
            "categories": list(brief.categories.all()),
            "is_preview": not brief.is_public,
            "pdf_url": pdf_url,
            "doi_url": doi_url(brief.doi),
            "canonical_url": url,
            "feature": feature,
            "citation_apa": citations.apa(brief, url),
            "citation_chicago": citations.chicago(brief, url),
            "citation_bibtex": citations.bibtex(brief, url),
            "highwire_tags": citations.highwire_tags(brief, url, pdf_url=pdf_url),
            "json_ld": mark_safe(  # noqa: S308 -- json_for_script escapes <, > and &
                citations.json_for_script(
                    citations.json_ld(
                        brief, url, site_url, image=feature, pdf_url=pdf_url
                    )
                )
            ),
            **self.series_neighbours(brief),
            "more_by_author": more,
            # The cards of other briefs carry their disclosure when it is not
            # this one's.
            "more_disclosures": [
                disclosure
                for disclosure in unique_disclosures(more)
                if disclosure.pk != brief.disclosure_id
            ],
        }

    def series_neighbours(self, brief):
        """The briefs before and after this one in the series' table of contents.

        The contents list the issue's announcement first, then the briefs in
        publication order, so "previous" and "next" follow that order too.
        """
        if brief.series_id is None or brief.published_at is None:
            return {"previous_in_series": None, "next_in_series": None}
        siblings = (
            Brief.objects.published()
            .filter(series_id=brief.series_id)
            .only("title", "slug", "published_at", "is_series_announcement")
        )
        when = brief.published_at
        same_kind = Q(is_series_announcement=brief.is_series_announcement)
        earlier = same_kind & (
            Q(published_at__lt=when) | Q(published_at=when, pk__lt=brief.pk)
        )
        later = same_kind & (
            Q(published_at__gt=when) | Q(published_at=when, pk__gt=brief.pk)
        )
        if brief.is_series_announcement:
            later |= Q(is_series_announcement=False)
        else:
            earlier |= Q(is_series_announcement=True)
        previous = siblings.filter(earlier).order_by(
            "is_series_announcement", "-published_at", "-pk"
        )[:1]
        following = siblings.filter(later).order_by(
            "-is_series_announcement", "published_at", "pk"
        )[:1]
        if not connection.features.supports_slicing_ordering_in_compound:
            return {
                "previous_in_series": previous.first(),
                "next_in_series": following.first(),
            }
        # Both neighbours in one round trip.
        found = {
            row.side: row
            for row in previous.annotate(side=Value("previous")).union(
                following.annotate(side=Value("next")), all=True
            )
        }
        return {
            "previous_in_series": found.get("previous"),
            "next_in_series": found.get("next"),
        }

    def more_by_author(self, brief):
        author_ids = [link.author_id for link in brief.brief_authors.all()]
        if not author_ids:
            return []
        # Through a subquery, so a co-written brief appears once.
        shared = BriefAuthor.objects.filter(author_id__in=author_ids).values("brief_id")
        return list(
            self.card_queryset()
            .filter(pk__in=shared)
            .exclude(pk=brief.pk)[:MORE_BY_AUTHOR]
        )


class CitationDownloadView(PublishedBriefMixin, DetailView):
    """The brief's citation as a file for reference managers."""

    formats = {
        "bib": (citations.bibtex, "application/x-bibtex; charset=utf-8"),
        "ris": (citations.ris, "application/x-research-info-systems; charset=utf-8"),
    }
    citation_format = None

    def render_to_response(self, context, **response_kwargs):
        brief = self.object
        surrogate.declare_brief(
            self.request, brief, brief.brief_authors.all(), brief.categories.all()
        )
        render, content_type = self.formats[self.citation_format]
        text = render(brief, self.request.build_absolute_uri(brief.get_absolute_url()))
        response = HttpResponse(text, content_type=content_type)
        filename = f"{brief.slug[:80]}.{self.citation_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SectionBriefsView(PublishedBriefMixin, ListView):
    """Published briefs of one section (series, author, category), paginated.

    The section itself 404s when nothing public belongs to it, so a draft's
    author or a series still in preparation never shows.
    """

    section_name = None

    def get(self, request, *args, **kwargs):
        self.section = self.get_section()
        return super().get(request, *args, **kwargs)

    def sections(self):
        """The public sections of this kind, each with `brief_count`, cached."""
        raise NotImplementedError

    def get_section(self):
        return navigation.find_or_404(self.sections(), self.kwargs["slug"])

    def known_count(self):
        return self.section.brief_count

    def section_brief_ids(self, queryset):
        """The section's brief keys in page order, once per content version.

        A big category or author holds hundreds of briefs: ordering them all to
        show twenty would read every one of them on every request.
        """
        return cached_value(
            self.request,
            f"section-keys:{self.section_name}:{self.section.pk}",
            lambda: list(queryset.values_list("pk", flat=True)),
        )

    def paginate_queryset(self, queryset, page_size):
        paginator, page, keys, is_paginated = super().paginate_queryset(
            self.section_brief_ids(queryset), page_size
        )
        page.object_list = in_order(queryset, list(keys))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context[self.section_name] = self.section
        context["section"] = self.section
        surrogate.declare(
            self.request, surrogate.section_key(self.section_name, self.section.pk)
        )
        return context


class SeriesListView(PageMixin, ListView):
    template_name = "briefs/series_list.html"
    context_object_name = "series_list"

    def get_queryset(self):
        return navigation.series_newest_first(self.request)


class SeriesDetailView(SectionBriefsView):
    template_name = "briefs/series_detail.html"
    section_name = "series"
    # Contents entries, kept like cards (briefs.site.cards).
    card_heading_level = 0
    card_variant = cards.TOC_VARIANT

    def sections(self):
        return navigation.series_newest_first(self.request)

    def get_queryset(self):
        # Table-of-contents order: the announcement, then in publication order.
        return (
            self.card_queryset()
            .filter(series=self.section)
            .order_by("-is_series_announcement", "published_at", "pk")
        )


class AuthorListView(PageMixin, ListView):
    template_name = "briefs/author_list.html"
    context_object_name = "authors"

    def get_queryset(self):
        return navigation.authors(self.request)


class AuthorDetailView(SectionBriefsView):
    template_name = "briefs/author_detail.html"
    card_heading_level = 3
    section_name = "author"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An old slug, or a duplicate merged into this author, keeps its links.
            moved = (
                AuthorRedirect.objects.filter(old_slug=kwargs["slug"])
                .select_related("author")
                .first()
            )
            if moved is None or moved.author.slug == kwargs["slug"]:
                raise
            return HttpResponsePermanentRedirect(moved.author.get_absolute_url())

    def get_section(self):
        # One author by its index, and the count from the cached table: the
        # whole list would be unpickled on every request.
        count = navigation.author_counts(self.request).get(self.kwargs["slug"])
        if not count:
            raise Http404("Nothing public by this author.")
        author = get_object_or_404(
            Author.objects.select_related("portrait"), slug=self.kwargs["slug"]
        )
        author.brief_count = count
        return author

    def get_queryset(self):
        return self.card_queryset().filter(brief_authors__author=self.section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["photo"] = library.portrait_image(self.section)
        return context


class CategoryDetailView(SectionBriefsView):
    template_name = "briefs/category_detail.html"
    card_heading_level = 2
    section_name = "category"

    def sections(self):
        return navigation.categories(self.request)

    def get_queryset(self):
        return self.card_queryset().filter(categories__id=self.section.pk)


class ArchiveMixin(PublishedBriefMixin):
    """Year and month archives whose periods come from the cached list of months.

    Django would ask the database whether the period has briefs, which months
    it has and, twice, which periods have briefs before and after it; the
    months with published briefs are known per content version instead.
    """

    card_heading_level = 2

    date_field = "published_at"
    make_object_list = True
    # Emptiness is decided from the cached months (get_date_list) instead.
    allow_empty = True

    def get_queryset(self):
        return self.card_queryset()

    def months(self):
        return navigation.months(self.request)

    def period_months(self):
        year = int(self.get_year())
        month = getattr(self, "get_month", None)
        wanted = int(month()) if month else None
        return [
            m for m in self.months() if m.year == year and wanted in (None, m.month)
        ]

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        months = sorted(self.period_months())
        if not months:
            raise Http404("No briefs were published then.")
        return months if date_type in (None, "month") else []

    def neighbour_month(self, date, later):
        months = self.months()
        first = date.replace(day=1)
        if later:
            return min((m for m in months if m > first), default=None)
        return max((m for m in months if m < first), default=None)

    def get_next_year(self, date):
        return min(
            (y for y in navigation.years(self.request) if y.year > date.year),
            default=None,
        )

    def get_previous_year(self, date):
        return max(
            (y for y in navigation.years(self.request) if y.year < date.year),
            default=None,
        )

    def get_next_month(self, date):
        return self.neighbour_month(date, later=True)

    def get_previous_month(self, date):
        return self.neighbour_month(date, later=False)


class YearArchive(ArchiveMixin, YearArchiveView):
    template_name = "briefs/brief_archive_year.html"


class MonthArchive(ArchiveMixin, MonthArchiveView):
    template_name = "briefs/brief_archive_month.html"
    month_format = "%m"


class SearchView(PublishedBriefMixin, ListView):
    template_name = "briefs/search.html"
    card_heading_level = 2
    card_variant = cards.SEARCH_VARIANT

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        return search_briefs(super().get_queryset(), self.query)

    def known_count(self):
        # PostgreSQL: the page's keys and the total, read without ranking all
        # the matches.
        self.ranked = None
        self.count_capped = False
        if not (self.query and uses_postgres_search()):
            return None
        page = self.request.GET.get(self.page_kwarg) or "1"
        if not PAGE_NUMBER.fullmatch(page):
            return None  # PageMixin answers it with a 404
        per_page = self.get_paginate_by(self.object_list)
        offset = (int(page) - 1) * per_page
        pks, total, self.count_capped = ranked_page(
            PublishedBriefMixin.get_queryset(self), self.query, offset, per_page
        )
        if pks:
            self.ranked = (offset, pks)
        return total

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        if self.ranked and self.ranked[0] == page.start_index() - 1:
            # Read as cards: the listing's categories and portraits are not shown.
            cards = search_briefs(self.card_queryset(), self.query)
            page.object_list = object_list = in_order(cards, self.ranked[1])
        return paginator, page, object_list, is_paginated

    def get(self, request, *args, **kwargs):
        if not clean_query(request.GET.get("q", "")):
            return super().get(request, *args, **kwargs)
        with search_plan(router.db_for_read(Brief)):
            # Rendered inside: the template is where the page of results is read.
            return super().get(request, *args, **kwargs).render()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        whole = clean_query(self.request.GET.get("q", ""), limit=None)
        context.update(
            query=self.query,
            query_truncated=len(whole) > len(self.query),
            count_capped=getattr(self, "count_capped", False),
        )
        for brief in context["object_list"]:
            brief.snippet = snippet_for(brief, self.query)
        return context


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"
