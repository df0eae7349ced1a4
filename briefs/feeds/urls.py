"""Feed URLs (DESIGN.md section 3): RSS at the base, Atom and JSON Feed as siblings."""

from django.urls import path

from briefs.feeds import views

app_name = "feeds"

SECTION_PREFIXES = {
    "series": "series/<slug:slug>/feed/",
    "author": "authors/<slug:slug>/feed/",
    "category": "categories/<slug:slug>/feed/",
}

urlpatterns = [
    path("feeds/rss/", views.feed, {"section": "site", "fmt": "rss"}, name="site_rss"),
    path(
        "feeds/atom/", views.feed, {"section": "site", "fmt": "atom"}, name="site_atom"
    ),
    path(
        "feeds/json/", views.feed, {"section": "site", "fmt": "json"}, name="site_json"
    ),
]

for key, prefix in SECTION_PREFIXES.items():
    urlpatterns += [
        path(prefix, views.feed, {"section": key, "fmt": "rss"}, name=f"{key}_rss"),
        path(
            f"{prefix}atom/",
            views.feed,
            {"section": key, "fmt": "atom"},
            name=f"{key}_atom",
        ),
        path(
            f"{prefix}json/",
            views.feed,
            {"section": key, "fmt": "json"},
            name=f"{key}_json",
        ),
    ]
