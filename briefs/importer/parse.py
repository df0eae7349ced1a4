"""Parse the text of a blog export ("THE PENINSULA" posts) into ParsedBrief records.

Pure functions over ``str``; no Django, no I/O. The reader stage decodes the file and
the store stage writes the records. Every problem with the input surfaces as a
``BriefImportError`` with a one-line reason; repairs and guesses become warnings on
the brief they concern, so editors can see what the importer did.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import takewhile

from dateutil import parser as dateutil_parser

from .errors import BriefImportError
from .export_format import (
    AUTHOR_LINE,
    CATEGORY_LINE,
    DATE_FORMS,
    POST_END,
    POST_START,
    PUBLISHED_LINE,
    SENTENCE_END,
    SERIES_LINE,
)
from .records import ParsedAuthor, ParsedBrief, ParsedSeries

# --- Post boundaries

# --- Body structure

_LIST_MARKER = re.compile(r"^(?P<marker>[-*+•]|\d{1,3}[.)])\s+(?P<text>\S.*)$")
_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>\S.*?)\s*#*$")
_KNOWN_HEADINGS = {
    "executive summary",
    "summary",
    "introduction",
    "background",
    "overview",
    "analysis",
    "key findings",
    "key takeaways",
    "findings",
    "implications",
    "policy implications",
    "policy recommendation",
    "policy recommendations",
    "recommendation",
    "recommendations",
    "conclusion",
    "conclusions",
    "conclusion and recommendations",
}
# Words a Title Case heading may leave in lower case.
_MINOR_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "in",
    "into",
    "nor",
    "of",
    "on",
    "or",
    "over",
    "per",
    "the",
    "to",
    "under",
    "up",
    "via",
    "vs",
    "vs.",
    "with",
}
# A period after these is not the end of a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "adm",
    "col",
    "lt",
    "gov",
    "sen",
    "rep",
    "amb",
    "pres",
    "vol",
    "no",
    "iss",
    "inc",
    "corp",
    "co",
    "ltd",
    "vs",
    "etc",
    "approx",
    "dept",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_CLOSING_PUNCTUATION = ".?!:;\"'”’»)]}…"

_PLACEHOLDER_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*#?\s*\)")
_ANY_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<target>[^()\s]*)\)")

# --- Tail of a post: disclosure, image credit, bios

_FARA_PATTERN = re.compile(
    r"\bFARA\b|Foreign\s+Agents?\s+Registration\s+Act", re.IGNORECASE
)
_IMAGE_CREDIT = re.compile(
    r"^(?:(?:Feature[d]?|Cover|Header|Top)\s+)?(?:image|photo|picture)"
    r"(?:\s+credit)?\s*(?:from|by|courtesy of|:)\s*(?P<credit>.*)$",
    re.IGNORECASE,
)
_VIEWS_DISCLAIMER = re.compile(
    r"(?:^|(?<=\s))(?:All|The|Any|These)?\s*(?:views|opinions)\s+(?:expressed\s+)?"
    r"(?:are|herein|in\s+this|here)\b[^.!?]{0,300}[.!?]?",
    re.IGNORECASE,
)
_TITLES_BEFORE_NAME = (
    r"(?:(?:Dr|Prof|Professor|Ambassador|Amb|Mr|Ms|Mrs|Gen|Adm)\.?\s+)?"
)
_BIO_VERB = (
    r"(?:\s*\([^()]*\))?(?:\s+(?:is|was|serves|served|has|holds|leads|directs)\b|,)"
)

# --- Series

_TITLE_SERIES = re.compile(r"^(?P<name>[A-Z][^:]{0,60}?\bSeries)\s*:\s*\S")
_SERIES_NOTE = re.compile(
    r"\bpart\s+of\s+(?:a|an|the|our)\b[^.]{0,80}?\bseries\b", re.I
)
_TITLE_WORD = r"[A-Z][\w'’&.-]*"
_VOLUME_ISSUE = (
    r"Vol(?:ume)?\.?\s*(?P<volume>\d{1,4})\s*,?\s*"
    r"(?:Issue|Iss|No|Number)\.?\s*(?P<issue>\d{1,4})"
)
_NOTE_PUBLICATION = re.compile(
    r"(?<![\w*])\*?(?P<publication>"
    + _TITLE_WORD
    + r"(?:\s+(?:"
    + _TITLE_WORD
    + r"|of|and|the|on|for)){0,8})\*?\s*,?\s+"
    + _VOLUME_ISSUE
)
_ANNOUNCEMENT = re.compile(
    r"\b(?:pleased|proud|happy|delighted|excited)\s+to\s+"
    r"(?:issue|announce|present|release|publish|share|introduce)\b[^.]{0,200}?"
    + _VOLUME_ISSUE,
    re.IGNORECASE,
)
_ANNOUNCED_JOURNAL = re.compile(
    r"\bjournal\s*,?\s*(?:\*(?P<italic>[^*]{1,200})\*|(?P<plain>"
    + _TITLE_WORD
    + r"(?:\s+"
    + _TITLE_WORD
    + r"){0,8}))"
)
_THEME = re.compile(
    r"\btheme\b[^*\"“.]{0,40}?(?:\*(?P<italic>[^*]+)\*|[\"“](?P<quoted>[^\"”]+)[\"”])",
    re.IGNORECASE,
)
_FULL_PAPER_LINK_TEXT = re.compile(
    r"full\s+(?:paper|report|text|article)|click|read|download|pdf", re.IGNORECASE
)

_SUMMARY_LIMIT = 300
_TITLE_LIMIT = 400


@dataclass
class _Block:
    """One post as cut from the export, before any interpretation."""

    lines: list[str]
    source_text: str
    closed: bool
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Piece:
    """A paragraph, list item or heading of a post body, still in raw Markdown."""

    kind: str  # "para", "item" or "heading"
    text: str
    marker: str = ""
    line_count: int = 1
    # Two or more blank lines before the piece: a break the source meant (the PDF
    # reader writes one after a list), never export damage to heal.
    spaced: bool = False


@dataclass
class _SeriesClues:
    name_from_title: str = ""
    publication: str = ""
    volume: int | None = None
    issue: int | None = None
    from_note: bool = False
    is_announcement: bool = False
    theme: str = ""


# === Public API


def parse_export(text: str) -> list[ParsedBrief]:
    """Parse every post of one export text, in order of appearance."""
    if not text or not text.strip():
        raise BriefImportError("empty file")
    lines = _split_lines(text)
    blocks = _cut_posts(lines)
    if not blocks:
        raise BriefImportError(
            "no post found (no 'THE PENINSULA' ... 'Return to the Peninsula' block "
            "with a 'Published' line)"
        )
    parsed = [
        _parse_post(block, position) for position, block in enumerate(blocks, start=1)
    ]
    briefs = [brief for brief, _ in parsed]
    clues = [clue for _, clue in parsed]
    for brief, clue in zip(briefs, clues, strict=True):
        brief.series = _resolve_series(clue, clues)
    return briefs


# === Cutting the export into posts


def _split_lines(text: str) -> list[str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _clean(line: str) -> str:
    """Collapse any run of whitespace to one space and trim; keep other Unicode."""
    return re.sub(r"\s+", " ", line).strip()


def _cut_posts(lines: list[str]) -> list[_Block]:
    blocks: list[_Block] = []
    pending_notes: list[str] = []
    start: int | None = None

    def close(start: int, end: int, closed: bool) -> None:
        inner = lines[start + 1 : end]
        last = end + 1 if closed else end
        source = "\n".join(lines[start:last]).strip("\n")
        if not closed and not _looks_like_post(inner):
            # A lone "THE PENINSULA" in the page's navigation, not a post.
            pending_notes.append(
                f"ignored a 'THE PENINSULA' line at line {start + 1} "
                "with no post after it"
            )
            return
        block = _Block(inner, source, closed)
        block.warnings.extend(pending_notes)
        pending_notes.clear()
        blocks.append(block)

    for index, line in enumerate(lines):
        if POST_START.match(line):
            if start is not None:
                close(start, index, closed=False)
            start = index
        elif start is not None and POST_END.match(line):
            close(start, index, closed=True)
            start = None
    if start is not None:
        close(start, len(lines), closed=False)
    if blocks and pending_notes:
        blocks[-1].warnings.extend(pending_notes)
    for block in blocks:
        if not block.closed:
            block.warnings.append(
                "no closing 'Return to the Peninsula' line; read the post up to the "
                "next post or the end of the text"
            )
    return blocks


def _looks_like_post(lines: list[str]) -> bool:
    return any(
        PUBLISHED_LINE.match(_clean(line)) or AUTHOR_LINE.match(_clean(line))
        for line in lines
    )


# === One post


def _parse_post(block: _Block, position: int) -> tuple[ParsedBrief, _SeriesClues]:
    warnings = list(block.warnings)
    lines = _in_export_order([_clean(line) for line in block.lines])
    title, published, next_index = _read_title_and_date(lines, position, warnings)
    authors, categories, body_start = _read_bylines(lines, next_index, warnings)
    pieces = _heal(_split_pieces(lines[body_start:]), warnings)
    body_pieces, tail = _separate_tail(pieces, authors, warnings)

    authors = _attach_bios(authors, tail.bio_paragraphs, warnings)
    credit, credit_url = _read_image_credit(tail.credit)
    clues = _series_clues(title, body_pieces)
    brief = ParsedBrief(
        title=title,
        published=published,
        authors=authors,
        categories=categories,
        body=_render_body(body_pieces),
        summary=_summary(body_pieces),
        image_credit=credit,
        image_credit_url=credit_url,
        disclosure=" ".join(tail.disclosure),
        full_paper_url=_full_paper_url(body_pieces),
        source_text=block.source_text,
        position=position,
        warnings=[f"post {position}: {warning}" for warning in warnings],
    )
    return brief, clues


def _in_export_order(lines: list[str]) -> list[str]:
    """A PDF edition's header (series, title, byline, date) in the export's order.

    The edition prints the byline right under the title, before the date, and a
    "Series:" line above the title; the export has neither before the date.
    """
    date_at = next(
        (index for index, line in enumerate(lines) if PUBLISHED_LINE.match(line)),
        None,
    )
    if date_at is None:
        return lines
    head = [line for line in lines[:date_at] if line]
    if len(head) > 1 and SERIES_LINE.match(head[0]):
        head = head[1:]
    title = head[:1] + [line for line in head[1:] if not AUTHOR_LINE.match(line)]
    bylines = [line for line in head[1:] if AUTHOR_LINE.match(line)]
    date_end = date_at + 1
    if not PUBLISHED_LINE.match(lines[date_at]).group("rest"):
        # "Published" alone, the date on the next line.
        following = _next_non_blank(lines, date_end)
        date_end = following + 1 if following is not None else date_end
    return title + lines[date_at:date_end] + bylines + lines[date_end:]


def _post_label(position: int, title: str) -> str:
    if not title:
        return f"post {position}"
    short = title if len(title) <= 80 else title[:79].rstrip() + "…"
    return f'post {position} ("{short}")'


def _read_title_and_date(
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
        label = _post_label(position, title)
        if not title:
            raise BriefImportError(f"{label}: no title before '{line}'")
        if len(title) > _TITLE_LIMIT:
            # The header's own Published line is missing and a body paragraph that
            # starts with "Published" was reached instead.
            raise BriefImportError(
                f"{_post_label(position, title_lines[0])}: no 'Published' line after "
                f"the title (first one found {len(title_lines)} lines further down)"
            )
        rest = match.group("rest")
        consumed = index + 1
        if not rest:
            # "Published" alone, the date on the next line.
            following = _next_non_blank(lines, consumed)
            if following is not None:
                rest = lines[following]
                consumed = following + 1
                line = f"{line} {rest}"
        published = _parse_date(rest)
        if published is None:
            raise BriefImportError(f"{label}: unreadable date '{line}'")
        if len(title_lines) > 1:
            warnings.append(f"title joined from {len(title_lines)} lines: {title!r}")
        return title, published, consumed
    first = title_lines[0] if title_lines else ""
    raise BriefImportError(f"{_post_label(position, first)}: no 'Published' line")


def _next_non_blank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index]:
            return index
    return None


def _title_from_lines(title_lines: list[str]) -> str:
    title = " ".join(title_lines)
    title = _reduce_links(title, keep_real_targets=False)
    title = re.sub(r"^#+\s*", "", title)
    return _clean(title)


def _parse_date(text: str) -> date | None:
    text = _clean(text)
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


def _read_bylines(
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
    authors = [ParsedAuthor(name) for name in _unique(author_names, "author", warnings)]
    if not authors:
        warnings.append("no 'Author:' line found; the post has no authors")
    return authors, _unique(categories, "category", warnings), index


def _value_with_continuations(
    value: str, lines: list[str], index: int
) -> tuple[str, int]:
    """Join the byline's next line when the export broke the list after a comma."""
    while re.search(r"(?:,|\band|&)\s*$|^\s*$", value, re.IGNORECASE):
        following = _next_non_blank(lines, index)
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
        names.append(_clean(match.group("name")))
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
    return [_clean(part) for part in parts if _clean(part)]


