"""PDFs that imitate a browser's "print to PDF" of a post page, built with reportlab.

Each page gets the print header (date and time, page title) and footer (URL, page
counter "1/2") in its margins, and the post sits between the site's navigation
and its newsletter footer, as on the real site. Text is laid out word by word with
CSS-like line heights and paragraph margins, so that paragraph breaks exist only
in the geometry, as in a real print.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

PAGE_WIDTH, PAGE_HEIGHT = letter
LEFT, RIGHT = 54.0, PAGE_WIDTH - 54.0
CONTENT_TOP, CONTENT_BOTTOM = 48.0, PAGE_HEIGHT - 48.0

PRINT_DATE = "12/17/25, 3:04 PM"
PAGE_TITLE = "Korea Policy Series: Building Up Japan-South Korea Rapprochement | KEI"
PAGE_URL = "https://keia.org/the-peninsula/korea-policy-series-building-up/"

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
# The glyph of a bullet drawn as a disc, as browsers draw an <li>'s marker.
DISC = "(disc)"
BODY_SIZE = 11.0

# Runs of (text, font) make one paragraph; a bold run-in head is a bold run.
Run = tuple[str, str]


@dataclass
class Block:
    runs: list[Run]
    size: float = BODY_SIZE
    line_height: float = 1.5
    space_before: float = BODY_SIZE
    bullet: str = ""  # the marker glyph of a list item
    first_line_indent: float = 0.0
    # Lines given as they must break (to force a hyphenated split word).
    forced_lines: list[str] | None = None
    # Pages the block's lines landed on, filled in by the layout.
    pages: set[int] = field(default_factory=set)


def para(text: str, **options) -> Block:
    return Block([(text, REGULAR)], **options)


def heading(text: str, size: float = 14.0) -> Block:
    return Block([(text, BOLD)], size=size, line_height=1.3, space_before=size)


def meta(text: str) -> Block:
    return Block([(text, REGULAR)], size=10.0, line_height=1.4, space_before=4.0)


def bullet(text: str, head: str = "", glyph: str = "•") -> Block:
    runs = [(head, BOLD), (text, REGULAR)] if head else [(text, REGULAR)]
    return Block(runs, bullet=glyph, space_before=4.0)


def chrome(text: str) -> Block:
    return Block([(text, REGULAR)], size=9.0, line_height=1.4, space_before=9.0)


# ---------------------------------------------------------------- sample content

TITLE = "Korea Policy Series: Building Up Japan-South Korea Rapprochement"
SERIES_NOTE = (
    "The following policy brief is part of a limited series from the Korea Economic"
    " Institute of America inspired by the latest edition of Korea Policy, Volume 3"
    " Issue 2. You can read the author's full paper by clicking here."
)
SUMMARY = (
    "The commitment to improve relations between Japan and South Korea as outlined"
    " at the 2023 trilateral Camp David summit is no longer personality-driven."
    " Japan, South Korea, and the United States all have new leaders since then,"
    " and all three countries still clearly recognize the value of stronger ties."
)
BULLET_HEAD = "Developing economic alliances and networks:"
BULLET_TEXT = (
    " Trade relations with the United States and dealing with tariffs as well as"
    " foreign direct investment requirements are immediate challenges facing both"
    " Japan and South Korea, and the urgency of trade negotiations left little room."
)
BULLET_TWO = "Strengthening bilateral ties within existing multilateral frameworks."
RUN_IN_HEAD = "U.S. Stymied on Outreach to North Korea."
RUN_IN_TEXT = (
    " While the administration will quickly come into conflict with Seoul's"
    " conciliatory approach toward China, the two leaders will find alignment."
)
# Broken by hand so that a split word and real compounds meet the line ends.
HYPHEN_LINES = [
    "Persistent trade tensions give the bilateral alli-",
    "ance a chance to explore forging long-",
    "standing economic networks, including export-",
    "control regimes that shape the U.S.-",
    "Korea partnership and the multi-",
    "faceted China threat.",
]
HYPHEN_JOINED = (
    "Persistent trade tensions give the bilateral alliance a chance to explore"
    " forging long-standing economic networks, including export-control regimes"
    " that shape the U.S.-Korea partnership and the multi-faceted China threat."
)
CROSSING_START = "From domestic political uncertainties to the politicization"
CROSSING_END = "increasing in urgency for both governments."
CROSSING = (
    f"{CROSSING_START} of history, the persistent risks to relations between Japan"
    " and South Korea cannot be ignored. Yet the external risks facing the two"
    " countries are far greater and demand that both sides maintain stable"
    " relations and close policy cooperation. At the same time, the need for the"
    " two countries to work closely together to further their shared economic"
    " interests independent of the United States is growing, and the costs of"
    " failing to do so are rising every year as trade frictions deepen, supply"
    " chains shift, and the regional balance of power moves in ways neither"
    " capital can shape alone; the case for cooperation is therefore"
    f" {CROSSING_END}"
)
FILLER = (
    "Under the leadership of Prime Minister Sanae Takaichi since October 2025,"
    " Japan sees improved relations with South Korea as critical for its own"
    " military and economic security. While Takaichi will need to focus on"
    " securing her position, the political debate has already delved beyond"
    " simply focusing on domestic concerns, and there is growing momentum to"
    " develop a roadmap for Tokyo to promote stability and prosperity."
)
BIO = (
    "Shihoko Goto is Vice President of Programs at the Foreign Policy Research"
    " Institute. Bruce Klingner is a Senior Fellow at The Mansfield Foundation."
    " All views are the authors' alone."
)
CREDIT = "Feature image from the Prime Minister's Office of Japan."
DISCLOSURE = (
    "KEI is registered under the FARA as an agent of the Korea Institute for"
    " International Economic Policy, a public corporation established by the"
    " government of the Republic of Korea. Additional information is available at"
    " the Department of Justice, Washington, D.C."
)
NAV = "KEI   Research   Events   The Peninsula   About   Donate"
NEWSLETTER = "Sign up for our newsletter to receive the latest from KEI."
COPYRIGHT = "© 2025 Korea Economic Institute of America. All rights reserved."


def _post_head() -> list[Block]:
    return [
        chrome(NAV),
        Block([("THE PENINSULA", BOLD)], size=9.0, space_before=24.0),
        Block([(TITLE, BOLD)], size=26.0, line_height=1.2, space_before=8.0),
        meta("Published December 17, 2025"),
        meta("Authors: Shihoko Goto, Bruce Klingner"),
        meta("Category: Indo-Pacific, Japan, U.S.-Korea-Japan"),
        para(SERIES_NOTE, space_before=20.0),
        heading("Executive Summary"),
        para(SUMMARY),
    ]


def _post_tail() -> list[Block]:
    return [
        para(BIO),
        para(CREDIT),
        para(DISCLOSURE),
        Block([("Return to the Peninsula", REGULAR)], space_before=16.0),
        chrome(NEWSLETTER),
        chrome(COPYRIGHT),
    ]


def one_page_post_blocks() -> list[Block]:
    return [
        *_post_head(),
        heading("Policy Recommendation"),
        bullet(BULLET_TEXT, head=BULLET_HEAD),
        bullet(BULLET_TWO, glyph="–"),
        Block([(RUN_IN_HEAD, BOLD), (RUN_IN_TEXT, REGULAR)]),
        *_post_tail(),
    ]


def multi_page_post_blocks(filler_paragraphs: int = 0) -> tuple[list[Block], Block]:
    """The post over two pages; returns the blocks and the page-crossing one."""
    crossing = para(CROSSING)
    blocks = [
        *_post_head(),
        heading("Policy Recommendation"),
        bullet(BULLET_TEXT, head=BULLET_HEAD),
        bullet(BULLET_TWO, glyph="–"),
        Block([(RUN_IN_HEAD, BOLD), (RUN_IN_TEXT, REGULAR)]),
        Block([], forced_lines=HYPHEN_LINES),
        *[para(FILLER) for _ in range(filler_paragraphs)],
        heading("Conclusion"),
        crossing,
        *_post_tail(),
    ]
    return blocks, crossing


# ------------------------------------------------------------------- the layout


@dataclass
class _Placed:
    page: int
    x: float
    baseline: float  # from the top of the page, as pdfplumber measures
    text: str
    font: str
    size: float


def _words(block: Block) -> list[tuple[str, str]]:
    words: list[tuple[str, str]] = []
    for text, font in block.runs:
        # A run that starts with a space begins a new word; otherwise it is glued.
        words.extend((word, font) for word in text.split())
    return words


def _wrap(block: Block, width: float) -> list[list[tuple[str, str]]]:
    if block.forced_lines is not None:
        return [
            [(word, REGULAR) for word in line.split()] for line in block.forced_lines
        ]
    lines: list[list[tuple[str, str]]] = [[]]
    used = block.first_line_indent
    for word, font in _words(block):
        needed = stringWidth(word, font, block.size)
        space = stringWidth(" ", font, block.size) if lines[-1] else 0.0
        if lines[-1] and used + space + needed > width:
            lines.append([])
            used, space = 0.0, 0.0
        lines[-1].append((word, font))
        used += space + needed
    return lines


def _layout(blocks: list[Block]) -> list[_Placed]:
    placed: list[_Placed] = []
    page, y = 0, CONTENT_TOP
    for block in blocks:
        y += block.space_before
        text_left = LEFT + (28.0 if block.bullet else 0.0)
        line_height = block.size * block.line_height
        for number, line in enumerate(_wrap(block, RIGHT - text_left)):
            if y + line_height > CONTENT_BOTTOM:
                page, y = page + 1, CONTENT_TOP
            baseline = y + (line_height + block.size * 0.7) / 2
            x = text_left + (block.first_line_indent if number == 0 else 0.0)
            if block.bullet and number == 0:
                placed.append(
                    _Placed(
                        page, LEFT + 12, baseline, block.bullet, REGULAR, block.size
                    )
                )
            for word, font in line:
                placed.append(_Placed(page, x, baseline, word, font, block.size))
                x += stringWidth(word + " ", font, block.size)
            block.pages.add(page)
            y += line_height
    return placed


def _draw_print_chrome(pdf: canvas.Canvas, page: int, pages: int, title: str) -> None:
    pdf.setFont(REGULAR, 8)
    pdf.drawString(20, PAGE_HEIGHT - 18, PRINT_DATE)
    pdf.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 18, title)
    pdf.drawString(20, 14, PAGE_URL)
    pdf.drawRightString(PAGE_WIDTH - 20, 14, f"{page + 1}/{pages}")


def render_pdf(
    blocks: list[Block], title: str = PAGE_TITLE, encrypt: str | None = None
) -> bytes:
    placed = _layout(blocks)
    pages = max(item.page for item in placed) + 1
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, encrypt=encrypt)
    for page in range(pages):
        _draw_print_chrome(pdf, page, pages, title)
        for item in (item for item in placed if item.page == page):
            if item.text == DISC:
                # A browser draws a list's disc as a shape: no text to extract.
                middle = PAGE_HEIGHT - item.baseline + 0.3 * item.size
                pdf.circle(item.x + 1.5, middle, 1.5, stroke=0, fill=1)
                continue
            pdf.setFont(item.font, item.size)
            pdf.drawString(item.x, PAGE_HEIGHT - item.baseline, item.text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# ------------------------------------------------------------------ the samples


def one_page_post_pdf() -> bytes:
    return render_pdf(one_page_post_blocks())


def multi_page_post_pdf(filler_paragraphs: int = 0) -> bytes:
    blocks, crossing = multi_page_post_blocks(filler_paragraphs)
    data = render_pdf(blocks)
    # The sample is only useful if the paragraph really straddles the page break.
    assert len(crossing.pages) == 2, f"crossing paragraph on pages {crossing.pages}"
    return data


def long_post_pdf(pages: int = 10) -> bytes:
    """A post of many pages, for timing against a bare extract_text()."""
    blocks, _ = multi_page_post_blocks(filler_paragraphs=7 * pages)
    return render_pdf(blocks)


def indented_paragraphs_pdf() -> bytes:
    """Paragraphs marked only by a first-line indent, with no space between."""
    blocks = [
        *_post_head(),
        *[para(FILLER, first_line_indent=24.0, space_before=0.0) for _ in range(3)],
        *_post_tail(),
    ]
    return render_pdf(blocks)


TAKEAWAYS = [
    "KHNP is the lead bidder for new reactors.",
    "A dispute with Westinghouse over reactor technology remains open.",
    "Export financing will decide the bid.",
]
NUMBERED_TWO = (
    "How the smaller new parties, which did well in the proportional vote in"
    " the spring, use their leverage in the assembly."
)


def takeaways_box_pdf() -> bytes:
    """A box of one-line items with drawn discs, indented from both margins."""
    return render_pdf(
        [
            *_post_head(),
            heading("Key Takeaways"),
            *[bullet(text, glyph=DISC) for text in TAKEAWAYS],
            para(FILLER),
            *_post_tail(),
        ]
    )


def numbered_list_pdf() -> bytes:
    """An ordered list whose numbers sit left of the items' text, one item wrapped."""
    return render_pdf(
        [
            *_post_head(),
            para("Three questions will shape the next year:"),
            bullet("Whether the president uses his veto.", glyph="1."),
            bullet(NUMBERED_TWO, glyph="2."),
            bullet("Whether the ruling party chooses a new leader.", glyph="3."),
            para(FILLER),
            *_post_tail(),
        ]
    )


