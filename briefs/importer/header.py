"""The head of a post: title, dates and the labelled lines around them.

A head is a set of recognised lines in any order (Published, an updated date,
byline, categories, reading time, share bar ...), not a fixed sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dateutil import parser as dateutil_parser

from briefs.person_names import is_organisation

from .bylines import from_capitals, is_role, without_affiliations, without_roles
from .chrome import is_furniture
from .errors import BriefImportError
from .export_format import (
    AUTHOR_LINE,
    BY_LINE,
    BYLINE_KINDS,
    CATEGORY_LINE,
    DATE_FORMS,
    EDITORS_NOTE,
    HEAD_CHROME_LINES,
    PUBLISHED_LINE,
    TAGS_LABEL,
    UPDATED_LINE,
    is_header_line,
)
from .names import PersonName, is_post_nominal, normalise_name
from .records import ParsedAuthor
from .text import (
    clean,
    ends_sentence,
    next_non_blank,
    reduce_links,
    unique,
    unwrapped,
)
from .trailer import is_bio_of

_TITLE_LIMIT = 400


def post_label(position: int, title: str) -> str:
    if not title:
        return f"post {position}"
    short = title if len(title) <= 80 else title[:79].rstrip() + "…"
    return f'post {position} ("{short}")'


@dataclass
class TitleAndDate:
    title: str
    published: date
    next_index: int
    # A standfirst set under the title: the body's opening, not the title.
    standfirst: list[str] = field(default_factory=list)


def read_title_and_date(
    lines: list[str], position: int, warnings: list[str]
) -> TitleAndDate:
    title_lines: list[str] = []
    for index, line in enumerate(lines):
        if not line:
            continue
        match = PUBLISHED_LINE.match(line)
        if match is None or posted_without_date(line, match):
            title_lines.append(line)
            continue
        title_lines, standfirst = _set_apart(title_lines, warnings)
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
        return TitleAndDate(title, published, consumed, standfirst)
    first = title_lines[0] if title_lines else ""
    raise BriefImportError(f"{post_label(position, first)}: no 'Published' line")


def opens_head(line: str) -> bool:
    return is_byline(line) or CATEGORY_LINE.match(line) is not None


def posted_without_date(line: str, match: re.Match) -> bool:
    """ "Posted Workers and the Minimum Wage", "Dated Alliances" are titles, not
    date lines: only "Published" is a date line whatever follows it."""
    published = line[:9].casefold() == "published"
    return not published and parse_date(match["rest"]) is None


# A label over the title saying what kind of piece it is: "EXPERT COMMENT",
# "ANALYSIS", "COMMENTARY | THE PENINSULA": capitals, a few words.
_KICKER_WORDS = 5
# A whole line in italics under the title: the standfirst (a dek).
_ITALIC_LINE = re.compile(r"^([*_])(?P<text>[^*_]{10,400})\1$")


def _set_apart(
    title_lines: list[str], warnings: list[str]
) -> tuple[list[str], list[str]]:
    """The title's lines without a kicker above them and a standfirst under."""
    lines = list(title_lines)
    if len(lines) > 1 and _is_masthead(lines[0]):
        warnings.append(f"dropped the masthead above the title: {lines[0]!r}")
        lines = lines[1:]
    if len(lines) > 1 and _is_kicker(lines[0]):
        warnings.append(f"dropped the kicker above the title: {lines[0]!r}")
        lines = lines[1:]
    standfirst = []
    while len(lines) > 1 and _ITALIC_LINE.match(lines[-1]):
        standfirst.insert(0, lines.pop())
    if 1 < len(lines) <= _TITLE_LINES and _is_plain_standfirst(lines[-2], lines[-1]):
        standfirst.insert(0, lines.pop())
    if standfirst:
        warnings.append(
            f"kept the standfirst under the title as the body's opening: "
            f"{standfirst[0][:60]!r}"
        )
    return lines, standfirst


_STANDFIRST_WORDS = 8
# A title with its standfirst spans a few lines; more is the body, reached
# because the Published line is missing.
_TITLE_LINES = 4


