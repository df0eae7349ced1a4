"""The body of a post: paragraphs, items and headings, and their Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .export_format import CAPTION_WITH_CREDIT, is_about_label
from .text import (
    ANY_LINK,
    clean,
    cut_at_sentence,
    ends_sentence,
    is_title_case,
    plain_text,
    reduce_links,
    sentence_ends,
    unwrapped,
)
from .trailer import tail_kind

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
# Headings of a notes section; the numbered lines under one are its notes.
NOTES_HEADINGS = {
    "notes",
    "endnotes",
    "end notes",
    "footnotes",
    "references",
    "sources",
    "bibliography",
    "works cited",
    "citations",
    "notes and references",
    "notes and sources",
    "sources and notes",
}
_KNOWN_HEADINGS |= NOTES_HEADINGS
# "[1] Text of the note" (or "1. Text", "(1) Text", "^1 Text", "¹ Text" under a
# notes heading).
_NOTE_LINE = re.compile(r"^\[(?P<number>\d{1,3})\]\s*(?P<text>\S.*)$")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A note's number written "(1)", "^1" or "¹".
_MARKER = (
    r"(?:\((?P<paren>\d{1,3})\)|\^(?P<caret>\d{1,3})(?!\d)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))"
)
_MARKED_NOTE = re.compile(rf"^{_MARKER}\s*(?P<text>\S.*)$")


def _mark_spaced(blanks_before: list[tuple[Piece, int]]) -> None:
    """Mark the pieces set apart by more blank lines than the export's usual.

    An export that leaves two blank lines between all its paragraphs breaks a
    paragraph with two as well; only a wider break than its own is meant.
    """
    counts = sorted(blanks for _, blanks in blanks_before[1:] if blanks)
    usual = max(1, counts[len(counts) // 2]) if counts else 1
    for piece, blanks in blanks_before:
        piece.spaced = blanks > usual


def _marker_number(match: re.Match[str]) -> int:
    written = match["paren"] or match["caret"] or match["sup"]
    return int(written.translate(_SUPERSCRIPT_DIGITS))


_NUMBERED_TEXT = re.compile(r"^\[?(?P<number>\d{1,3})[.)\]]\s+(?P<text>\S.*)$")
# Short lines that caption a figure, table or photo, or give its source.
_CAPTION = re.compile(
    r"^(?:(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit)\s+\d{1,3}[a-z]?\b"
    r"|(?:Source|Sources|Photo|Image|Credit|Note|Data)\s*:)",
    re.IGNORECASE,
)
_CAPTION_LIMIT = 200
# Caption lines that credit a picture or give a figure's source: the short line
# next to one is the picture's or figure's own caption.
_CREDIT_CAPTION = re.compile(
    r"^\(?(?:Photo|Photograph|Image|Picture|Credit|Source|Sources|Data)\s*:", re.I
)
_SOURCE_CAPTION = re.compile(r"^\(?(?:Source|Sources|Data)\s*:", re.I)
# A figure's label with nothing after it ("Chart 1", "Figure 2:"), its title on
# the next line.
_BARE_FIGURE_LABEL = re.compile(
    r"^(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit)\s+\d{1,3}[a-z]?[.:]?$", re.I
)
# How long the short line next to a credit may be, and still be a caption.
_NEIGHBOUR_CAPTION_LIMIT = 160
# A Markdown pipe table: rows between pipes, the second row a delimiter row.
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_DELIMITER = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
_QUOTE_LINE = re.compile(r"^>\s?(?P<text>.*)$")

# "... is part of (belongs to) a limited series ...", or "... published in the
# Spring 2024 issue of KEI's journal Korea Policy (Vol. 2, No. 1)".
SERIES_NOTE = re.compile(
    r"\b(?:part\s+of|belongs\s+to|one\s+of)\s+(?:a|an|the|our)\b[^.]{0,80}?\bseries\b"
    r"|\b(?:issue|volume|edition)\s+of\s+[^.]{0,60}?\bjournal\b",
    re.I,
)


@dataclass
class Piece:
    """A paragraph, list item or heading of a post body, still in raw Markdown."""

    # "para", "item", "heading", "caption", "table", "quote" or "note"
    kind: str
    text: str
    marker: str = ""
    line_count: int = 1
    # Two or more blank lines before the piece: a break the source meant (the PDF
    # reader writes one after a list), never export damage to heal.
    spaced: bool = False
    # The standfirst set under the title, kept as the body's opening.
    standfirst: bool = False
    # Its lines' lengths: a card's lines are all short, a hard-wrapped
    # paragraph's are long but for the last.
    line_lengths: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.line_lengths = self.line_lengths or [len(self.text)]

    def add_line(self, line: str, separator: str = " ") -> None:
        self.text += separator + line
        self.line_count += 1
        self.line_lengths.append(len(line))


def tab_tables_as_pipes(lines: list[str], warnings: list[str]) -> list[str]:
    """Rows of cells set apart by tabs (a spreadsheet pasted into the post) as the
    rows of a pipe table: two rows or more with the same number of cells."""
    result: list[str] = []
    index = 0
    while index < len(lines):
        rows: list[list[str]] = []
        while index + len(rows) < len(lines):
            cells = _tab_cells(lines[index + len(rows)])
            if cells is None or (rows and len(cells) != len(rows[0])):
                break
            rows.append(cells)
        if len(rows) < 2:
            result.append(lines[index])
            index += 1
            continue
        result.extend("| " + " | ".join(cells) + " |" for cells in rows)
        first_row = clean(lines[index])[:40]
        warnings.append(
            f"read {len(rows)} tab-separated rows as a table: {first_row!r}"
        )
        index += len(rows)
    return result


def _tab_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if "\t" not in stripped:
        return None
    cells = [clean(cell).replace("|", "\\|") for cell in re.split(r"\t+", stripped)]
    return cells if len(cells) >= 2 and all(cells) else None


# The pieces whose text a hard-wrapped line goes on.
_WRAPPABLE = ("para", "item", "note")


def split_pieces(lines: list[str], warnings: list[str] | None = None) -> list[Piece]:
    """Group body lines into paragraphs, items, headings, captions, tables, block
    quotes and notes."""
    warnings = warnings if warnings is not None else []
    pieces: list[Piece] = []
    after_blank = True
    in_notes = False
    blanks = 0
    blanks_before: list[tuple[Piece, int]] = []
    for line in _without_back_links(lines, warnings):
        if not line:
            after_blank = True
            blanks += 1
            continue
        count_before = len(pieces)
        previous = pieces[-1] if pieces else None
        item = _LIST_MARKER.match(line)
        markdown_heading = _MARKDOWN_HEADING.match(line)
        note = _NOTE_LINE.match(line)
        quote = _QUOTE_LINE.match(line)
        if _TABLE_ROW.match(line):
            if previous is not None and previous.kind == "table" and not after_blank:
                previous.add_line(line, "\n")
            else:
                pieces.append(Piece("table", line))
        elif quote:
            if previous is not None and previous.kind == "quote" and not after_blank:
                previous.add_line(quote.group("text"))
            else:
                pieces.append(Piece("quote", quote.group("text")))
        elif note and in_notes:
            pieces.append(Piece("note", note.group("text"), f"{note['number']}."))
        elif in_notes and (marked := _MARKED_NOTE.match(line)):
            number = _marker_number(marked)
            pieces.append(Piece("note", marked["text"], f"{number}."))
        elif item and in_notes and item.group("marker")[0].isdigit():
            number = item.group("marker")[:-1]
            pieces.append(Piece("note", item.group("text"), f"{number}."))
        elif item and in_notes and (numbered := _NUMBERED_TEXT.match(item["text"])):
            # "- 1. Text": a bullet put before the note's own number.
            pieces.append(Piece("note", numbered["text"], f"{numbered['number']}."))
        elif item:
            pieces.append(Piece("item", item.group("text"), item.group("marker")))
        elif markdown_heading:
            level = max(2, len(markdown_heading.group("hashes")))
            pieces.append(Piece("heading", markdown_heading.group("text"), "#" * level))
            in_notes = _is_notes_heading(markdown_heading.group("text"))
        elif is_known_heading(line):
            pieces.append(Piece("heading", line.rstrip(":").strip(), "##"))
            in_notes = _is_notes_heading(line)
        elif (
            not after_blank
            and previous is not None
            and previous.kind == "para"
            and _is_caption(joined := f"{previous.text} {line}")
        ):
            # A caption a hard-wrapped export broke over lines.
            previous.kind = "caption"
            previous.add_line(line)
            warnings.append(f"read a caption as its own paragraph: {joined[:60]!r}")
        elif _is_caption(line):
            pieces.append(Piece("caption", line))
            warnings.append(f"read a caption as its own paragraph: {line[:60]!r}")
        elif (
            not after_blank
            and previous is not None
            and previous.kind == "caption"
            and line[0].islower()
        ):
            # The caption's own line wrapped ("Figure 1. Exports by" /
            # "destination, 2015-2020").
            previous.add_line(line)
        elif after_blank or not pieces or pieces[-1].kind not in _WRAPPABLE:
            pieces.append(Piece("para", line))
        else:
            # A wrapped line: Markdown would read it as part of the same block
            # (a hard-wrapped export breaks items and notes as it breaks text).
            pieces[-1].add_line(line)
        if len(pieces) > count_before:
            blanks_before.append((pieces[-1], blanks))
        after_blank = False
        blanks = 0
    _mark_spaced(blanks_before)
    _captions_beside_credits(pieces, warnings)
    for number, piece in enumerate(pieces):
        previous = pieces[number - 1] if number else None
        if (
            piece.kind == "para"
            and piece.line_count == 1
            and (
                _looks_like_heading(piece.text)
                or _lowered_question_heading(piece.text, previous)
            )
        ):
            piece.kind, piece.marker = "heading", "##"
            warnings.append(f"guessed a heading: {piece.text!r}")
            # "**The Trade Question**": the heading's level says what bold did.
            piece.text = unwrapped(piece.text)
        elif piece.kind == "table":
            _complete_table(piece, warnings)
    _one_word_headings(pieces, warnings)
    _markers_as_brackets(pieces, warnings)
    return pieces


# A section's text under a heading is a paragraph at least this long.
_SECTION_TEXT = 100


def _one_word_headings(pieces: list[Piece], warnings: list[str]) -> None:
    """ "Agriculture" between "Industrial Goods" and "Services and Beyond": a
    one-word line in capitals between finished paragraphs heads its section
    when the post has headings of its own (one word alone proves nothing)."""
    if not any(piece.kind == "heading" for piece in pieces):
        return
    for number in range(1, len(pieces) - 1):
        piece, before, after = pieces[number], pieces[number - 1], pieces[number + 1]
        word = piece.text
        if (
            piece.kind == "para"
            and piece.line_count == 1
            and word.isalpha()
            and len(word) >= 4
            and word[0].isupper()
            and before.kind == "para"
            and ends_sentence(before.text)
            and after.kind == "para"
            and len(after.text) >= _SECTION_TEXT
        ):
            piece.kind, piece.marker = "heading", "##"
            warnings.append(f"guessed a heading: {word!r}")


# A note's marker in the text written as "(1)", "^1" or "¹" right after a word
# or a stop: the page links "[1]" to the note.
_TEXT_MARKER = re.compile(rf"(?<=[\w.,;:!?”’\")]){_MARKER}")


def _markers_as_brackets(pieces: list[Piece], warnings: list[str]) -> None:
    numbers = {piece.marker for piece in pieces if piece.kind == "note"}
    if not numbers:
        return

    def bracketed(match: re.Match[str]) -> str:
        number = _marker_number(match)
        return f"[{number}]" if f"{number}." in numbers else match.group()

    changed = 0
    for piece in pieces:
        if piece.kind in ("para", "item", "quote"):
            text = _TEXT_MARKER.sub(bracketed, piece.text)
            changed += text != piece.text
            piece.text = text
    if changed:
        warnings.append(
            f"wrote note markers as [n], linked to the notes ({changed} paragraphs)"
        )


# A note's link back to its marker ("... for modules. ↩"): the page makes its
# own. A print can run the next note on after it ("↩ 2. ..."): split there.
_BACK_LINK = re.compile(r"\s*[↩⤴]\s*(?=(?:\[?\d{1,3}[.)\]]\s)|$)")


def _without_back_links(lines: list[str], warnings: list[str]) -> list[str]:
    result: list[str] = []
    for line in lines:
        if "↩" not in line and "⤴" not in line:
            result.append(line)
            continue
        parts = [part for part in _BACK_LINK.split(line) if part.strip()]
        warnings.append(f"dropped the notes' back-links: {line[:60]!r}")
        result.extend(parts or [""])
    return result


def _is_caption(text: str) -> bool:
    return (
        bool(_CAPTION.match(text) or CAPTION_WITH_CREDIT.match(text))
        and len(text) <= _CAPTION_LIMIT
    )


def _captions_beside_credits(pieces: list[Piece], warnings: list[str]) -> None:
    """A short line just before a picture's credit or a figure's source, or just
    after a bare figure label, is that picture's or figure's caption.

    Only a line short enough for a caption and with at most one sentence counts,
    and before a "Source:" only one that is not a sentence at all (a figure's
    title), and never a line that itself follows a caption: the text after a
    credit or source is the body resuming.
    """
    for index, piece in enumerate(pieces):
        if piece.kind != "para" or not _short_enough(piece):
            continue
        after = pieces[index + 1] if index + 1 < len(pieces) else None
        before = pieces[index - 1] if index > 0 else None
        credit_after = after is not None and after.kind == "caption"
        credit_after = credit_after and bool(_CREDIT_CAPTION.match(after.text))
        if credit_after and _SOURCE_CAPTION.match(after.text):
            credit_after = not ends_sentence(piece.text)
        # Text right after another caption is the body resuming; right after
        # "About the author", it is a bio.
        credit_after = credit_after and (
            before is None
            or (before.kind != "caption" and not is_about_label(before.text))
        )
        label_before = before is not None and before.kind == "caption"
        label_before = label_before and bool(_BARE_FIGURE_LABEL.match(before.text))
        if credit_after or label_before:
            piece.kind = "caption"
            warnings.append(
                f"read a caption next to a credit or figure label: {piece.text[:60]!r}"
            )


def _short_enough(piece: Piece) -> bool:
    text = piece.text
    if len(text) > _NEIGHBOUR_CAPTION_LIMIT or "](" in text or tail_kind(text):
        return False
    ends = list(sentence_ends(text))
    return len(ends) <= 1 and (not ends or ends[0] >= len(text.rstrip()) - 2)


def _is_notes_heading(text: str) -> bool:
    return text.rstrip(":").strip().lower() in NOTES_HEADINGS


def _complete_table(piece: Piece, warnings: list[str]) -> None:
    """A table needs its delimiter row; a lone row is a line of text."""
    rows = piece.text.split("\n")
    if len(rows) == 1:
        piece.kind = "para"
        return
    if not _TABLE_DELIMITER.match(rows[1].replace(" ", "")):
        columns = rows[0].count("|") - 1
        rows.insert(1, "|" + " --- |" * columns)
        warnings.append(f"added the header delimiter to a table: {rows[0][:60]!r}")
        piece.text = "\n".join(rows)


def is_known_heading(text: str) -> bool:
    return text.rstrip(":").strip().lower() in _KNOWN_HEADINGS


def _looks_like_heading(text: str) -> bool:
    if is_known_heading(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 10 or len(text) > 80:
        return False
    if text[-1] in ".,;:!" or "](" in text or tail_kind(text):
        return False
    # A question in Title Case ("Is the Model Worth Reviving?") heads a section;
    # a question in sentence case is the writer's own.
    return is_title_case(text.rstrip("?"))


def _lowered_question_heading(text: str, previous: Piece | None) -> bool:
    """ "what would joining actually cost?" alone after a finished sentence: a
    writer opens no sentence in lower case, and a paragraph broken mid-sentence
    leaves the previous piece unfinished, so this is a question heading whose
    capitals the page's style took away. A sentence-case question stays text."""
    if previous is None or previous.kind != "para" or not ends_sentence(previous.text):
        return False
    words = text.split()
    return (
        text[:1].islower()
        and text.endswith("?")
        and 2 <= len(words) <= 10
        and len(list(sentence_ends(text))) == 1
        and "](" not in text
    )


