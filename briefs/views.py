from django.conf import settings
from django.utils.cache import add_never_cache_headers
from django.views.generic import DetailView, ListView

from .models import Author, Brief, Series


class PublishedBriefMixin:
    """Owns the queryset of every public view, so "published" means one thing."""

    model = Brief
    paginate_by = settings.BRIEFS_PER_PAGE

    def get_queryset(self):
        return Brief.objects.published().for_listing()


class HomeView(PublishedBriefMixin, ListView):
    template_name = "briefs/brief_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_series"] = (
            Series.objects.filter(briefs__in=Brief.objects.published())
            .order_by("-volume", "-issue", "-pk")
            .first()
        )
        return context


class BriefDetailView(PublishedBriefMixin, DetailView):
    def can_preview(self):
        user = self.request.user
        return user.is_active and user.is_staff and user.has_perm("briefs.change_brief")

    def get_queryset(self):
        if self.can_preview():
            return Brief.objects.for_listing()
        return super().get_queryset()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if not self.object.is_public:
            # A preview of unpublished work must never sit in a shared cache.
            add_never_cache_headers(response)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_preview"] = not self.object.is_public
        return context


class AuthorDetailView(DetailView):
    model = Author
    template_name = "briefs/author_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["briefs"] = (
            Brief.objects.published().for_listing().filter(authors=self.object)
        )
        return context


class SeriesDetailView(DetailView):
    model = Series
    template_name = "briefs/series_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["briefs"] = (
            Brief.objects.published()
            .for_listing()
            .filter(series=self.object)
            .order_by("published_at", "pk")
        )
        return context
