"""Who else has a brief open: a soft lock renewed by a heartbeat.

Opening the change form records the editor's presence; the form's script
(static/admin-desk/presence.js) renews it every HEARTBEAT seconds and asks who
else is there. A presence not renewed for PRESENCE_TTL has expired by itself:
no job clears it, it is simply no longer shown. Nobody is ever blocked.
"""

from datetime import timedelta

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from briefs.models import EditorPresence

HEARTBEAT = 30
# Three missed heartbeats: a tab asleep for a moment keeps its place.
PRESENCE_TTL = timedelta(seconds=3 * HEARTBEAT)


def _display_name(user):
    return user.get_full_name() or user.get_username()


def touch(user, brief, now=None) -> EditorPresence:
    """Record that `user` has the brief open now; a lapsed presence starts anew."""
    now = now or timezone.now()
    presence = EditorPresence.objects.filter(user=user, brief=brief).first()
    if presence is None:
        try:
            with transaction.atomic():
                return EditorPresence.objects.create(
                    user=user, brief=brief, opened_at=now, seen_at=now
                )
        except IntegrityError:  # the same user's other tab got there first
            presence = EditorPresence.objects.get(user=user, brief=brief)
    if presence.seen_at < now - PRESENCE_TTL:
        presence.opened_at = now
    presence.seen_at = now
    presence.save(update_fields=["opened_at", "seen_at"])
    return presence


def leave(user, brief) -> None:
    EditorPresence.objects.filter(user=user, brief=brief).delete()


def others(user, brief, now=None) -> list[dict]:
    """The other people with the brief open, longest first, as the notice shows."""
    now = now or timezone.now()
    rows = (
        EditorPresence.objects.filter(brief=brief, seen_at__gte=now - PRESENCE_TTL)
        .exclude(user=user)
        .select_related("user")
        .order_by("opened_at")
    )
    return [
        {
            "name": _display_name(row.user),
            "since": formats.date_format(timezone.localtime(row.opened_at), "P T"),
            "since_iso": row.opened_at.isoformat(),
        }
        for row in rows
    ]


def notice(people: list[dict]) -> str:
    if not people:
        return ""
    parts = [f"{p['name']} (since {p['since']})" for p in people]
    verb = "has" if len(parts) == 1 else "have"
    return (
        f"{' and '.join(parts)} {verb} this brief open. You can still edit: if "
        "you both save, the second save shows the other's changes to merge."
    )


class PresenceAdminMixin:
    def get_urls(self):
        urls = [
            path(
                "<path:object_id>/desk/presence/",
                self.admin_site.admin_view(require_POST(self.presence_view)),
                name="briefs_brief_presence",
            )
        ]
        return urls + super().get_urls()

    def presence_view(self, request, object_id):
        brief = self.get_object(request, unquote(object_id))
        if brief is None:
            raise Http404("No such brief.")
        if not self.has_view_or_change_permission(request, brief):
            raise PermissionDenied
        if request.POST.get("leave"):
            leave(request.user, brief)
            return JsonResponse({"left": True})
        touch(request.user, brief)
        people = others(request.user, brief)
        return JsonResponse({"others": people, "notice": notice(people)})

    def response_change(self, request, obj):
        # Saved and gone back to the list: the others need not wait for the
        # presence to lapse. "Save and continue" stays on the form.
        if "_continue" not in request.POST:
            leave(request.user, obj)
        return super().response_change(request, obj)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        brief = context.get("original") if change else None
        if brief is not None and brief.pk is not None:
            touch(request.user, brief)
            people = others(request.user, brief)
            context.update(
                desk_presence_url=reverse(
                    "admin:briefs_brief_presence", args=[brief.pk]
                ),
                desk_presence_notice=notice(people),
                desk_heartbeat=HEARTBEAT,
            )
        return super().render_change_form(request, context, add, change, **kwargs)