# A card's lines are a name, a role, an institution: short, whatever the width.
_CARD_LINE_LENGTH = 60


def is_card(piece: Piece) -> bool:
    """A block of two or more short lines: an author card, an address, a book's
    details."""
    lengths = piece.line_lengths
    wrapped = all(length >= _CARD_LINE_LENGTH for length in lengths[:-1])
    return (
        piece.line_count >= 2
        and len(piece.text) / piece.line_count <= _CARD_LINE_LENGTH
        and not wrapped
    )


def render_body(pieces: list[Piece]) -> str:
    rendered: list[str] = []
    previous_kind = ""
    in_notes = False
    for piece in pieces:
        text = reduce_links(piece.text, keep_real_targets=True)
        if piece.kind == "heading":
            block = f"{piece.marker} {text}"
            in_notes = _is_notes_heading(text)
        elif piece.kind == "table":
            block = text
        elif piece.kind == "quote":
            # A quote set wholly in italics (the page's style for quotes, as the
            # PDF shows it) is a quote, not an emphasis.
            block = f"> {unwrapped(text)}"
        elif piece.kind == "caption":
            block = f"*{text.strip('*')}*"
        elif piece.kind == "note":
            block = f"{piece.marker} {text}"
        elif piece.kind == "item":
            # "•" (a word processor's bullet) is no Markdown list marker.
            marker = "-" if piece.marker == "•" else piece.marker
            block = f"{marker} {_bold_item_head(text)}"
        elif is_card(piece) or in_notes:
            # A block of short lines (a book's title, authors and publisher), or
            # a reference under "References" ("Kim, Ha-eun. 2022. ..."), is no
            # paragraph with a run-in head.
            block = text
        else:
            block = _bold_run_in_head(text)
        tight = previous_kind == piece.kind and piece.kind in ("item", "note")
        separator = "\n" if tight else "\n\n"
        rendered.append((separator if rendered else "") + block)
        previous_kind = piece.kind
    return "".join(rendered)


