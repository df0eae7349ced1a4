"""Text helpers the parser stages share: whitespace, links, sentence ends."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import takewhile

from .export_format import SENTENCE_END

# Characters with no width that web pages carry (zero-width space and joiners,
# word joiner, BOM, soft hyphen, direction marks): never part of stored text.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def clean(line: str) -> str:
    """Drop invisible characters, collapse whitespace (NBSP too) to one space."""
    return re.sub(r"\s+", " ", INVISIBLE.sub("", line)).strip()


def reduce_links(text: str, *, keep_real_targets: bool) -> str:
    """Links to "#" lead nowhere: keep their text only."""
    if keep_real_targets:
        return _PLACEHOLDER_LINK.sub(lambda match: match.group("text"), text)
    return ANY_LINK.sub(lambda match: match.group("text"), text)


_PLACEHOLDER_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*#?\s*\)")


ANY_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\((?P<target>[^()\s]*)\)")


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


def sentence_ends(text: str) -> Iterator[int]:
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
    # "Korea-U.S.": the compound's last part is the abbreviation.
    token = token.rsplit("-", 1)[-1]
    if re.fullmatch(r"(?:[A-Za-z]\.)+", token):
        # "U.S.", "D.C.", initials like "D."
        return True
    return token[:-1].lower() in _ABBREVIATIONS


# Words a Title Case heading may leave in lower case.
MINOR_WORDS = {
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


def is_title_case(text: str) -> bool:
    words = text.split()
    if not words:
        return False
    for number, word in enumerate(words):
        letters = word.lstrip("\"'“‘(*")
        if not letters or not letters[0].isalpha():
            continue
        if letters[0].isupper():
            continue
        if number == 0 or letters.lower().rstrip(",") not in MINOR_WORDS:
            return False
    first = words[0].lstrip("\"'“‘(*")
    return bool(first) and first[0].isupper()


_CLOSING_PUNCTUATION = ".?!:;\"'”’»)]}…"


# A note's marker after the full stop ("... in March.¹", "... in March.†") does
# not stop the sentence from ending there.
_TRAILING_MARKS = "*_ ¹²³⁴⁵⁶⁷⁸⁹⁰†‡"


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_TRAILING_MARKS)
    return bool(stripped) and stripped[-1] in _CLOSING_PUNCTUATION


# A text set wholly in italics or bold: "*By Colin Ferris*", "**The Question**".
_WRAPPED = re.compile(r"(\*{1,3}|_{1,3})(?P<inner>[^*_]+)\1")


def unwrapped(text: str) -> str:
    """The text without the emphasis around the whole of it."""
    wrapped = _WRAPPED.fullmatch(text.strip())
    return wrapped["inner"].strip() if wrapped else text


# Words a line cannot end on when the thought goes on in the next block.
_CONTINUING_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "including"}
    | {"of", "on", "or", "such", "than", "that", "the", "to", "which", "who"}
    | {"whose", "with"}
)


def left_unfinished(text: str) -> bool:
    """ "..., including" or "... and": the text plainly goes on."""
    stripped = text.rstrip("*_ ")
    if not stripped:
        return False
    if stripped[-1] in ",-–—(":
        return True
    last = stripped.rsplit(None, 1)[-1].lower()
    return last in _CONTINUING_WORDS


def next_non_blank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index]:
            return index
    return None


def plain_text(markdown: str) -> str:
    """Text for a summary: no links, emphasis or note markers ("[1]")."""
    text = reduce_links(markdown, keep_real_targets=False)
    text = re.sub(r"\[\d{1,3}\]", "", text)
    return clean(text.replace("*", ""))


def cut_at_sentence(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    fitting = list(takewhile(lambda end: end <= limit, sentence_ends(text)))
    if fitting:
        return text[: fitting[-1]].strip()
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def unique(values: list[str], what: str, warnings: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value in seen:
            warnings.append(f"dropped repeated {what} {value!r}")
        else:
            seen.append(value)
    return seen
