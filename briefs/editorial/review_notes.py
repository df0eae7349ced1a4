"""Review notes: editors and contributors comment on a brief, kept with its history.

A note names the version it was written on; the change form, the history list
and the compare view show the notes (editorial.templatetags.desk_notes), and adding one
mails the other side (editorial.notifications) once it is committed.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from briefs.models import ReviewNote

from . import notifications

MAX_NOTE = 5000


class ReviewNotesAdminMixin:
    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/desk/notes/",
                self.admin_site.admin_view(require_POST(self.add_note_view)),
                name="briefs_brief_add_note",
            )
        ]
        return urls + super().get_urls()

    def add_note_view(self, request, object_id):
        brief = self.get_object(request, unquote(object_id))
        if brief is None:
            raise Http404("No such brief.")
        # Anyone who may see the brief in the admin may comment on it: a
        # contributor may not change a published brief but may still say why.
        if not self.has_view_or_change_permission(request, brief):
            raise PermissionDenied
        back = reverse("admin:briefs_brief_change", args=[brief.pk]) + "#review-notes"
        text = request.POST.get("note", "").replace("\r\n", "\n").strip()
        if not text:
            self.message_user(
                request, "The note is empty: nothing added.", messages.ERROR
            )
            return HttpResponseRedirect(back)
        if len(text) > MAX_NOTE:
            self.message_user(
                request,
                f"A note has at most {MAX_NOTE} characters; this one has "
                f"{len(text)}. Nothing was added.",
                messages.ERROR,
            )
            return HttpResponseRedirect(back)
        with transaction.atomic():
            note = ReviewNote.objects.create(
                brief=brief,
                author=request.user,
                text=text,
                brief_version=brief.version,
            )
            notifications.note_added(note, request.user)
        self.message_user(request, "Your review note was added.", messages.SUCCESS)
        return HttpResponseRedirect(back)