def _is_plain_standfirst(above: str, line: str) -> bool:
    """ "Seoul joined on day one. Its pillar is where it will be judged." under
    "Can IPEF Make Korea's Supply Chains Less Exposed?": sentences, after a title
    that has ended. A title broken over lines never ends a line on a full stop."""
    return (
        ends_sentence(above)
        and line.rstrip().endswith(".")
        and len(line.split()) >= _STANDFIRST_WORDS
    )


# The publisher's name under the blog's: the page's masthead, not the title.
_MASTHEAD = re.compile(
    r"(?:The\s+)?Korea\s+Economic\s+Institute(?:\s+of\s+America)?(?:\s*\(KEI\))?"
    r"|KEI(?:\.org)?|keia\.org",
    re.IGNORECASE,
)


def _is_masthead(line: str) -> bool:
    return _MASTHEAD.fullmatch(clean(line)) is not None


def _is_kicker(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    words = line.split()
    return (
        bool(letters)
        and all(char.isupper() for char in letters)
        and len(words) <= _KICKER_WORDS
        and not line.rstrip().endswith((".", "?", "!"))
    )


def _title_from_lines(title_lines: list[str]) -> str:
    # Each line of a title may carry a heading's hashes (the PDF reader marks a
    # large line as a heading).
    title = " ".join(re.sub(r"^#+\s*", "", line) for line in title_lines)
    title = reduce_links(title, keep_real_targets=False)
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


@dataclass
class Head:
    """What the labelled lines after the Published line said."""

    authors: list[ParsedAuthor] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    updated: date | None = None
    # Lines for readers found among the head's (an editor's note): the body's
    # first paragraphs, in their order.
    body_lines: list[str] = field(default_factory=list)
    # An author's bio set under the byline, not after the body.
    bio_lines: list[str] = field(default_factory=list)
    body_start: int = 0


# How far past an unrecognised line the head may still go on: an editor's note
# or a stray line between the date and the byline must not end the head.
_HEAD_LOOKAHEAD = 3


def read_head(lines: list[str], start: int, warnings: list[str]) -> Head:
    """Read the head's lines as a set, in any order, up to the first body line."""
    head = Head()
    author_names: list[str] = []
    categories: list[str] = []
    tags: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if not line:
            index += 1
            continue
        # "*By Colin Ferris*": a byline set in italics or bold is a byline.
        field_line = unwrapped(line)
        author_match = (
            AUTHOR_LINE.match(field_line)
            or BY_LINE.match(field_line)
            or plain_by_line(field_line)
        )
        category_match = CATEGORY_LINE.match(field_line)
        if author_match is not None or category_match is not None:
            value, index = _value_with_continuations(
                (author_match or category_match).group("rest"), lines, index + 1
            )
            if author_match is not None:
                names = _split_names(from_capitals(value, warnings), split_on_and=True)
                names = without_affiliations(names, warnings)
                author_names.extend(without_roles(names, warnings))
                if index < len(lines) and _is_role_line(lines[index]):
                    # "Senior Research Fellow, Environment and Society
                    # Programme" under the name: the author's title, which the
                    # bio gives in full.
                    warnings.append(
                        f"dropped the role under the byline: {lines[index]!r}"
                    )
                    index += 1
            elif TAGS_LABEL.match(field_line):
                tags.extend(read_categories(value, warnings))
            else:
                categories.extend(read_categories(value, warnings))
            continue
        if UPDATED_LINE.match(line) or EDITORS_NOTE.match(line):
            # Sentences, which a hard-wrapped export breaks over lines.
            line, last = _with_wrapped_lines(lines, index)
        else:
            last = index
        if _read_other_head_line(line, head, warnings):
            index = last + 1
            continue
        if author_names and is_bio_of(line, author_names):
            head.bio_lines.append(line)
            warnings.append(f"read the bio under the byline: {line[:60]!r}")
            index += 1
            continue
        editors_note = EDITORS_NOTE.match(line)
        if editors_note or _byline_follows(lines, index):
            # Kept for readers, as the body's opening; the head goes on.
            head.body_lines.append(line)
            if editors_note:
                _updated_in_note(line, head, warnings)
            else:
                warnings.append(f"kept a line of the head as body text: {line!r}")
            index = last + 1
            continue
        break
    head.body_start = index
    names = [normalise_name(name) for name in author_names]
    for person in names:
        if person.honorific:
            warnings.append(
                f"took {person.honorific!r} off the author name {person.name!r}"
            )
    head.authors = [
        ParsedAuthor(name, honorific=_honorific_of(name, names))
        for name in unique([person.name for person in names], "author", warnings)
    ]
    if not head.authors:
        warnings.append("no 'Author:' line found; the post has no authors")
    if categories and tags:
        warnings.append(f"left out the tags beside the categories: {tags!r}")
    head.categories = unique(categories or tags, "category", warnings)
    return head


def _with_wrapped_lines(lines: list[str], index: int) -> tuple[str, int]:
    """The sentence begun on ``lines[index]`` with the lines it was wrapped onto,
    and the index of its last line: lines straight under it, up to the end of a
    sentence, that are no head line of their own."""
    text, last = lines[index], index
    while (
        not ends_sentence(text)
        and last + 1 < len(lines)
        and lines[last + 1]
        and not is_header_line(lines[last + 1])
    ):
        last += 1
        text = f"{text} {lines[last]}"
    return text, last


# "Editor's note: This post was updated on January 23, 2026, to reflect ...".
_UPDATED_IN_NOTE = re.compile(
    r"\b(?:was|has\s+been)\s+(?:updated|revised|corrected|amended)\s+(?:on\s+)?"
)


def _updated_in_note(line: str, head: Head, warnings: list[str]) -> None:
    found = _UPDATED_IN_NOTE.search(line)
    day, _ = _leading_date(line[found.end() :]) if found else (None, "")
    if day is None:
        return
    head.updated = max(head.updated, day) if head.updated else day
    warnings.append(f"read the updated date from the editor's note: {day.isoformat()}")


def _honorific_of(name: str, names: list[PersonName]) -> str:
    return next((p.honorific for p in names if p.name == name and p.honorific), "")


def _read_other_head_line(line: str, head: Head, warnings: list[str]) -> bool:
    """An updated date or page furniture: recorded or dropped, with a warning."""
    updated = UPDATED_LINE.match(line)
    if updated:
        day, reason = _leading_date(updated.group("rest"))
        if day is not None:
            head.updated = max(head.updated, day) if head.updated else day
            if reason:
                # The model has no field for why a post changed; the editor's
                # words are kept where a reviewer sees them.
                warnings.append(f"note on the updated date: {reason!r}")
            return True
    if any(pattern.match(line) for pattern in HEAD_CHROME_LINES):
        warnings.append(f"dropped page furniture from the head: {line!r}")
        return True
    return False


def _leading_date(text: str) -> tuple[date | None, str]:
    """The date a line opens with and the words after it ("March 4, 2022 to
    reflect the final count"): the whole text when it is a date alone."""
    day = parse_date(text)
    if day is not None:
        return day, ""
    text = clean(text)
    text = re.sub(r"^on\s+", "", text, flags=re.IGNORECASE)
    for form in DATE_FORMS:
        match = form.match(text)
        if match is None:
            continue
        rest = text[match.end() :]
        if rest[:1].isalnum():
            continue
        day = parse_date(match.group(0))
        if day is not None:
            return day, rest.strip(" ,;:.-–—()")
    return None, ""


# Lower-case words a name may have between its capitalised ones.
_PARTICLE_WORDS = (
    "de da di del della der den du la le van von bin al el ter ten dos das y"
)
_PARTICLES = frozenset(_PARTICLE_WORDS.split())


def _looks_like_a_name(part: str) -> bool:
    """ "Hannah de la Cruz", "J. James Kim", "Marcus O'Neil", "Kim Jong-un"."""
    words = part.split()
    if not 2 <= len(words) <= 6:
        return False
    if not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or w in _PARTICLES for w in words) and all(
        re.fullmatch(r"[\w'’.-]+", w) for w in words
    )


