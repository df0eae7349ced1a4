from django.urls import path

from . import views

app_name = "briefs"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("briefs/<slug:slug>/", views.BriefDetailView.as_view(), name="brief_detail"),
    path(
        "authors/<slug:slug>/", views.AuthorDetailView.as_view(), name="author_detail"
    ),
    path("series/<slug:slug>/", views.SeriesDetailView.as_view(), name="series_detail"),
]