# "Implications: ..." in a paragraph: a label of one to three capitalised words
# before a colon and a sentence, the run-in head newsletters use.
_RUN_IN_LABEL = re.compile(
    r"^(?P<head>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}):\s+(?P<rest>\S.*)$"
)
_RUN_IN_MIN_WORDS = 6
# Notices to readers keep their plain wording ("Correction: An earlier ...").
_NOTICE_LABELS = {"correction", "clarification", "update", "updated", "note"}


def _bold_item_head(text: str) -> str:
    """ "Heading: text" -> "**Heading:** text" for list items with a run-in head."""
    match = re.match(r"^(?P<head>[^:*\[\]]{3,120}?):\s+(?P<rest>\S.*)$", text)
    if match:
        head = match.group("head")
        if len(head.split()) <= 15 and next(sentence_ends(head), None) is None:
            return f"**{head}:** {match.group('rest')}"
    return _bold_run_in_head(text)


def _bold_run_in_head(text: str) -> str:
    """ "U.S. Stymied on Outreach to North Korea. While ..." -> bold the head."""
    if text.startswith(("*", "[", "_")):
        return text
    label = _RUN_IN_LABEL.match(text)
    if (
        label
        and len(label.group("rest").split()) >= _RUN_IN_MIN_WORDS
        and label.group("head").casefold() not in _NOTICE_LABELS
    ):
        return f"**{label.group('head')}:** {label.group('rest')}"
    end = next(sentence_ends(text), None)
    if end is None:
        return text
    head, rest = text[:end], text[end:].strip()
    words = head.split()
    is_short = rest and 2 <= len(words) <= 12 and len(head) <= 100
    if is_short and is_title_case(head[:-1]) and "](" not in head:
        return f"**{head}** {rest}"
    return text


