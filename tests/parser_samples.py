"""Small export texts for tests/test_parser.py, shaped like the reference export."""

from pathlib import Path

REFERENCE_EXPORT = (
    Path(__file__).resolve().parent.parent / "seeds" / "000_22d010634ea7d674.txt"
)

DISCLOSURE = (
    "KEI is registered under the FARA as an agent of the Korea Institute for "
    "International Economic Policy, a public corporation established by the "
    "government of the Republic of Korea. Additional information is available at "
    "the Department of Justice, Washington, D.C."
)

MULTI_AUTHOR_POST = f"""\
THE PENINSULA

Alliance Management in a Time of Tariffs

Published March 3, 2025

Authors: [Victor D. Cha](#), [Lee Jae-myung (이재명)](#) and Ellen Kim

Trade frictions have returned to the center of the alliance agenda.

Washington and Seoul need a standing channel for tariff disputes.

Victor Cha is Distinguished University Professor at Georgetown University. He \
previously served on the National Security Council. Lee Jae-myung (이재명) is \
President of the Republic of Korea. Ellen Kim is Director of Academic Affairs at \
the Korea Economic Institute of America. All views are the authors' own.

{DISCLOSURE}

Return to the Peninsula
"""

SEPARATE_BIOS_POST = f"""\
THE PENINSULA

Two Authors, Two Bios

Published 4 April 2025

Authors: Jane Doe & John Smith

A short body paragraph.

Jane Doe is a Fellow at the Example Institute.

John Smith is an Adjunct Scholar at Somewhere University.

All views are the authors' own.

Feature image from [Example Photo Agency](https://example.org/photos).

{DISCLOSURE}

Return to the Peninsula
"""

DAMAGED_POST = f"""\
THE PENINSULA

The Damaged

Export Title

Published Sep. 9, 2024

Author: [Mary Major](#)

Category: [Trade](#)

The following policy brief is part of a limited series from the Korea Economic \
Institute of America inspired by the latest edition of *Korea Policy*, Volume 2 \
Issue 1. You can read the author's full paper by \
[clicking here](https://example.org/paper.pdf).

Background

The first paragraph was broken by the export in the

middle of a sentence, and the rest starts in lower case.

A second paragraph ends without a stop and the export split it before

Seoul could finish the sentence.

A complete paragraph ends here.

The next one is separate.

Key Questions Ahead

- First point: an item that continues

after a blank line.
- Second point: a plain item.

Mary Major is a Visiting Fellow at the Example Institute. All views are the \
author's alone.

{DISCLOSURE}

Return to the Peninsula
"""

ANNOUNCEMENT_ONLY_POST = f"""\
THE PENINSULA

Announcing the New Issue

Published January 5, 2026

Author: [Scott Snyder](#)

The Korea Economic Institute of America (KEI) is pleased to issue Vol. 4, Issue 1 \
of its new flagship journal, *Korea Policy*. The journal offers academically \
rigorous and policy-relevant research.

Contributions in this issue fall under the theme, *Korea at the Crossroads*. The \
first section examines domestic politics.

Scott Snyder is President and CEO at the Korea Economic Institute of America.

{DISCLOSURE}

Return to the Peninsula
"""

TITLE_SERIES_ONLY_POST = f"""\
THE PENINSULA

Energy Security Series: LNG and the Alliance

Published 2025-06-30

Author: Kim Minji

LNG matters.

{DISCLOSURE}

Return to the Peninsula
"""

FARA_IN_BODY_POST = """\
THE PENINSULA

What FARA Means for Think Tanks

Published July 1, 2025

Author: [Jane Doe](#)

The Foreign Agents Registration Act (FARA) requires agents to register.

Conclusion

Registration is about transparency.

- It is not a ban.
- It is a label.

Jane Doe is a Fellow at the Example Institute.

Return to the Peninsula
"""


def post(
    title: str = "A Plain Title",
    published: str = "Published May 1, 2025",
    body: str = "Some body text.",
    closing: str = "Return to the Peninsula",
) -> str:
    """A minimal well-formed post, with any part replaceable for error cases."""
    return (
        f"THE PENINSULA\n\n{title}\n\n{published}\n\nAuthor: [Jane Doe](#)\n\n"
        f"{body}\n\n{DISCLOSURE}\n\n{closing}\n"
    )
