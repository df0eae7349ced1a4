"""Parts of the PDF reader driven with the words and lines a page gives them.

The printed samples (tests/samples/fresh9/pdf/) exercise the same parts through
Chromium; these pin each rule down on its own, with positions as pdfplumber
reports them (points from the top left).
"""

from briefs.importer.pdf.chips import chips_as_byline
from briefs.importer.pdf.columns import _without_share_column
from briefs.importer.pdf.joining import _join_lines, _Vocabulary
from briefs.importer.pdf.kinds import _is_block_quote
from briefs.importer.pdf.layout import _Layout, _Paragraph
from briefs.importer.pdf.lines import _group_words_into_lines, _Line
from briefs.importer.pdf.print_chrome import (
    split_off_print_bands,
    without_overprinted_strip,
)
from briefs.importer.pdf.rail import with_rail_bio
from briefs.importer.pdf.tables import _rows_with_cells
from tests.parser_samples import DISCLOSURE
from tests.pdf_words import word


def chip_row(names_top=100.0, roles_top=111.0):
    """ "By" between the rows, then two chips: a name over a role each."""
    return [
        word("By", 40, (names_top + roles_top) / 2, size=8.0),
        word("Lena", 80, names_top),
        word("Hartwig", 102, names_top),
        word("Senior", 80, roles_top, size=7.5),
        word("Fellow", 106, roles_top, size=7.5),
        word("Kang", 200, names_top),
        word("Min-jae", 222, names_top),
        word("Nonresident", 200, roles_top, size=7.5),
        word("Fellow", 248, roles_top, size=7.5),
    ]


def text_of(words):
    return [line.text for line in _group_words_into_lines(words, 0)]


def test_author_chips_are_read_as_one_byline_without_their_roles():
    notes = []
    words = chips_as_byline(chip_row(), 0, notes)
    assert text_of(words) == ["By Lena Hartwig, Kang Min-jae"]
    assert "Senior Fellow | Nonresident Fellow" in notes[0]


def test_a_by_on_a_line_of_text_is_left_alone():
    words = [word("By", 40, 100), word("then", 52, 100), word("Seoul", 80, 100)]
    words += [word("had", 40, 111), word("moved", 60, 111)]
    assert chips_as_byline(words, 0, []) == words


def test_rows_that_do_not_line_up_are_no_chips():
    words = chip_row()
    words[-2]["x0"] += 60  # the second role sits under neither name
    words[-2]["x1"] += 60
    words[-1]["x0"] += 60
    words[-1]["x1"] += 60
    assert chips_as_byline(words, 0, []) == words


def rail_line(text, top, size=8.0):
    return _Line(
        text=text,
        top=top,
        bottom=top + size,
        x0=420.0,
        x1=560.0,
        size=size,
        bold=False,
        first_word_width=20.0,
        page=0,
        page_height=842.0,
    )


POST = (
    "THE PENINSULA\n\nA Title\n\nPublished May 3, 2024\n\nAuthor: Jane Roe\n\n"
    f"Seoul acts.\n\n{DISCLOSURE}\n\nReturn to the Peninsula\n"
)


def test_the_author_box_of_a_sidebar_goes_before_the_disclosure():
    rail = [
        rail_line("ABOUT THE AUTHOR", 100),
        rail_line("Jane Roe is a Program Officer at the", 112),
        rail_line("Korea Economic Institute of America.", 122),
        rail_line("POPULAR POSTS", 140),
        rail_line("Why the Kaesong Restart Matters", 152),
    ]
    notes = []
    text = with_rail_bio(POST, rail, notes)
    assert (
        "Seoul acts.\n\nABOUT THE AUTHOR\n\nJane Roe is a Program Officer at the "
        "Korea Economic Institute of America.\n\n" + DISCLOSURE
    ) in text
    assert "Kaesong" not in text
    assert "kept the author's box from the sidebar" in notes[0]


def test_a_sidebar_without_an_author_box_adds_nothing():
    rail = [rail_line("POPULAR POSTS", 100), rail_line("Why Kaesong Matters", 112)]
    assert with_rail_bio(POST, rail, []) == POST


