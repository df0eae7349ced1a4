import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from briefs.admin_import import import_view
from briefs.dashboard import dashboard_view
from briefs.health import healthz
from briefs.sitemaps import sitemaps
from briefs.views import RobotsView
from kei_site.media import serve_media

handler500 = "kei_site.outage.handler500"

urlpatterns = [
    path(
        "admin/briefs/import/",
        admin.site.admin_view(import_view),
        name="admin_briefs_import",
    ),
    path(
        "admin/briefs/dashboard/",
        admin.site.admin_view(dashboard_view),
        name="admin_briefs_dashboard",
    ),
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("", include("briefs.urls")),
    path("", include("briefs.feed_urls")),
]

if settings.SERVE_MEDIA and "://" not in settings.MEDIA_URL:
    urlpatterns.append(
        re_path(
            "^" + re.escape(settings.MEDIA_URL.lstrip("/")) + "(?P<path>.+)$",
            serve_media,
            name="media",
        )
    )
