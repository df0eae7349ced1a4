from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from .models import Author, Brief, BriefAuthor, Disclosure, Series, SlugRedirect


class BriefAuthorInline(admin.TabularInline):
    model = BriefAuthor
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["order", "author"]
    ordering = ["order"]


@admin.register(Brief)
class BriefAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "status",
        "published_at",
        "series",
        "byline",
        "category_list",
        "has_disclosure",
    ]
    list_filter = ["status", "series", "categories", "published_at"]
    list_select_related = ["series", "disclosure"]
    search_fields = ["title", "summary", "body", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "disclosure"]
    inlines = [BriefAuthorInline]
    readonly_fields = ["source_file", "source_position", "imported_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "published_at"]}),
        ("Content", {"fields": ["summary", "body", "categories"]}),
        (
            "Series and links",
            {"fields": ["series", "is_series_announcement", "full_paper_url"]},
        ),
        (
            "Feature image",
            {
                "fields": [
                    "feature_image",
                    "feature_image_alt",
                    "image_credit",
                    "image_credit_url",
                ]
            },
        ),
        ("Compliance", {"fields": ["disclosure"]}),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_file",
                    "source_position",
                    "imported_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("categories", "brief_authors__author")
        )

    @admin.display(description="Authors")
    def byline(self, brief):
        return ", ".join(author.name for author in brief.ordered_authors())

    @admin.display(description="Categories")
    def category_list(self, brief):
        return ", ".join(tag.name for tag in brief.categories.all())

    @admin.display(description="Disclosure", boolean=True)
    def has_disclosure(self, brief):
        return brief.disclosure_id is not None


@admin.register(Author)
class AuthorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "brief_count", "has_bio"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(brief_total=Count("brief_links"))

    @admin.display(description="Briefs", ordering="brief_total")
    def brief_count(self, author):
        return author.brief_total

    @admin.display(description="Bio", boolean=True)
    def has_bio(self, author):
        return bool(author.bio)


@admin.register(Series)
class SeriesAdmin(SimpleHistoryAdmin):
    list_display = ["name", "publication", "volume", "issue", "brief_count"]
    list_filter = ["publication"]
    search_fields = ["name", "publication", "theme"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(brief_total=Count("briefs"))

    @admin.display(description="Briefs", ordering="brief_total")
    def brief_count(self, series):
        return series.brief_total


@admin.register(Disclosure)
class DisclosureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "label", "is_active", "brief_count"]
    list_filter = ["is_active"]
    search_fields = ["text", "label"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(brief_total=Count("briefs"))

    @admin.display(description="Briefs", ordering="brief_total")
    def brief_count(self, disclosure):
        return disclosure.brief_total


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "brief"]
    list_select_related = ["brief"]
    search_fields = ["old_slug", "brief__title"]
    autocomplete_fields = ["brief"]
