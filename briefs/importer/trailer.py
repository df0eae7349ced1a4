"""The tail of a post: the disclosure, the image credit and the bios."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefs.person_names import split_name

from .bylines import ROLE_WORD, is_role
from .export_format import (
    ABOUT_LABEL,
    CAPTION_WITH_CREDIT,
    CATEGORY_LINE,
    POST_END,
    is_about_label,
)
from .records import ParsedAuthor
from .text import ANY_LINK, clean, ends_sentence, reduce_links, unwrapped

if TYPE_CHECKING:
    from .body import Piece

_FARA_PATTERN = re.compile(
    r"\bFARA\b|Foreign\s+Agents?\s+Registration\s+Act", re.IGNORECASE
)


# "Feature image from ...", "Photo credit: ...", "Cover photo by ...", "Image
# courtesy of ...", "Illustration via ...", "Credit: ...", "(Photo: ...)",
# "Main image: ...", "Header photo © ...".
_IMAGE_CREDIT = re.compile(
    r"^(?P<open>\()?(?:(?:(?:Feature[d]?|Cover|Header|Hero|Lead|Top|Banner|Main)\s+)?"
    r"(?:image|photo|photograph|picture|illustration|graphic|artwork|book\s+cover"
    r"|cover\s+art)"
    r"(?:\s+(?:credits?|sources?))?\s*(?:from|by|courtesy(?:\s+of)?|via|:|©|[–—])"
    r"|(?:Photo\s+|Image\s+)?Credits?\s*[:–—]"
    # "Photo of a rally in Seoul from Yonhap.": what it shows, then whose it is.
    r"|(?:Photo|Photograph|Image|Picture)\s+of\s+[^.!?]{3,150}\s+"
    r"(?:from|by|courtesy(?:\s+of)?|via)\b"
    # "© Yonhap": a picture's owner; "© 2024 KEI. All rights reserved." is the
    # site's own notice.
    r"|©(?!\s*\d{4})(?!.*rights\s+reserved)(?=\s*[A-Z]))"
    r"\s*(?P<credit>.*?)\.?(?(open)\))$",
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


_BIO_VERBS = r"is|was|serves|served|has|holds|leads|directs"
_BIO_VERB = rf"(?:\s*\([^()]*\))?(?:\s+(?:{_BIO_VERBS})\b|,)"


@dataclass
class _Tail:
    disclosure: list[str] = field(default_factory=list)
    credit: str = ""
    bio_paragraphs: list[str] = field(default_factory=list)


# The label in the words of 28 CFR 5.402(b), which need not name the Act: "This
# material is distributed by X on behalf of Y. Additional information is on
# file with the Department of Justice, Washington, D.C."
_REGULATION_LABEL = re.compile(
    r"\bdistributed\s+by\b[^.]{0,200}?\bon\s+behalf\s+of\b.{0,400}?"
    r"\bDepartment\s+of\s+Justice\b",
    re.IGNORECASE | re.DOTALL,
)


def mentions_fara(text: str) -> bool:
    # A case-insensitive search with alternation is slow over long paragraphs;
    # almost none name either word, so a plain substring test goes first.
    lowered = text.lower()
    regulation_words = "on behalf of" in lowered and "department of justice" in lowered
    if regulation_words and _REGULATION_LABEL.search(text):
        return True
    if "fara" not in lowered and "foreign" not in lowered:
        return False
    return _FARA_PATTERN.search(text) is not None


def drop_opening_views_note(pieces: list[Piece], warnings: list[str]) -> None:
    """ "Views expressed in this post are the author's own ..." over the text
    (sometimes run into its first sentence): a disclaimer, not the post."""
    if not pieces or pieces[0].kind != "para":
        return
    text = pieces[0].text
    note = _VIEWS_DISCLAIMER.match(text)
    if note is None or not note.group().rstrip().endswith((".", "!", "?")):
        return
    warnings.append(
        f"dropped the views disclaimer over the text: {note.group()[:60]!r}"
    )
    rest = text[note.end() :].strip()
    if rest:
        pieces[0].text = rest
    else:
        del pieces[0]


def tail_kind(text: str) -> str:
    if mentions_fara(text):
        return "disclosure"
    # "*Photo from ...*": a credit set in italics.
    if _IMAGE_CREDIT.match(unwrapped(text)):
        return "credit"
    if POST_END.match(text):
        return "return"
    if _VIEWS_DISCLAIMER.match(text):
        return "views"
    return ""


def separate_tail(
    pieces: list[Piece], authors: list[ParsedAuthor], warnings: list[str]
) -> tuple[list[Piece], _Tail]:
    tail = _Tail()
    roles = ["body"] * len(pieces)
    for index, piece in enumerate(pieces):
        if tail_kind(piece.text) == "return":
            roles[index] = "return"
            warnings.append("dropped a stray 'Return to the Peninsula' line")

    sole = len(authors) == 1
    name_patterns = [_bio_start_pattern(author.name, sole) for author in authors]

    names = [author.name for author in authors]

    def bio_like(piece: Piece) -> bool:
        text = bio_as_read(piece.text, names)
        named = any(pattern.match(text) for pattern in name_patterns)
        # A bio just before the image credit reads as the picture's caption;
        # bios may be set as a list, one item an author, or in indented boxes
        # that a PDF shows as quotes.
        named_kinds = ("caption", "item", "quote")
        return (piece.kind == "para" or (piece.kind in named_kinds and named)) and (
            named or tail_kind(text) == "views"
        )

    def bio_label(piece: Piece) -> bool:
        return is_about_label(piece.text) or _is_name_label(piece.text, names)

    # An author's box may follow the statement ("About Lena Whitford" over the
    # bio): the bios' own, not the statement's second half.
    disclosure_indexes = _disclosure_indexes(
        pieces, roles, lambda piece: bio_like(piece) or bio_label(piece)
    )
    if disclosure_indexes:
        for index in disclosure_indexes:
            roles[index] = "disclosure"
            tail.disclosure.append(_without_site_notice(pieces[index].text, warnings))
        if len(disclosure_indexes) > 1:
            warnings.append(
                f"joined the disclosure from {len(disclosure_indexes)} paragraphs"
            )
    else:
        warnings.append("no FARA disclosure found")

    _split_off_glued_bio(pieces, roles, name_patterns, warnings)
    _split_off_glued_credit(pieces, roles, warnings)

    # "About the Author(s)" over the bios labels them; it is not a heading of
    # the body.
    for index in range(len(pieces) - 1, 0, -1):
        if roles[index] == "body" and bio_like(pieces[index]):
            _drop_about_label(pieces, roles, index, warnings)
            break

    # The feature image's credit is in the tail: a "Photo: ..." line with body
    # text after it credits a figure of the body, not the feature image.
    for index in range(len(pieces) - 1, -1, -1):
        if roles[index] != "body" or _is_trailing_categories(pieces[index]):
            continue
        if tail_kind(pieces[index].text) == "credit":
            roles[index] = "credit"
            tail.credit = pieces[index].text
            break
        if not (bio_like(pieces[index]) or bio_label(pieces[index])):
            break

    if not tail.credit:
        _credit_of_opening_picture(pieces, roles, tail, warnings)

    first_bio = None
    for index in range(len(pieces) - 1, -1, -1):
        if roles[index] != "body" or _is_trailing_categories(pieces[index]):
            continue
        piece = pieces[index]
        if first_bio is not None and _is_name_label(piece.text, names):
            # An author card's name over its bio ("Nam Ji-hoon", then "Nam ...").
            roles[index] = "label"
            warnings.append(f"dropped the name over a bio: {piece.text!r}")
            first_bio = index
            continue
        if first_bio is not None and _is_card_role(piece, pieces, index, names):
            # ... and the role under the name ("Director, Trade Policy").
            roles[index] = "label"
            warnings.append(f"dropped the role over a bio: {piece.text!r}")
            first_bio = index
            continue
        if not bio_like(piece):
            break
        roles[index] = "bio"
        first_bio = index
        tail.bio_paragraphs.insert(0, piece.text)
    if first_bio is not None:
        # Over name labels too, which the first look did not know yet.
        _drop_about_label(pieces, roles, first_bio, warnings)

    body = [piece for piece, role in zip(pieces, roles, strict=True) if role == "body"]
    return body, tail


def _last_body_paragraph(
    pieces: list[Piece], roles: list[str], *, past_credits: bool
) -> int | None:
    """The index of the body's last paragraph, before the trailing categories
    (and the credit, ``past_credits``), or None when the body ends otherwise."""
    index = len(pieces) - 1
    while index >= 0 and (
        roles[index] != "body"
        or _is_trailing_categories(pieces[index])
        or (past_credits and tail_kind(pieces[index].text) == "credit")
    ):
        index -= 1
    return index if index >= 0 and pieces[index].kind == "para" else None


# Where a sentence ends and the next begins.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?”’\"])\s+(?=[A-Z])")
# The body's last paragraph is a sentence at least: a title's "Dr." is not one.
_GLUED_TEXT_WORDS = 6
_STRONG_BIO_VERB = re.compile(r"\s(?:is|was|serves)$", re.IGNORECASE)


def _split_off_glued_bio(
    pieces: list[Piece],
    roles: list[str],
    name_patterns: list[re.Pattern[str]],
    warnings: list[str],
) -> None:
    """The bio glued to the body's last paragraph ("... of the Pacific. Choi
    Ji-hoon is a Fellow at ..."), set apart: a print whose last paragraph ends
    at the foot of a page and whose bio opens the next shows no break between
    them, and a pasted export may lose it."""
    index = _last_body_paragraph(pieces, roles, past_credits=True)
    if index is None:
        return
    text = pieces[index].text
    if any(pattern.match(plain_bio(text)) for pattern in name_patterns):
        return  # a bio of its own ("Dr. Jane Roe is ...")
    for boundary in _SENTENCE_BREAK.finditer(text):
        rest = text[boundary.end() :]
        if len(text[: boundary.start()].split()) < _GLUED_TEXT_WORDS:
            continue
        opening = next((found for p in name_patterns if (found := p.match(rest))), None)
        if opening is None or not _STRONG_BIO_VERB.search(opening.group(0)):
            continue
        glued = pieces[index]
        glued.text = text[: boundary.start()]
        # (Piece, from .body, imports this module: a copy of the paragraph.)
        bio = replace(glued, text=rest, line_count=1, line_lengths=[], spaced=False)
        pieces.insert(index + 1, bio)
        roles.insert(index + 1, "body")
        warnings.append(f"set apart a bio glued to the last paragraph: {rest[:60]!r}")
        return


def _split_off_glued_credit(
    pieces: list[Piece], roles: list[str], warnings: list[str]
) -> None:
    """The image credit run into the paragraph before it ("... the author's
    alone. Photo from Yonhap."), set apart: a print may show no break between
    a bio and the credit under it."""
    index = _last_body_paragraph(pieces, roles, past_credits=False)
    if index is None:
        return
    text = unwrapped(pieces[index].text)
    for boundary in _SENTENCE_BREAK.finditer(text):
        rest = text[boundary.end() :]
        if _IMAGE_CREDIT.match(rest) and len(rest) <= _GLUED_CREDIT_LIMIT:
            pieces[index].text = text[: boundary.start()]
            credit = replace(
                pieces[index], text=rest, line_count=1, line_lengths=[], spaced=False
            )
            pieces.insert(index + 1, credit)
            roles.insert(index + 1, "body")
            warnings.append(f"set apart a credit glued to its paragraph: {rest!r}")
            return


_GLUED_CREDIT_LIMIT = 200


def _credit_of_opening_picture(
    pieces: list[Piece], roles: list[str], tail: _Tail, warnings: list[str]
) -> None:
    """A caption with a credit over the first paragraph belongs to the picture
    at the head of the page ("Managers drive back across the border. Photo:
    Yonhap"), when the tail credits none: its credit is the feature image's.
    The page may set a standfirst over the picture: the caption is then next."""
    first = next(
        (
            i
            for i, role in enumerate(roles)
            if role == "body" and not pieces[i].standfirst
        ),
        None,
    )
    if first is None or pieces[first].kind != "caption":
        return
    captioned = CAPTION_WITH_CREDIT.match(pieces[first].text)
    if captioned is not None:
        credit = captioned.group("credit")
    elif _IMAGE_CREDIT.match(unwrapped(pieces[first].text)):
        # "Image: Yonhap News Agency" under the picture, with no caption.
        credit = pieces[first].text
    else:
        return
    roles[first] = "credit"
    tail.credit = credit
    warnings.append(
        "took the feature image's credit from the caption over the first "
        f"paragraph, and left the caption out: {pieces[first].text[:80]!r}"
    )


def _drop_about_label(
    pieces: list[Piece], roles: list[str], first: int, warnings: list[str]
) -> None:
    """ "About the Author(s)" just over the bios labels them: not body text."""
    if first == 0 or roles[first - 1] != "body":
        return
    label = pieces[first - 1]
    if is_about_label(label.text):
        roles[first - 1] = "label"
        warnings.append(f"dropped the label over the bios: {label.text!r}")


def _is_trailing_categories(piece: Piece) -> bool:
    """ "Posted in North Korea, Economy" under the post: read as its categories
    later (parse.categories_after_body), passed over in the tail."""
    return CATEGORY_LINE.match(piece.text) is not None


_CARD_ROLE_LIMIT = 80


def _is_card_role(piece: Piece, pieces: list[Piece], index: int, names) -> bool:
    """A short line naming a job, between an author's name and the bio."""
    text = clean(_EMPHASIS.sub("", piece.text))
    return (
        len(text) <= _CARD_ROLE_LIMIT
        and not ends_sentence(text)
        and is_role(text)
        and index > 0
        and _is_name_label(pieces[index - 1].text, names)
    )


def _is_name_label(text: str, names: list[str]) -> bool:
    """ "Lena Whitford", "**Lena Whitford:**", "About Lena Whitford" over a bio."""
    shown = clean(_EMPHASIS.sub("", text)).rstrip(":").casefold()
    shown = re.sub(r"^(?:#+\s*)?about\s+", "", shown)
    return any(shown == name.casefold() for name in names)


# The site's footer printed on the statement's last line: "... Washington, D.C.
# © 2015 Korea Economic Institute of America · ... · Proudly powered by WordPress".
_SITE_NOTICE = re.compile(r"\s(?:Copyright\s*)?(?:©|\(c\))\s*\d{4}\b.*$", re.I)


def _without_site_notice(text: str, warnings: list[str]) -> str:
    notice = _SITE_NOTICE.search(text)
    if notice is None:
        return text
    warnings.append(
        f"dropped the site's notice after the disclosure: {notice.group().strip()!r}"
    )
    return text[: notice.start()]


def _disclosure_indexes(
    pieces: list[Piece], roles: list[str], of_the_bios
) -> list[int]:
    """The last paragraph naming FARA and what follows it, when that is all tail
    (what ``of_the_bios`` tells is a bio or its label stays theirs)."""
    mentions = [
        index
        for index, piece in enumerate(pieces)
        if roles[index] == "body" and mentions_fara(piece.text)
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
        if roles[index] == "body"
        and tail_kind(pieces[index].text) != "credit"
        and not _is_trailing_categories(pieces[index])
        and not of_the_bios(pieces[index])
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


def _is_leading_statement(piece) -> bool:
    """A first paragraph that is the label itself, not an article about FARA."""
    return piece.kind == "para" and bool(_REGISTRANT_STATEMENT.search(piece.text))


# Emphasis markers at a word's edge: "*Name is ...*", "**Name** is ...".
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_])")


_NAME_LABEL = re.compile(r"^([*_]{1,3})(?P<name>[^*_\n]{2,80})\1\s+(?=(?P=name)\b)")


def plain_bio(text: str) -> str:
    """A bio as a reader reads it: a bio set in italics or bold, or with the
    name linked to the author's page, starts with the name all the same; a
    run-in "About the author:" label is not part of it."""
    text = reduce_links(text, keep_real_targets=False)
    # A name set as the bio's label, "**Lee Ji-won**" over "Lee Ji-won is ...".
    text = _NAME_LABEL.sub("", text)
    text = clean(_EMPHASIS.sub("", text))
    # A bio set off by a dash: "— Seo Ha-eun is ...".
    text = re.sub(r"^[—–-]\s+", "", text)
    label = ABOUT_LABEL.match(text)
    return text[label.end() :].lstrip() if label and label.end() < len(text) else text


def bio_as_read(text: str, names: list[str]) -> str:
    """A bio paragraph as its sentences name the authors: emphasis, links and
    labels off, an author card and a "respectively" sentence written out."""
    return unpack_respectively(card_as_bio(plain_bio(text), names), names)


def card_as_bio(text: str, names: list[str]) -> str:
    """An author card, the name over the role ("Hannah Lindqvist" / "Fellow,
    East Asia Program, the Stimson Center"), read as "Name, role"."""
    for name in names:
        if not text.casefold().startswith(name.casefold() + " "):
            continue
        rest = text[len(name) :].strip()
        if re.search(rf"\b(?:{_BIO_VERBS})\b", rest):
            return text
        if is_role(rest.split(",")[0]):
            return f"{name}, {rest}"
    return text


# "A and B are X and Y at Z, respectively.": one sentence, a bio for each name.
_RESPECTIVELY = re.compile(
    r"(?:^|(?<=[.!?]\s))(?P<names>(?:[^.!?]|(?<=\b[A-Z])\.)+?)\s+are\s+(?P<roles>[^!?]+?),?\s+respectively\s*\.",
    re.I,
)
# Roles are cut where an article opens the next one ("X at Z and a Y at W"),
# so an "and" inside an institution's name stays whole.
_NEXT_ROLE = re.compile(r",?\s+and\s+(?=(?:a|an|the)\s)|,\s+(?=(?:a|an|the)\s)", re.I)
_NAME_LIST = re.compile(r",\s*and\s+|,\s*|\s+and\s+|\s*&\s*")


def unpack_respectively(text: str, names: list[str]) -> str:
    """The sentence written out as one per name ("A is X at Z. B is Y at Z."),
    when its names are the post's authors; the text unchanged otherwise."""
    known = {_loose_key(name) for name in names}

    def unpack(match: re.Match[str]) -> str:
        people = [part for part in _NAME_LIST.split(match["names"].strip()) if part]
        if len(people) < 2 or any(_loose_key(p) not in known for p in people):
            return match.group(0)
        roles = _NEXT_ROLE.split(match["roles"])
        if len(roles) != len(people):
            roles = re.split(r"\s+and\s+", match["roles"])
        if len(roles) != len(people):
            return match.group(0)
        # "X and Y at Z": the place named once serves every role before it.
        place = re.search(r"\s(?:at|of|with|in)\s.+$", roles[-1])
        if place and not any(
            re.search(r"\s(?:at|of|with|in)\s", r) for r in roles[:-1]
        ):
            roles = [role + place.group(0) for role in roles[:-1]] + [roles[-1]]
        return " ".join(
            f"{person} is {role.strip()}."
            for person, role in zip(people, roles, strict=True)
        )

    return _RESPECTIVELY.sub(unpack, text)


def _loose_key(name: str) -> str:
    base = unicodedata.normalize("NFKD", name)
    return "".join(c for c in base if c.isalnum()).lower()


# "A former correspondent in Seoul, Jane Roe is ...": a phrase before the name.
_APPOSITIVE = r"(?:(?:An?|The)\s+[^.!?,;]{3,120},\s+)?"


# Pure in its arguments, and asked for the same authors by the head (a bio under
# the byline), the tail and the bios' attachment: built once per name.
@functools.lru_cache(maxsize=1024)
def _bio_start_pattern(name: str, sole: bool = False) -> re.Pattern[str]:
    variants = {name, _name_without_gloss(name), _name_without_initials(name)}
    names = "|".join(
        _loose(variant) for variant in sorted(variants, key=len, reverse=True)
    )
    # "Ms. Roe is ...": a title before the family name alone.
    family = split_name(_name_without_gloss(name)).family
    by_title = ""
    if family and family != name and " " not in family.strip():
        by_title = rf"|{_TITLE_BEFORE_FAMILY_NAME}{_loose(family)}"
        # "Roe is a senior fellow at ...": the family name alone, when a role
        # follows (a Korea blog's "Kim is expected to ..." is about someone
        # else).
        by_title += rf"|(?-i:(?=[A-ZÀ-ÖØ-Þ])){_loose(family)}{_FAMILY_NAME_BIO}"
    # "The author is ...": a post with one author can only mean that one.
    unnamed = r"|The\s+author" if sole else ""
    return re.compile(
        rf"{_APPOSITIVE}(?:{_TITLES_BEFORE_NAME}(?:{names}){by_title}{unnamed})"
        rf"{_BIO_VERB}",
        re.IGNORECASE,
    )


_FAMILY_NAME_BIO = (
    r"(?=\s+(?:is|was|serves)\s+(?:as\s+)?(?:a|an|the)\s+(?:[^\s.]+\s+){0,6}?"
    rf"(?:{ROLE_WORD})s?\b)"
)
_TITLE_BEFORE_FAMILY_NAME = (
    r"(?:Dr|Prof|Professor|Ambassador|Amb|Mr|Ms|Mrs|Gen|General|Adm|Admiral)\.?\s+"
)


def _accented_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if base.isascii() and base.isalpha() and char.lower() != base:
            forms[base] = forms.get(base, "") + char
    return forms


_ACCENTED = _accented_forms()


def _loose(name: str) -> str:
    """A pattern for the name with or without its accents ("José", "Jose") and
    with any apostrophe ("O'Neil", "O’Neil")."""
    parts = []
    for char in name:
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if char in "'’":
            parts.append("['’]")
        elif base in _ACCENTED:
            parts.append(f"[{re.escape(base + _ACCENTED[base])}]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def _name_without_gloss(name: str) -> str:
    """ "Lee Jae-myung (이재명)" -> "Lee Jae-myung"."""
    return clean(re.sub(r"\([^()]*\)", "", name)) or name


def _name_without_initials(name: str) -> str:
    """ "Victor D. Cha" -> "Victor Cha", for bios that drop the middle initial."""
    core = _name_without_gloss(name)
    return clean(re.sub(r"(?<=\s)[A-Z]\.(?=\s)", "", core)) or core


def is_bio_of(text: str, names: list[str]) -> bool:
    """A paragraph that opens as a bio of one of these authors."""
    read = bio_as_read(text, names)
    sole = len(names) == 1
    return any(_bio_start_pattern(name, sole).match(read) for name in names)


def attach_bios(
    authors: list[ParsedAuthor], paragraphs: list[str], warnings: list[str]
) -> list[ParsedAuthor]:
    bios: dict[str, list[str]] = {author.name: [] for author in authors}
    sole = len(authors) == 1
    patterns = {a.name: _bio_start_pattern(a.name, sole) for a in authors}
    names = [author.name for author in authors]
    for paragraph in paragraphs:
        text = bio_as_read(paragraph, names)
        text = _shared_bios(text, names, bios)
        for name, sentences in _bio_segments(text, patterns):
            text = clean(_VIEWS_DISCLAIMER.sub(" ", sentences))
            if text:
                bios[name].append(text)
    result = []
    for author in authors:
        bio = " ".join(bios[author.name])
        if not bio:
            warnings.append(f"no bio found for {author.name}")
        result.append(replace(author, bio=bio))
    return result


def _shared_bios(text: str, names: list[str], bios: dict[str, list[str]]) -> str:
    """ "Marcus Till and Yuna Oh are Research Interns at KEI.": one sentence,
    the bio of both; the text without it."""
    for first in names:
        for second in names:
            if first == second:
                continue
            shared = re.search(
                rf"(?:^|(?<=[.!?]\s)){re.escape(first)}\s+and\s+{re.escape(second)}"
                r"\s+are\s+(?!.*\brespectively\b)[^.!?]+[.!?]",
                text,
            )
            if shared:
                bios[first].append(shared.group())
                bios[second].append(shared.group())
                text = (text[: shared.start()] + text[shared.end() :]).strip()
    return text


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
        segments.append((name, _own_sentence(paragraph[start:end])))
    return segments


def _own_sentence(segment: str) -> str:
    """ "A is a scholar in Lyon and" -> "A is a scholar in Lyon.": a bio cut
    from a shared sentence reads as a sentence of its own."""
    text = segment.rstrip()
    trimmed = _JOINS_A_SECOND_BIO.sub("", text).rstrip(" ,;")
    if trimmed == text:
        return segment
    return trimmed if trimmed[-1:] in ".!?" else f"{trimmed}."


# "A is a scholar in Lyon and B is a Fellow at ...": one sentence, two bios.
_JOINS_A_SECOND_BIO = re.compile(r"(?:[,;]|\band|\bwhile|\bwhereas)\s*$", re.I)


def _at_sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    if not before or before.rstrip("\"'”’)")[-1:] in {".", "!", "?"}:
        return True
    return bool(_JOINS_A_SECOND_BIO.search(before))


# "Cover image: <what it shows>. Source: <who made it>": the caption ran into
# the credit line; the credit is the source named at its end.
_SOURCE_AFTER_CAPTION = re.compile(
    r"^(?P<caption>.*?[.!?])\s+(?:Source|Photo|Image|Credit|Photo\s+credit)\s*:"
    r"\s*(?P<credit>[^:]+)$",
    re.IGNORECASE,
)
# What an editor writes where the credit is still to come: "TK" (to come),
# "TBD", "XXX", "[credit]", "IMAGE CREDIT".
_PLACEHOLDER_CREDIT = re.compile(
    r"\b(?:TK|TKTK|TBD|TBC|XXX+)\b|^\W*(?:image\s+|photo\s+)?credit\W*$"
    r"|\binsert\s+(?:image\s+|photo\s+)?credit\b",
)


def read_image_credit(paragraph: str, warnings: list[str]) -> tuple[str, str]:
    match = _IMAGE_CREDIT.match(unwrapped(paragraph))
    if match is None:
        return "", ""
    credit = match.group("credit").strip()
    url = ""
    for link in ANY_LINK.finditer(credit):
        if link.group("target") not in ("", "#"):
            url = link.group("target")
            break
    credit = clean(reduce_links(credit, keep_real_targets=False))
    credit = re.sub(r"\.$", "", credit).strip()
    captioned = _SOURCE_AFTER_CAPTION.match(credit)
    if captioned:
        warnings.append(
            "left the caption out of the image credit: "
            f"{captioned.group('caption')[:80]!r}"
        )
        credit = captioned.group("credit").strip()
    # "from the Prime Minister's Office": the sentence's article, not the
    # owner's; "The White House" keeps its own.
    credit = re.sub(r"^the\s+", "", credit)
    if _PLACEHOLDER_CREDIT.search(credit):
        warnings.append(f"image credit left empty: it is a placeholder: {credit!r}")
        return "", ""
    return clean(credit), url
