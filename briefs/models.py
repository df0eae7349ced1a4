import hashlib
import re
import unicodedata

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from .images import validate_image_upload


def ascii_slug(value, max_length=200):
    """A slug that is the same for "Lee Jae-myung" and "LEE JAE-MYUNG" or accents."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = slugify(folded)[:max_length].strip("-")
    if slug or not value.strip():
        return slug
    # A name in another script only ("이재명") folds to nothing; a stable hash keeps
    # it addressable in URLs, whose slug converter takes ASCII only.
    normalized = unicodedata.normalize("NFKC", value).casefold().strip()
    return "n-" + hashlib.sha256(normalized.encode()).hexdigest()[:10]


def normalize_statement(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    # Surname first, so the author index sorts the way readers look names up.
    sort_name = models.CharField(max_length=200, blank=True, db_index=True)
    bio = models.TextField(blank=True)
    photo = models.ImageField(
        upload_to="authors/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(max_length=300, blank=True)
    url = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.name)
        if not self.sort_name:
            self.sort_name = surname_first(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefs:author_detail", kwargs={"slug": self.slug})


def surname_first(name):
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).split()
    if len(bare) < 2:
        return name.casefold()
    return f"{bare[-1]} {' '.join(bare[:-1])}".casefold()


class Series(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    publication = models.CharField(
        max_length=200, blank=True, help_text="The journal the series is tied to."
    )
    volume = models.PositiveIntegerField(null=True, blank=True)
    issue = models.PositiveIntegerField(null=True, blank=True)
    theme = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-volume", "-issue", "name"]
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "volume", "issue"],
                condition=Q(volume__isnull=False, issue__isnull=False),
                name="series_unique_journal_issue",
            )
        ]

    def __str__(self):
        if self.journal_issue:
            return f"{self.name} ({self.journal_issue})"
        return self.name

    def get_absolute_url(self):
        return reverse("briefs:series_detail", kwargs={"slug": self.slug})

    @property
    def journal_issue(self):
        if self.publication and self.volume and self.issue:
            return f"{self.publication}, Vol. {self.volume}, Issue {self.issue}"
        return self.publication


class Disclosure(models.Model):
    text = models.TextField()
    # The same statement with other line breaks or spacing is the same disclosure.
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["label", "pk"]

    def __str__(self):
        return self.label or normalize_statement(self.text)[:60]

    def save(self, *args, **kwargs):
        self.text = normalize_statement(self.text)
        self.fingerprint = self.fingerprint_of(self.text)
        super().save(*args, **kwargs)

    @staticmethod
    def fingerprint_of(text):
        return hashlib.sha256(normalize_statement(text).encode()).hexdigest()


class BriefHistorySnapshot(models.Model):
    """The byline and categories of a brief as of each of its history records.

    Neither is a column of the brief: the byline is the ordered through model
    BriefAuthor, the categories are taggit tags. simple_history's `m2m_fields`
    cannot track them: taggit's manager is not a ManyToManyField (it has no
    `m2m_field_name()`), an admin inline saves BriefAuthor rows after the brief,
    so the m2m copy would hold the byline from before the change, and its diff
    lists authors by id, losing their order. briefs.history fills these columns.
    """

    # [{"id": author pk, "name": name then}, ...] in byline order.
    history_authors = models.JSONField(null=True, blank=True, editable=False)
    # Category names, sorted.
    history_categories = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class BriefQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "visible to the public"."""
        return self.filter(
            status=Brief.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def for_listing(self):
        return self.select_related("series", "disclosure").prefetch_related(
            models.Prefetch(
                "brief_authors",
                queryset=BriefAuthor.objects.select_related("author").order_by("order"),
            ),
            "categories",
        )


class Brief(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="briefs"
    )
    is_series_announcement = models.BooleanField(
        default=False, help_text="The post that announces the journal issue itself."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    feature_image = models.ImageField(
        upload_to="briefs/", blank=True, validators=[validate_image_upload]
    )
    feature_image_alt = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=300, blank=True)
    image_credit_url = models.URLField(blank=True)
    full_paper_url = models.URLField(blank=True)
    disclosure = models.ForeignKey(
        Disclosure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefs",
    )
    authors = models.ManyToManyField(
        Author, through="BriefAuthor", related_name="briefs", blank=True
    )
    categories = TaggableManager(blank=True, verbose_name="categories")

    # Provenance of imported briefs.
    source_file = models.CharField(max_length=500, blank=True)
    source_position = models.PositiveIntegerField(null=True, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # Hash of the editable content as the importer last wrote it; a different hash
    # now means an editor changed the brief since, and their version wins.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Optimistic locking: every save through the admin must come from this version.
    version = models.PositiveIntegerField(default=1, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "body_html"], bases=[BriefHistorySnapshot]
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(
                fields=["status", "-published_at"], name="brief_status_published"
            ),
            models.Index(
                fields=["series", "published_at"], name="brief_series_published"
            ),
            GinIndex(fields=["search_vector"], name="brief_search_vector"),
            # The feeds' validators ask for the section's latest edit.
            models.Index(fields=["updated_at"], name="brief_updated_at"),
        ]
        constraints = [
            # FARA (28 CFR 5.402): no path, admin, importer or shell, may make a
            # brief public without its disclosure statement.
            models.CheckConstraint(
                condition=~Q(status="published") | Q(disclosure__isnull=False),
                name="brief_published_has_disclosure",
                violation_error_message="A published brief needs a disclosure.",
            ),
        ]
        permissions = [
            ("publish_brief", "Can publish, schedule and unpublish briefs"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = ascii_slug(self.title)
        # The body's HTML is rendered by briefs.derived, on pre_save.
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("briefs:brief_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def ordered_authors(self):
        """Authors in their byline order; uses the listing prefetch when present."""
        return [link.author for link in self.brief_authors.all()]


class BriefAuthor(models.Model):
    brief = models.ForeignKey(
        Brief, on_delete=models.CASCADE, related_name="brief_authors"
    )
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, related_name="brief_links"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["brief", "author"], name="briefauthor_unique_author"
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.brief}"


class SlugRedirect(models.Model):
    """An old slug of a published brief, so that links already shared keep working."""

    old_slug = models.SlugField(max_length=200, unique=True)
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} -> {self.brief.slug}"


from .content_version import ContentVersion  # noqa: E402, F401 -- a model of this app
