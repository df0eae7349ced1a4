"""Stored PDF editions; imported by briefs.models so that they share its app label."""

from django.db import models


class PdfEdition(models.Model):
    """The PDF of one content version of a brief, rendered once and kept.

    Old editions stay: the FARA filing register (register.py) files the PDF as it
    was when the brief went out, not as it reads today.
    """

    brief = models.ForeignKey(
        "briefs.Brief", on_delete=models.CASCADE, related_name="pdf_editions"
    )
    # Hash of everything the PDF is made from (pdf.content_key).
    content_key = models.CharField(max_length=64)
    file = models.FileField(upload_to="editions/", max_length=300)
    size = models.PositiveIntegerField(default=0)
    pages = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "content_key"], name="pdfedition_unique_version"
            )
        ]

    def __str__(self):
        return f"PDF of {self.brief_id} ({self.content_key[:12]})"


class FilingEntry(models.Model):
    """One transmission of a brief that must be filed under FARA within 48 hours.

    22 U.S.C. 614(a) and 28 CFR 5.400: an agent files two copies of informational
    materials with the Attorney General within 48 hours of first transmitting
    them. An entry opens at a brief's first public moment and at each later
    change of its content while public (register.py).
    """

    class Reason(models.TextChoices):
        FIRST = "first", "First public transmission"
        CHANGE = "change", "Content changed while public"

    # The register outlives the brief: a deleted brief's entries keep their copy.
    brief = models.ForeignKey(
        "briefs.Brief",
        null=True,
        on_delete=models.SET_NULL,
        related_name="filing_entries",
    )
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    content_key = models.CharField(max_length=64)
    # The print template as rendered at this version: the filing package's PDF is
    # made from it, so it is the material as transmitted, whatever changed since.
    edition_html = models.TextField()
    registrant = models.CharField(max_length=300)
    foreign_principal = models.TextField()
    channels = models.JSONField(default=list)
    transmitted_at = models.DateTimeField(db_index=True)
    due_at = models.DateTimeField(db_index=True)
    filed_on = models.DateField(null=True, blank=True)
    filing_reference = models.CharField(max_length=200, blank=True)
    filed_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-transmitted_at", "-pk"]
        verbose_name = "FARA register entry"
        verbose_name_plural = "FARA register"
        permissions = [("file_filingentry", "Can mark register entries filed")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(filed_on__isnull=True)
                | ~models.Q(filing_reference=""),
                name="filingentry_filed_has_reference",
                violation_error_message="A filed entry needs its filing reference.",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.transmitted_at:%Y-%m-%d %H:%M})"

    @property
    def is_filed(self):
        return self.filed_on is not None
