"""The head's lines put in the export's shape before the head is read.

A date alone near the top, several fields on one line, fields in capitals over
their values, a PDF edition's byline above its date: each becomes the export's
own line ("Published ...", "Author: ...", "Topics: ..."), so that reading the
head (briefs.importer.header) knows one shape.
"""

from __future__ import annotations

import re

from .chrome import is_furniture
from .export_format import (
    CATEGORY_LINE,
    FIELD_LABELS,
    PUBLISHED_LINE,
    SERIES_LINE,
    is_header_line,
)
from .header import (
    is_byline,
    opens_head,
    parse_date,
    plain_by_line,
    posted_without_date,
)
from .text import clean, next_non_blank, unwrapped

# How many of a post's first lines may hold its date when none says "Published".
_BARE_DATE_SPAN = 6


def label_bare_date(lines: list[str], warnings: list[str]) -> list[str]:
    """A date alone on a line near the top ("April 16th, 2012") is the post's
    Published line when no line says so; above the title, it moves below it (the
    title then runs to the head's first labelled line)."""
    early = [index for index, line in enumerate(lines) if line][:_BARE_DATE_SPAN]
    for index in early:
        match = PUBLISHED_LINE.match(lines[index])
        if match is not None and not posted_without_date(lines[index], match):
            return lines
    dated = next((i for i in early if parse_date(lines[i]) is not None), None)
    if dated is None:
        lines = _date_badge(lines, early, warnings)
        early = [index for index, line in enumerate(lines) if line][:_BARE_DATE_SPAN]
        dated = next((i for i in early if parse_date(lines[i]) is not None), None)
    if dated is None:
        return lines
    labelled = f"Published {lines[dated]}"
    if dated != early[0]:
        return [*lines[:dated], labelled, *lines[dated + 1 :]]
    title_end = next(
        (i for i in range(dated + 1, len(lines)) if lines[i] and opens_head(lines[i])),
        None,
    )
    if title_end is None or not any(lines[dated + 1 : title_end]):
        return lines
    warnings.append(
        f"read the date above the title as the Published date: {lines[dated]!r}"
    )
    return [
        *lines[:dated],
        *lines[dated + 1 : title_end],
        labelled,
        *lines[title_end:],
    ]


_BADGE_MONTH = re.compile(
    r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}\.?"
)
_BADGE_DAY = re.compile(r"\d{1,2}")
_BADGE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?:\s+(?P<rest>\S.*))?")


def _date_badge(lines: list[str], early: list[int], warnings: list[str]) -> list[str]:
    """A calendar badge beside the title ("MAR" / "31" / "2014", each on its own
    line, the title's lines read in between): the month, day and year become
    one date line where the badge starts, and the title keeps its words."""
    month = next((i for i in early if _BADGE_MONTH.fullmatch(lines[i])), None)
    if month is None:
        return lines
    after = [i for i in early if i > month]
    day = next((i for i in after if _BADGE_DAY.fullmatch(lines[i])), None)
    if day is None:
        return lines
    year = next((i for i in after if i > day and _BADGE_YEAR.fullmatch(lines[i])), None)
    if year is None:
        return lines
    found = _BADGE_YEAR.fullmatch(lines[year])
    written = f"{lines[month]} {lines[day]}, {found['year']}"
    if parse_date(written) is None:
        return lines
    warnings.append(f"read the date badge beside the title: {written!r}")
    badge = list(lines)
    badge[month] = written
    badge[day] = ""
    badge[year] = found["rest"] or ""
    return badge


# " · ", " | ", " • ", " — ": what a theme prints between the head's fields on
# one line ("Published May 3, 2024 · Updated May 6, 2024 · 5 min read").
_FIELD_SEPARATOR = re.compile(r"\s+[·•|—–]\s+")


# How far into a post a box of labelled fields may sit, and how many values a
# label may have.
_FIELDS_SPAN = 40
_FIELD_VALUES = 8
_FIELD_VALUE_LIMIT = 80


