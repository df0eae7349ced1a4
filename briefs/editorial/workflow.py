"""The editorial workflow: states, who may publish, what publishing requires.

Scheduling needs no background job: a published brief with a future publish time is
"scheduled" only because `Brief.objects.published()` compares with the clock, so the
brief appears everywhere by itself when the time comes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import formats, timezone

from briefs.models import Brief, public_condition

from .roles import PUBLISH_PERMISSION

# The stored statuses are the states, but for one that only the clock makes: a
# published brief whose time has not come.
SCHEDULED = "scheduled"

STATE_LABELS = {
    Brief.Status.DRAFT: Brief.Status.DRAFT.label,
    Brief.Status.REVIEW: Brief.Status.REVIEW.label,
    SCHEDULED: "Scheduled",
    Brief.Status.PUBLISHED: Brief.Status.PUBLISHED.label,
}


def can_publish(user) -> bool:
    """May this user make a brief public (publish, schedule, unpublish)?

    The one check behind the change form, the list actions, the admin import page and
    the import command when it runs for a user.
    """
    return bool(
        user is not None and user.is_active and user.has_perm(PUBLISH_PERMISSION)
    )


def state_of(brief: Brief, now: datetime | None = None) -> str:
    if brief.status != Brief.Status.PUBLISHED:
        return brief.status
    now = now or timezone.now()
    if brief.published_at is not None and brief.published_at > now:
        return SCHEDULED
    return Brief.Status.PUBLISHED


def state_label(brief: Brief, now: datetime | None = None) -> str:
    state = state_of(brief, now)
    if state == SCHEDULED:
        when = formats.date_format(
            timezone.localtime(brief.published_at), "DATETIME_FORMAT"
        )
        return f"Scheduled for {when}"
    return STATE_LABELS[state]


def state_filter(state: str, now: datetime | None = None) -> Q:
    """The condition for one state, for querysets (the changelist filter, counts)."""
    now = now or timezone.now()
    if state == SCHEDULED:
        return Q(status=Brief.Status.PUBLISHED, published_at__gt=now)
    if state == Brief.Status.PUBLISHED:
        return public_condition(now)
    return Q(status=state)


# -- validation before publish -------------------------------------------------


def missing_for_publish(
    brief: Brief, *, author_count: int | None = None, check_authors: bool = True
) -> list[str]:
    """What a brief lacks to be published, in words an editor can act on.

    The change form checks the authors in its inline formset, where the unsaved
    rows are, so it passes check_authors=False; elsewhere the saved rows count.
    """
    return [
        text
        for _field, text in missing_by_field(
            brief, author_count=author_count, check_authors=check_authors
        )
    ]


# The form field each publish requirement belongs to, so the form can say it there.
AUTHORS_FIELD = "brief_authors"


def missing_by_field(
    brief: Brief, *, author_count: int | None = None, check_authors: bool = True
) -> list[tuple[str, str]]:
    """missing_for_publish's list, each with the name of the field it concerns."""
    missing = []
    if not (brief.title or "").strip():
        missing.append(("title", "a title"))
    if brief.published_at is None:
        missing.append(("published_at", "a publication date"))
    if check_authors:
        if author_count is None:
            author_count = len(brief.brief_authors.all())
        if author_count == 0:
            missing.append((AUTHORS_FIELD, "at least one author"))
    if brief.disclosure_id is None:
        missing.append(("disclosure", "a disclosure"))
    elif not brief.disclosure.is_active:
        missing.append(
            (
                "disclosure",
                f'an active disclosure ("{brief.disclosure}" is inactive)',
            )
        )
    return missing


def publish_refusal(missing: list[str]) -> str:
    return "Cannot publish: the brief needs " + ", ".join(missing) + "."


# -- actions ---------------------------------------------------------------------


@dataclass
class ActionResult:
    done: list[Brief]
    refused: list[tuple[Brief, str]]


def transition_reason(previous_status: str, brief: Brief) -> str | None:
    """The history's word for a change of state; None when the state stays."""
    if previous_status == brief.status:
        return None
    if brief.status == Brief.Status.PUBLISHED:
        return "Scheduled" if state_of(brief) == SCHEDULED else "Published"
    if previous_status == Brief.Status.PUBLISHED:
        return "Unpublished"
    if brief.status == Brief.Status.REVIEW:
        return "Submitted for review"
    return "Back to draft"


def _move(brief: Brief, status: str) -> None:
    previous, brief.status = brief.status, status
    brief._change_reason = transition_reason(previous, brief)
    brief.save()


def submit_for_review(briefs) -> ActionResult:
    result = ActionResult([], [])
    for brief in briefs:
        if brief.status != Brief.Status.DRAFT:
            result.refused.append((brief, f"is {state_label(brief).lower()}"))
            continue
        _move(brief, Brief.Status.REVIEW)
        result.done.append(brief)
    return result


def publish(briefs, at: datetime | None = None) -> ActionResult:
    """Publish now (at=None) or schedule for `at`.

    Publishing now keeps a past date, so that imported briefs keep their original
    publication date; a missing or future date becomes now.
    """
    now = timezone.now()
    result = ActionResult([], [])
    for brief in briefs:
        if at is not None:
            brief.published_at = at
        elif brief.published_at is None or brief.published_at > now:
            brief.published_at = now
        missing = missing_for_publish(brief)
        if missing:
            result.refused.append((brief, publish_refusal(missing)))
            continue
        _move(brief, Brief.Status.PUBLISHED)
        result.done.append(brief)
    return result


def unpublish(briefs) -> ActionResult:
    result = ActionResult([], [])
    for brief in briefs:
        if brief.status != Brief.Status.PUBLISHED:
            result.refused.append((brief, "is not published"))
            continue
        _move(brief, Brief.Status.DRAFT)
        result.done.append(brief)
    return result
