"""The media library: each image a record of its own, reused by briefs and authors.

A brief or an author points at a record; the brief's own image columns
(feature_image, its alt text and credit) and the author's photo columns are
copies kept in step by briefs.library, so that the pages, feeds, PDF edition
and JSON-LD, which read those columns, stay as they are.

Imported by briefs.models so that the app's models stay in one label.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from .images import validate_image_upload
from .links import validate_public_link

FOCAL_RANGE = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class MediaImage(models.Model):
    file = models.ImageField(
        upload_to="library/", validators=[validate_image_upload], max_length=255
    )
    alt_text = models.CharField(
        "alt text",
        max_length=300,
        blank=True,
        help_text="What the image shows, for readers who cannot see it.",
    )
    credit = models.CharField(max_length=300, blank=True)
    credit_url = models.URLField(
        "credit link", blank=True, validators=[validate_public_link]
    )
    # Where the subject is, as fractions of the width and height from the top
    # left: crops of the image keep this point in view.
    focal_x = models.FloatField(
        "focal point across", default=0.5, validators=FOCAL_RANGE
    )
    focal_y = models.FloatField("focal point down", default=0.5, validators=FOCAL_RANGE)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "image"
        verbose_name_plural = "media library"

    def __str__(self):
        label = self.alt_text or PurePosixPath(self.file.name or "").name
        return label[:80] or f"Image {self.pk}"

    @property
    def focal_point(self):
        return (self.focal_x, self.focal_y)
