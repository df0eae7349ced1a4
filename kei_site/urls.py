from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from briefs.admin_import import import_view

urlpatterns = [
    path(
        "admin/briefs/import/",
        admin.site.admin_view(import_view),
        name="admin_briefs_import",
    ),
    path("admin/", admin.site.urls),
    path("", include("briefs.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
