"""Given names, family name and suffix of a byline name: nameparser, adapted.

nameparser knows the hard parts of Western names (particles such as "van der"
and "de la", whatever their case; "Jr." and "III" after a comma or not; titles
before a name and degrees after it). What it cannot know, this adapter adds:

- Korean names written family name first ("Lee Jae-myung", "Park Jun-seo"): a
  common Korean family name followed by a romanised given name with its
  lower-case second syllable. Names written family name last in English
  ("Jisoo Han", "Aiko Tanaka") are split as written. Chinese and Japanese names
  written family name first cannot be told apart from a given name, so the
  editor's sort name says so ("xi jinping" for "Xi Jinping").
- An editor's sort name overrules the split: "van beethoven ludwig" or
  "beethoven, ludwig van" puts the split where the editor wants it.
- A single name ("Madonna", "UNESCO") is a family name, and a title before a
  single word ("Dr. Kim") is dropped, leaving the family name alone.
- Degrees ("Ph.D.") are not a citation's suffix; generational suffixes are.
- A byline that is not a person ("KEI Staff", "Korea View", "The Peninsula
  Editors") is one name, never split or inverted: see is_organisation.

Pure Python, no Django: the importer and the models both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser import HumanName

GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})

# Revised Romanization's common family names (over nine in ten Koreans).
_KOREAN_FAMILY_NAMES = """
    kim lee yi rhee park pak bak choi choe jung jeong chung kang cho jo yoon yun
    jang chang lim im han oh shin sin seo suh kwon hwang ahn an song yoo yu ryu
    hong jeon chun ko go moon mun yang son bae baek paik heo huh nam noh roh
    ha kwak gwak sung seong cha joo ju woo wu min
"""
KOREAN_FAMILY_NAMES = frozenset(_KOREAN_FAMILY_NAMES.split())
# "Jae-myung", "Min-jung": a romanised Korean given name of two syllables.
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{1,5}$")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*")


# Words no person's name has and team, desk and publication bylines do. Place
# names count: "Korea View" is a newsletter, not Mr. View ("America", "China"
# and "Asia" are given names too, so they do not).
_ORGANISATION_TEXT = """
    staff editors editorial editor's editors' team interns desk board newsroom
    institute institution center centre program programme office committee
    council foundation association society group contributors researchers
    bureau department ministry secretariat network forum project initiative
    university agency commission lab laboratory review view views blog
    newsletter podcast peninsula korea korean koreas japan pacific global
    international world national research studies
"""
_ORGANISATION_WORDS = frozenset(_ORGANISATION_TEXT.split())
_ACRONYM = re.compile(r"^[A-Z]{2,}[A-Z0-9&]*$")
_NOT_ACRONYMS = GENERATIONAL | {"phd", "md", "jd", "mba", "mpp", "ma", "cfa"}


def is_organisation(name: str) -> bool:
    """A team, desk, publication or institute signing as the author.

    Decided by the words, not by nameparser (which splits "KEI Staff" into a
    first and a last name as readily as "Kim Lee"): a word from the list
    above, an acronym beside other words ("KEI Interns", not "KIM Jong-un",
    whose capitals are a Korean family name), a leading "The", or a digit.
    """
    words = [w.strip(".,()'’") for w in name.split()]
    words = [w for w in words if w]
    if len(words) < 2:
        return False
    if words[0].casefold() == "the" or any(ch.isdigit() for ch in name):
        return True
    if any(w.casefold() in _ORGANISATION_WORDS for w in words):
        return True
    return any(
        _ACRONYM.match(w)
        and w.casefold() not in _NOT_ACRONYMS
        and w.casefold() not in KOREAN_FAMILY_NAMES
        for w in words
    )


@dataclass(frozen=True)
class NameParts:
    given: str
    family: str
    suffix: str = ""
    # Written family name first: never inverted in a citation.
    family_first: bool = False
    # Not a person: the whole byline is the name, in citations and sorting.
    organisation: bool = False


def split_name(full_name: str, sort_name: str = "") -> NameParts:
    text = " ".join(_PARENTHETICAL.sub(" ", full_name).split())
    if not text:
        return NameParts(given="", family=full_name.strip())
    if is_organisation(text):
        return NameParts(given="", family=text, organisation=True)
    parsed = HumanName(text)
    suffix = " ".join(
        part
        for part in _suffix_parts(parsed.suffix)
        if part.rstrip(".").casefold() in GENERATIONAL
    )
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    family = parsed.last
    if not family:
        # One word ("Madonna"): nameparser calls it a first name.
        given, family = "", given or text
    parts = NameParts(given=given, family=family, suffix=suffix)
    words = f"{given} {family}".split()
    override = _from_sort_name(words, sort_name, parts)
    if override is not None:
        return override
    if _korean_family_first(words):
        return NameParts(
            given=" ".join(words[1:]),
            family=words[0],
            suffix=suffix,
            family_first=True,
        )
    return parts


def _suffix_parts(suffix: str) -> list[str]:
    return [p.strip() for p in re.split(r"[,\s]+", suffix) if p.strip()]


def _korean_family_first(words: list[str]) -> bool:
    return (
        len(words) == 2
        and words[0].casefold() in KOREAN_FAMILY_NAMES
        and bool(_KOREAN_GIVEN.match(words[1]))
    )


def sort_key(text: str) -> str:
    return " ".join(text.replace(",", " ").casefold().split())


def _from_sort_name(
    words: list[str], sort_name: str, parts: NameParts
) -> NameParts | None:
    """The split an editor's sort name asks for, or None to keep the guess."""
    key = sort_key(sort_name)
    if not key or len(words) < 2:
        return None
    guessed = {
        sort_key(surname_first_of(parts)),
        # Sort names saved by the hand-written rule this module replaced
        # (the last word first) ask for nothing either.
        sort_key(" ".join(words[-1:] + words[:-1])),
    }
    if any(key.startswith(candidate) for candidate in guessed if candidate):
        return None
    if key.startswith(sort_key(" ".join(words))):
        return NameParts(
            given=" ".join(words[1:]),
            family=words[0],
            suffix=parts.suffix,
            family_first=True,
        )
    for start in range(1, len(words)):
        if key.startswith(sort_key(" ".join(words[start:] + words[:start]))):
            return NameParts(
                given=" ".join(words[:start]),
                family=" ".join(words[start:]),
                suffix=parts.suffix,
            )
    return None


def surname_first_of(parts: NameParts) -> str:
    text = " ".join(p for p in (parts.family, parts.given, parts.suffix) if p)
    return text.casefold()


def surname_first(name: str) -> str:
    """The sort name an author index files a name under: "king martin luther jr."."""
    return surname_first_of(split_name(name))
