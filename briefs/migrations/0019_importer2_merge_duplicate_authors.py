"""One person is one Author: merge rows that differ only by how a byline wrote
the name.

Two rows are one person when their names are equal once honorifics before the
name ("Dr.", "Prof.", "Amb.", "Ambassador" ...), degrees after it ("Ph.D.",
"PhD", "M.D." ...), invisible characters (zero-width spaces and joiners, soft
hyphens, the BOM), non-breaking and repeated spaces, full stops and case are
set aside. Generational suffixes ("Jr.", "III") are part of the name: a father
and his son stay two people.

In each group the survivor is the row whose name is already bare (no honorific
or degree), else the oldest row (lowest id); its name becomes the bare name, the
honorific moves to its `honorific` field when that is empty.

- Bylines: every BriefAuthor of a merged row points to the survivor at its own
  position; where the brief already lists the survivor the duplicate link is
  deleted and the survivor keeps the earlier of the two positions, so the order
  of every byline is unchanged.
- Bio: the LONGER of the bios is kept (it is the fuller one; a short bio is
  usually the truncated line of an old post); between bios of equal length,
  the one of the row updated most recently.
- Photo, photo text, web address and ORCID iD: the survivor's own, else the
  first merged row's that has one.
- Addresses: the survivor takes the slug of its bare name when it is free (its
  old slug redirects to it); each merged row's slug becomes an AuthorRedirect to the survivor
  (with the merged row's id, so that reverting a brief to a byline from before
  the merge finds the survivor), and so do redirects that pointed to it.
- History: nothing is deleted from the history tables. Each merged row gets a
  final "-" record and the survivor a "~" record, both with the change reason
  "Merged duplicate author ...", and brief history keeps the names as they were.

Sort names left as the old rule made them (last word first) are recomputed by
briefs.person_names, which puts "Martin Luther King Jr." under King.

Reversing restores nothing (the duplicates were one person); it is a no-op so
that later migrations can still be unapplied.
"""

import re
import unicodedata

from anyascii import anyascii
from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

# Frozen copies of the rules (a migration must not change with the code).
_HONORIFIC = re.compile(
    r"^(?:(?:the\s+)?(?:(?:dr|prof|mr|mrs|ms|mx)\.?|"
    r"(?:amb|gen|adm|lt|col|maj|capt|sen|rep|gov|hon|rev)\.|professor|ambassador|"
    r"honorable|general|admiral|senator|governor|sir)\s+(?:\(ret\.?\)\s+)?)+",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    r"(?:\s*,?\s*(?<![\w])(?:ph\.?\s?d\.?|d\.?phil\.?|m\.?d\.?|j\.?d\.?|m\.?b\.?a\.?|"
    r"m\.?p\.?p\.?|m\.?a\.?|m\.?sc\.?|esq\.?|cfa|\(ret\.?\)|\(retired\)))+\s*$",
    re.IGNORECASE,
)
_SUFFIX_COMMA = re.compile(r"\s*,\s*(jr\.?|sr\.?|ii|iii|iv)\s*$", re.IGNORECASE)
_INVISIBLE_SPACES = {"\u00a0", "\u2007", "\u202f", "\u3000"}


def _visible(text):
    text = unicodedata.normalize("NFC", text)
    out = []
    for char in text:
        if char in _INVISIBLE_SPACES or char.isspace():
            out.append(" ")
        elif unicodedata.category(char) != "Cf":
            out.append(char)
    return " ".join("".join(out).split())


def bare_name(name):
    """ "Dr. Jane Roe, Ph.D." -> ("Jane Roe", "Dr., Ph.D.")."""
    text = _visible(name)
    taken = []
    title = _HONORIFIC.match(text)
    if title and len(text[title.end() :].split()) >= 2:
        taken.append(title.group().strip())
        text = text[title.end() :]
    degree = _DEGREE.search(text)
    if degree and degree.start() > 0:
        taken.append(degree.group().strip(" ,"))
        text = text[: degree.start()]
    text = _SUFFIX_COMMA.sub(lambda m: " " + m.group(1), text)
    text = " ".join(text.rstrip(" ,").split())
    return (text or _visible(name)), ", ".join(taken)


def identity(name):
    return " ".join(bare_name(name)[0].replace(".", " ").casefold().split())


