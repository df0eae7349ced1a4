"""Writing in the admin: the body's live preview, the page preview, autosave.

The Markdown editor (EasyMDE, vendored under static/vendor/) asks `render/` for
the body's HTML, so the preview is what briefs.rendering gives readers, not a
second Markdown dialect in the browser. `preview/` shows the unsaved form as
the reader's page; `autosave/` keeps a copy of the form per user and brief.
"""

import json

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from briefs.models import Brief, EditorDraft
from briefs.rendering import render_body

from . import compliance

# Form fields an autosave never keeps: the token and the buttons.
NOT_KEPT = {"csrfmiddlewaretoken", "_workflow", "_save", "_continue", "_addanother"}
MAX_BODY = 1_000_000


class _PreviewOnly(Exception):
    """Raised to roll back the save a page preview makes to render the page."""


class WritingAdminMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        urls = [
            path(
                "desk/render/",
                view(require_POST(self.render_body_view)),
                name="briefs_brief_render",
            ),
            path(
                "desk/autosave/",
                view(require_POST(self.autosave_view)),
                name="briefs_brief_autosave",
            ),
            path(
                "desk/preview/",
                view(require_POST(self.page_preview_view)),
                name="briefs_brief_preview_new",
            ),
            path(
                "<path:object_id>/desk/preview/",
                view(require_POST(self.page_preview_view)),
                name="briefs_brief_preview",
            ),
        ]
        return urls + super().get_urls()

    def may_write(self, request, brief=None):
        if brief is None:
            return self.has_add_permission(request) or self.has_change_permission(
                request
            )
        return self.has_change_permission(request, brief)

    def render_body_view(self, request):
        if not self.may_write(request):
            raise PermissionDenied
        body = request.POST.get("body", "")
        if len(body) > MAX_BODY:
            return HttpResponseBadRequest("The body is too long to preview.")
        return JsonResponse({"html": render_body(body)})

    def brief_from(self, request, object_id):
        if not object_id:
            return None
        brief = self.get_object(request, unquote(object_id))
        if brief is None:
            raise Http404("No such brief.")
        return brief

    def autosave_view(self, request):
        brief = self.brief_from(request, request.POST.get("_desk_brief"))
        if not self.may_write(request, brief):
            raise PermissionDenied
        data = {
            name: request.POST.getlist(name)
            for name in request.POST
            if name not in NOT_KEPT and not name.startswith("_desk")
        }
        if request.POST.get("_desk_discard"):
            self.drafts(request, brief).delete()
            return JsonResponse({"discarded": True})
        if len(json.dumps(data)) > MAX_BODY * 2:
            return HttpResponseBadRequest("The form is too large to autosave.")
        draft, _ = EditorDraft.objects.update_or_create(
            user=request.user,
            brief=brief,
            defaults={
                "data": data,
                "based_on_version": None if brief is None else brief.version,
            },
        )
        saved = timezone.localtime(draft.saved_at)
        return JsonResponse({"saved_at": saved.strftime("%H:%M:%S")})

    def drafts(self, request, brief):
        return EditorDraft.objects.filter(user=request.user, brief=brief)

    def offered_draft(self, request, brief):
        """The user's autosaved copy, if it is newer than the brief's last save."""
        draft = self.drafts(request, brief).first()
        if draft is None or (brief is not None and draft.saved_at <= brief.updated_at):
            return None
        return draft

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        brief = context.get("original") if change else None
        if brief is not None and brief.pk is None:
            brief = None
        context.update(
            desk_render_url=reverse("admin:briefs_brief_render"),
            desk_autosave_url=reverse("admin:briefs_brief_autosave"),
            desk_preview_url=(
                reverse("admin:briefs_brief_preview", args=[brief.pk])
                if brief is not None
                else reverse("admin:briefs_brief_preview_new")
            ),
            desk_brief_id=brief.pk if brief is not None else "",
        )
        if brief is not None:
            context["compliance"] = compliance.panel(brief)
        if request.method == "GET":
            draft = self.offered_draft(request, brief)
            if draft is not None:
                context["desk_draft"] = draft
                context["desk_draft_data"] = draft.data
        return super().render_change_form(request, context, add, change, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        preset = compliance.active_disclosure()
        if preset is not None:
            initial.setdefault("disclosure", preset.pk)
        return initial

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Saved for real: the autosaved copy has served its purpose.
        self.drafts(request, obj if change else None).delete()

    def page_preview_view(self, request, object_id=None):
        """The unsaved form as the reader's page, saved and rolled back."""
        from briefs.site.views import BriefDetailView

        brief = self.brief_from(request, object_id)
        if not self.may_write(request, brief):
            raise PermissionDenied
        form_class = self.get_form(request, brief, change=brief is not None)
        # New uploads are not previewed: a file written to storage would stay.
        form = form_class(request.POST, instance=brief)
        response = None
        try:
            with transaction.atomic():
                if form.is_valid():
                    obj = form.save(commit=False)
                    obj.status = form.target_status or form.current_status()
                    formsets, _ = self._create_formsets(
                        request, obj, change=brief is not None
                    )
                    if all(formset.is_valid() for formset in formsets):
                        obj.save()
                        form.save_m2m()
                        for formset in formsets:
                            formset.save()
                        view = BriefDetailView()
                        view.setup(request, slug=obj.slug)
                        view.object = Brief.objects.for_listing().get(pk=obj.pk)
                        context = view.get_context_data(object=view.object)
                        context["is_preview"] = True
                        context["is_unsaved_preview"] = True
                        response = view.render_to_response(context)
                        response.render()
                    else:
                        form.add_error(
                            None, "The authors need attention before a preview."
                        )
                raise _PreviewOnly
        except _PreviewOnly:
            pass
        if response is None:
            response = TemplateResponse(
                request,
                "admin/briefs/brief/preview_errors.html",
                {
                    **self.admin_site.each_context(request),
                    "title": "The preview cannot be shown",
                    "form": form,
                },
                status=400,
            )
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
