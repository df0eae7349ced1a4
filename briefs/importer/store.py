"""Writes parsed briefs to the database: one transaction a file, nothing on failure.

New briefs of a file are written in bulk (a handful of queries for the whole file,
whatever its number of posts); a brief that changed is updated on its own.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, time
from pathlib import PurePath

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from taggit.models import Tag

from .. import derived
from ..links import drop_unsafe_markdown_links, safe_link
from ..models import (
    Author,
    Brief,
    BriefAuthor,
    Disclosure,
    Series,
    SlugRedirect,
    ascii_slug,
    surname_first,
)
from .limits import fit_brief, fit_sort_name, fit_source_name
from .records import ParsedBrief, ParsedSeries
from .report import build_reports

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept editor's version"
REFUSED = "refused"


@dataclass
class BriefOutcome:
    slug: str
    title: str
    action: str
    warnings: list[str] = field(default_factory=list)
    # The fields as read and the parser's decisions, for the dry-run report.
    report: object = None


@dataclass(frozen=True)
class StoreOptions:
    draft: bool = False
    overwrite: bool = False
    dry_run: bool = False
    # Recorded in each brief's history as the reason for the change and its author.
    change_reason: str = "Imported by import_briefs"
    user: object = None
    # Without the publish right an import never changes what readers see: a
    # post matching a published (or scheduled) brief is refused for that brief.
    may_change_published: bool = True
    # Without taggit's add right (editors have it) an import makes no new
    # category: a post's unknown ones are left off, with a warning.
    may_create_categories: bool = True


def content_fingerprint(parsed: ParsedBrief) -> str:
    """Hash of what the parser recognised: equal hashes mean nothing to write."""
    data = asdict(parsed)
    for volatile in ("source_text", "position", "warnings"):
        data.pop(volatile)
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def fingerprint_of(brief: Brief, author_ids: list[int], categories: list[str]) -> str:
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
        "authors": list(author_ids),
        "categories": sorted(name.casefold() for name in categories),
    }
    if brief.updated_on:
        # Only when set, so that briefs imported before the field keep their hash.
        data["updated_on"] = brief.updated_on.isoformat()
    encoded = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def editable_fingerprint(brief: Brief) -> str:
    author_ids = brief.brief_authors.order_by("order").values_list(
        "author_id", flat=True
    )
    categories = [tag.name for tag in brief.categories.all()]
    return fingerprint_of(brief, list(author_ids), categories)


def publication_datetime(parsed: ParsedBrief) -> datetime:
    # The export gives a day; midnight in the site's time zone keeps that day on
    # every page whatever the server's clock zone.
    return timezone.make_aware(
        datetime.combine(parsed.published, time.min), timezone.get_default_timezone()
    )


def candidate_slugs(parsed: ParsedBrief) -> tuple[str, str]:
    base = ascii_slug(parsed.title) or "brief"
    return base, f"{base[:185]}-{parsed.published:%Y-%m-%d}"


@dataclass
class Plan:
    parsed: ParsedBrief
    source_hash: str
    action: str
    slug: str
    existing: Brief | None = None
    warnings: list[str] = field(default_factory=list)


class FileStore:
    """Imports the posts of one file, with lookups shared across its posts."""

    def __init__(self, source_name: str, options: StoreOptions):
        self.source_name = source_name
        self.options = options
        self.authors: dict[str, Author] = {}
        self.series: dict[tuple, Series] = {}
        self.disclosures: dict[str, Disclosure] = {}
        self.tags: dict[str, Tag] = {}

    # Planning: what each post would do, without writing anything.

    def plan(self, parsed_briefs: list[ParsedBrief]) -> list[Plan]:
        hashes = [content_fingerprint(p) for p in parsed_briefs]
        slugs = {s for p in parsed_briefs for s in candidate_slugs(p)}
        known = Brief.objects.filter(Q(source_hash__in=hashes) | Q(slug__in=slugs))
        self.by_hash = {b.source_hash: b for b in known if b.source_hash}
        self.by_slug = {b.slug: b for b in known}
        self.redirects = {
            r.old_slug: r.brief
            for r in SlugRedirect.objects.filter(old_slug__in=slugs).select_related(
                "brief"
            )
        }
        # Posts planned so far in this file: source hash -> (position, slug).
        self.claimed: dict[str, tuple[int, str]] = {}
        return [self.plan_one(p, h) for p, h in zip(parsed_briefs, hashes, strict=True)]

    def plan_one(self, parsed: ParsedBrief, source_hash: str) -> Plan:
        if source_hash in self.claimed:
            position, slug = self.claimed[source_hash]
            duplicate = f"duplicate of post {position} in the file"
            return Plan(parsed, source_hash, UNCHANGED, slug, warnings=[duplicate])
        existing, slug = self.find_existing(parsed, source_hash)
        self.claimed[source_hash] = (parsed.position, slug)
        if existing is None:
            return Plan(parsed, source_hash, CREATED, slug)
        if existing.source_hash == source_hash:
            return Plan(parsed, source_hash, UNCHANGED, slug, existing)
        if self.is_other_export_of(existing) and not self.options.overwrite:
            # The text and the PDF of one post differ in small ways; importing
            # both must not make them overwrite each other on every run.
            note = (
                f"same post as {existing.source_file} (post "
                f"{existing.source_position}); kept that version, use --overwrite "
                "to replace it"
            )
            return Plan(parsed, source_hash, UNCHANGED, slug, existing, [note])
        edited = existing.import_fingerprint != editable_fingerprint(existing)
        if edited and not self.options.overwrite:
            return Plan(parsed, source_hash, KEPT, slug, existing)
        if (
            existing.status == Brief.Status.PUBLISHED
            and not self.options.may_change_published
        ):
            refusal = (
                "matches a published brief, which only an editor may change; "
                "nothing written for it"
            )
            return Plan(parsed, source_hash, REFUSED, slug, existing, [refusal])
        return Plan(parsed, source_hash, UPDATED, slug, existing)

    def is_other_export_of(self, brief: Brief) -> bool:
        # By file name: the same export given by another path is the same source.
        if not brief.source_file:
            return False
        return PurePath(brief.source_file).name != PurePath(self.source_name).name

    def find_existing(
        self, parsed: ParsedBrief, source_hash: str
    ) -> tuple[Brief | None, str]:
        """The brief this post updates, and the slug a new one would take."""
        if source_hash in self.by_hash:
            brief = self.by_hash[source_hash]
            return brief, brief.slug
        taken_in_file = {slug for _, slug in self.claimed.values()}
        base, dated = candidate_slugs(parsed)
        for slug in (base, dated):
            brief = self.by_slug.get(slug) or self.redirects.get(slug)
            if brief is None and slug not in taken_in_file:
                return None, slug
            same_day = (
                brief is not None
                and brief.published_at is not None
                and timezone.localtime(brief.published_at).date() == parsed.published
            )
            if same_day:
                return brief, brief.slug
        # Both slugs belong to other posts of the same title: keep all of them.
        return None, f"{dated[:190]}-{parsed.position}"

    # Writing.

    def write(self, plans: list[Plan]) -> None:
        new = [plan for plan in plans if plan.action == CREATED]
        if new:
            self.create_briefs(new)
        for plan in plans:
            if plan.action == UPDATED:
                self.update_brief(plan)
        derived.bylines_replaced([p.existing.pk for p in plans if p.action == UPDATED])

    def create_briefs(self, plans: list[Plan]) -> None:
        now = timezone.now()
        status = Brief.Status.DRAFT if self.options.draft else Brief.Status.PUBLISHED
        briefs, links, taggings = [], [], []
        self.load_authors([plan.parsed for plan in plans])
        for plan in plans:
            brief = Brief(slug=plan.slug, status=status)
            self.fill(brief, plan, now)
            authors = self.resolve_authors(plan.parsed)
            tags = self.resolve_tags(plan.parsed.categories, plan)
            brief.import_fingerprint = fingerprint_of(
                brief, [a.pk for a in authors], [t.name for t in tags]
            )
            plan.existing = brief
            briefs.append(brief)
            links.append(authors)
            taggings.append(tags)
        derived.bulk_create_briefs(
            briefs,
            links,
            taggings,
            user=self.options.user,
            reason=self.options.change_reason,
        )

    def update_brief(self, plan: Plan) -> None:
        brief = plan.existing
        self.fill(brief, plan, timezone.now())
        authors = self.resolve_authors(plan.parsed)
        tags = self.resolve_tags(plan.parsed.categories, plan)
        brief.import_fingerprint = fingerprint_of(
            brief, [a.pk for a in authors], [t.name for t in tags]
        )
        brief._change_reason = self.options.change_reason
        brief._history_user = self.options.user
        brief.save()
        BriefAuthor.objects.filter(brief=brief).delete()
        BriefAuthor.objects.bulk_create(
            BriefAuthor(brief=brief, author=author, order=order)
            for order, author in enumerate(authors)
        )
        brief.categories.set(tags, clear=True)

    @staticmethod
    def checked_link(url: str, what: str, plan: Plan) -> str:
        """The link if readers may follow it; a dropped one is a warning."""
        kept = safe_link(url)
        if url and not kept:
            plan.warnings.append(
                f"dropped the {what} link {url[:80]!r}: only http and https "
                "links are kept"
            )
        return kept

    def fill(self, brief: Brief, plan: Plan, now: datetime) -> None:
        parsed = plan.parsed
        brief.title = parsed.title
        brief.published_at = publication_datetime(parsed)
        brief.updated_on = parsed.updated
        brief.summary = parsed.summary
        brief.body, dropped = drop_unsafe_markdown_links(parsed.body)
        for target in dropped:
            plan.warnings.append(
                f"dropped the link {target[:80]!r} from the body: only http and "
                "https links are kept"
            )
        brief.image_credit = parsed.image_credit
        brief.image_credit_url = self.checked_link(
            parsed.image_credit_url, "image credit", plan
        )
        brief.full_paper_url = (
            self.checked_link(parsed.full_paper_url, "full paper", plan)
            or brief.full_paper_url
        )
        brief.series = self.resolve_series(parsed.series) if parsed.series else None
        brief.is_series_announcement = bool(
            parsed.series and parsed.series.is_announcement
        )
        if parsed.disclosure:
            brief.disclosure = self.resolve_disclosure(parsed.disclosure)
        elif brief.disclosure_id is not None:
            plan.warnings.append("no disclosure found in the post; kept the brief's")
        else:
            # The rule is absolute: a brief without its statement is never public.
            brief.status = Brief.Status.DRAFT
            plan.warnings.append("no disclosure found in the post: saved as a draft")
        brief.source_file = self.source_name
        brief.source_position = parsed.position
        brief.source_hash = plan.source_hash
        brief.imported_at = now

    # Related rows, looked up once a file.

    def load_authors(self, parsed_briefs: list[ParsedBrief]) -> None:
        """Find or create, in bulk, every author the file names."""
        named = {}
        for parsed in parsed_briefs:
            for parsed_author in parsed.authors:
                slug = ascii_slug(parsed_author.name)
                if slug not in self.authors:
                    named.setdefault(slug, parsed_author)
        if not named:
            return
        for author in Author.objects.filter(slug__in=named):
            self.authors[author.slug] = author
        new = [
            Author(
                name=parsed_author.name,
                honorific=parsed_author.honorific,
                slug=slug,
                sort_name=fit_sort_name(surname_first(parsed_author.name)),
                bio=parsed_author.bio,
            )
            for slug, parsed_author in named.items()
            if slug not in self.authors
        ]
        if new:
            bulk_create_with_history(
                new,
                Author,
                default_change_reason=self.options.change_reason,
                default_user=self.options.user,
            )
            self.authors.update((author.slug, author) for author in new)

    def resolve_authors(self, parsed: ParsedBrief) -> list[Author]:
        self.load_authors([parsed])
        authors = []
        for parsed_author in parsed.authors:
            author = self.authors[ascii_slug(parsed_author.name)]
            if not author.bio and parsed_author.bio:
                # An editor's bio is never overwritten; an empty one is filled in.
                author.bio = parsed_author.bio
                author._change_reason = self.options.change_reason
                author._history_user = self.options.user
                author.save()
            if author not in authors:
                authors.append(author)
        return authors

    def resolve_tags(self, names: list[str], plan: Plan | None = None) -> list[Tag]:
        tags = []
        for name in names:
            key = name.casefold()
            if key not in self.tags:
                tag = Tag.objects.filter(name__iexact=name).first()
                if tag is None and not self.options.may_create_categories:
                    if plan is not None:
                        plan.warnings.append(
                            f"category “{name}” left off: only editors create "
                            "categories"
                        )
                    continue
                self.tags[key] = tag or Tag.objects.create(name=name)
            if self.tags[key] not in tags:
                tags.append(self.tags[key])
        return tags

    def resolve_series(self, parsed: ParsedSeries) -> Series:
        key = (parsed.name, parsed.publication, parsed.volume, parsed.issue)
        cached = self.series.get(key)
        # The issue's announcement names the theme; briefs before it in the file
        # found the series without one.
        if cached is None or (parsed.theme and not cached.theme):
            self.series[key] = store_series(
                parsed, self.options.change_reason, self.options.user
            )
        return self.series[key]

    def resolve_disclosure(self, text: str) -> Disclosure:
        fingerprint = Disclosure.fingerprint_of(text)
        if fingerprint not in self.disclosures:
            disclosure = Disclosure.objects.filter(fingerprint=fingerprint).first()
            if disclosure is None:
                disclosure = Disclosure(text=text, label="FARA statement")
                disclosure._change_reason = self.options.change_reason
                disclosure._history_user = self.options.user
                disclosure.save()
            self.disclosures[fingerprint] = disclosure
        return self.disclosures[fingerprint]


def store_file(
    parsed_briefs: list[ParsedBrief], source_name: str, options: StoreOptions
) -> list[BriefOutcome]:
    """Import every post of one file, or none of them."""
    parsed_briefs = [fit_brief(parsed) for parsed in parsed_briefs]
    store = FileStore(fit_source_name(source_name), options)
    with transaction.atomic():
        plans = store.plan(parsed_briefs)
        # Read before writing: "new author" means new before this file.
        reports = build_reports(
            [plan.parsed for plan in plans],
            may_create_categories=options.may_create_categories,
        )
        if not options.dry_run:
            store.write(plans)
    for plan, report in zip(plans, reports, strict=True):
        report.other_warnings.extend(plan.warnings)
    return [
        BriefOutcome(
            plan.slug,
            plan.parsed.title,
            plan.action,
            plan.parsed.warnings + plan.warnings,
            report=report,
        )
        for plan, report in zip(plans, reports, strict=True)
    ]


def store_series(parsed: ParsedSeries, change_reason: str, user=None) -> Series:
    known_issue = parsed.volume is not None and parsed.issue is not None
    series = None
    if known_issue:
        series = Series.objects.filter(
            publication=parsed.publication, volume=parsed.volume, issue=parsed.issue
        ).first()
    slug_parts = [parsed.name]
    if known_issue:
        slug_parts.append(f"vol {parsed.volume} issue {parsed.issue}")
    slug = ascii_slug(" ".join(slug_parts))
    if series is None:
        series = Series.objects.filter(slug=slug).first()
    if series is None:
        series = Series(
            name=parsed.name,
            slug=slug,
            publication=parsed.publication,
            volume=parsed.volume,
            issue=parsed.issue,
            theme=parsed.theme,
        )
    elif not parsed.theme or series.theme:
        return series
    series.theme = series.theme or parsed.theme
    series._change_reason = change_reason
    series._history_user = user
    series.save()
    return series
