"""Page layouts of the publisher's and peers' templates, printed by Chromium and
read back: each a small page built around one layout, so that a rule of the
PDF reader is tried the way a real print meets it (issue 11)."""

import pytest

from briefs.importer.parse import parse_export
from briefs.importer.read import read_source_text
from tests.parser_samples import DISCLOSURE
from tests.sample_checks import chromium_available, print_to_pdf

pytestmark = pytest.mark.skipif(
    not chromium_available(), reason="needs /usr/bin/chromium"
)

TEXT = (
    "Seoul and Washington have spent the year negotiating the terms under which "
    "Korean firms will build factories in the United States, and the talks have "
    "moved more slowly than either side promised when they began in the spring."
)
PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {paper}; margin: 14mm; }}
body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; margin: 0; }}
{css}
</style></head><body>{body}</body></html>"""
HEAD = (
    "<p>THE PENINSULA</p><h1>Korea's Factories in America</h1>"
    "<p>Published October 2, 2022</p><p>Author: Jane Roe</p>"
)
TAIL = (
    "<p>Jane Roe is a Fellow at the Korea Economic Institute of America.</p>"
    f"<p>{DISCLOSURE}</p><p>Return to the Peninsula</p>"
)


def printed(tmp_path, body, css="", paper="Letter", chrome=False):
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(paper=paper, css=css, body=body), encoding="utf-8")
    pdf = tmp_path / "page.pdf"
    print_to_pdf(page, pdf, chrome=chrome)
    (brief,) = parse_export(read_source_text(pdf).text)
    return brief


def test_a_table_ruled_only_across_under_a_filled_header_is_a_table(tmp_path):
    css = (
        "table { border-collapse: collapse; width: 100%; font-size: 8pt; }"
        "th { background: #0b2239; color: #fff; text-align: left; padding: 4px; }"
        "td { border-bottom: 1px solid #ccd; padding: 4px; }"
        "tr:nth-child(even) td { background: #f3f5f8; }"
    )
    table = (
        "<table><tr><th>Company</th><th>Location</th><th>Amount</th></tr>"
        "<tr><td>Samsung Electronics</td><td>Taylor, Texas</td><td>$17 billion</td>"
        "</tr><tr><td>SK Siltron CSS</td><td>Bay City, Michigan</td>"
        "<td>$300 million</td></tr><tr><td>SK Group</td><td>Site to be chosen</td>"
        "<td>$15 billion</td></tr></table>"
    )
    brief = printed(tmp_path, f"{HEAD}<p>{TEXT}</p>{table}<p>{TEXT}</p>{TAIL}", css)
    assert "| Company | Location | Amount |" in brief.body
    assert "| SK Siltron CSS | Bay City, Michigan | $300 million |" in brief.body


def test_a_caption_floated_beside_a_paragraph_is_read_after_it(tmp_path):
    css = (
        ".wp-caption { float: right; width: 55mm; margin: 0 0 8px 10px; "
        "border: 1px solid #ddd; padding: 4px; text-align: center; }"
        ".img { height: 30mm; background: #ccc; }"
        ".wp-caption-text { font-size: 7pt; margin: 4px 0 0; }"
    )
    figure = (
        '<div class="wp-caption"><div class="img"></div><p class="wp-caption-text">'
        "The Hyundai plant in Georgia, where the first batteries were made.</p></div>"
    )
    body = f"{HEAD}{figure}<p>{TEXT} {TEXT}</p><p>{TEXT}</p>{TAIL}"
    brief = printed(tmp_path, body, css, paper="A4")
    assert f"{TEXT} {TEXT}" in brief.body
    assert "The Hyundai plant in Georgia, where the first batteries were made." in (
        brief.body
    )


def test_tags_drawn_as_pills_are_the_posts_categories(tmp_path):
    css = (
        ".chips a { font-size: 7pt; text-transform: uppercase; background: #e8f0f8;"
        " border-radius: 9px; padding: 1px 8px; margin-right: 5px; }"
    )
    chips = (
        '<div class="chips"><a>Technology</a><a>Trade</a><a>Economic Security</a></div>'
    )
    brief = printed(tmp_path, f"{HEAD}{chips}<p>{TEXT}</p>{TAIL}", css)
    assert brief.categories == ["Technology", "Trade", "Economic Security"]
    assert "TECHNOLOGY" not in brief.body


def test_a_title_set_across_the_page_over_a_sidebar_is_read_whole(tmp_path):
    css = (
        ".wrap { display: flex; gap: 24px; } .main { flex: 1; }"
        ".rail { flex: 0 0 52mm; font-size: 7.5pt; } h1 { font-size: 21pt; }"
    )
    title = "The CHIPS Act and Korea's Chipmakers: Generous Incentives, Binding Strings"
    rail = "".join(f"<p>Related post number {n} on the economy</p>" for n in range(8))
    body = (
        f"<p>THE PENINSULA</p><h1>{title}</h1><div class='wrap'><div class='main'>"
        "<p>Published October 2, 2022</p><p>Author: Jane Roe</p>"
        f"<p>{TEXT}</p><p>{TEXT}</p>{TAIL}</div><div class='rail'>{rail}</div></div>"
    )
    brief = printed(tmp_path, body, css)
    assert brief.title == title
    assert "Related post" not in brief.body


def test_a_sticky_site_strip_printed_over_the_text_is_dropped(tmp_path):
    css = (
        ".site { position: fixed; top: -10mm; left: 0; right: 0; font-size: 8.5pt; }"
        "p { margin: 0 0 8px; }"
    )
    strip = (
        "<div class='site'>Korea Economic Institute of America — keia.org — "
        "Commentary</div>"
    )
    paragraphs = "".join(f"<p>{TEXT}</p>" for _ in range(12))
    brief = printed(tmp_path, f"{strip}{HEAD}{paragraphs}{TAIL}", css, chrome=True)
    assert "keia.org" not in brief.body
    assert brief.body.count(TEXT) == 12


def test_an_old_blogs_tagline_and_menu_over_the_title_and_its_footer_statement(
    tmp_path,
):
    css = (
        ".tag { font-size: 7.5pt; font-style: italic; } .menu { font-size: 8pt; }"
        "h1 { font-size: 20pt; } .meta { font-size: 8pt; } .foot { font-size: 7pt; }"
    )
    body = (
        "<p>THE PENINSULA</p><p class='tag'>Insights on Korean affairs from the "
        "Korea Economic Institute of America</p><p class='menu'>Home Economics "
        "Security North Korea About</p><h1>What Resolution 2270 Adds</h1>"
        "<p class='meta'>March 3, 2016 · By Jane Roe · 1 Comment</p>"
        f"<p>{TEXT}</p><p>Jane Roe is a Fellow at the Korea Economic Institute of "
        "America.</p><p>Return to the Peninsula</p>"
        f"<div class='foot'><p>About KEI</p><p>{DISCLOSURE}</p></div>"
    )
    brief = printed(tmp_path, body, css, paper="A4", chrome=True)
    assert brief.title == "What Resolution 2270 Adds"
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert brief.disclosure == DISCLOSURE


def test_a_page_without_the_blogs_name_over_the_post_categories_over_the_title(
    tmp_path,
):
    css = (
        ".nav { font-size: 8pt; } .cats { font-size: 7pt; text-transform: uppercase; }"
        "h1 { font-size: 20pt; } blockquote { margin: 8px 8mm; font-style: italic; }"
    )
    body = (
        "<div class='nav'>KEI About Research Events The Peninsula Donate</div>"
        "<p class='cats'>Japan · U.S.-Korea-Japan · History</p>"
        "<h1>Seoul's Compensation Plan</h1><p>Published March 22, 2023</p>"
        f"<p>Author: Jane Roe</p><p>{TEXT}</p>"
        "<blockquote>The question was never only the money.</blockquote>"
        f"<p>{TEXT}</p>{TAIL}"
    )
    brief = printed(tmp_path, body, css, chrome=True)
    assert brief.title == "Seoul's Compensation Plan"
    assert brief.categories == ["Japan", "U.S.-Korea-Japan", "History"]
    assert "> The question was never only the money." in brief.body


def test_a_quote_in_italics_running_to_the_right_margin_is_a_quote(tmp_path):
    css = "blockquote { margin: 8px 0 8px 10mm; font-style: italic; }"
    quote = (
        "We are not asking for exceptions. We are asking for enough time to build "
        "supply chains that meet the rules, and for the rules to hold still long "
        "enough for us to build them."
    )
    body = f"{HEAD}<p>{TEXT}</p><blockquote>{quote}</blockquote><p>{TEXT}</p>{TAIL}"
    brief = printed(tmp_path, body, css)
    assert f"> {quote}" in brief.body
