"""A save from a form opened before someone else's save: a three-way merge.

The form carries the version it was opened at (`based_on_version`). When the
brief has moved on, the save is not applied. Each field is compared three
ways: the version the editor started from (its history record), the brief now
(theirs) and the form (mine).

- changed by them only: their value is put in the form, nothing to decide;
- changed by me only, or the same way by both: mine stays;
- changed by both, differently: a conflict. The editor keeps theirs, takes the
  other's, or merges by hand (text) in a box prefilled with both changes
  combined where they do not overlap. Nobody retypes anything.

The form comes back once with the merged values and the conflicts, and the
next save, made against the version shown, is applied as any save is (history,
derived data). If the brief changed again meanwhile, the merge starts over.

The state is not merged: the buttons under the form are those of the brief's
state now, and say what they do. Feature image uploads are not merged either:
a form with no new upload keeps the image the brief has now.
"""

import difflib
from dataclasses import dataclass, field

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from briefs import history
from briefs.models import Author, Brief, BriefAuthor
from briefs.text import tidy_text

from .compare import _WORDS, word_diff

# Posted by the conflict panel.
VERSION_KEY = "_desk_conflict_version"
FIELDS_KEY = "_desk_conflicts"
CHOICE_PREFIX = "_desk_choice_"
MERGE_PREFIX = "_desk_merge_"
MINE, THEIRS, MERGE = "mine", "theirs", "merge"

AUTHORS = "authors"
INLINE_PREFIX = "brief_authors"
TEXT_FIELDS = (
    "title",
    "slug",
    "summary",
    "body",
    "full_paper_url",
    "doi",
    "feature_image_alt",
    "image_credit",
    "image_credit_url",
)
# Order of the rows: as the form shows them.
MERGED_FIELDS = (
    "title",
    "slug",
    "published_at",
    "updated_on",
    "summary",
    "body",
    "categories",
    AUTHORS,
    "series",
    "is_series_announcement",
    "full_paper_url",
    "doi",
    "feature_image_alt",
    "image_credit",
    "image_credit_url",
    "disclosure",
)
LABELS = {
    AUTHORS: "Authors",
    "published_at": "Publish date and time",
    "updated_on": "Updated on",
}
_LONG = {"summary", "body"}


@dataclass
class Row:
    name: str
    label: str
    base: str
    theirs: str
    mine: str
    is_text: bool
    their_words: list = field(default_factory=list)
    my_words: list = field(default_factory=list)
    merged: str = ""
    merged_cleanly: bool = False
    choice: str = ""
    merge_text: str = ""

    @property
    def is_long(self):
        return self.name in _LONG


@dataclass
class Conflict:
    version: int
    who: str
    when: str
    rows: list[Row]
    taken: list[str]
    state_changed: str = ""
    base_missing: bool = False

    @property
    def field_names(self):
        return ",".join(row.name for row in self.rows)


# -- values, compared as plain data ---------------------------------------------


def _text(value):
    return tidy_text(value or "")


def _when(value):
    if value is None:
        return None
    return value.replace(microsecond=0)


def _record_values(record) -> dict:
    authors = [e["id"] for e in (record.history_authors or [])]
    return {
        **{name: _text(getattr(record, name)) for name in TEXT_FIELDS},
        "published_at": _when(record.published_at),
        "updated_on": record.updated_on,
        "categories": sorted(record.history_categories or [], key=str.casefold),
        AUTHORS: authors if record.history_authors is not None else None,
        "series": record.series_id,
        "is_series_announcement": record.is_series_announcement,
        "disclosure": record.disclosure_id,
    }


def _brief_values(brief) -> dict:
    authors, categories = history.current_snapshots([brief.pk])[brief.pk]
    return {
        **{name: _text(getattr(brief, name)) for name in TEXT_FIELDS},
        "published_at": _when(brief.published_at),
        "updated_on": brief.updated_on,
        "categories": categories,
        AUTHORS: [e["id"] for e in authors],
        "series": brief.series_id,
        "is_series_announcement": brief.is_series_announcement,
        "disclosure": brief.disclosure_id,
    }


def _pk(value):
    return getattr(value, "pk", value)


def _form_value(name, cleaned):
    value = cleaned.get(name)
    if name in TEXT_FIELDS:
        return _text(value)
    if name == "published_at":
        return _when(value)
    if name == "categories":
        names = [getattr(tag, "name", tag) for tag in value or []]
        return sorted(names, key=str.casefold)
    if name in ("series", "disclosure"):
        return _pk(value)
    if name == "is_series_announcement":
        return bool(value)
    return value


