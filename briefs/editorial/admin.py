from adminsortable2.admin import SortableAdminBase, SortableTabularInline
from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import path
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from briefs.editions.admin_actions import crossref_deposit
from briefs.models import (
    Author,
    AuthorRedirect,
    Brief,
    BriefAuthor,
    Disclosure,
    Series,
    SlugRedirect,
)

from . import conflicts, notifications, workflow
from .categories import CategoriesAdminMixin
from .dashboard import dashboard_view
from .forms import (
    INTENT_FIELD,
    BriefActionForm,
    BriefAdminForm,
    BriefAuthorFormSet,
    PublishDateTimeField,
    intent_from,
)
from .history_admin import BriefHistoryAdminMixin
from .import_page import import_view
from .import_page import progress_cancel_view as import_cancel_view
from .import_page import progress_status_view as import_status_view
from .import_page import progress_view as import_progress_view
from .media_admin import LibraryAdminMixin, PortraitAdminMixin
from .presence import PresenceAdminMixin
from .review_notes import ReviewNotesAdminMixin
from .schedule import scheduled_view
from .site_names import name_the_site, rename_categories
from .writing import WritingAdminMixin


class BriefAuthorInline(SortableTabularInline):
    # The byline's order is set by dragging the rows; the order field is hidden.
    model = BriefAuthor
    formset = BriefAuthorFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["author"]
    ordering = ["order"]


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(workflow.STATE_LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in workflow.STATE_LABELS:
            return queryset.filter(workflow.state_filter(self.value()))
        return queryset


@admin.register(Brief)
class BriefAdmin(
    PresenceAdminMixin,
    ReviewNotesAdminMixin,
    LibraryAdminMixin,
    CategoriesAdminMixin,
    WritingAdminMixin,
    BriefHistoryAdminMixin,
    SortableAdminBase,
    SimpleHistoryAdmin,
):
    form = BriefAdminForm
    action_form = BriefActionForm
    # Five columns fit 1280 px beside the filters; series and categories are
    # filters, and show in the title's detail line.
    list_display = [
        "title_with_details",
        "state",
        "published_at",
        "byline",
        "has_disclosure",
    ]
    list_filter = [StateFilter, "series", "categories", "published_at"]
    list_select_related = ["series", "disclosure"]
    search_fields = ["title", "summary", "body", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "disclosure"]
    inlines = [BriefAuthorInline]
    actions = [
        "submit_for_review",
        "publish_now",
        "schedule",
        "unpublish",
        crossref_deposit,
    ]
    readonly_fields = [
        "state",
        "source_file",
        "source_position",
        "imported_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "state",
                    "published_at",
                    "updated_on",
                    "based_on_version",
                ]
            },
        ),
        ("Content", {"fields": ["summary", "body", "categories"]}),
        (
            "Series and links",
            {"fields": ["series", "is_series_announcement", "full_paper_url", "doi"]},
        ),
        (
            "Feature image",
            {
                "fields": [
                    "image",
                    "new_image",
                    "new_image_alt",
                    "new_image_credit",
                    "new_image_credit_url",
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
            .select_related("image")
            .prefetch_related("categories", "brief_authors__author")
        )

    def get_urls(self):
        # The editors' own pages live with the briefs they act on.
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(import_view),
                name="briefs_brief_import",
            ),
            path(
                "import/<uuid:job_id>/",
                self.admin_site.admin_view(import_progress_view),
                name="briefs_brief_import_progress",
            ),
            path(
                "import/<uuid:job_id>/status/",
                self.admin_site.admin_view(import_status_view),
                name="briefs_brief_import_status",
            ),
            path(
                "import/<uuid:job_id>/cancel/",
                self.admin_site.admin_view(import_cancel_view),
                name="briefs_brief_import_cancel",
            ),
            path(
                "dashboard/",
                self.admin_site.admin_view(dashboard_view),
                name="briefs_brief_dashboard",
            ),
            path(
                "scheduled/",
                self.admin_site.admin_view(scheduled_view),
                name="briefs_brief_scheduled",
            ),
        ]
        return extra + super().get_urls()

    # -- permissions: enforced here, on the server, whatever the page shows ------

    def has_publish_permission(self, request, obj=None):
        return workflow.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # Editing a published brief changes what readers see: that is publishing.
        if obj is not None and obj.status == Brief.Status.PUBLISHED:
            return workflow.can_publish(request.user)
        return True

    # -- the change form -------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a new class for this request; safe to set on it.
        form.intent = intent_from(request.POST if request.method == "POST" else None)
        form.user_can_publish = workflow.can_publish(request.user)
        form.byline_merge = getattr(request, "desk_byline", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            # A stale save's byline is merged before the inline is built.
            request.desk_byline = conflicts.prepare_byline(request.POST, object_id)
        extra_context = {
            **(extra_context or {}),
            "user_can_publish": workflow.can_publish(request.user),
            "intent_field": INTENT_FIELD,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        brief = context.get("original")
        if brief is not None:
            context["brief_state"] = workflow.state_of(brief)
            context["brief_state_label"] = workflow.state_label(brief)
        else:
            context["brief_state"] = Brief.Status.DRAFT
            context["brief_state_label"] = "New draft"
        return super().render_change_form(request, context, add, change, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = form.current_status()
        obj.status = form.target_status or previous
        match = request.resolver_match
        if match and match.url_name.endswith("_simple_history"):
            obj._change_reason = f"Reverted to history record {match.args[-1]}"
        else:
            obj._change_reason = workflow.transition_reason(previous, obj)
        super().save_model(request, obj, form, change)
        notifications.transition(obj, previous, request.user)

    def response_change(self, request, obj):
        self.message_state(request, obj)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self.message_state(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def message_state(self, request, obj):
        level = (
            messages.WARNING
            if obj.status != Brief.Status.PUBLISHED
            else (messages.SUCCESS)
        )
        visible = "visible to readers" if obj.is_public else "not visible to readers"
        self.message_user(
            request, f"“{obj}” is now: {workflow.state_label(obj)} ({visible}).", level
        )

    # -- the changelist ----------------------------------------------------------

    @admin.display(description="Title", ordering="title")
    def title_with_details(self, brief):
        details = [str(brief.series)] if brief.series_id else []
        details += [tag.name for tag in brief.categories.all()]
        if not details:
            return brief.title
        return format_html(
            '{}<div class="desk-row-details">{}</div>', brief.title, " · ".join(details)
        )

    @admin.display(description="State", ordering="status")
    def state(self, brief):
        return workflow.state_label(brief)

    @admin.display(description="Authors")
    def byline(self, brief):
        return ", ".join(author.name for author in brief.ordered_authors())

    @admin.display(description="Categories")
    def category_list(self, brief):
        return ", ".join(tag.name for tag in brief.categories.all())

    @admin.display(description="Disclosure", boolean=True)
    def has_disclosure(self, brief):
        return brief.disclosure_id is not None

    # -- actions -----------------------------------------------------------------

    def report(self, request, result, verb):
        for brief in result.done:
            notifications.transition(brief, None, request.user)
        if result.done:
            self.message_user(
                request,
                f"{verb}: " + ", ".join(f"“{b}”" for b in result.done),
                messages.SUCCESS,
            )
        for brief, reason in result.refused:
            self.message_user(
                request, f"“{brief}” not changed: {reason}", messages.ERROR
            )

    def for_action(self, queryset):
        return queryset.select_related("disclosure").prefetch_related("brief_authors")

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.report(
            request, workflow.submit_for_review(queryset), "Submitted for review"
        )

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self.report(request, workflow.publish(self.for_action(queryset)), "Published")

    @admin.action(
        description="Schedule for the date given beside the action",
        permissions=["publish"],
    )
    def schedule(self, request, queryset):
        try:
            at = PublishDateTimeField().clean(request.POST.get("publish_at"))
        except forms.ValidationError:
            self.message_user(
                request,
                "Give the date and time to publish at, in the “Schedule for” box.",
                messages.ERROR,
            )
            return
        self.report(
            request, workflow.publish(self.for_action(queryset), at=at), "Scheduled"
        )

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self.report(request, workflow.unpublish(queryset), "Unpublished")


class BriefCountAdmin(SimpleHistoryAdmin):
    """A "Briefs" column counting every brief (drafts too) that uses the row."""

    brief_relation = "briefs"

    def get_queryset(self, request):
        total = Count(self.brief_relation)
        return super().get_queryset(request).annotate(brief_total=total)

    @admin.display(description="Briefs", ordering="brief_total")
    def brief_count(self, obj):
        return obj.brief_total


@admin.register(Author)
class AuthorAdmin(PortraitAdminMixin, BriefCountAdmin):
    list_display = ["name", "slug", "brief_count", "has_bio"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    brief_relation = "brief_links"

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        # An author's name and bio show at once on every published brief of
        # theirs: changing them is publishing.
        if (
            obj is not None
            and obj.brief_links.filter(brief__status=Brief.Status.PUBLISHED).exists()
        ):
            return workflow.can_publish(request.user)
        return True

    @admin.display(description="Bio", boolean=True)
    def has_bio(self, author):
        return bool(author.bio)


@admin.register(Series)
class SeriesAdmin(BriefCountAdmin):
    list_display = ["name", "publication", "volume", "issue", "brief_count"]
    list_filter = ["publication"]
    search_fields = ["name", "publication", "theme"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Disclosure)
class DisclosureAdmin(BriefCountAdmin):
    list_display = ["__str__", "label", "is_active", "brief_count"]
    list_filter = ["is_active"]
    search_fields = ["text", "label"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "brief"]
    list_select_related = ["brief"]
    search_fields = ["old_slug", "brief__title"]
    autocomplete_fields = ["brief"]


@admin.register(AuthorRedirect)
class AuthorRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "author", "merged_author_id"]
    list_select_related = ["author"]
    search_fields = ["old_slug", "author__name"]
    autocomplete_fields = ["author"]
    readonly_fields = ["merged_author_id"]


name_the_site()
rename_categories()
