"""Mail to the people a step of the workflow concerns, after it is committed.

Through Django's email framework, so the backend is a setting: the console in
development, SMTP in production (README, "Mail"), locmem in tests. Nobody is
mailed about their own step, and nothing is sent for a step that rolled back.

- submitted for review: the editors (who may publish);
- published or scheduled: the brief's contributors (who worked on it without
  the right to publish);
- a review note: the other side, the contributors for an editor's note and the
  editors for a contributor's.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone

from briefs.models import Brief, ReviewNote

from . import workflow
from .roles import PUBLISH_PERMISSION

logger = logging.getLogger(__name__)


def editors():
    app_label, codename = PUBLISH_PERMISSION.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    who = Q(is_superuser=True)
    if permission is not None:
        who |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return list(
        get_user_model()
        .objects.filter(who, is_active=True, is_staff=True)
        .exclude(email="")
        .distinct()
    )


def contributors_of(brief):
    """Who worked on the brief (saved it, wrote a note) without the right to publish."""
    ids = set(
        brief.history.exclude(history_user=None).values_list("history_user", flat=True)
    )
    ids |= set(
        ReviewNote.objects.filter(brief=brief)
        .exclude(author=None)
        .values_list("author", flat=True)
    )
    users = (
        get_user_model().objects.filter(pk__in=ids, is_active=True).exclude(email="")
    )
    return [user for user in users if not workflow.can_publish(user)]


def _link(brief):
    path = reverse("admin:briefs_brief_change", args=[brief.pk])
    return settings.SITE_URL + path


def _name(user):
    if user is None:
        return "Someone"
    return user.get_full_name() or user.get_username()


def send_after_commit(recipients, actor, subject, body) -> None:
    """One message to each recipient but the actor, once the step is committed."""
    addresses = sorted(
        {user.email for user in recipients if actor is None or user.pk != actor.pk}
    )
    if not addresses:
        return
    prefix = getattr(settings, "EMAIL_SUBJECT_PREFIX_DESK", "[The Peninsula] ")
    messages = [
        EmailMessage(prefix + subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        for address in addresses
    ]

    def send():
        try:
            get_connection().send_messages(messages)
        except Exception:
            # The step itself is done and committed; a mail server that is down
            # must not turn it into an error page.
            logger.exception("Could not send the mail about %r", subject)

    transaction.on_commit(send)


def submitted(brief, actor) -> None:
    send_after_commit(
        editors(),
        actor,
        f"For review: {brief.title}",
        f"{_name(actor)} submitted “{brief.title}” for review.\n\n"
        f"Review it: {_link(brief)}\n",
    )


def published(brief, actor) -> None:
    if workflow.state_of(brief) == workflow.SCHEDULED:
        when = formats.date_format(
            timezone.localtime(brief.published_at), "DATETIME_FORMAT"
        )
        what, subject = f"scheduled “{brief.title}” for {when}", "Scheduled"
    else:
        what, subject = f"published “{brief.title}”", "Published"
    lines = [f"{_name(actor)} {what}."]
    if brief.is_public or workflow.state_of(brief) == workflow.SCHEDULED:
        lines.append(f"The page: {settings.SITE_URL}{brief.get_absolute_url()}")
    lines.append(f"In the admin: {_link(brief)}")
    send_after_commit(
        contributors_of(brief),
        actor,
        f"{subject}: {brief.title}",
        "\n\n".join(lines) + "\n",
    )


def note_added(note, actor) -> None:
    brief = note.brief
    # The other side of the review from the note's writer.
    recipients = contributors_of(brief) if workflow.can_publish(actor) else editors()
    send_after_commit(
        recipients,
        actor,
        f"Review note on {brief.title}",
        f"{_name(actor)} wrote on “{brief.title}”:\n\n{note.text}\n\n"
        f"Reply or read the notes: {_link(brief)}#review-notes\n",
    )


def transition(brief, previous_status, actor) -> None:
    """Mail for a change of state made by `actor`; nothing if the state stayed."""
    if previous_status == brief.status:
        return
    if brief.status == Brief.Status.REVIEW:
        submitted(brief, actor)
    elif brief.status == Brief.Status.PUBLISHED:
        published(brief, actor)
