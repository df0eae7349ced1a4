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
