"""Two versions of a brief side by side: the body word by word, the rest by field.

A version is a history record or the brief as it is now; both are read into the
same plain dict, so the compare view, the revert confirmation and the conflict
notice show the same thing.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils import formats, timezone

from briefs import history

# What a revert restores. The publication state and date are not content: a
# revert keeps them unless the editor asks for the version's date too.
CONTENT_FIELDS = [
    ("title", "Title"),
    ("summary", "Summary"),
    ("body", "Body"),
    ("authors", "Authors"),
    ("categories", "Categories"),
    ("feature_image", "Feature image"),
    ("feature_image_alt", "Image alt text"),
    ("image_credit", "Image credit"),
    ("image_credit_url", "Image credit link"),
]
PUBLICATION_FIELDS = [("status", "State"), ("published_at", "Publish date")]
OTHER_FIELDS = [
    ("slug", "Slug"),
    ("series", "Series"),
    ("full_paper_url", "Full paper link"),
    ("disclosure", "Disclosure"),
]
_WORDS = re.compile(r"(\s+)")


@dataclass
class FieldChange:
    name: str
    label: str
    old: str
    new: str
    # For long text: [(kind, text)], kind one of "same", "removed", "added".
    words: list = field(default_factory=list)
    is_content: bool = True


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of `new` and `old` as runs of same, removed and added text."""
    a, b = _WORDS.split(old or ""), _WORDS.split(new or "")
    runs = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("same", "".join(a[a1:a2])))
            continue
        if a1 != a2:
            runs.append(("removed", "".join(a[a1:a2])))
        if b1 != b2:
            runs.append(("added", "".join(b[b1:b2])))
    return _joined(runs)


def _joined(runs):
    """One removed and one added run for a changed phrase, not word by word.

    The spaces between changed words match, so difflib alternates them; a
    matching space between two changes belongs to both sides of one change.
    """
    out, removed, added = [], [], []

    def flush():
        for kind, parts in (("removed", removed), ("added", added)):
            text = "".join(parts)
            if text.strip():
                out.append((kind, text))
            parts.clear()

    for i, (kind, text) in enumerate(runs):
        if kind == "same":
            between = (removed or added) and i + 1 < len(runs)
            if between and text.isspace() and runs[i + 1][0] != "same":
                removed.append(text)
                added.append(text)
                continue
            flush()
            out.append((kind, text))
        else:
            (removed if kind == "removed" else added).append(text)
    flush()
    return out


def _when(value):
    if value is None:
        return ""
    local = timezone.localtime(value)
    return formats.date_format(local, "N j, Y, P") + " " + local.tzname()


def _names(obj, attname):
    related = getattr(obj, attname)
    return "" if related is None else str(related)


def state_of(obj, snapshot=None) -> dict[str, str]:
    """A brief or history record as text, field by field.

    `snapshot` is the byline and categories, as history.current_snapshots gives
    them, for a brief; a record carries its own.
    """
    if snapshot is None:
        snapshot = history.snapshot_of(obj)
    authors, categories = history.names_of(snapshot) if snapshot else ([], [])
    status = getattr(obj, "status", "")
    return {
        "title": obj.title,
        "summary": obj.summary,
        "body": obj.body,
        "authors": ", ".join(authors),
        "categories": ", ".join(categories),
        "feature_image": obj.feature_image.name if obj.feature_image else "",
        "feature_image_alt": obj.feature_image_alt,
        "image_credit": obj.image_credit,
        "image_credit_url": obj.image_credit_url,
        "status": dict(type(obj)._meta.get_field("status").choices).get(status, status),
        "published_at": _when(obj.published_at),
        "slug": obj.slug,
        "series": _names(obj, "series"),
        "full_paper_url": obj.full_paper_url,
        "disclosure": _names(obj, "disclosure"),
    }


def changes(old: dict, new: dict) -> list[FieldChange]:
    """Every field that differs, content first, with word runs for long text."""
    rows = []
    for fields, is_content in (
        (CONTENT_FIELDS, True),
        (PUBLICATION_FIELDS, False),
        (OTHER_FIELDS, False),
    ):
        for name, label in fields:
            if old[name] == new[name]:
                continue
            row = FieldChange(name, label, old[name], new[name], is_content=is_content)
            if name in ("body", "summary", "title"):
                row.words = word_diff(old[name], new[name])
            rows.append(row)
    return rows