_BY_THE_TEAM = re.compile(
    r"^(?:Written\s+by|By|BY)\s+the\s+(?P<rest>[A-Z][^!?:;,]{2,80})$"
)


_BY_THE_EDITORS = re.compile(
    r"^(?:Written\s+by|By|BY)\s+(?P<rest>(?:The|the|THE)\s+(?:Editors|Editorial\s+"
    r"(?:Board|Team|Staff)|Staff))$"
)


_NAME_JOINERS = {"of", "for", "and", "on", "the", "&"}


def _is_team_name(text: str) -> bool:
    """ "KEI Staff", "Korea Economic Institute of America": capitalised words
    naming a team or institute, not the rest of a sentence."""
    words = text.split()
    return (
        len(words) <= 8
        and all(word[0].isupper() or word in _NAME_JOINERS for word in words)
        and is_organisation(text)
    )


def plain_by_line(line: str) -> re.Match[str] | None:
    """ "By Jane Kim and Lee Min" in a head: every part a capitalised name, so
    that "By Seoul's standards, growth was slow" stays a sentence."""
    editors = _BY_THE_EDITORS.match(line)
    if editors:
        # "By the Editors": the article is part of the name, as in "The
        # Editors" signing an editorial.
        return editors
    team = _BY_THE_TEAM.match(line)
    if team and _is_team_name(team["rest"]):
        # "By the KEI Staff": the article is the sentence's, not the name's.
        return team
    # Case-blind for the words before the names, never for the names.
    match = re.match(
        rf"^(?:(?i:{BYLINE_KINDS}\s+by)|[Bb]y|BY)\s+(?P<rest>[A-Z][^!?:;]{{2,150}})$",
        line,
    )
    if match is None:
        return None
    rest = match["rest"]
    if rest.isupper():
        rest = rest.title().replace(" And ", " and ")
    parts = _with_post_nominals(re.split(r"\s*(?:,|&|\band\b|\s\|\s)\s*", rest))
    # A name's affiliation in parentheses is read off it later, with a warning.
    names = [re.sub(r",.*|\s*\([^()]*\)$", "", part) for part in parts if part]
    if (
        names
        and _looks_like_a_name(names[0])
        and all(_looks_like_a_name(name) or is_role(name) for name in names[1:])
    ):
        return match
    return None


