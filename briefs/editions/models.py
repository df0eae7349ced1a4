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
