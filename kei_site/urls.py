import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from briefs.health import healthz
from briefs.site.sitemaps import sitemaps
from briefs.site.views import RobotsView
from kei_site.media import serve_media

handler500 = "kei_site.outage.handler500"

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", RobotsView.as_view(), name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("", include("briefs.site.urls")),
    path("", include("briefs.editions.urls")),
    path("", include("briefs.feeds.urls")),
]

# Routed whenever media live on this host; serve_media answers only while
# settings.SERVE_MEDIA is on.
if "://" not in settings.MEDIA_URL:
    urlpatterns.append(
        re_path(
            "^" + re.escape(settings.MEDIA_URL.lstrip("/")) + "(?P<path>.+)$",
            serve_media,
            name="media",
        )
    )