def fields_under_labels(lines: list[str], warnings: list[str]) -> list[str]:
    """ "WRITTEN BY" over "Prof. Jane Roe", "DATE" over the date, "TOPICS" over
    one tag a line: the export's "Author:", "Published" and "Topics:" lines."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        line = clean(lines[index]).rstrip(":")
        label = FIELD_LABELS.get(line) if index < _FIELDS_SPAN else None
        if label is None:
            result.append(lines[index])
            index += 1
            continue
        values: list[str] = []
        following = index + 1
        while len(values) < _FIELD_VALUES:
            at = next_non_blank(lines, following)
            if at is None or not _is_field_value(lines[at]):
                break
            values.append(re.sub(r"^[-*•]\s+", "", clean(lines[at])))
            following = at + 1
        if not values:
            result.append(lines[index])
            index += 1
            continue
        joined = values[0] if label == "Published" else ", ".join(values)
        result.extend([f"{label} {joined}", ""])
        warnings.append(f"read the labelled field {line!r}: {joined!r}")
        index = following
    return result


def _is_field_value(line: str) -> bool:
    text = clean(line)
    # Short, not a label, and not a sentence (a date may end in a full stop).
    return (
        bool(text)
        and len(text) <= _FIELD_VALUE_LIMIT
        and text.rstrip(":") not in FIELD_LABELS
        and (not re.search(r"[.!?]$", text.rstrip(")")) or bool(parse_date(text)))
    )


def rejoin_broken_links(lines: list[str]) -> list[str]:
    """Join a line that leaves a link's text open to the line under it.

    A hard-wrapped export breaks "[Thomas E." / "Caldwell Jr.](#)" like any
    words; a link's text never spans paragraphs, so the two are one line.
    """
    result: list[str] = []
    for line in lines:
        if result and line and result[-1].count("[") > result[-1].count("]"):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
    return result


# Where the next labelled field of a row of fields begins.
_NEXT_LABEL = re.compile(
    r"\s+(?=(?:Authors?|Categor(?:y|ies)|Topics?|Tags?|Updated|Filed\s+under)\s*:)"
)


def split_compound_lines(lines: list[str]) -> list[str]:
    """One line carrying several head fields -> one line per field.

    Only when every part is a head line of its own (or a bare date beside one),
    so that a title or a sentence with a "|" in it stays whole. A bare date is
    the Published date when the post has no Published line.
    """
    has_published = any(PUBLISHED_LINE.match(line) for line in lines)
    result: list[str] = []
    for line in lines:
        both_dates = _published_and_updated(line)
        if both_dates is not None:
            result.extend(both_dates)
            has_published = True
            continue
        dated_byline = _date_and_byline(line)
        if dated_byline is not None:
            result.extend(dated_byline)
            has_published = True
            continue
        parts = _FIELD_SEPARATOR.split(line)
        if len(parts) == 1 and is_header_line(_NEXT_LABEL.split(line)[0]):
            # "Published August 18, 2021 Author: Hannah Lindqvist Category: ...":
            # fields set side by side, a wide space between them.
            parts = _NEXT_LABEL.split(line)
        fields = _head_fields(parts, dated=has_published) if len(parts) > 1 else None
        if fields is None:
            result.append(line)
            continue
        # "Posted on December 30, 2013 by Lena Whitford | 4 Comments": a field
        # may carry the date and the byline in turn.
        fields = [
            part for field in fields for part in _date_and_byline(field) or [field]
        ]
        has_published = has_published or any(
            PUBLISHED_LINE.match(field) for field in fields
        )
        # Each its own paragraph: in the tail, lines that follow one another
        # would read as one ("Filed under: Trade · Tags: autos").
        for number, field in enumerate(fields):
            result.extend([field] if number == 0 else ["", field])
    return result


# "Published December 1, 2025 (updated December 3, 2025)", "(Updated: ...)",
# "; updated ...", ", last updated ...": the updated date set after the date
# rather than between separators.
_UPDATED_AFTER = re.compile(
    r"^(?P<published>(?:Published|Posted)(?:\s+on)?[\s:]+.+?)"
    r"(?:\s*\(\s*|\s*[;,]\s*|\s+)(?:and\s+)?(?:last\s+)?(?:updated|modified|revised)"
    r"(?:\s+on)?\b[\s:]*(?P<updated>[^()]+?)\s*\)?\.?$",
    re.IGNORECASE,
)


def _published_and_updated(line: str) -> list[str] | None:
    match = _UPDATED_AFTER.match(line)
    if match is None:
        return None
    published = PUBLISHED_LINE.match(match["published"])
    if not (parse_date(published["rest"]) and parse_date(match["updated"])):
        return None
    return [match["published"], f"Updated {match['updated']}"]


# "Posted on March 3, 2015 by Jane Roe", or the date alone before "by":
# "November 24, 2025, by [A](#) and [B](#)—" (a dash leading into the text).
_POSTED_ON_BY = re.compile(
    r"^(?:(?:Published|Posted)(?:\s+on)?[\s:]+)?(?P<date>.+?),?\s+by\s+"
    r"(?P<names>.+?)\s*[—–]?$",
    re.IGNORECASE,
)
_BY_ON = re.compile(r"^(?:(?:Published|Posted|Written)\s+)?by\s+(?P<rest>.+)$", re.I)


def _date_and_byline(line: str) -> list[str] | None:
    """ "Posted on March 3, 2015 by Jane Roe", "Posted by Jane Roe on March 3,
    2015", "By Jane Roe, March 3, 2015" -> the Published line and the byline."""
    match = _POSTED_ON_BY.match(line)
    if match and parse_date(match["date"]) and is_byline(f"By {match['names']}"):
        return [f"Published {match['date']}", f"Posted by {match['names']}"]
    match = _BY_ON.match(line)
    if match is None:
        return None
    rest = match["rest"]
    for gap in re.finditer(r",?\s+(?:on\s+)?", rest):
        names, day = rest[: gap.start()], rest[gap.end() :]
        if parse_date(day) and (
            plain_by_line(f"By {names}") or is_byline(f"By {names}")
        ):
            return [f"Published {day}", f"By {names}"]
    return None