def text_line(text, x0, top, x1, size=9.5):
    line = rail_line(text, top, size)
    line.x0, line.x1 = x0, x1
    line.first_word_width = 0.5 * size * len(text.split()[0])
    return line


def rendered(lines):
    from briefs.importer.pdf.joining import _Vocabulary
    from briefs.importer.pdf.posts import _render_paragraphs

    return _render_paragraphs(lines, _Vocabulary(lines), page_bottom=800.0)


BODY_LINES = [
    text_line(
        "Korea’s trade with China is large, but dependence in the sense", 60, 80, 500
    ),
    text_line(
        "that matters is narrower, as the shortage of late 2021 showed.", 60, 94, 430
    ),
]


def test_references_with_a_hanging_indent_are_paragraphs_not_items():
    lines = [
        *BODY_LINES,
        text_line(
            "Kim, Ha-eun. 2022. “Lessons from the Urea Shortage.” Seoul: Institute",
            60,
            116,
            499,
        ),
        text_line("for Supply Chain Policy.", 78, 130, 200),
        text_line(
            "Park, Jin-sol. 2021. “Economic Coercion and Trade Law.” Journal 4",
            60,
            152,
            498,
        ),
        text_line("(2): 33–51.", 78, 166, 130),
    ]
    text = rendered(lines)
    assert (
        "Kim, Ha-eun. 2022. “Lessons from the Urea Shortage.” Seoul: Institute for "
        "Supply Chain Policy.\n\nPark, Jin-sol."
    ) in text
    assert "- " not in text


def test_numbered_items_that_fill_their_lines_are_still_items():
    lines = [
        *BODY_LINES,
        text_line(
            "1. Map exposure by input, not by trading partner, and share results.",
            64,
            116,
            499,
        ),
        text_line(
            "2. Propose a stock-sharing protocol for a short list of inputs now.",
            64,
            130,
            499,
        ),
        text_line(
            "3. Link the commitments to the bilateral economic security talks",
            64,
            144,
            499,
        ),
        text_line("agreed at the May summit.", 78, 158, 200),
    ]
    text = rendered(lines)
    assert (
        "1. Map exposure by input, not by trading partner, and share results.\n\n"
        "2. Propose a stock-sharing protocol for a short list of inputs now.\n\n"
        "3. Link the commitments to the bilateral economic security talks agreed "
        "at the May summit."
    ) in text


def share_column(left=52.0, tops=(100.0, 117.0, 134.0, 151.0)):
    """A column of buttons, centred one above another, left of the text."""
    names = ["Share", "X", "LinkedIn", "Email"][: len(tops)]
    buttons = []
    for name, top in zip(names, tops, strict=True):
        width = 4.0 * len(name)
        buttons.append(word(name, left + 15 - width / 2, top, size=7.0, width=width))
    return buttons


def test_a_column_of_share_buttons_beside_the_text_is_dropped():
    text = [word("•", 100, 117), word("Korea’s", 110, 117), word("exposure", 145, 117)]
    text += [word("Seoul", 100, 134), word("should", 130, 134)]
    notes = []
    kept = _without_share_column(share_column() + text, 0, notes)
    assert text_of(kept) == ["• Korea’s exposure", "Seoul should"]
    assert "share buttons on page 1 ('Share X LinkedIn Email')" in notes[0]


def test_share_words_in_the_text_stay():
    # "Print" and "Email" inside lines of text are words of the post.
    words = [word("Print", 100, 100), word("editions", 125, 100)]
    words += [word("Email", 100, 117), word("and", 125, 117)]
    words += [word("Share", 100, 134), word("prices", 128, 134)]
    assert _without_share_column(words, 0, []) == words


def test_two_buttons_are_no_column():
    words = share_column(tops=(100.0, 117.0)) + [word("Seoul", 100, 117)]
    assert _without_share_column(words, 0, []) == words


