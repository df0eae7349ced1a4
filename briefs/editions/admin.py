"""The FARA register in the admin: due and overdue, filing packages, CSV export."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html

from ..models import FilingEntry
from . import register
from .compliance import FILE_PERMISSION


class FilingForm(forms.ModelForm):
    class Meta:
        model = FilingEntry
        fields = ["filed_on", "filing_reference"]

    def clean(self):
        data = super().clean()
        filed_on, reference = data.get("filed_on"), data.get("filing_reference")
        if filed_on and not reference:
            self.add_error("filing_reference", "Give the filing's reference.")
        if reference and not filed_on:
            self.add_error("filed_on", "Give the date it was filed.")
        if filed_on and filed_on > timezone.localdate():
            self.add_error("filed_on", "A filing date cannot be in the future.")
        return data


@admin.register(FilingEntry)
class FilingEntryAdmin(admin.ModelAdmin):
    form = FilingForm
    list_display = [
        "title",
        "reason",
        "transmitted_at",
        "due_at",
        "status",
        "filed_on",
        "filing_reference",
        "package",
    ]
    list_filter = ["reason", ("filed_on", admin.EmptyFieldListFilter)]
    search_fields = ["title", "filing_reference"]
    date_hierarchy = "transmitted_at"
    readonly_fields = [
        "title",
        "url",
        "reason",
        "registrant",
        "foreign_principal",
        "channels",
        "transmitted_at",
        "due_at",
        "filed_by",
        "package",
    ]
    fields = readonly_fields[:-2] + ["package", "filed_on", "filing_reference"]

    # The register is a record: entries come from publication, and stay.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(FILE_PERMISSION) and super().has_change_permission(
            request, obj
        )

    def save_model(self, request, obj, form, change):
        if obj.filed_on and "filed_on" in form.changed_data:
            obj.filed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Status")
    def status(self, entry):
        return register.status_of(entry)

    @admin.display(description="Filing package")
    def package(self, entry):
        if entry.pk is None:
            return ""
        url = reverse("admin:briefs_filingentry_package", args=[entry.pk])
        return format_html('<a href="{}">Download (zip)</a>', url)

    def get_urls(self):
        return [
            path(
                "<int:pk>/package/",
                self.admin_site.admin_view(self.package_view),
                name="briefs_filingentry_package",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="briefs_filingentry_export",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        # The sweep: scheduled briefs whose time has come open their entries.
        register.sync()
        return super().changelist_view(request, extra_context)

    def package_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        entry = FilingEntry.objects.filter(pk=pk).first()
        if entry is None:
            raise Http404("No such register entry.")
        response = HttpResponse(register.filing_package(entry), "application/zip")
        name = register.package_name(entry)
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        return response

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        start = parse_date(request.GET.get("start", "") or "")
        end = parse_date(request.GET.get("end", "") or "")
        if start is None or end is None or end < start:
            return HttpResponse(
                "Give the period as ?start=YYYY-MM-DD&end=YYYY-MM-DD.",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(
            register.export_csv(start, end), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="fara-register-{start}-{end}.csv"'
        )
        return response