def _old_sort_name(name):
    bare = re.sub(r"\s*\(.*?\)\s*", " ", name).split()
    if len(bare) < 2:
        return name.casefold()
    return f"{bare[-1]} {' '.join(bare[:-1])}".casefold()


def _history(apps, author, kind, reason, now):
    Historical = apps.get_model("briefs", "HistoricalAuthor")
    fields = {
        f.attname: getattr(author, f.attname)
        for f in author._meta.concrete_fields
        if f.attname != "id"
    }
    Historical.objects.create(
        id=author.pk,
        history_date=now,
        history_type=kind,
        history_change_reason=reason[:100],
        **{k: v for k, v in fields.items() if k in _historical_fields(Historical)},
    )


def _historical_fields(Historical):
    return {f.attname for f in Historical._meta.concrete_fields}


def _slug_taken(apps, slug):
    return apps.get_model("briefs", "Author").objects.filter(slug=slug).exists()


def merge_duplicates(apps, schema_editor):
    Author = apps.get_model("briefs", "Author")
    BriefAuthor = apps.get_model("briefs", "BriefAuthor")
    AuthorRedirect = apps.get_model("briefs", "AuthorRedirect")
    now = timezone.now()

    groups = {}
    for author in Author.objects.order_by("pk"):
        groups.setdefault(identity(author.name), []).append(author)

    for rows in groups.values():
        if len(rows) < 2:
            continue
        survivor = next((a for a in rows if bare_name(a.name)[0] == a.name), rows[0])
        merged = [a for a in rows if a.pk != survivor.pk]
        name, honorific = bare_name(survivor.name)
        survivor.name = name
        if not survivor.honorific:
            survivor.honorific = honorific or next(
                (bare_name(a.name)[1] for a in merged if bare_name(a.name)[1]), ""
            )
        best_bio = max(rows, key=lambda a: (len(a.bio.strip()), a.updated_at))
        survivor.bio = best_bio.bio
        # The photo and its text are copies of a library record (0017): the
        # three go together.
        if not survivor.photo and survivor.portrait_id is None:
            pictured = next((a for a in merged if a.photo or a.portrait_id), None)
            if pictured is not None:
                survivor.portrait_id = pictured.portrait_id
                survivor.photo = pictured.photo
                survivor.photo_alt = pictured.photo_alt
        for field in ("url", "orcid"):
            if not getattr(survivor, field):
                for other in merged:
                    if getattr(other, field):
                        setattr(survivor, field, getattr(other, field))
                        break
        for other in merged:
            for link in BriefAuthor.objects.filter(author_id=other.pk):
                kept = BriefAuthor.objects.filter(
                    brief_id=link.brief_id, author_id=survivor.pk
                ).first()
                if kept is None:
                    link.author_id = survivor.pk
                    link.save(update_fields=["author"])
                    continue
                if link.order < kept.order:
                    kept.order = link.order
                    kept.save(update_fields=["order"])
                link.delete()
            AuthorRedirect.objects.filter(author_id=other.pk).update(
                author_id=survivor.pk
            )
            AuthorRedirect.objects.filter(old_slug=other.slug).delete()
            AuthorRedirect.objects.create(
                old_slug=other.slug, author_id=survivor.pk, merged_author_id=other.pk
            )
            reason = f"Merged duplicate author {other.name!r} into id {survivor.pk}"
            _history(apps, other, "-", reason, now)
            other.delete()
        slug = slugify(anyascii(name))[:200]
        if slug and slug != survivor.slug and not _slug_taken(apps, slug):
            # A redirect already at `slug` (a merged row's) stays, for its id.
            AuthorRedirect.objects.update_or_create(
                old_slug=survivor.slug, defaults={"author_id": survivor.pk}
            )
            survivor.slug = slug
        survivor.save()
        names = ", ".join(repr(a.name) for a in merged)
        _history(apps, survivor, "~", f"Merged duplicate author {names}", now)

    for author in Author.objects.all():
        if author.sort_name == _old_sort_name(author.name):
            from briefs.person_names import surname_first

            better = surname_first(author.name)[:200]
            if better != author.sort_name:
                Author.objects.filter(pk=author.pk).update(sort_name=better)


class Migration(migrations.Migration):
    dependencies = [("briefs", "0018_importer2_author_redirect")]

    operations = [
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
    ]
