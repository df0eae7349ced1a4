"""The brief's history in the admin: diffs with the byline, and revert with it.

simple_history's admin knows the brief's columns; the byline and categories are
kept beside them in each record (briefs.history), so the diff view, the revert
form and the change reason of a save are completed here.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from briefs import history
from briefs.models import Brief

from . import compare, workflow


class BriefHistoryContext(HistoricalRecordContextHelper):
    """Shows the byline and categories of the diff as names, in byline order."""

    def prepare_delta_change_value(self, change, value):
        if change.field in history.DIFF_FIELDS.values():
            return ", ".join(value) or "(none)"
        return super().prepare_delta_change_value(change, value)


def revert_record(request):
    """The history record a revert page shows, from its URL; None elsewhere."""
    match = request.resolver_match
    if match is None or not match.url_name.endswith("_simple_history"):
        return None
    object_id, version_id = match.args[-2:]
    if not version_id.isdigit():
        raise Http404("No such history record.")
    return get_object_or_404(
        history.HistoricalBrief, id=unquote(object_id), history_id=version_id
    )


def current_state(brief_pk) -> dict[str, str]:
    """The brief as it is in the database now, in editorial.compare's form."""
    brief = Brief.objects.select_related("series", "disclosure").get(pk=brief_pk)
    return compare.state_of(brief, history.current_snapshots([brief_pk])[brief_pk])


class BriefHistoryAdminMixin(SimpleHistoryAdmin):
    object_history_form_template = "admin/briefs/brief/object_history_form.html"
    object_history_list_template = "admin/briefs/brief/object_history_list.html"

    def get_urls(self):
        compare_url = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="briefs_brief_compare",
        )
        return [compare_url, *super().get_urls()]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if revert_record(request) is None:
            return fieldsets
        # The revert form: the state shown is the brief's now (the instance is the
        # old version), and the version's date is restored only if asked.
        changed = []
        for name, options in fieldsets:
            fields = []
            for field in options["fields"]:
                if field == "state":
                    fields.append("state_now")
                elif field == "published_at":
                    fields += ["published_at", "restore_published_at"]
                else:
                    fields.append(field)
            changed.append((name, {**options, "fields": fields}))
        return changed

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "state_now"]

    @admin.display(description="State now")
    def state_now(self, obj):
        current = Brief.objects.filter(pk=obj.pk).first()
        return "" if current is None else workflow.state_label(current)

    def compare_view(self, request, object_id):
        """Two versions side by side; ?old=<record>&new=<record or "current">."""
        brief = self.get_object(request, unquote(object_id))
        if brief is None or not self.has_view_or_change_permission(request, brief):
            raise Http404("No such brief.")
        records = brief.history.select_related("history_user")

        def version(key, default):
            value = request.GET.get(key, default)
            if value == "current":
                return None, current_state(brief.pk)
            if not str(value).isdigit():
                raise Http404("No such history record.")
            record = get_object_or_404(records, history_id=value)
            return record, compare.state_of(record)

        latest = records.first()
        if latest is None:
            raise Http404("This brief has no history.")
        older = records.filter(history_id__lt=latest.history_id).first() or latest
        old_record, old = version("old", older.history_id)
        new_record, new = version("new", "current")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare versions of “{brief}”",
            "opts": self.model._meta,
            "original": brief,
            "old_record": old_record,
            "new_record": new_record,
            "changes": compare.changes(old, new),
            "records": records,
            "history_url": reverse("admin:briefs_brief_history", args=[brief.pk]),
            "can_revert": self.has_change_permission(request, brief),
        }
        return TemplateResponse(request, "admin/briefs/brief/compare.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made a new class for this request; safe to set on it.
        form.revert_record = revert_record(request)
        return form

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        brief = form.instance
        # The record of this save was made before the inline and the categories
        # were saved: give it the byline and categories they made, and name what
        # changed in them in its reason, as they are not columns of the brief.
        history.record_current_byline([brief.pk])
        before = getattr(form, "byline_before", None)
        if not change or before is None:
            return
        after = history.current_snapshots([brief.pk])[brief.pk]
        changes = [
            f"{label}: {', '.join(old) or '(none)'} -> {', '.join(new) or '(none)'}"
            for label, old, new in zip(
                ("Authors", "Categories"),
                history.names_of(before),
                history.names_of(after),
                strict=True,
            )
            if old != new
        ]
        record = brief.history.first()
        if changes and record is not None:
            reason = "; ".join(filter(None, [record.history_change_reason, *changes]))
            type(record).objects.filter(pk=record.pk).update(
                history_change_reason=reason[:100]
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        record = revert_record(request)
        # The form shows the categories of that version; the byline is restored too.
        restorable = history.restorable_authors(record)
        now = current_state(record.id)
        version = compare.state_of(record)
        # What the revert would change, shown before it is confirmed: content only.
        extra_context = {
            **(extra_context or {}),
            "version_byline": None if restorable is None else restorable[0],
            "revert_changes": [
                row for row in compare.changes(now, version) if row.is_content
            ],
            "kept_state": now["status"],
            "kept_date": now["published_at"],
            "version_date": version["published_at"],
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
