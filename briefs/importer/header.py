"""The head of a post: title, dates and the labelled lines around them.

A head is a set of recognised lines in any order (Published, an updated date,
byline, categories, reading time, share bar ...), not a fixed sequence.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateutil_parser

from .errors import BriefImportError
from .export_format import AUTHOR_LINE, CATEGORY_LINE, DATE_FORMS, PUBLISHED_LINE
from .records import ParsedAuthor
from .text import clean, next_non_blank, reduce_links, unique

_TITLE_LIMIT = 400


def post_label(position: int, title: str) -> str:
    if not title:
        return f"post {position}"
    short = title if len(title) <= 80 else title[:79].rstrip() + "…"
    return f'post {position} ("{short}")'


def read_title_and_date(
    lines: list[str], position: int, warnings: list[str]
) -> tuple[str, date, int]:
    title_lines: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        match = PUBLISHED_LINE.match(line)
        if match is None:
            title_lines.append(line)
            continue
        title = _title_from_lines(title_lines)
        label = post_label(position, title)
        if not title:
            raise BriefImportError(f"{label}: no title before '{line}'")
        if len(title) > _TITLE_LIMIT:
            # The header's own Published line is missing and a body paragraph that
            # starts with "Published" was reached instead.
            raise BriefImportError(
                f"{post_label(position, title_lines[0])}: no 'Published' line after "
                f"the title (first one found {len(title_lines)} lines further down)"
            )
        rest = match.group("rest")
        consumed = index + 1
        if not rest:
            # "Published" alone, the date on the next line.
            following = next_non_blank(lines, consumed)
            if following is not None:
                rest = lines[following]
                consumed = following + 1
                line = f"{line} {rest}"
        published = parse_date(rest)
        if published is None:
            raise BriefImportError(f"{label}: unreadable date '{line}'")
        if len(title_lines) > 1:
            warnings.append(f"title joined from {len(title_lines)} lines: {title!r}")
        return title, published, consumed
    first = title_lines[0] if title_lines else ""
    raise BriefImportError(f"{post_label(position, first)}: no 'Published' line")


def _title_from_lines(title_lines: list[str]) -> str:
    title = " ".join(title_lines)
    title = reduce_links(title, keep_real_targets=False)
    title = re.sub(r"^#+\s*", "", title)
    return clean(title)


def parse_date(text: str) -> date | None:
    text = clean(text)
    text = re.sub(r"^on\s+", "", text, flags=re.IGNORECASE).rstrip(".").strip()
    for form in DATE_FORMS:
        match = form.fullmatch(text)
        if match is None:
            continue
        year = int(match.group("year"))
        if not 1900 <= year <= 2100:
            return None
        try:
            if match["month"].isdigit():
                return date(year, int(match["month"]), int(match["day"]))
            # dateutil knows the month names and abbreviations ("Sept", "Dec.").
            day_month_year = f"{match['day']} {match['month']} {year}"
            return dateutil_parser.parse(day_month_year, dayfirst=True).date()
        except (ValueError, OverflowError):
            return None
    return None


def read_bylines(
    lines: list[str], start: int, warnings: list[str]
) -> tuple[list[ParsedAuthor], list[str], int]:
    author_names: list[str] = []
    categories: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        author_match = AUTHOR_LINE.match(line)
        category_match = CATEGORY_LINE.match(line)
        if author_match is None and category_match is None:
            break
        value, index = _value_with_continuations(
            (author_match or category_match).group("rest"), lines, index + 1
        )
        if author_match is not None:
            author_names.extend(_split_names(value, split_on_and=True))
        else:
            categories.extend(_split_names(value, split_on_and=False))
    authors = [ParsedAuthor(name) for name in unique(author_names, "author", warnings)]
    if not authors:
        warnings.append("no 'Author:' line found; the post has no authors")
    return authors, unique(categories, "category", warnings), index


def _value_with_continuations(
    value: str, lines: list[str], index: int
) -> tuple[str, int]:
    """Join the byline's next line when the export broke the list after a comma."""
    while re.search(r"(?:,|\band|&)\s*$|^\s*$", value, re.IGNORECASE):
        following = next_non_blank(lines, index)
        if following is None:
            break
        candidate = lines[following]
        if (
            PUBLISHED_LINE.match(candidate)
            or AUTHOR_LINE.match(candidate)
            or CATEGORY_LINE.match(candidate)
            or not candidate.startswith("[")
        ):
            break
        value = f"{value} {candidate}"
        index = following + 1
    return value, index


def _split_names(value: str, *, split_on_and: bool) -> list[str]:
    """Names in a byline: each [bracketed] part is one name, the rest is split."""
    names: list[str] = []
    separators = r",|;|&|\band\b" if split_on_and else r",|;"
    position = 0
    for match in re.finditer(r"\[(?P<name>[^\[\]]*)\](?:\([^()]*\))?", value):
        names.extend(_split_plain(value[position : match.start()], separators))
        names.append(clean(match.group("name")))
        position = match.end()
    names.extend(_split_plain(value[position:], separators))
    return [name for name in names if name]


def _split_plain(text: str, separators: str) -> list[str]:
    """Split on separators outside parentheses, so "Lee (이, 재명)" stays whole."""
    parts: list[str] = []
    position = 0
    for match in re.finditer(rf"\([^()]*\)|{separators}", text, re.IGNORECASE):
        if match.group().startswith("("):
            continue
        parts.append(text[position : match.start()])
        position = match.end()
    parts.append(text[position:])
    return [clean(part) for part in parts if clean(part)]
