from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from briefs.editorial.dashboard import dashboard_view
from briefs.editorial.import_page import import_view
from briefs.site.sitemaps import sitemaps
from briefs.site.views import RobotsView

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
    path("", include("briefs.site.urls")),
    path("", include("briefs.feeds.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