def body_line(text, top, x0=60.0, size=11.0, width=None, block_right=None):
    right = x0 + (width if width is not None else 0.5 * size * len(text))
    return _Line(
        text=text,
        top=top,
        bottom=top + size,
        x0=x0,
        x1=right,
        size=size,
        bold=False,
        first_word_width=20.0,
        page=0,
        page_height=842.0,
        block_right=block_right if block_right is not None else right,
    )


LAYOUT = _Layout(size=11.0, left=60.0, right=540.0, leading=5.0, page_bottom=780.0)


def test_a_quote_indented_from_the_left_only_in_smaller_type_is_a_quote():
    lines = [
        body_line("We kept our factories running through every", 100, 92, 10.5, 448),
        body_line("crisis of the past nine years.", 115, 92, 10.5, 150, 540),
    ]
    lines[0].block_right = 540.0
    assert _is_block_quote(_Paragraph(lines), LAYOUT)
    # An item that lost its marker keeps the text's size.
    items = [body_line(line.text, line.top, 92, 11.0, 448) for line in lines]
    for item in items:
        item.block_right = 540.0
    assert not _is_block_quote(_Paragraph(items), LAYOUT)


def test_a_site_strip_printed_over_a_line_of_text_is_dropped():
    text = [word("3.", 60, 100, 11), word("Press", 75, 100, 11)]
    text += [word("for", 110, 100, 11), word("regular", 130, 100, 11)]
    strip = [word("Korea", 58, 101, 8.5), word("Economic", 84, 101, 8.5)]
    strip += [word("Institute", 122, 101, 8.5), word("—", 160, 101, 8.5)]
    strip += [word("keia.org", 168, 101, 8.5), word("—", 205, 101, 8.5)]
    strip += [word("Commentary", 214, 101, 8.5)]
    for piece in strip:
        piece["fontname"] = "Arial"
    for piece in text:
        piece["fontname"] = "Georgia"
    notes = []
    kept = without_overprinted_strip(text + strip, 0, notes)
    assert kept == text
    assert "keia.org" in notes[0]


def test_overlapping_words_that_make_no_site_strip_stay():
    words = [word("Seoul", 60, 100, 11), word("acts", 62, 101, 8.5)]
    words[1]["fontname"] = "Bold"
    assert without_overprinted_strip(words, 0, []) == words


def test_the_browser_footer_is_set_apart_before_the_columns_are_found():
    footer = word("file:///tmp/a-long/path/to/the-saved-page.html", 40, 820, 8)
    footer["x1"] = 400.0
    page = [footer, word("1/2", 540, 820, 8)]
    page += [word("Archive", 40, 100 + 12 * n, 8) for n in range(3)]
    body, bands = split_off_print_bands(page)
    assert bands == page[:2] and body == page[2:]


def test_a_word_cut_at_a_line_end_joins_a_compound_keeps_its_hyphen():
    vocabulary = _Vocabulary([])
    assert not vocabulary.hyphenates
    assert _join_lines("its electric-", "vehicle tax credit", vocabulary) == (
        "its electric-vehicle tax credit"
    )
    assert _join_lines("the alli-", "ance held", vocabulary) == "the alliance held"
    assert _join_lines("govern-", "ment policy", vocabulary) == "government policy"


def test_a_page_that_hyphenates_cuts_words_between_syllables():
    lines = [
        body_line("the bilateral alli-", 100),
        body_line("ance held while the govern-", 115),
        body_line("ment of the coun-", 130),
        body_line("try stood firm.", 145),
    ]
    vocabulary = _Vocabulary(lines)
    assert vocabulary.hyphenates
    assert _join_lines("the coun-", "try stood", vocabulary) == "the country stood"


def test_a_page_framed_by_rules_keeps_only_its_real_tables_rows():
    cells = [
        ["Share X LinkedIn", None, None],
        ["Seoul enters 2026 with an economy pulling in two directions.", None, None],
        ["Indicator", "2025", "2026"],
        ["GDP growth (%)", "1.0", "1.8"],
        ["Source: Bank of Korea.", None, None],
    ]
    rows = list(range(len(cells)))
    kept_rows, kept_cells = _rows_with_cells(rows, cells)
    assert kept_rows == [2, 3] and kept_cells == cells[2:4]
