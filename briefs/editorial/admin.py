from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from briefs import history
from briefs.models import Author, Brief, BriefAuthor, Disclosure, Series, SlugRedirect

from . import workflow
from .forms import (
    INTENT_FIELD,
    BriefActionForm,
    BriefAdminForm,
    BriefAuthorFormSet,
    intent_from,
)


class BriefAuthorInline(admin.TabularInline):
    model = BriefAuthor
    formset = BriefAuthorFormSet
    extra = 0
    autocomplete_fields = ["author"]
    fields = ["order", "author"]
    ordering = ["order"]


class BriefHistoryContext(HistoricalRecordContextHelper):
    """Shows the byline and categories of the diff as names, in byline order."""

    def prepare_delta_change_value(self, change, value):
        if change.field in history.DIFF_FIELDS.values():
            return ", ".join(value) or "(none)"
        return super().prepare_delta_change_value(change, value)


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
class BriefAdmin(SimpleHistoryAdmin):
    form = BriefAdminForm
    action_form = BriefActionForm
    object_history_form_template = "admin/briefs/brief/object_history_form.html"
    list_display = [
        "title",
        "state",
        "published_at",
        "series",
        "byline",
        "category_list",
        "has_disclosure",
    ]
    list_filter = [StateFilter, "series", "categories", "published_at"]
    list_select_related = ["series", "disclosure"]
    search_fields = ["title", "summary", "body", "authors__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "disclosure"]
    inlines = [BriefAuthorInline]
    actions = ["submit_for_review", "publish_now", "schedule", "unpublish"]
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
            {"fields": ["title", "slug", "state", "published_at", "based_on_version"]},
        ),
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
        form.revert_record = getattr(request, "_brief_revert_record", None)
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
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
            context["brief_state"] = workflow.DRAFT
            context["brief_state_label"] = "New draft"
        return super().render_change_form(request, context, add, change, **kwargs)

    def save_model(self, request, obj, form, change):
        previous = form.current_status()
        obj.status = form.target_status or previous
        obj._change_reason = self.change_reason(request, previous, obj)
        if change:
            obj._byline_before = self.byline_snapshot(obj)
        super().save_model(request, obj, form, change)

    def change_reason(self, request, previous, obj):
        match = request.resolver_match
        if match and match.url_name.endswith("_simple_history"):
            return f"Reverted to history record {match.args[-1]}"
        if previous == obj.status:
            return None
        if obj.status == Brief.Status.PUBLISHED:
            return (
                "Scheduled"
                if workflow.state_of(obj) == workflow.SCHEDULED
                else ("Published")
            )
        if previous == Brief.Status.PUBLISHED:
            return "Unpublished"
        return (
            "Submitted for review"
            if obj.status == Brief.Status.REVIEW
            else ("Back to draft")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        brief = form.instance
        # The byline and categories are not columns of the brief, so their history
        # goes in the change reason of the record this save made.
        # The history record of this save was made before the inline and the
        # categories were saved: give it the byline and categories they made.
        history.record_current_byline([brief.pk])
        before = getattr(brief, "_byline_before", None)
        if before is None:
            return
        after = self.byline_snapshot(brief)
        changes = [
            f"{label}: {', '.join(old) or '(none)'} -> {', '.join(new) or '(none)'}"
            for label, old, new in zip(
                ("Authors", "Categories"), before, after, strict=True
            )
            if old != new
        ]
        record = brief.history.first()
        if changes and record is not None:
            reason = "; ".join(filter(None, [record.history_change_reason, *changes]))
            type(record).objects.filter(pk=record.pk).update(
                history_change_reason=reason[:100]
            )

    @staticmethod
    def byline_snapshot(brief):
        authors = list(
            BriefAuthor.objects.filter(brief_id=brief.pk)
            .order_by("order", "pk")
            .values_list("author__name", flat=True)
        )
        categories = sorted(brief.categories.values_list("name", flat=True))
        return authors, categories

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

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = get_object_or_404(
            Brief.history.model, id=unquote(object_id), history_id=version_id
        )
        # The form shows the categories of that version; the byline is restored too.
        request._brief_revert_record = record
        restorable = history.restorable_authors(record)
        extra_context = {
            **(extra_context or {}),
            "version_byline": None if restorable is None else restorable[0],
        }
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        # simple_history saves a posted revert after checking only the view
        # permission; a revert is a change, so it needs the change permission.
        current = self.get_object(request, unquote(object_id))
        if current is None or not self.has_change_permission(request, current):
            raise PermissionDenied
        # One transaction, as for the change form: the version check locks the row
        # (select_for_update needs a transaction), and the byline goes with it.
        with transaction.atomic():
            response = super().history_form_view(
                request, object_id, version_id, extra_context
            )
            if response.status_code == 302 and restorable is not None:
                authors, gone = restorable
                history.restore_byline(current, authors)
                history.record_current_byline([current.pk])
                if gone:
                    self.message_user(
                        request,
                        "Not restored, as they no longer exist: " + ", ".join(gone),
                        messages.WARNING,
                    )
        return response

    def get_historical_record_context_helper(self, request, historical_record):
        return BriefHistoryContext(self.model, historical_record)

    def set_history_delta_changes(
        self, request, historical_records, foreign_keys_are_objs=True
    ):
        # simple_history's diff covers the brief's columns; add the byline and
        # categories kept in each record.
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, foreign_keys_are_objs=foreign_keys_are_objs
                )
                delta.changes.extend(history.snapshot_changes(previous, current))
                delta.changes.sort(key=lambda change: change.field)
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current

    # -- the changelist ----------------------------------------------------------

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
            at = forms.DateTimeField().clean(request.POST.get("publish_at"))
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
