"""What the editor's desk keeps besides the briefs: autosaved copies of forms.

Imported by briefs.models so that the app's models stay in one label.
"""

from django.conf import settings
from django.db import models


class EditorDraft(models.Model):
    """The last autosaved copy of one user's change form of one brief.

    Server-side, so a closed tab or a crashed browser loses nothing; offered back
    when the user opens the brief again, and removed when they save or discard.
    A new brief's form (no brief yet) has brief = None.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    brief = models.ForeignKey(
        "briefs.Brief",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The form's fields as posted: {name: [values]}.
    data = models.JSONField(default=dict)
    # The brief's version the copy was made from.
    based_on_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "brief"], name="editordraft_one_per_user_and_brief"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(brief__isnull=True),
                name="editordraft_one_new_per_user",
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.brief or 'a new brief'} by {self.user}"


class EditorPresence(models.Model):
    """One user having one brief's change form open: the soft lock.

    Renewed by the form's heartbeat; a row not renewed for PRESENCE_TTL is
    ignored, so a closed tab or a dead laptop releases the brief by itself.
    Nobody is ever blocked: the row only tells the others who is there.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    brief = models.ForeignKey(
        "briefs.Brief", on_delete=models.CASCADE, related_name="+"
    )
    # Since when this user has had the form open without a break.
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "brief"], name="editorpresence_one_per_user_and_brief"
            )
        ]

    def __str__(self):
        return f"{self.user} on {self.brief}"


class ReviewNote(models.Model):
    """A comment on a brief by an editor or a contributor, kept with its history.

    It names the version of the brief it was written on, so the history and
    compare views can show it beside the records it speaks about.
    """

    brief = models.ForeignKey(
        "briefs.Brief", on_delete=models.CASCADE, related_name="review_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField()
    brief_version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note by {self.author} on {self.brief}"
