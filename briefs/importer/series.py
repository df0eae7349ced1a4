"""The series a post belongs to, from its title, its note and its siblings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .body import Piece, series_note
from .records import ParsedSeries
from .text import clean

_TITLE_SERIES = re.compile(r"^(?P<name>[A-Z][^:]{0,60}?\bSeries)\s*:\s*\S")


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
    + r"|of|and|the|on|for)){0,8})\*?\s*,?\s+\(?"
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


@dataclass
class SeriesClues:
    name_from_title: str = ""
    publication: str = ""
    volume: int | None = None
    issue: int | None = None
    from_note: bool = False
    is_announcement: bool = False
    theme: str = ""


def series_clues(title: str, pieces: list[Piece]) -> SeriesClues:
    clues = SeriesClues()
    title_match = _TITLE_SERIES.match(title)
    if title_match:
        clues.name_from_title = clean(title_match.group("name"))
    note = series_note(pieces)
    found = _NOTE_PUBLICATION.search(note.text.replace("*", "")) if note else None
    if found:
        clues.publication = clean(found.group("publication"))
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
                clues.publication = clean(
                    journal.group("italic") or journal.group("plain")
                )
        theme = _THEME.search(text)
        if theme and not clues.theme:
            clues.theme = clean(theme.group("italic") or theme.group("quoted"))
    return clues


def resolve_series(
    clues: SeriesClues, all_clues: list[SeriesClues]
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
