"""What a byline carries beside names: capitals, roles and affiliations."""

from __future__ import annotations

import re

from briefs.person_names import KOREAN_FAMILY_NAMES, is_organisation

# Words of a job or an institution, never of a person's name: "Jane Roe,
# Senior Fellow", "Jane Roe, Korea Economic Institute of America".
_ROLE_TEXT = """
    fellow fellows director president vice chair chairman chairwoman professor
    researcher analyst editor manager officer intern associate scholar lecturer
    correspondent adviser advisor coordinator specialist secretary minister
    ceo cfo coo founder nonresident non-resident visiting adjunct emeritus
    institute university center centre foundation council ministry school
    college program programme
    guest contributor contributors contributing writer columnist freelance
"""
_ROLE_WORDS = frozenset(_ROLE_TEXT.split())
# Any one of them, as a regular expression's alternatives.
ROLE_WORD = "|".join(sorted(_ROLE_WORDS, key=len, reverse=True))
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
# A label a site sets after a guest's name: "Special to The Peninsula".
_LABEL = re.compile(r"^special\s+(?:to|for)\s+\S", re.IGNORECASE)


# An institution in parentheses after a name, "Lee Ji-won (KEI)": not a name
# glossed in another script, "Lee Jae-myung (이재명)", "이재명 (Lee, Jae-myung)".
_AFFILIATION = re.compile(r"\s*\((?P<what>[^()]*)\)$")
_NATIVE_SCRIPT = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def without_affiliations(names: list[str], warnings: list[str]) -> list[str]:
    """The byline's names without the institutions set in parentheses after them."""
    kept: list[str] = []
    for name in names:
        match = _AFFILIATION.search(name)
        # Either side in Korean, Chinese or Japanese script: a name and its gloss.
        if match is None or _NATIVE_SCRIPT.search(name):
            kept.append(name)
            continue
        person = name[: match.start()].strip()
        owner = person or (kept[-1] if kept else "")
        taken = match.group().strip()
        # "(@handle)": the author's account on a social network.
        what = "the handle" if taken.lstrip("(").startswith("@") else "the affiliation"
        warnings.append(
            f"took {taken!r} off the byline: {what} of {owner or 'no name'}"
        )
        if person:
            kept.append(person)
    return kept


def without_roles(names: list[str], warnings: list[str]) -> list[str]:
    """The byline's names without the roles and institutions set after them."""
    kept: list[str] = []
    for name in names:
        if kept and is_role(name):
            warnings.append(
                f"took {name!r} off the byline: the role or institution of {kept[-1]}"
            )
            continue
        kept.append(name)
    return kept


def is_role(text: str) -> bool:
    """ "Senior Fellow", "KEI", "Korea Economic Institute of America"."""
    words = [w.strip(".,()").casefold() for w in text.split()]
    return (
        any(w in _ROLE_WORDS for w in words)
        or _ACRONYM.match(text) is not None
        or _LABEL.match(text) is not None
    )


def from_capitals(value: str, warnings: list[str]) -> str:
    """ "JANE ROE AND KIM MIN-JI" -> "Jane Roe and Kim Min-ji": a byline set in
    capitals by the page's style, written as names are."""
    letters = re.sub(r"\[|\]\([^()]*\)|[^\w]", "", value)
    if not letters or not value.isupper() or len(letters) < 6:
        return value
    words = []
    for word in value.title().split():
        if word == "And":
            word = "and"
        words.append(word)
    text = " ".join(words)
    text = re.sub(
        r"\b(?P<family>[A-Z][a-z]+) (?P<first>[A-Z][a-z]+)-(?P<second>[A-Z][a-z]+)\b",
        _korean_given_name,
        text,
    )
    if is_organisation(text):
        text = " ".join(w.upper() if len(w) <= 3 else w for w in text.split())
    warnings.append(f"byline in capitals; wrote it as {text!r}")
    return text


def _korean_given_name(match: re.Match[str]) -> str:
    """ "Kim Jong-Un" -> "Kim Jong-un": the second syllable in lower case."""
    if match["family"].casefold() not in KOREAN_FAMILY_NAMES:
        return match.group()
    return f"{match['family']} {match['first']}-{match['second'].lower()}"
