"""The admin named after the publication, and categories called categories.

Categories are django-taggit tags; its admin lists them as "Tags" under
"Taggit". The names shown are changed here, not taggit's model options, which
would need a migration of a third-party app.
"""

from django.conf import settings
from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag


def name_the_site(site=admin.site):
    site.site_header = f"{settings.SITE_NAME} · editor's desk"
    site.site_title = f"{settings.SITE_NAME} admin"
    site.index_title = "Editor's desk"
    site.site_url = "/"
    plain = site.get_app_list

    def get_app_list(request, app_label=None):
        apps = plain(request, app_label)
        for app in apps:
            if app["app_label"] == "taggit":
                app["name"] = "Categories"
                for model in app["models"]:
                    if model["object_name"] == "Tag":
                        model["name"] = "Categories"
        return apps

    site.get_app_list = get_app_list


class CategoryAdmin(TagAdmin):
    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": "Categories", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        title = "Add category" if object_id is None else "Change category"
        extra_context = {"title": title, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)


def rename_categories(site=admin.site):
    if site.is_registered(Tag):
        site.unregister(Tag)
    site.register(Tag, CategoryAdmin)