def _with_post_nominals(parts: list[str]) -> list[str]:
    """ "Nicole Fisher", "Jr." -> "Nicole Fisher, Jr.": a suffix or degree the
    byline set off with a comma belongs to the name before it."""
    joined: list[str] = []
    for part in parts:
        if joined and joined[-1] and is_post_nominal(part):
            joined[-1] = f"{joined[-1]}, {part}"
        else:
            joined.append(part)
    return joined


def _byline_follows(lines: list[str], index: int) -> bool:
    """A byline or category line within the next few lines: still the head."""
    seen = 0
    for line in lines[index + 1 :]:
        if not line:
            continue
        if AUTHOR_LINE.match(line) or CATEGORY_LINE.match(line) or BY_LINE.match(line):
            return True
        seen += 1
        if seen >= _HEAD_LOOKAHEAD or len(line) > 300:
            return False
    return False


_LABEL_BULLET = re.compile(r"^[-*•]\s+(?P<value>\[[^\[\]]+\](?:\([^()]*\))?)\s*$")


def _value_with_continuations(
    value: str, lines: list[str], index: int
) -> tuple[str, int]:
    """Join the byline's next line when the export broke the list after a comma,
    and a label's list of values set one to a line as bullets ("Tags:", then
    "- [Olympics](#)", "- [Sanctions](#)")."""
    if not value.strip():
        items: list[str] = []
        while index < len(lines) and (bullet := _LABEL_BULLET.match(lines[index])):
            items.append(bullet["value"])
            index += 1
        if items:
            return ", ".join(items), index
    while re.search(r"(?:,|\band|&)\s*$|^\s*$", value, re.IGNORECASE):
        following = next_non_blank(lines, index)
        if following is None:
            break
        candidate = lines[following]
        if (
            PUBLISHED_LINE.match(candidate)
            or AUTHOR_LINE.match(candidate)
            or BY_LINE.match(candidate)
            or CATEGORY_LINE.match(candidate)
            or not candidate.startswith("[")
        ):
            break
        value = f"{value} {candidate}"
        index = following + 1
    return value, index