_POSTED_BY = re.compile(r"^Posted\s+by\s+", re.IGNORECASE)
# How far under a "Posted by" line the post's own byline may stand.
_BYLINE_SPAN = 8


def without_posting_account(lines: list[str], warnings: list[str]) -> list[str]:
    """ "Posted on June 17, 2015 by KEI Editor" over "By Patrick Dunmore": the
    blog's account that posted the post is not its author when the post's own
    byline follows; alone, it is the only author there is."""
    for index, line in enumerate(lines):
        if not _POSTED_BY.match(line):
            continue
        below = [text for text in lines[index + 1 : index + _BYLINE_SPAN] if text]
        if any(is_byline(unwrapped(text)) for text in below):
            warnings.append(
                f"took the post's own byline over the account that posted it: {line!r}"
            )
            return lines[:index] + lines[index + 1 :]
        return lines
    return lines


def _head_fields(parts: list[str], *, dated: bool) -> list[str] | None:
    fields: list[str] = []
    for part in parts:
        if is_header_line(part) or plain_by_line(part) or is_furniture(part):
            fields.append(part)
        elif not dated and parse_date(part) is not None:
            fields.append(f"Published {part}")
            dated = True
        else:
            return None
    labelled = [field for field in fields if not is_furniture(field)]
    # A share bar alone ("Facebook | X | Email") is furniture, not fields.
    return fields if labelled else None


def in_export_order(lines: list[str]) -> list[str]:
    """A PDF edition's header (series, title, byline, date) in the export's order.

    The site's own PDF edition, and older blog posts, print the byline right
    under the title, before the date, and the edition a "Series:" line above the
    title; other templates the categories there. The export has none of them
    before the date.
    """
    date_at = next(
        (
            index
            for index, line in enumerate(lines)
            if (match := PUBLISHED_LINE.match(line))
            and not posted_without_date(line, match)
        ),
        None,
    )
    if date_at is None:
        return lines
    head = [line for line in lines[:date_at] if line]
    if len(head) > 1 and SERIES_LINE.match(head[0]):
        head = head[1:]
    title = head[:1] + [line for line in head[1:] if not _head_field(line)]
    bylines = [line for line in head[1:] if _head_field(line)]
    date_end = date_at + 1
    if not PUBLISHED_LINE.match(lines[date_at]).group("rest"):
        # "Published" alone, the date on the next line.
        following = next_non_blank(lines, date_end)
        date_end = following + 1 if following is not None else date_end
    return title + lines[date_at:date_end] + bylines + lines[date_end:]


def _head_field(line: str) -> bool:
    return is_byline(line) or bool(CATEGORY_LINE.match(line))