def posted_authors(data) -> list[int] | None:
    """The byline the inline rows of a posted form make, in order."""
    try:
        total = int(data.get(f"{INLINE_PREFIX}-TOTAL_FORMS", ""))
    except ValueError:
        return None
    rows = []
    for i in range(min(total, 1000)):
        key = f"{INLINE_PREFIX}-{i}-"
        author = data.get(key + "author", "")
        if not author.isdigit() or data.get(key + "DELETE"):
            continue
        try:
            order = int(data.get(key + "order") or 0)
        except ValueError:
            order = 0
        rows.append((order, i, int(author)))
    return [author for _, _, author in sorted(rows)]


# -- shown to the editor ----------------------------------------------------------


def _shown(name, value, names) -> str:
    if value is None or value == "" or value == []:
        return "(empty)"
    if name == "published_at":
        local = timezone.localtime(value)
        return formats.date_format(local, "N j, Y, P") + " " + local.tzname()
    if name == "updated_on":
        return formats.date_format(value, "N j, Y")
    if name == "categories":
        return ", ".join(value)
    if name == AUTHORS:
        return ", ".join(names.get(pk, f"#{pk}") for pk in value)
    if name in ("series", "disclosure"):
        return names.get((name, value), str(value))
    if name == "is_series_announcement":
        return "yes" if value else "no"
    return str(value)


def _related_names(values_list) -> dict:
    from briefs.models import Disclosure, Series

    authors, series, disclosures = set(), set(), set()
    for values in values_list:
        authors.update(values.get(AUTHORS) or [])
        series.add(values.get("series"))
        disclosures.add(values.get("disclosure"))
    names = {a.pk: a.name for a in Author.objects.filter(pk__in=authors)}
    for s in Series.objects.filter(pk__in=series - {None}):
        names[("series", s.pk)] = str(s)
    for d in Disclosure.objects.filter(pk__in=disclosures - {None}):
        names[("disclosure", d.pk)] = str(d)
    return names


