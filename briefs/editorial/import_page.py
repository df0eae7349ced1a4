"""The admin's import page: upload, read the dry-run report, confirm.

Uploads are staged on disk between the two steps so that the confirmed import reads
exactly the bytes the editor reviewed, through the same code path as the command.
"""

import shutil
import time
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from briefs.importer.service import FAILED, import_upload
from briefs.importer.store import StoreOptions

from .workflow import can_publish

STAGING_MAX_AGE_SECONDS = 24 * 60 * 60
ACCEPTED_SUFFIXES = (".txt", ".md", ".pdf")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".txt,.md,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single_clean = super().clean
        if isinstance(data, list | tuple):
            return [single_clean(item, initial) for item in data]
        return [single_clean(data, initial)]


class UploadForm(forms.Form):
    # An empty file reaches the importer, which reports it like the command does.
    files = MultipleFileField(
        allow_empty_file=True,
        label="Export files",
        help_text="Text (.txt, .md) or PDF exports of posts.",
    )
    draft = forms.BooleanField(
        required=False, label="Import new briefs as drafts", initial=True
    )
    overwrite = forms.BooleanField(
        required=False, label="Replace briefs that editors changed since their import"
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
                raise forms.ValidationError(
                    f"{upload.name}: not a .txt, .md or .pdf file."
                )
            if upload.size > settings.IMPORT_MAX_BYTES:
                raise forms.ValidationError(
                    f"{upload.name}: over the size limit of "
                    f"{settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB."
                )
        return files


class ConfirmForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    draft = forms.BooleanField(required=False, widget=forms.HiddenInput)
    overwrite = forms.BooleanField(required=False, widget=forms.HiddenInput)


def staging_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "import-staging"


def stage_uploads(files) -> str:
    remove_stale_staging()
    token = str(uuid.uuid4())
    folder = staging_root() / token
    folder.mkdir(parents=True)
    for index, upload in enumerate(files):
        # The index keeps two uploads of the same name apart and their order stable.
        target = folder / f"{index:04d}-{Path(upload.name).name}"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    return token


def staged_files(token: str) -> list[tuple[str, bytes]]:
    folder = staging_root() / token
    if not folder.is_dir():
        return []
    return [
        (path.name.split("-", 1)[1], path.read_bytes())
        for path in sorted(folder.iterdir())
    ]


def remove_stale_staging() -> None:
    root = staging_root()
    if not root.is_dir():
        return
    cutoff = time.time() - STAGING_MAX_AGE_SECONDS
    for folder in root.iterdir():
        if folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)


def run_import(staged, options: StoreOptions):
    return [import_upload(data, name, options) for name, data in staged]


def import_view(request):
    if not request.user.has_perm("briefs.add_brief"):
        raise PermissionDenied
    may_publish = can_publish(request.user)
    context = {
        **admin.site.each_context(request),
        "title": "Import briefs",
        "may_publish": may_publish,
        "opts": _brief_opts(),
    }
    if request.method == "POST" and "confirm" in request.POST:
        return confirm_import(request, may_publish)

    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        draft = form.cleaned_data["draft"] or not may_publish
        overwrite = form.cleaned_data["overwrite"]
        token = stage_uploads(form.cleaned_data["files"])
        reports = run_import(
            staged_files(token),
            StoreOptions(draft=draft, overwrite=overwrite, dry_run=True),
        )
        context.update(
            reports=reports,
            any_importable=any(r.status != FAILED for r in reports),
            confirm_form=ConfirmForm(
                initial={"token": token, "draft": draft, "overwrite": overwrite}
            ),
        )
    context["form"] = form
    return TemplateResponse(request, "admin/briefs/import.html", context)


def confirm_import(request, may_publish):
    form = ConfirmForm(request.POST)
    staged = staged_files(str(form.cleaned_data["token"])) if form.is_valid() else []
    if not staged:
        messages.error(request, "The uploaded files have expired; upload them again.")
        return redirect("admin_briefs_import")
    options = StoreOptions(
        # The server decides, not the hidden field: no publishing without the right.
        draft=form.cleaned_data["draft"] or not may_publish,
        overwrite=form.cleaned_data["overwrite"],
        change_reason=f"Imported in the admin by {request.user.get_username()}",
        user=request.user,
    )
    reports = run_import(staged, options)
    shutil.rmtree(staging_root() / str(form.cleaned_data["token"]), ignore_errors=True)
    for report in reports:
        if report.status == FAILED:
            messages.error(request, f"{report.path}: {report.error}")
        else:
            slugs = ", ".join(o.slug for o in report.briefs)
            messages.success(request, f"{report.path}: {report.status} ({slugs})")
    return redirect(reverse("admin:briefs_brief_changelist"))


def _brief_opts():
    from briefs.models import Brief

    return Brief._meta