def encrypted_pdf() -> bytes:
    return render_pdf(one_page_post_blocks(), encrypt="secret")


def truncated_pdf() -> bytes:
    data = multi_page_post_pdf()
    return data[: len(data) // 2]


def image_only_pdf(with_print_chrome: bool = False) -> bytes:
    """A scanned page: only shapes, no text (optionally the print header/footer)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    if with_print_chrome:
        _draw_print_chrome(pdf, 0, 1, PAGE_TITLE)
    pdf.setFillGray(0.8)
    pdf.rect(LEFT, 100, RIGHT - LEFT, 500, fill=1)
    for y in range(120, 580, 18):
        pdf.setFillGray(0.2)
        pdf.rect(LEFT + 10, y, RIGHT - LEFT - 40, 6, fill=1, stroke=0)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


TAGLINE = "Commentary and analysis on the Korean peninsula from staff and guests"
MENU = "Home   About   Contributors   Contact"


def blog_masthead_pdf() -> bytes:
    """An old blog's page: its name as the masthead, a tagline and a menu in small
    type above the title, and a footer whose links name the blog again."""
    head = _post_head()
    return render_pdf(
        [
            Block([("The Peninsula", BOLD)], size=24.0, space_before=0.0),
            chrome(TAGLINE),
            chrome(MENU),
            *head[2:],
            para(FILLER),
            *_post_tail(),
            chrome("The Peninsula"),
            chrome("Careers"),
        ]
    )
