from django.urls import path, re_path

from . import views

app_name = "briefs"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("briefs/<slug:slug>/", views.BriefDetailView.as_view(), name="brief_detail"),
    path(
        "briefs/<slug:slug>/cite.bib",
        views.CitationDownloadView.as_view(citation_format="bib"),
        name="brief_bibtex",
    ),
    path(
        "briefs/<slug:slug>/cite.ris",
        views.CitationDownloadView.as_view(citation_format="ris"),
        name="brief_ris",
    ),
    path("series/", views.SeriesListView.as_view(), name="series_list"),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series_detail"),
    path("authors/", views.AuthorListView.as_view(), name="author_list"),
    path(
        "authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"
    ),
    path(
        "categories/<slug:slug>/",
        views.CategoryDetailView.as_view(),
        name="category_detail",
    ),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.YearArchive.as_view(), name="year"),
    re_path(
        r"^archive/(?P<year>[0-9]{4})/(?P<month>0[1-9]|1[0-2])/$",
        views.MonthArchive.as_view(),
        name="month",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
]
