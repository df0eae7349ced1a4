"""A brief's review notes, as the change form, history and compare views show them."""

from django import template
from django.conf import settings
from django.urls import reverse

from briefs.models import ReviewNote

register = template.Library()


@register.inclusion_tag(
    "admin/briefs/brief/includes/review_notes.html", takes_context=True
)
def review_notes(context, brief, with_form=False):
    notes = list(
        ReviewNote.objects.filter(brief=brief).select_related("author")
        if brief is not None and brief.pk is not None
        else []
    )
    for note in notes:
        user = note.author
        note.author_name = (
            "(deleted user)"
            if user is None
            else (user.get_full_name() or user.get_username())
        )
    return {
        "notes": notes,
        "brief": brief,
        "with_form": with_form and brief is not None and brief.pk is not None,
        "add_url": reverse("admin:briefs_brief_add_note", args=[brief.pk])
        if brief is not None and brief.pk is not None
        else "",
        "csrf_token": context.get("csrf_token"),
        "time_zone": settings.TIME_ZONE,
    }
