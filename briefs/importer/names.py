"""People's names as bylines print them -> the name an Author row is keyed on.

Honorifics before a name ("Dr.", "Prof.", "Amb.") and degrees after it ("Ph.D.",
"PhD") are not part of it: the same person signs with and without them, and
must stay one Author. Generational suffixes ("Jr.", "III") are part of the name
and stay, written without the comma ("Name, Jr." is "Name Jr."). Invisible
characters pasted from the web never reach a name (text.clean drops them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser.config import CONSTANTS

from .text import clean

# Before a name. Short forms that could not be a given name count with or
# without their full stop ("Dr Kim"); the others only with it ("Gen." but not
# "Maj Garrett") or written out.
_HONORIFICS = (
    r"(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?|(?:Amb|Gen|Adm|Lt|Col|Maj|Capt|Sen|Rep|Gov|Hon|Rev)\."
    r"|Professor|Ambassador|Honorable|General|Admiral|Senator|Governor|Sir"
)
HONORIFIC = re.compile(
    rf"^(?P<title>(?:(?:The\s+)?(?:{_HONORIFICS})\s+(?:\(ret\.?\)\s+)?)+)(?=\S)",
    re.IGNORECASE,
)
# After a name: academic and professional degrees, with or without full stops.
_DEGREE_WORDS = (
    r"Ph\.?\s?D\.?|D\.?Phil\.?|M\.?D\.?|J\.?D\.?|M\.?B\.?A\.?|M\.?P\.?P\.?|"
    r"M\.?A\.?|M\.?Sc\.?|Esq\.?|CFA|(?:\(ret\.?\)|\(retired\))"
)
DEGREE = re.compile(
    rf"(?:\s*,?\s*(?<![\w])(?:{_DEGREE_WORDS}))+\s*$",
    re.IGNORECASE,
)
_GENERATIONAL = {"jr", "sr", "ii", "iii", "iv", "v"}
_SUFFIX = re.compile(r"\s*,\s*(?P<suffix>Jr\.?|Sr\.?|II|III|IV)\s*$")


@dataclass(frozen=True)
class PersonName:
    name: str
    # What was taken off, for the editor's report and a separate field.
    honorific: str = ""


def normalise_name(raw: str) -> PersonName:
    """ "Dr. Sarah Lowe, Ph.D." -> PersonName("Sarah Lowe", "Dr., Ph.D.")."""
    name = clean(raw)
    taken: list[str] = []
    title = HONORIFIC.match(name)
    # A title before a single word ("Dr. Kim") may be all the byline says of
    # the person: it stays rather than leave a surname alone.
    if title and len(name[title.end() :].split()) >= 2:
        taken.append(clean(title.group("title")))
        name = name[title.end() :]
    degree = DEGREE.search(name)
    if degree and degree.start() > 0:
        taken.append(clean(degree.group().lstrip(", ")))
        name = name[: degree.start()]
    name, credentials = _credentials_after_comma(name)
    taken.extend(credentials)
    name = _SUFFIX.sub(lambda match: " " + match.group("suffix"), name)
    name = clean(name.rstrip(", "))
    # "By the Editors": a team's name opens with its article, in capitals.
    name = re.sub(r"^the\s", "The ", name)
    return PersonName(name or clean(raw), ", ".join(taken))


def _credentials_after_comma(name: str) -> tuple[str, list[str]]:
    """ "Jane Roe, MPA, CFP" -> ("Jane Roe", ["MPA", "CFP"]): the degrees and
    post-nominal letters nameparser knows, when a comma sets them off."""
    taken: list[str] = []
    while True:
        head, comma, last = name.rpartition(",")
        word = last.strip()
        if not comma or not head.strip() or " " in word:
            return name, taken
        bare = word.replace(".", "").casefold()
        if bare in _GENERATIONAL or bare not in CONSTANTS.suffix_acronyms:
            return name, taken
        taken.insert(0, word)
        name = head


def is_post_nominal(word: str) -> bool:
    """ "Jr.", "III", "Ph.D.", "MPA": what follows a name after a comma."""
    word = word.strip()
    bare = word.replace(".", "").casefold()
    if not word or " " in word.strip(" ."):
        return bool(DEGREE.fullmatch(word))
    return (
        bare in _GENERATIONAL
        or bare in CONSTANTS.suffix_acronyms
        or bool(DEGREE.fullmatch(word))
    )


def name_key(name: str) -> str:
    """The form two spellings of one person share: case and full stops aside."""
    return " ".join(normalise_name(name).name.replace(".", " ").casefold().split())
