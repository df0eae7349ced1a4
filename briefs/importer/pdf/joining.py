"""Joining wrapped lines: a split word loses its hyphen, a compound keeps it."""

from __future__ import annotations

import re

from .lines import _Line

# First elements that form hyphenated compounds rather than being cut-off word
# pieces; "multi-faceted", "long-standing", "well-known" keep their hyphen.
_COMPOUND_HEADS = frozenset(
    """
    long short well self cross high low full half part multi co non anti pro post pre
    so far wide all ill ever first second third one two three four five export import
    trade policy decision state government market year month day time middle upper
    lower open free hard soft real big small
    """.split()  # noqa: SIM905 - a word list reads best as text
)


# Second elements that make compounds with whatever comes before them
# ("flat-rolled", "export-led", "state-owned", "China-based", "long-term"): a
# word cut by hyphenation does not end in one of these words.
_COMPOUND_TAILS = frozenset(
    """
    based led run owned made related oriented level scale term wide rolled style
    type sized driven focused backed funded linked bound born free friendly like
    specific sensitive intensive dependent ready proof minded making building
    """.split()  # noqa: SIM905 - a word list reads best as text
)


class _Vocabulary:
    """Words seen in the document, to tell a split word from a compound."""

    _TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
    _LINE_END_PIECE = re.compile(r"\S+-$")

    def __init__(self, lines: list[_Line]) -> None:
        self.words: set[str] = set()
        self.compounds: set[str] = set()
        # A piece cut off at a line end ("alli-") is not evidence of a word.
        text = "\n".join(self._LINE_END_PIECE.sub("", line.text) for line in lines)
        for token in self._TOKEN.findall(text):
            token = token.lower()
            (self.compounds if "-" in token else self.words).add(token)
        # A page that hyphenates (CSS "hyphens: auto", soft hyphens) cuts many
        # words; one that does not breaks lines only at real hyphens.
        cut = sum(
            1
            for before, after in zip(lines, lines[1:], strict=False)
            if _pieces(before.text, after.text) is not None
            and _cut_between_syllables(*_pieces(before.text, after.text), self)
        )
        self.hyphenates = cut >= _HYPHENATING_PAGE


def _join_lines(text: str, following: str, vocabulary: _Vocabulary) -> str:
    if (
        text.endswith("*")
        and following.startswith("*")
        and not text.endswith("**")
        and not following.startswith("**")
    ):
        # One italic run over a line break: "*Joint U.S.-Korea*" + "*Academic*".
        text, following = text[:-1], following[1:]
    if text.endswith("-") and not text.endswith(" -"):
        if _is_split_word(text, following, vocabulary):
            return text[:-1] + following
        return text + following
    if text.endswith(("—", "/")) or (text.endswith("–") and not text.endswith(" –")):
        return text + following
    return f"{text} {following}"


def _is_split_word(text: str, following: str, vocabulary: _Vocabulary) -> bool:
    """Decide whether "alli-" + "ance" is one word cut by hyphenation.

    The hyphen goes only when it follows a lowercase letter, the next line starts
    in lowercase, the piece before it is not already part of a compound
    ("state-of-the-"), and the document does not show the pair as a compound:
    the hyphenated form written elsewhere ("export-control") or a first element
    known to make compounds ("long-standing"), or both pieces standing alone as
    words elsewhere ("policy-relevant"). A joined form seen elsewhere wins.
    """
    pieces = _pieces(text, following)
    if pieces is None:
        return False
    head, tail = pieces
    if f"{head}-{tail}" in vocabulary.compounds:
        return False
    if head + tail in vocabulary.words:
        return True
    if head in _COMPOUND_HEADS or tail in _COMPOUND_TAILS:
        return False
    if _cut_between_syllables(head, tail, vocabulary):
        return True
    if not vocabulary.hyphenates:
        # A browser hyphenates only where the page asks it to: on a page that
        # cuts no word, two pieces that could be words ("electric-" /
        # "vehicle") are a compound.
        return False
    known_pieces = head in vocabulary.words and tail in vocabulary.words
    return not (len(head) >= 3 and len(tail) >= 3 and known_pieces)


def _pieces(text: str, following: str) -> tuple[str, str] | None:
    """The two pieces of a word broken at a line end's hyphen, lower-cased."""
    if not text.endswith("-") or text.endswith(" -"):
        return None
    last_token = text.rsplit(" ", 1)[-1][:-1]
    if not (last_token[-1:].islower() and following[:1].islower()):
        return None
    if "-" in last_token:
        return None
    head = re.sub(r"^[^A-Za-z]+", "", last_token).lower()
    tail = re.match(r"[A-Za-z]*", following).group(0).lower()
    return head, tail


def _cut_between_syllables(head: str, tail: str, vocabulary: _Vocabulary) -> bool:
    """A piece that cannot stand alone ("alli-" / "ance", "govern-" / "ment"),
    or the joined word written elsewhere: a word cut by hyphenation."""
    return (
        head + tail in vocabulary.words
        or len(head) < 3
        or len(tail) < 3
        or bool(_WORD_ENDING.match(tail))
    )


# Cut words that show a page hyphenates.
_HYPHENATING_PAGE = 2


# How the second piece of a word cut between syllables begins: an ending that
# is no word on its own.
_WORD_ENDING = re.compile(
    r"(?:ment|tion|sion|ance|ence|ancy|ency|ing|ity|ities|ness|ous|ive|ively|ical"
    r"|ally|able|ably|ible|ibly|ism|ist|ists|ize|ized|ise|ised|ization|isation"
    r"|ial|ian|ure|ures|ward|ship|ties|ted|ded|ered|ated|ating|ation|ations|ary"
    r"|ory|ery|ular|eous|ious|uous|ant|ent|ents|ants|ic|ics|ics|ly|er|ers|est)s?$"
)
