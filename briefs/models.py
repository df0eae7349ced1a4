import hashlib
import re
import unicodedata
from datetime import datetime, time

from anyascii import anyascii
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from . import person_names
from .addresses import address
from .editions.identifiers import (
    normalize_doi,
    normalize_orcid,
    validate_doi,
    validate_orcid,
)
from .images import validate_image_upload
from .links import validate_public_link
from .text import tidy_text_fields


def ascii_slug(value, max_length=200):
    """A readable ASCII slug, the same for "Lee Jae-myung" and "LEE JAE-MYUNG".

    URLs' slug converter takes ASCII only, so names in other scripts are
    transliterated ("이재명" -> "ijaemyeong"). anyascii rather than Unidecode: the
    same job, under a permissive licence.
    """
    slug = slugify(anyascii(value))[:max_length].strip("-")
    if slug or not value.strip():
        return slug
    # Nothing transliterable at all (symbols only): a stable hash keeps it
    # addressable.
    normalized = unicodedata.normalize("NFKC", value).casefold().strip()
    return "n-" + hashlib.sha256(normalized.encode()).hexdigest()[:10]


def normalize_statement(text):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


class AuthorQuerySet(models.QuerySet):
    def public(self):
        """Authors of at least one published brief, each with `brief_count`."""
        return self.annotate(
            brief_count=Count(
                "brief_links",
                filter=Q(brief_links__brief__in=Brief.objects.published()),
                distinct=True,
            )
        ).filter(brief_count__gt=0)


class Author(models.Model):
    name = models.CharField(max_length=200)
    # Titles and degrees the byline printed ("Dr.", "Ph.D."): shown nowhere in the
    # name, so that one person is one author however they signed.
    honorific = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=200, unique=True)
    # Surname first, so the author index sorts the way readers look names up.
    sort_name = models.CharField(max_length=200, blank=True, db_index=True)
    bio = models.TextField(blank=True)
    photo = models.ImageField(
        upload_to="authors/", blank=True, validators=[validate_image_upload]
    )
    photo_alt = models.CharField(max_length=300, blank=True)
    # The library record the photo columns are copied from (briefs.library).
    portrait = models.ForeignKey(
        "briefs.MediaImage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authors",
        help_text="Chosen from the media library.",
    )
    url = models.URLField(blank=True, validators=[validate_public_link])
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text="16 characters, e.g. 0000-0002-1825-0097.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AuthorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        tidy_text_fields(self)
        if not self.slug:
            self.slug = ascii_slug(self.name)
        if not self.sort_name:
            self.sort_name = surname_first(self.name)
        self.orcid = normalize_orcid(self.orcid)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("briefs:author_detail", self.slug)


def surname_first(name):
    """The sort name an author index files a name under: "king martin luther jr."."""
    return person_names.surname_first(name)