def series_note(pieces: list[Piece]) -> Piece | None:
    """The "part of a limited series ..." paragraph, which always opens the body."""
    if pieces and pieces[0].kind == "para" and SERIES_NOTE.search(pieces[0].text):
        return pieces[0]
    return None


_SUMMARY_LIMIT = 300


def summary(pieces: list[Piece]) -> str:
    note = series_note(pieces)
    candidates = [piece for piece in pieces if piece is not note]
    paragraph = next((p for p in candidates if p.kind == "para"), None)
    if paragraph is None:
        paragraph = next((p for p in candidates if p.kind == "item"), None)
    if paragraph is None:
        return ""
    return cut_at_sentence(plain_text(paragraph.text), _SUMMARY_LIMIT)


_FULL_PAPER_LINK_TEXT = re.compile(
    r"full\s+(?:paper|report|text|article)|click|read|download|pdf", re.IGNORECASE
)


def full_paper_url(pieces: list[Piece]) -> str:
    """A real link in the series note, else one that reads like "full paper"."""
    note = series_note(pieces)
    ordered = ([note] if note else []) + [
        piece for piece in pieces if piece is not note
    ]
    for piece in ordered:
        for link in ANY_LINK.finditer(piece.text):
            target = link.group("target")
            if target in ("", "#"):
                continue
            if piece is note or _FULL_PAPER_LINK_TEXT.search(link.group("text")):
                return target
    return ""
