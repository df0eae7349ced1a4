"""The admin's import page: upload, read the dry-run report, confirm.

Uploads are staged on disk between the two steps (briefs.editorial.import_jobs)
so that the confirmed import reads exactly the bytes the editor reviewed, through
the same code path as the command. A large import runs on the task worker and
the page shows its progress.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from briefs.importer.service import FAILED
from briefs.models import ImportJob

from . import import_jobs
from .workflow import can_publish

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
    # Only for those who may publish (see __init__); everyone else imports drafts.
    publish = forms.BooleanField(
        required=False,
        initial=False,
        label="Publish new briefs on import",
        help_text="Each keeps its original date. Left unticked, new briefs are "
        "saved as drafts.",
    )
    overwrite = forms.BooleanField(
        required=False, label="Replace briefs that editors changed since their import"
    )

    def __init__(self, *args, may_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_publish = may_publish
        if not may_publish:
            del self.fields["publish"]

    @property
    def as_drafts(self):
        """Drafts unless an editor asked to publish; a forged box changes nothing."""
        return not (self.may_publish and self.cleaned_data.get("publish"))

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            name = import_jobs.short_upload_name(upload.name)
            if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
                raise forms.ValidationError(f"{name}: not a .txt, .md or .pdf file.")
            if upload.size > settings.IMPORT_MAX_BYTES:
                raise forms.ValidationError(
                    f"{name}: over the size limit of "
                    f"{settings.IMPORT_MAX_BYTES // (1024 * 1024)} MB."
                )
        return files


class ConfirmForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)


@csrf_exempt
def import_view(request):
    # Uploads go to temporary files, never held in memory: the handlers must be
    # set before anything reads the body, which the CSRF check does, so the check
    # runs here, after them, rather than in the middleware.
    request.upload_handlers = [TemporaryFileUploadHandler(request)]
    return _import_view(request)


@csrf_protect
def _import_view(request):
    _check_permission(request)
    # Cleaning up on each visit keeps the staging folder small without a cron job.
    import_jobs.remove_stale_staging()
    may_publish = can_publish(request.user)
    context = _context(
        request,
        "Import briefs",
        may_publish=may_publish,
        running_jobs=import_jobs.running_jobs(request.user),
    )
    if request.method == "POST" and "confirm" in request.POST:
        return confirm_import(request)
    if request.method == "POST" and "cancel" in request.POST:
        return cancel_import(request)

    form = UploadForm(
        request.POST or None, request.FILES or None, may_publish=may_publish
    )
    if request.method == "POST" and form.is_valid():
        job = import_jobs.stage_uploads(
            request.user,
            form.cleaned_data["files"],
            draft=form.as_drafts,
            overwrite=form.cleaned_data["overwrite"],
        )
        if import_jobs.runs_in_background(job):
            # Even the dry run of a large upload outlasts a request.
            import_jobs.check_in_background(job)
            return redirect("admin:briefs_brief_import_progress", job_id=job.pk)
        reports = import_jobs.dry_run(job, may_publish)
        importable = any(r.status != FAILED for r in reports)
        if not importable:
            import_jobs.cancel(job)
        context.update(
            reports=reports,
            any_importable=importable,
            confirm_form=ConfirmForm(initial={"token": job.pk}),
            job=job,
        )
    context["form"] = form
    return TemplateResponse(request, "admin/briefs/import.html", context)


def _staged_job_of(request):
    """The posted token's job, only if this user staged it and it still waits."""
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return None
    return import_jobs.owned_job(
        request.user, form.cleaned_data["token"], states=[ImportJob.State.STAGED]
    )


def confirm_import(request):
    job = _staged_job_of(request)
    if job is None:
        messages.error(request, "The uploaded files have expired; upload them again.")
        return redirect("admin:briefs_brief_import")
    if import_jobs.runs_in_background(job):
        import_jobs.queue(job)
        return redirect("admin:briefs_brief_import_progress", job_id=job.pk)
    job = import_jobs.run(job.pk, from_states=[ImportJob.State.STAGED])
    _report_in_messages(request, job)
    return redirect(reverse("admin:briefs_brief_changelist"))


def cancel_import(request):
    job = _staged_job_of(request)
    if job is not None and import_jobs.cancel(job):
        messages.info(request, "Import cancelled; the uploaded files are removed.")
    return redirect("admin:briefs_brief_import")


def _report_in_messages(request, job):
    if job.error:
        messages.error(request, f"The import stopped: {job.error}")
    for report in job.reports:
        if report["status"] == FAILED:
            messages.error(request, f"{report['path']}: {report['errors'][0]}")
        else:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                (
                    (brief.get("url") or "#", brief["title"] or brief["slug"], action)
                    for brief, action in _with_urls(report["briefs"])
                ),
            )
            messages.success(
                request,
                format_html("{}: {}: {}", report["path"], report["status"], links)
                if report["briefs"]
                else f"{report['path']}: {report['status']}",
            )
            for warning in report.get("warnings", []):
                messages.warning(request, f"{report['path']}: {warning}")


def _with_urls(briefs):
    """Each brief of a report with its change page's URL, and what was done."""
    urls = _change_urls([brief["slug"] for brief in briefs])
    return [
        ({**brief, "url": urls.get(brief["slug"])}, brief["action"]) for brief in briefs
    ]


def _change_urls(slugs):
    from briefs.models import Brief

    rows = Brief.objects.filter(slug__in=slugs).values_list("slug", "pk")
    return {slug: reverse("admin:briefs_brief_change", args=[pk]) for slug, pk in rows}


def progress_view(request, job_id):
    """A background import: how far it is, then what it did."""
    _check_permission(request)
    job = import_jobs.owned_job(request.user, job_id)
    if job is None:
        raise Http404("No such import.")
    reports = job.reports
    if job.finished:
        # The briefs made or updated, each linked to its change page.
        urls = _change_urls([b["slug"] for r in reports for b in r["briefs"]])
        reports = [
            {
                **report,
                "briefs": [
                    {**brief, "url": urls.get(brief["slug"])}
                    for brief in report["briefs"]
                ],
            }
            for report in reports
        ]
    context = _context(
        request,
        "Import progress",
        job=job,
        reports=reports,
        awaiting_confirmation=job.state == ImportJob.State.STAGED,
        any_importable=any(r["status"] != FAILED for r in job.reports),
        confirm_form=ConfirmForm(initial={"token": job.pk}),
    )
    return TemplateResponse(request, "admin/briefs/import_progress.html", context)


def progress_status_view(request, job_id):
    """What the progress page polls."""
    _check_permission(request)
    job = import_jobs.owned_job(request.user, job_id)
    if job is None:
        raise Http404("No such import.")
    return JsonResponse(
        {
            "state": job.state,
            "state_label": job.get_state_display(),
            "files_done": job.files_done,
            "files_total": job.files_total,
            "finished": job.finished,
            "working": job.working,
        },
        headers={"Cache-Control": "no-store"},
    )


@require_POST
def progress_cancel_view(request, job_id):
    _check_permission(request)
    job = import_jobs.owned_job(request.user, job_id)
    if job is None:
        raise Http404("No such import.")
    if import_jobs.cancel(job):
        messages.info(request, "Import cancelled; the uploaded files are removed.")
    return redirect("admin:briefs_brief_import_progress", job_id=job.pk)


def _check_permission(request):
    if not request.user.has_perm("briefs.add_brief"):
        raise PermissionDenied


def _context(request, title, **extra):
    return {
        **admin.site.each_context(request),
        "title": title,
        "opts": _brief_opts(),
        **extra,
    }


def _brief_opts():
    from briefs.models import Brief

    return Brief._meta