class SeriesQuerySet(models.QuerySet):
    def public(self):
        """Series with a published brief, with `brief_count` and `last_published`."""
        published = Q(briefs__in=Brief.objects.published())
        return self.annotate(
            brief_count=Count("briefs", filter=published, distinct=True),
            last_published=Max("briefs__published_at", filter=published),
        ).filter(brief_count__gt=0)

    def newest_first(self):
        """Latest journal issue first; a series without volume or issue after those.

        Explicit about NULLs: PostgreSQL sorts them first in a descending order and
        SQLite last, and the home page's "current series" must not depend on that.
        Needs the `last_published` of public().
        """
        return self.order_by(
            F("volume").desc(nulls_last=True),
            F("issue").desc(nulls_last=True),
            F("last_published").desc(nulls_last=True),
            "pk",
        )


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

    objects = SeriesQuerySet.as_manager()
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

    def save(self, *args, **kwargs):
        tidy_text_fields(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("briefs:series_detail", self.slug)

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


def public_condition(now=None) -> Q:
    """The one definition of "visible to the public", as a condition."""
    return Q(status=Brief.Status.PUBLISHED, published_at__lte=now or timezone.now())


class BriefQuerySet(models.QuerySet):
    def published(self):
        """The one definition of "visible to the public"."""
        return self.filter(public_condition())

    def scheduled(self, now=None):
        """Published with a publish time still to come: public by themselves then."""
        return self.filter(
            status=Brief.Status.PUBLISHED, published_at__gt=now or timezone.now()
        )

    def categories(self):
        """The categories of these briefs, by name, each with `brief_count`."""
        return (
            Brief.categories.most_common(
                extra_filters={
                    "taggit_taggeditem_items__object_id__in": self.values("pk")
                }
            )
            .annotate(brief_count=F("num_times"))
            .order_by("name")
        )

    def with_relations(self):
        """Joined with what every card and page shows of a brief's own: its series,
        disclosure and image (the library record gives the crop its focal point),
        so they cost no query more."""
        return self.select_related("series", "disclosure", "image")

    def for_listing(self):
        return self.with_relations().prefetch_related(*LISTING_PREFETCH)


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
    # The day the text was last revised for readers ("Last updated ..."), not the
    # row's updated_at, which moves with every save.
    updated_on = models.DateField(
        null=True, blank=True, help_text="Shown as “Updated” when set."
    )
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(blank=True, editable=False)
    feature_image = models.ImageField(
        upload_to="briefs/", blank=True, validators=[validate_image_upload]
    )
    feature_image_alt = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=300, blank=True)
    image_credit_url = models.URLField(blank=True, validators=[validate_public_link])
    # The library record the four image columns above are copied from
    # (briefs.library); they stay, so every reader of them keeps working.
    image = models.ForeignKey(
        "briefs.MediaImage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="briefs",
        verbose_name="feature image",
    )
    full_paper_url = models.URLField(blank=True, validators=[validate_public_link])
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text="Registered through Crossref; e.g. 10.12345/kei.2025.0001.",
    )
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
    # Title, summary, authors and categories only: small enough to stay in the
    # row, so ranking every match reads no body-sized vector (briefs.search).
    rank_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BriefQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "rank_vector", "body_html"],
        bases=[BriefHistorySnapshot],
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
            # Search lists title and summary matches first: found through it.
            GinIndex(fields=["rank_vector"], name="brief_rank_vector"),
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
            models.UniqueConstraint(
                fields=["doi"], condition=~Q(doi=""), name="brief_unique_doi"
            ),
        ]
        permissions = [
            ("publish_brief", "Can publish, schedule and unpublish briefs"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        tidy_text_fields(self)
        if not self.slug:
            self.slug = ascii_slug(self.title)
        # The body's HTML is rendered by briefs.derived, on pre_save.
        self.doi = normalize_doi(self.doi)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return address("briefs:brief_detail", self.slug)

    def revised_at(self):
        """When readers last saw a revision: the "Updated" day, else the row's
        last save; never before publication (a brief scheduled ahead of time)."""
        if self.updated_on:
            revised = timezone.make_aware(
                datetime.combine(self.updated_on, time.min),
                timezone.get_default_timezone(),
            )
        else:
            revised = self.updated_at
        if self.published_at and (revised is None or revised < self.published_at):
            return self.published_at
        return revised

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


# What a brief's page, card or feed entry shows besides its own row: the byline in
# order (with the portraits' focal points) and the categories.
LISTING_PREFETCH = (
    models.Prefetch(
        "brief_authors",
        queryset=BriefAuthor.objects.select_related(
            "author", "author__portrait"
        ).order_by("order"),
    ),
    "categories",
)


class SlugRedirect(models.Model):
    """An old slug of a published brief, so that links already shared keep working."""

    old_slug = models.SlugField(max_length=200, unique=True)
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="redirects")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} -> {self.brief.slug}"


class AuthorRedirect(models.Model):
    """An old address of an author: a slug they had, or the slug of a duplicate
    row merged into them ("Dr. Jane Roe" into "Jane Roe"), so that links already
    shared keep working."""

    old_slug = models.SlugField(max_length=200, unique=True)
    author = models.ForeignKey(
        Author, on_delete=models.CASCADE, related_name="redirects"
    )
    # The id of the row merged into `author`, if this came from a merge: a revert
    # to a byline from before the merge finds the author it became.
    merged_author_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} -> {self.author.slug}"


class ImportJob(models.Model):
    """Files uploaded on the admin's import page, from the dry run to the import.

    The id is the token the confirm form carries; only the user who uploaded the
    files may import or cancel them. The files themselves are on disk (see
    briefs.editorial.import_jobs), never in the database.
    """

    class State(models.TextChoices):
        CHECKING = "checking", "Dry run under way"
        STAGED = "staged", "Checked, waiting for confirmation"
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Stopped by an error"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired before it was confirmed"

    id = models.UUIDField(primary_key=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    state = models.CharField(max_length=10, choices=State.choices, default="staged")
    draft = models.BooleanField(default=True)
    overwrite = models.BooleanField(default=False)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    # FileReport.as_dict() of each file imported so far.
    reports = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"import {self.pk} by {self.user_id} ({self.state})"

    @property
    def working(self):
        """True while the worker has something to do for the job."""
        return self.state in (
            self.State.CHECKING,
            self.State.QUEUED,
            self.State.RUNNING,
        )

    @property
    def finished(self):
        return self.state in (
            self.State.DONE,
            self.State.FAILED,
            self.State.CANCELLED,
            self.State.EXPIRED,
        )


# Models of the feature folders, registered under this app's label.
# The editor desk's own models, under the same app label.
from .content_version import ContentVersion  # noqa: E402, F401 -- a model of this app
from .desk_models import EditorDraft, EditorPresence, ReviewNote  # noqa: E402, F401
from .editions.models import FilingEntry, PdfEdition  # noqa: E402, F401
from .media_models import MediaImage  # noqa: E402, F401