def _unique(values: list[str], what: str, warnings: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value in seen:
            warnings.append(f"dropped repeated {what} {value!r}")
        else:
            seen.append(value)
    return seen


# === Body paragraphs


def _split_pieces(lines: list[str]) -> list[_Piece]:
    """Group body lines into paragraphs, list items and headings."""
    pieces: list[_Piece] = []
    after_blank = True
    blanks = 0
    for line in lines:
        if not line:
            after_blank = True
            blanks += 1
            continue
        count_before = len(pieces)
        item = _LIST_MARKER.match(line)
        markdown_heading = _MARKDOWN_HEADING.match(line)
        if item:
            pieces.append(_Piece("item", item.group("text"), item.group("marker")))
        elif markdown_heading:
            level = max(2, len(markdown_heading.group("hashes")))
            pieces.append(
                _Piece("heading", markdown_heading.group("text"), "#" * level)
            )
        elif _is_known_heading(line):
            pieces.append(_Piece("heading", line.rstrip(":").strip(), "##"))
        elif after_blank or not pieces or pieces[-1].kind == "heading":
            pieces.append(_Piece("para", line))
        else:
            # A wrapped line: Markdown would read it as part of the same block.
            pieces[-1].text += " " + line
            pieces[-1].line_count += 1
        if len(pieces) > count_before:
            pieces[-1].spaced = blanks >= 2
        after_blank = False
        blanks = 0
    for piece in pieces:
        if (
            piece.kind == "para"
            and piece.line_count == 1
            and _looks_like_heading(piece.text)
        ):
            piece.kind, piece.marker = "heading", "##"
    return pieces


def _is_known_heading(text: str) -> bool:
    return text.rstrip(":").strip().lower() in _KNOWN_HEADINGS


def _looks_like_heading(text: str) -> bool:
    if _is_known_heading(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 10 or len(text) > 80:
        return False
    if text[-1] in ".,;:!?" or "](" in text or _tail_kind(text):
        return False
    return _is_title_case(text)


def _is_title_case(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    for number, word in enumerate(words):
        letters = word.lstrip("\"'“‘(*")
        if not letters or not letters[0].isalpha():
            continue
        if letters[0].isupper():
            continue
        if number == 0 or letters.lower().rstrip(",") not in _MINOR_WORDS:
            return False
    first = words[0].lstrip("\"'“‘(*")
    return bool(first) and first[0].isupper()


def _heal(pieces: list[_Piece], warnings: list[str]) -> list[_Piece]:
    """Rejoin paragraphs and list items that the export broke with a blank line."""
    healed: list[_Piece] = []
    for piece in pieces:
        previous = healed[-1] if healed else None
        if previous is not None and _belongs_to_previous(previous, piece):
            warnings.append(
                "joined a paragraph broken by a blank line: "
                f"{previous.text[-30:]!r} + {piece.text[:30]!r}"
            )
            previous.text += " " + piece.text
            previous.line_count += piece.line_count
        else:
            healed.append(piece)
    return healed


def _belongs_to_previous(previous: _Piece, piece: _Piece) -> bool:
    if previous.kind == "heading" or piece.kind != "para" or piece.spaced:
        return False
    if _tail_kind(piece.text) or _tail_kind(previous.text) == "credit":
        return False
    starts_lower = piece.text[0].islower()
    return starts_lower or not _ends_sentence(previous.text)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip("*_ ")
    return bool(stripped) and stripped[-1] in _CLOSING_PUNCTUATION


# === Tail: disclosure, image credit, bios


@dataclass
class _Tail:
    disclosure: list[str] = field(default_factory=list)
    credit: str = ""
    bio_paragraphs: list[str] = field(default_factory=list)


def _mentions_fara(text: str) -> bool:
    # A case-insensitive search with alternation is slow over long paragraphs;
    # almost none name either word, so a plain substring test goes first.
    lowered = text.lower()
    if "fara" not in lowered and "foreign" not in lowered:
        return False
    return _FARA_PATTERN.search(text) is not None


def _tail_kind(text: str) -> str:
    if _mentions_fara(text):
        return "disclosure"
    if _IMAGE_CREDIT.match(text):
        return "credit"
    if POST_END.match(text):
        return "return"
    if _VIEWS_DISCLAIMER.match(text):
        return "views"
    return ""


def _separate_tail(
    pieces: list[_Piece], authors: list[ParsedAuthor], warnings: list[str]
) -> tuple[list[_Piece], _Tail]:
    tail = _Tail()
    roles = ["body"] * len(pieces)
    for index, piece in enumerate(pieces):
        if _tail_kind(piece.text) == "return":
            roles[index] = "return"
            warnings.append("dropped a stray 'Return to the Peninsula' line")

    disclosure_indexes = _disclosure_indexes(pieces, roles)
    if disclosure_indexes:
        for index in disclosure_indexes:
            roles[index] = "disclosure"
            tail.disclosure.append(pieces[index].text)
        if len(disclosure_indexes) > 1:
            warnings.append(
                f"joined the disclosure from {len(disclosure_indexes)} paragraphs"
            )
    else:
        warnings.append("no FARA disclosure found")

    for index in range(len(pieces) - 1, -1, -1):
        if roles[index] == "body" and _tail_kind(pieces[index].text) == "credit":
            roles[index] = "credit"
            tail.credit = pieces[index].text
            break

    name_patterns = [_bio_start_pattern(author.name) for author in authors]
    for index in range(len(pieces) - 1, -1, -1):
        if roles[index] != "body":
            continue
        piece = pieces[index]
        is_bio = piece.kind == "para" and (
            any(pattern.match(piece.text) for pattern in name_patterns)
            or _tail_kind(piece.text) == "views"
        )
        if not is_bio:
            break
        roles[index] = "bio"
        tail.bio_paragraphs.insert(0, piece.text)

    body = [piece for piece, role in zip(pieces, roles, strict=True) if role == "body"]
    return body, tail


def _disclosure_indexes(pieces: list[_Piece], roles: list[str]) -> list[int]:
    """The last paragraph naming FARA and what follows it, when that is all tail."""
    mentions = [
        index
        for index, piece in enumerate(pieces)
        if roles[index] == "body" and _mentions_fara(piece.text)
    ]
    if not mentions:
        return []
    first = mentions[-1]
    mentioned = set(mentions)
    # The export sometimes splits the statement in two; both halves may name FARA.
    while first - 1 in mentioned and pieces[first - 1].kind == "para":
        first -= 1
    following = [
        index
        for index in range(first + 1, len(pieces))
        if roles[index] == "body" and _tail_kind(pieces[index].text) != "credit"
    ]
    if any(pieces[index].kind != "para" for index in following) or len(following) > 2:
        # FARA is discussed in the text; the statement itself is not there, unless
        # it opens the post, as in the site's PDF edition (28 CFR 5.402: at the
        # beginning).
        return [0] if 0 in mentioned and _is_leading_statement(pieces[0]) else []
    return [first, *following]


# What 28 CFR 5.402 has the label say: who distributes it on whose behalf.
_REGISTRANT_STATEMENT = re.compile(
    r"\bregistered\s+(?:under|with|pursuant)\b|\bon\s+behalf\s+of\b"
    r"|\bas\s+an?\s+agents?\s+of\b|\bdistributed\s+by\b",
    re.IGNORECASE,
)


def _is_leading_statement(piece: _Piece) -> bool:
    """A first paragraph that is the label itself, not an article about FARA."""
    return piece.kind == "para" and bool(_REGISTRANT_STATEMENT.search(piece.text))


def _bio_start_pattern(name: str) -> re.Pattern[str]:
    variants = {name, _name_without_gloss(name), _name_without_initials(name)}
    names = "|".join(
        re.escape(variant) for variant in sorted(variants, key=len, reverse=True)
    )
    return re.compile(rf"{_TITLES_BEFORE_NAME}(?:{names}){_BIO_VERB}")


def _name_without_gloss(name: str) -> str:
    """ "Lee Jae-myung (이재명)" -> "Lee Jae-myung"."""
    return _clean(re.sub(r"\([^()]*\)", "", name)) or name


def _name_without_initials(name: str) -> str:
    """ "Victor D. Cha" -> "Victor Cha", for bios that drop the middle initial."""
    core = _name_without_gloss(name)
    return _clean(re.sub(r"(?<=\s)[A-Z]\.(?=\s)", "", core)) or core


def _attach_bios(
    authors: list[ParsedAuthor], paragraphs: list[str], warnings: list[str]
) -> list[ParsedAuthor]:
    bios: dict[str, list[str]] = {author.name: [] for author in authors}
    patterns = {author.name: _bio_start_pattern(author.name) for author in authors}
    for paragraph in paragraphs:
        for name, sentences in _bio_segments(paragraph, patterns):
            text = _clean(_VIEWS_DISCLAIMER.sub(" ", sentences))
            if text:
                bios[name].append(_reduce_links(text, keep_real_targets=False))
    result = []
    for author in authors:
        bio = " ".join(bios[author.name])
        if not bio:
            warnings.append(f"no bio found for {author.name}")
        result.append(replace(author, bio=bio))
    return result


def _bio_segments(
    paragraph: str, patterns: dict[str, re.Pattern[str]]
) -> list[tuple[str, str]]:
    """Cut a combined bio paragraph at each sentence that starts with a name."""
    starts: list[tuple[int, str]] = []
    for name, pattern in patterns.items():
        for match in pattern.finditer(paragraph):
            if _at_sentence_start(paragraph, match.start()):
                starts.append((match.start(), name))
                break
    starts.sort()
    segments = []
    for number, (start, name) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(paragraph)
        segments.append((name, paragraph[start:end]))
    return segments


def _at_sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before.rstrip("\"'”’)")[-1:] in {".", "!", "?"}


def _read_image_credit(paragraph: str) -> tuple[str, str]:
    match = _IMAGE_CREDIT.match(paragraph)
    if match is None:
        return "", ""
    credit = match.group("credit").strip()
    url = ""
    for link in _ANY_LINK.finditer(credit):
        if link.group("target") not in ("", "#"):
            url = link.group("target")
            break
    credit = _reduce_links(credit, keep_real_targets=False)
    credit = re.sub(r"\.$", "", credit).strip()
    credit = re.sub(r"^the\s+", "", credit, flags=re.IGNORECASE)
    return _clean(credit), url


# === Markdown rendering


def _reduce_links(text: str, *, keep_real_targets: bool) -> str:
    """Links to "#" lead nowhere: keep their text only."""
    if keep_real_targets:
        return _PLACEHOLDER_LINK.sub(lambda match: match.group("text"), text)
    return _ANY_LINK.sub(lambda match: match.group("text"), text)


def _render_body(pieces: list[_Piece]) -> str:
    rendered: list[str] = []
    previous_kind = ""
    for piece in pieces:
        text = _reduce_links(piece.text, keep_real_targets=True)
        if piece.kind == "heading":
            block = f"{piece.marker} {text}"
        elif piece.kind == "item":
            block = f"{piece.marker} {_bold_item_head(text)}"
        else:
            block = _bold_run_in_head(text)
        separator = "\n" if previous_kind == piece.kind == "item" else "\n\n"
        rendered.append((separator if rendered else "") + block)
        previous_kind = piece.kind
    return "".join(rendered)


def _bold_item_head(text: str) -> str:
    """ "Heading: text" -> "**Heading:** text" for list items with a run-in head."""
    match = re.match(r"^(?P<head>[^:*\[\]]{3,120}?):\s+(?P<rest>\S.*)$", text)
    if match:
        head = match.group("head")
        if len(head.split()) <= 15 and next(_sentence_ends(head), None) is None:
            return f"**{head}:** {match.group('rest')}"
    return _bold_run_in_head(text)


def _bold_run_in_head(text: str) -> str:
    """ "U.S. Stymied on Outreach to North Korea. While ..." -> bold the head."""
    if text.startswith(("*", "[", "_")):
        return text
    end = next(_sentence_ends(text), None)
    if end is None:
        return text
    head, rest = text[:end], text[end:].strip()
    words = head.split()
    is_short = rest and 2 <= len(words) <= 12 and len(head) <= 100
    if is_short and _is_title_case(head[:-1]) and "](" not in head:
        return f"**{head}** {rest}"
    return text


def _sentence_ends(text: str) -> Iterator[int]:
    """Offsets just after each sentence-ending mark, skipping abbreviations."""
    for match in SENTENCE_END.finditer(text):
        period = match.start()
        if text[period] == "." and _is_abbreviation(text, period):
            continue
        yield match.end()


def _is_abbreviation(text: str, period: int) -> bool:
    # Only the word before the period matters; a bounded window keeps this linear.
    word = re.search(r"\S*$", text[max(0, period - 40) : period + 1])
    token = word.group().lstrip("\"'“‘(*") if word else ""
    if re.fullmatch(r"(?:[A-Za-z]\.)+", token):
        # "U.S.", "D.C.", initials like "D."
        return True
    return token[:-1].lower() in _ABBREVIATIONS


# === Summary, full paper, series


def _series_note(pieces: list[_Piece]) -> _Piece | None:
    """The "part of a limited series ..." paragraph, which always opens the body."""
    if pieces and pieces[0].kind == "para" and _SERIES_NOTE.search(pieces[0].text):
        return pieces[0]
    return None


def _summary(pieces: list[_Piece]) -> str:
    note = _series_note(pieces)
    candidates = [piece for piece in pieces if piece is not note]
    paragraph = next((p for p in candidates if p.kind == "para"), None)
    if paragraph is None:
        paragraph = next((p for p in candidates if p.kind == "item"), None)
    if paragraph is None:
        return ""
    return _cut_at_sentence(_plain_text(paragraph.text), _SUMMARY_LIMIT)


def _plain_text(markdown: str) -> str:
    text = _reduce_links(markdown, keep_real_targets=False)
    return _clean(text.replace("*", ""))


def _cut_at_sentence(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    fitting = list(takewhile(lambda end: end <= limit, _sentence_ends(text)))
    if fitting:
        return text[: fitting[-1]].strip()
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _full_paper_url(pieces: list[_Piece]) -> str:
    """A real link in the series note, else one that reads like "full paper"."""
    note = _series_note(pieces)
    ordered = ([note] if note else []) + [
        piece for piece in pieces if piece is not note
    ]
    for piece in ordered:
        for link in _ANY_LINK.finditer(piece.text):
            target = link.group("target")
            if target in ("", "#"):
                continue
            if piece is note or _FULL_PAPER_LINK_TEXT.search(link.group("text")):
                return target
    return ""


def _series_clues(title: str, pieces: list[_Piece]) -> _SeriesClues:
    clues = _SeriesClues()
    title_match = _TITLE_SERIES.match(title)
    if title_match:
        clues.name_from_title = _clean(title_match.group("name"))
    note = _series_note(pieces)
    found = _NOTE_PUBLICATION.search(note.text.replace("*", "")) if note else None
    if found:
        clues.publication = _clean(found.group("publication"))
        clues.volume = int(found.group("volume"))
        clues.issue = int(found.group("issue"))
        clues.from_note = True
    for piece in pieces:
        text = piece.text
        announcement = _ANNOUNCEMENT.search(text)
        if announcement and not clues.is_announcement:
            clues.is_announcement = True
            clues.volume = int(announcement.group("volume"))
            clues.issue = int(announcement.group("issue"))
            journal = _ANNOUNCED_JOURNAL.search(text[announcement.end() :])
            if journal:
                clues.publication = _clean(
                    journal.group("italic") or journal.group("plain")
                )
        theme = _THEME.search(text)
        if theme and not clues.theme:
            clues.theme = _clean(theme.group("italic") or theme.group("quoted"))
    return clues


def _resolve_series(
    clues: _SeriesClues, all_clues: list[_SeriesClues]
) -> ParsedSeries | None:
    if not (clues.name_from_title or clues.from_note or clues.is_announcement):
        return None
    name = clues.name_from_title
    if not name and clues.is_announcement:
        # The announcement names the journal, not the series: borrow the series name
        # used by the briefs written for the same issue.
        name = next(
            (
                other.name_from_title or f"{other.publication} Series"
                for other in all_clues
                if other is not clues
                and not other.is_announcement
                and (other.name_from_title or other.from_note)
                and (other.publication, other.volume, other.issue)
                == (clues.publication, clues.volume, clues.issue)
            ),
            "",
        )
    if not name:
        name = f"{clues.publication} Series" if clues.publication else "Series"
    return ParsedSeries(
        name=name,
        publication=clues.publication,
        volume=clues.volume,
        issue=clues.issue,
        theme=clues.theme if clues.is_announcement else "",
        is_announcement=clues.is_announcement,
    )
