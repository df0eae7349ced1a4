"""An author's box in a page's sidebar: the one part of a rail that is the post's.

The main column is read alone (pdf.columns), so a sidebar's menus, archives and
"popular posts" never reach the post. A blog that prints its author's bio only
in the rail ("ABOUT THE AUTHOR" and a paragraph) would lose it: that box is put
back, before the post's disclosure, where the export has its bios.
"""

from __future__ import annotations

from ..export_format import POST_END, is_about_label
from ..trailer import mentions_fara
from .joining import _join_lines, _Vocabulary
from .lines import _Line

# Lines of one paragraph in a rail are this close; a wider gap ends the box.
_BOX_GAP_SHARE = 1.2


def with_rail_bio(text: str, rail: list[_Line], notes: list[str]) -> str:
    box = _author_box(rail)
    if not box:
        return text
    label, bio = box
    notes.append(f"kept the author's box from the sidebar: {bio[:60]!r}")
    paragraphs = text.split("\n\n")
    at = next(
        (
            index
            for index in range(len(paragraphs) - 1, -1, -1)
            if mentions_fara(paragraphs[index])
        ),
        None,
    )
    if at is None:
        at = next(
            (i for i, p in enumerate(paragraphs) if POST_END.match(p)),
            len(paragraphs),
        )
    return "\n\n".join([*paragraphs[:at], label, bio, *paragraphs[at:]])


def _author_box(rail: list[_Line]) -> tuple[str, str] | None:
    lines = sorted(rail, key=lambda line: (line.page, line.top))
    start = next(
        (i for i, line in enumerate(lines) if is_about_label(line.text.strip())), None
    )
    if start is None:
        return None
    taken: list[_Line] = []
    for line in lines[start + 1 :]:
        if _is_box_label(line.text):
            break
        if taken and (
            line.page != taken[-1].page
            or line.top - taken[-1].bottom > _BOX_GAP_SHARE * line.size
        ):
            break
        taken.append(line)
    if not taken:
        return None
    # The box's lines wrapped as the text's do: joined the same way.
    vocabulary = _Vocabulary(taken)
    bio = taken[0].text.strip()
    for line in taken[1:]:
        bio = _join_lines(bio, line.text.strip(), vocabulary)
    return lines[start].text.strip(), bio


def _is_box_label(text: str) -> bool:
    """ "POPULAR POSTS", "BLOG ARCHIVE": the next box's label, in capitals."""
    stripped = text.strip()
    return stripped.isupper() and len(stripped.split()) <= 5
