"""Writes parsed briefs to the database: one transaction a file, nothing on failure."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone

from ..models import (
    Author,
    Brief,
    BriefAuthor,
    Disclosure,
    Series,
    SlugRedirect,
    ascii_slug,
)
from ..search import update_search_vectors
from .records import ParsedBrief, ParsedSeries

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept editor's version"


@dataclass
class BriefOutcome:
    slug: str
    title: str
    action: str
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StoreOptions:
    draft: bool = False
    overwrite: bool = False
    dry_run: bool = False
    # Recorded in each brief's history as the reason for the change.
    change_reason: str = "Imported by import_briefs"


def content_fingerprint(parsed: ParsedBrief) -> str:
    """Hash of what the parser recognised: equal hashes mean nothing to write."""
    data = asdict(parsed)
    for volatile in ("source_text", "position", "warnings"):
        data.pop(volatile)
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def editable_fingerprint(brief: Brief) -> str:
    """Hash of what editors can change: tells an edited brief from an imported one."""
    data = {
        "title": brief.title,
        "slug": brief.slug,
        "status": brief.status,
        "published_at": brief.published_at.timestamp() if brief.published_at else None,
        "summary": brief.summary,
        "body": brief.body,
        "series": brief.series_id,
        "image_credit": brief.image_credit,
        "image_credit_url": brief.image_credit_url,
        "full_paper_url": brief.full_paper_url,
        "disclosure": brief.disclosure_id,
        "authors": list(
            brief.brief_authors.order_by("order").values_list("author_id", flat=True)
        ),
        "categories": sorted(t.name.casefold() for t in brief.categories.all()),
    }
    encoded = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def publication_datetime(parsed: ParsedBrief) -> datetime:
    # The export gives a day; midnight in the site's time zone keeps that day on
    # every page whatever the server's clock zone.
    return timezone.make_aware(
        datetime.combine(parsed.published, time.min), timezone.get_default_timezone()
    )


def find_existing(parsed: ParsedBrief, source_hash: str) -> tuple[Brief | None, str]:
    """The brief this post updates, and the slug a new one would take."""
    by_hash = Brief.objects.filter(source_hash=source_hash).first()
    if by_hash is not None:
        return by_hash, by_hash.slug
    base = ascii_slug(parsed.title) or "brief"
    dated = f"{base[:185]}-{parsed.published:%Y-%m-%d}"
    for slug in (base, dated):
        brief = Brief.objects.filter(slug=slug).first()
        if brief is None:
            redirect = SlugRedirect.objects.filter(old_slug=slug).first()
            brief = redirect.brief if redirect else None
        if brief is None:
            return None, slug
        same_day = brief.published_at and (
            timezone.localtime(brief.published_at).date() == parsed.published
        )
        if same_day:
            return brief, brief.slug
    # Both slugs belong to other posts of the same title: keep all of them.
    return None, f"{dated[:190]}-{parsed.position}"


def plan_brief(parsed: ParsedBrief, options: StoreOptions) -> tuple[str, Brief | None]:
    source_hash = content_fingerprint(parsed)
    existing, slug = find_existing(parsed, source_hash)
    if existing is None:
        return CREATED, None
    if existing.source_hash == source_hash:
        return UNCHANGED, existing
    edited = existing.import_fingerprint != editable_fingerprint(existing)
    if edited and not options.overwrite:
        return KEPT, existing
    return UPDATED, existing


def store_file(
    parsed_briefs: list[ParsedBrief], source_name: str, options: StoreOptions
) -> list[BriefOutcome]:
    """Import every post of one file, or none of them."""
    outcomes = []
    with transaction.atomic():
        for parsed in parsed_briefs:
            outcomes.append(store_brief(parsed, source_name, options))
        if options.dry_run:
            transaction.set_rollback(True)
    return outcomes


def store_brief(
    parsed: ParsedBrief, source_name: str, options: StoreOptions
) -> BriefOutcome:
    action, existing = plan_brief(parsed, options)
    source_hash = content_fingerprint(parsed)
    if existing is None:
        _, slug = find_existing(parsed, source_hash)
    else:
        slug = existing.slug
    outcome = BriefOutcome(slug, parsed.title, action, list(parsed.warnings))
    if action in (UNCHANGED, KEPT) or options.dry_run:
        return outcome

    brief = existing or Brief(slug=slug)
    brief.title = parsed.title
    brief.published_at = publication_datetime(parsed)
    if existing is None:
        brief.status = Brief.Status.DRAFT if options.draft else Brief.Status.PUBLISHED
    brief.summary = parsed.summary
    brief.body = parsed.body
    brief.image_credit = parsed.image_credit
    brief.image_credit_url = parsed.image_credit_url
    brief.full_paper_url = parsed.full_paper_url or brief.full_paper_url
    brief.series = store_series(parsed.series) if parsed.series else None
    brief.is_series_announcement = bool(parsed.series and parsed.series.is_announcement)
    brief.disclosure = (
        store_disclosure(parsed.disclosure) if parsed.disclosure else None
    )
    if brief.disclosure is None:
        outcome.warnings.append("no disclosure found in the post")
    brief.source_file = source_name
    brief.source_position = parsed.position
    brief.source_hash = source_hash
    brief.imported_at = timezone.now()
    brief._change_reason = options.change_reason
    brief.save()

    store_authors(brief, parsed)
    brief.categories.set(parsed.categories, clear=True)
    # Computed after the many-to-many writes, so that it sees the whole brief.
    Brief.objects.filter(pk=brief.pk).update(
        import_fingerprint=editable_fingerprint(brief)
    )
    update_search_vectors([brief])
    return outcome


def store_authors(brief: Brief, parsed: ParsedBrief) -> None:
    authors = []
    for parsed_author in parsed.authors:
        slug = ascii_slug(parsed_author.name)
        author, created = Author.objects.get_or_create(
            slug=slug, defaults={"name": parsed_author.name, "bio": parsed_author.bio}
        )
        # An editor's bio is never overwritten; an empty one is filled in.
        if not created and not author.bio and parsed_author.bio:
            author.bio = parsed_author.bio
            author.save(update_fields=["bio", "updated_at"])
        if author not in authors:
            authors.append(author)
    BriefAuthor.objects.filter(brief=brief).delete()
    BriefAuthor.objects.bulk_create(
        BriefAuthor(brief=brief, author=author, order=position)
        for position, author in enumerate(authors)
    )


def store_series(parsed: ParsedSeries) -> Series:
    series = None
    if parsed.volume is not None and parsed.issue is not None:
        series = Series.objects.filter(
            publication=parsed.publication, volume=parsed.volume, issue=parsed.issue
        ).first()
    slug_parts = [parsed.name]
    if parsed.volume is not None and parsed.issue is not None:
        slug_parts.append(f"vol {parsed.volume} issue {parsed.issue}")
    slug = ascii_slug(" ".join(slug_parts))
    if series is None:
        series = Series.objects.filter(slug=slug).first()
    if series is None:
        series = Series.objects.create(
            name=parsed.name,
            slug=slug,
            publication=parsed.publication,
            volume=parsed.volume,
            issue=parsed.issue,
            theme=parsed.theme,
        )
    elif parsed.theme and not series.theme:
        series.theme = parsed.theme
        series.save(update_fields=["theme", "updated_at"])
    return series


def store_disclosure(text: str) -> Disclosure:
    disclosure, _ = Disclosure.objects.get_or_create(
        fingerprint=Disclosure.fingerprint_of(text),
        defaults={"text": text, "label": "FARA statement"},
    )
    return disclosure