# The end of WordPress's sentence under a post: "... Bookmark the permalink."
# (a final full stop after a word, not an abbreviation's: "U.S." keeps its).
_ENTRY_UTILITY = re.compile(
    r"(?:\.?\s*Bookmark\s+the\s+permalink\.?|(?<=[a-z])\.)\s*$", re.IGNORECASE
)


def read_categories(value: str, warnings: list[str]) -> list[str]:
    """The categories of a "Category:" line's value, page furniture left out."""
    value = _ENTRY_UTILITY.sub("", value)
    # "... posted in Economics, Technology and tagged startups": the
    # categories; the tags are keywords.
    tagged = re.search(r"\s+and\s+tagged\s+", value, re.IGNORECASE)
    if tagged:
        tags = value[tagged.end() :]
        value = value[: tagged.start()]
        warnings.append(f"left out the tags beside the categories: {tags!r}")
    categories = []
    for category in _split_names(value, split_on_and=False):
        if is_furniture(category):
            warnings.append(f"dropped page furniture from the categories: {category!r}")
        else:
            categories.append(category)
    return _from_capitals(categories, warnings)


# Kept in capitals when a page sets its categories in capitals: the acronyms of
# this field's categories that have a vowel (those without one, "DPRK", and
# those of two letters, "UN", "AI", are kept by rule).
_ACRONYMS = frozenset(
    [
        "FTA",
        "KORUS",
        "WTO",
        "IMF",
        "ROK",
        "OECD",
        "ASEAN",
        "APEC",
        "NATO",
        "IPEF",
        "THAAD",
        "USFK",
        "UNSC",
        "KEI",
    ]
)
_SMALL_WORDS = frozenset(
    ["and", "of", "the", "on", "in", "for", "to", "at", "by", "or"]
)


def _from_capitals(categories: list[str], warnings: list[str]) -> list[str]:
    """Categories a page's style set in capitals ("ECONOMY, YOUTH EMPLOYMENT"),
    written as categories are ("Economy", "Youth Employment"); the editor sees
    the guess, and an existing category matches whatever its case."""
    letters = "".join(ch for ch in "".join(categories) if ch.isalpha())
    if len(letters) < 6 or not letters.isupper():
        return categories
    written = [_capitalised(category) for category in categories]
    warnings.append(f"categories in capitals; wrote them as {written!r}")
    return written


def _capitalised(category: str) -> str:
    words = []
    for position, word in enumerate(category.split()):
        parts = []
        for part in word.split("-"):
            letters = [ch for ch in part if ch.isalpha()]
            if position and part.casefold() in _SMALL_WORDS:
                parts.append(part.lower())
            elif (
                part in _ACRONYMS
                or len(letters) <= 2
                or any(ch.isdigit() or ch == "." for ch in part)
                or not any(ch in "AEIOUY" for ch in letters)
            ):
                parts.append(part)
            else:
                parts.append(part[:1] + part[1:].lower())
        words.append("-".join(parts))
    return " ".join(words)


def _split_names(value: str, *, split_on_and: bool) -> list[str]:
    """Names in a byline: each [bracketed] part is one name, the rest is split."""
    names: list[str] = []
    # Categories are also set apart by the site's dots and bars ("Trade · Chips").
    # A byline's bar sets off the author's institute ("By Jane Roe | KEI").
    separators = r",|;|&|\band\b|\s\|\s" if split_on_and else r",|;|·|•|\||\s/\s"
    position = 0
    for match in re.finditer(r"\[(?P<name>[^\[\]]*)\](?:\([^()]*\))?", value):
        names.extend(_split_plain(value[position : match.start()], separators))
        names.append(clean(match.group("name")))
        position = match.end()
    names.extend(_split_plain(value[position:], separators))
    return _with_post_nominals([name for name in names if name])


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


_ROLE_LINE_LIMIT = 120


def _is_role_line(line: str) -> bool:
    text = clean(line)
    return (
        bool(text)
        and len(text) <= _ROLE_LINE_LIMIT
        and "[" not in text
        and not text.endswith((".", "!", "?"))
        and not is_header_line(text)
        and is_role(text.split(",")[0])
    )


def is_byline(line: str) -> bool:
    return bool(AUTHOR_LINE.match(line) or BY_LINE.match(line) or plain_by_line(line))