def merge_text(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Both sides' word changes applied to base; (mine, False) where they overlap."""
    a, m, t = _WORDS.split(base), _WORDS.split(mine), _WORDS.split(theirs)

    def edits(other):
        ops = difflib.SequenceMatcher(None, a, other, autojunk=False).get_opcodes()
        return [(i1, i2, other[j1:j2]) for op, i1, i2, j1, j2 in ops if op != "equal"]

    mine_edits, their_edits = edits(m), edits(t)
    for i1, i2, _ in mine_edits:
        for k1, k2, _ in their_edits:
            # Overlapping ranges, or two insertions at one place, cannot be
            # combined without a person choosing.
            if i1 < k2 and k1 < i2 or (i1 == k1 and (i1 == i2 or k1 == k2)):
                return mine, False
    merged, position = [], 0
    for i1, i2, replacement in sorted(mine_edits + their_edits):
        merged += a[position:i1] + replacement
        position = i2
    merged += a[position:]
    return "".join(merged), True


# -- the check, called by the form's clean() ------------------------------------


def base_record(brief, version):
    if version is None:
        return None
    return (
        brief.history.filter(version=version)
        .order_by("-history_id")
        .select_related("history_user")
        .first()
    )


def check(form, cleaned, current_version) -> None:
    """Refuse a stale save with the merge to resolve; apply a resolved one."""
    data = writable(form.data)
    resolving = str(data.get(VERSION_KEY, "")) == str(current_version)
    if resolving:
        chosen = [n for n in data.get(FIELDS_KEY, "").split(",") if n]
        if apply_choices(form, cleaned, [n for n in chosen if n in MERGED_FIELDS]):
            return
    conflict = build(form, cleaned, current_version)
    form.conflict = conflict
    merge_errors = getattr(form, "merge_errors", None)
    if merge_errors:
        raise forms.ValidationError(
            "The merged text cannot be saved: "
            + "; ".join(
                f"{label_of(form, name)}: {message}"
                for name, message in merge_errors.items()
            ),
            code="conflict_merge_invalid",
        )
    missing = getattr(form, "missing_choices", None)
    if missing:
        raise forms.ValidationError(
            "Choose whose version to keep for each field you both changed: "
            + ", ".join(label_of(form, name) for name in missing)
            + ".",
            code="conflict_choice_missing",
        )
    raise forms.ValidationError(
        f"{conflict.who} saved this brief{conflict.when}, after you opened it. "
        "Your changes are not saved yet: their changes to fields you had not "
        "touched are now in the form, and for each field you both changed, "
        "choose below whose version to keep, then save again.",
        code="stale_version",
    )


def build(form, cleaned, current_version) -> Conflict:
    brief = form.instance
    try:
        started = int(form.data.get("based_on_version") or "")
    except ValueError:
        started = None
    record = base_record(brief, started)
    last = brief.history.select_related("history_user").first()
    who, when = "Another editor", ""
    if last is not None:
        if last.history_user is not None:
            user = last.history_user
            who = user.get_full_name() or user.get_username()
        when = " at " + formats.date_format(
            timezone.localtime(last.history_date), "P T"
        )
    theirs = _brief_values(brief)
    mine = {
        name: _form_value(name, cleaned) for name in MERGED_FIELDS if name != AUTHORS
    }
    byline = getattr(form, "byline_merge", None)
    mine[AUTHORS] = byline.mine if byline is not None else None
    base = _record_values(record) if record is not None else None
    known = [theirs, mine] + ([base] if base else [])
    if byline is not None:
        known.append({AUTHORS: (byline.base or []) + byline.theirs})
    names = _related_names(known)
    rows, taken = [], []
    for name in MERGED_FIELDS:
        if name != AUTHORS and name not in form.fields:
            continue
        if name == AUTHORS:
            # Merged before the admin built the inline (prepare_byline).
            if byline is None or byline.outcome == "same":
                continue
            if byline.outcome == "taken":
                taken.append(LABELS[AUTHORS])
                continue
            rows.append(
                Row(
                    name=name,
                    label=LABELS[AUTHORS],
                    base=""
                    if byline.base is None
                    else _shown(name, byline.base, names),
                    theirs=_shown(name, byline.theirs, names),
                    mine=_shown(name, byline.mine, names),
                    is_text=False,
                    choice=form.data.get(CHOICE_PREFIX + name, ""),
                )
            )
            continue
        b = base[name] if base is not None else None
        unknown_base = base is None
        if mine[name] == theirs[name]:
            continue
        if not unknown_base and theirs[name] == b:
            continue  # only mine changed it
        if not unknown_base and mine[name] == b:
            take_theirs(form, name, theirs)
            taken.append(label_of(form, name))
            continue
        is_text = name in TEXT_FIELDS
        row = Row(
            name=name,
            label=label_of(form, name),
            base=_shown(name, b, names) if not unknown_base else "",
            theirs=_shown(name, theirs[name], names),
            mine=_shown(name, mine[name], names),
            is_text=is_text,
            choice=form.data.get(CHOICE_PREFIX + name, ""),
        )
        if is_text:
            start = b if not unknown_base else theirs[name]
            row.their_words = word_diff(start, theirs[name])
            row.my_words = word_diff(start, mine[name])
            if not unknown_base:
                row.merged, row.merged_cleanly = merge_text(b, mine[name], theirs[name])
            else:
                row.merged = mine[name]
            row.merge_text = form.data.get(MERGE_PREFIX + name) or row.merged
        rows.append(row)
    conflict = Conflict(
        version=current_version,
        who=who,
        when=when,
        rows=rows,
        taken=taken,
        base_missing=record is None,
    )
    if record is not None and record.status != brief.status:
        labels = dict(Brief.Status.choices)
        conflict.state_changed = (
            f"{labels.get(record.status, record.status)} to "
            f"{labels.get(brief.status, brief.status)}"
        )
    # The panel's own inputs are read back on the next save.
    form.data[VERSION_KEY] = str(current_version)
    return conflict


def label_of(form, name):
    if name in LABELS:
        return LABELS[name]
    label = form.fields[name].label
    return str(label) if label else name.replace("_", " ").capitalize()


def apply_choices(form, cleaned, names) -> bool:
    """Apply the editor's choice for each conflicting field; False if one is missing."""
    theirs = _brief_values(form.instance)
    missing = []
    for name in names:
        choice = form.data.get(CHOICE_PREFIX + name, "")
        if name == AUTHORS:
            # Laid on the inline before it was built (prepare_byline).
            if choice not in (MINE, THEIRS):
                missing.append(name)
        elif choice == THEIRS:
            take_theirs(form, name, theirs)
            cleaned[name] = theirs_cleaned(form, name)
        elif choice == MERGE and name in TEXT_FIELDS:
            text = form.data.get(MERGE_PREFIX + name, "")
            try:
                cleaned[name] = form.fields[name].clean(text)
            except forms.ValidationError as error:
                # Shown on the panel again, with the merged text kept.
                missing.append(name)
                form.merge_errors = {
                    **getattr(form, "merge_errors", {}),
                    name: " ".join(error.messages),
                }
                continue
            form.data[name] = text
        elif choice != MINE:
            missing.append(name)
    if missing:
        form.missing_choices = missing
        return False
    return True


def theirs_cleaned(form, name):
    brief = form.instance
    if name == "categories":
        return [tag.name for tag in brief.categories.all()]
    return getattr(brief, name)


def take_theirs(form, name, theirs) -> None:
    """Put their value in the posted data, so the form shows it and saves it.

    The data is the request's own (made writable): the admin builds the inline
    formset from it after this form, so their byline reaches the formset too.
    """
    data = form.data
    value = theirs_cleaned(form, name)
    if name == "categories":
        # One posted value per category, as the autocomplete box posts them.
        if hasattr(data, "setlist"):
            data.setlist(name, list(value))
        else:
            data[name] = list(value)
        return
    formfield = form.fields[name]
    if isinstance(formfield.widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
        return
    raw = formfield.widget.format_value(formfield.prepare_value(value))
    data[name] = "" if raw is None else str(raw)


@dataclass
class BylineMerge:
    outcome: str  # "same", "taken" (theirs laid), "conflict", "resolved"
    base: list | None
    theirs: list
    mine: list


def prepare_byline(data, object_id) -> BylineMerge | None:
    """Merge the byline of a stale save, before the admin builds the inline.

    The admin builds the inline formset from a copy of the posted data before
    the form is cleaned, so the byline cannot wait for the form's merge. The
    rows the form was opened with may be gone, so whatever byline wins is laid
    on the brief's rows of now, and the formset saves exactly that.
    """
    try:
        started = int(data.get("based_on_version") or "")
        brief = Brief.objects.filter(pk=unquote(object_id)).first()
    except (ValueError, ValidationError):
        return None
    mine = posted_authors(data)
    if brief is None or started == brief.version or mine is None:
        return None
    row = brief.version
    theirs = [e["id"] for e in history.current_snapshots([brief.pk])[brief.pk][0]]
    record = base_record(brief, started)
    base = None
    if record is not None and record.history_authors is not None:
        base = [e["id"] for e in record.history_authors]
    writable(data)
    resolving = str(data.get(VERSION_KEY, "")) == str(row) and AUTHORS in (
        data.get(FIELDS_KEY, "").split(",")
    )
    if mine == theirs:
        outcome, laid = "same", mine
    elif resolving and data.get(CHOICE_PREFIX + AUTHORS) in (MINE, THEIRS):
        outcome = "resolved"
        laid = theirs if data[CHOICE_PREFIX + AUTHORS] == THEIRS else mine
    elif base is not None and theirs == base:
        outcome, laid = "same", mine
    elif base is not None and mine == base:
        outcome, laid = "taken", theirs
    else:
        outcome, laid = "conflict", mine
    _post_byline(data, brief, laid)
    return BylineMerge(outcome, base, theirs, mine)


def _post_byline(data, brief, authors) -> None:
    """Post `authors` as the inline rows: today's rows first, new rows for the
    rest, the rows left over deleted."""
    for key in [k for k in data if k.startswith(INLINE_PREFIX + "-")]:
        if key.split("-")[1].isdigit():
            del data[key]
    rows = list(BriefAuthor.objects.filter(brief=brief).order_by("order", "pk"))
    count = max(len(rows), len(authors))
    for i in range(count):
        key = f"{INLINE_PREFIX}-{i}-"
        data[key + "brief"] = str(brief.pk)
        if i < len(rows):
            data[key + "id"] = str(rows[i].pk)
        if i < len(authors):
            data[key + "author"] = str(authors[i])
            data[key + "order"] = str(i)
        else:
            data[key + "author"] = str(rows[i].author_id)
            data[key + "order"] = str(i)
            data[key + "DELETE"] = "on"
    data[f"{INLINE_PREFIX}-TOTAL_FORMS"] = str(count)
    data[f"{INLINE_PREFIX}-INITIAL_FORMS"] = str(len(rows))


def writable(data):
    """The posted data, made writable in place (see take_theirs)."""
    if hasattr(data, "_mutable"):
        data._mutable = True
    return data
