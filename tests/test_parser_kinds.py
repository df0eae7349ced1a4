"""Kinds of variation a ten-year archive has, each tested on its own (issue 11).

Pure parser (no database): the tests build export text and read it.
"""

from datetime import date

import pytest

from briefs.importer.chrome import drop_furniture
from briefs.importer.parse import parse_export
from briefs.importer.pdf import read_pdf_bytes
from tests import pdf_samples
from tests.parser_samples import DISCLOSURE
from tests.pdf_words import word


def export(head: str, body: str = "Some body text.", tail: str = "") -> str:
    return (
        f"THE PENINSULA\n\nA Plain Title\n\n{head}\n\n{body}\n\n{tail}\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )


def only(text: str):
    (brief,) = parse_export(text)
    return brief


# --- Head fields on one line, between separators


@pytest.mark.parametrize("separator", [" · ", " | ", " • ", " — "])
def test_published_and_updated_on_one_line(separator):
    brief = only(
        export(f"Published May 3, 2024{separator}Updated May 6, 2024\n\nAuthor: X Y")
    )
    assert (brief.published, brief.updated) == (date(2024, 5, 3), date(2024, 5, 6))
    assert [a.name for a in brief.authors] == ["X Y"]


def test_a_byline_date_and_reading_time_on_one_line():
    brief = only(export("Published May 3, 2024\n\nBy Jane Kim · 5 min read"))
    assert [a.name for a in brief.authors] == ["Jane Kim"]
    assert "min read" not in brief.body


def test_a_bare_date_beside_a_byline_is_the_published_date():
    text = "THE PENINSULA\n\nA Title\n\nBy Jane Kim | March 3, 2015\n\nBody text.\n\n"
    brief = only(f"{text}{DISCLOSURE}\n\nReturn to the Peninsula\n")
    assert brief.published == date(2015, 3, 3)
    assert [a.name for a in brief.authors] == ["Jane Kim"]


def test_a_title_with_a_bar_stays_whole():
    text = export("Published May 3, 2024").replace(
        "A Plain Title", "Seoul | Tokyo: Two Capitals, One Problem"
    )
    assert only(text).title == "Seoul | Tokyo: Two Capitals, One Problem"


# --- Two bios in one sentence


def test_two_bios_joined_by_and_in_one_sentence():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthors: [Inès Moreau](#), [C. Harrison Lowe](#)",
            tail="Inès Moreau is a visiting scholar in Lyon and C. Harrison Lowe is a "
            "Nonresident Fellow at KEI. All views are the authors’ alone.",
        )
    )
    bios = {a.name: a.bio for a in brief.authors}
    assert bios["Inès Moreau"] == "Inès Moreau is a visiting scholar in Lyon."
    lowe = "C. Harrison Lowe is a Nonresident Fellow at KEI."
    assert bios["C. Harrison Lowe"] == lowe


# --- Question headings


def test_a_title_case_question_is_a_heading_a_sentence_case_one_is_not():
    body = (
        "First paragraph ends here.\n\nIs the Kaesong Model Worth Reviving?\n\n"
        "Critics argue it is not.\n\nSo what should Seoul do?\n\nIt should wait."
    )
    brief = only(export("Published May 3, 2024", body))
    assert "\n\n## Is the Kaesong Model Worth Reviving?\n\n" in brief.body
    assert "## So what" not in brief.body


# --- Page furniture inside the post


@pytest.mark.parametrize(
    "line",
    [
        "Print",
        "Print this page",
        "Download PDF",
        "Download (PDF)",
        "[Download PDF](https://example.org/x.pdf)",
        "Comments (3)",
        "12 Comments",
        "Leave a reply",
        "Subscribe",
        "Subscribe to our newsletter",
        "Share: Facebook | Twitter | LinkedIn | Email",
        "Home > Commentary > The Peninsula",
        "Back to top",
        "Listen to this article  00:00 / 06:12",
        "Listen to this story",
        "Audio version (12:34)",
        "Play audio",
        "Listen · 7 min",
        "12:34",
        "00:00 / 06:12",
    ],
)
def test_a_furniture_line_is_dropped_and_reported(line):
    warnings = []
    assert drop_furniture(["Text.", "", line, "", "More text."], warnings) == [
        "Text.",
        "",
        "More text.",
    ]
    assert warnings and warnings[0].startswith("dropped page furniture")


@pytest.mark.parametrize(
    "line",
    [
        "Print media lost readers in the 2010s.",
        "Subscribe to the view that sanctions work, and the case is easy.",
        "Get the full report here.",
        "Korea View is KEI's weekly newsletter on the peninsula.",
        "Comments from Seoul were muted.",
        "Home prices rose again.",
        "Listen to this article's critics and the case is weaker.",
        "Play audio clips of the speech, and the tone is plain.",
    ],
)
def test_sentences_about_the_same_things_stay(line):
    assert drop_furniture(["Text.", "", line], []) == ["Text.", "", line]


def test_a_newsletter_box_goes_whole():
    box = [
        "Sign up for Korea View",
        "Get a weekly briefing on the Korean Peninsula delivered to your inbox.",
        "Subscribe",
    ]
    assert drop_furniture(["Text.", "", *box, "", "More."], []) == [
        "Text.",
        "",
        "More.",
    ]


def test_a_cookie_banner_goes():
    banner = "We use cookies to run this site. By continuing you accept them. Accept"
    assert drop_furniture([banner, "", "Text."], []) == ["", "Text."]


def test_a_related_posts_list_goes_with_its_titles():
    lines = [
        "Last paragraph.",
        "",
        "You may also like",
        "Japan and South Korea After the Summit",
        "The Alliance at Seventy",
        "",
        "Jane Kim is a Fellow at KEI.",
    ]
    assert drop_furniture(lines, []) == [
        "Last paragraph.",
        "",
        "",
        "Jane Kim is a Fellow at KEI.",
    ]


def test_furniture_between_the_head_and_the_body_keeps_the_head():
    head = "Published May 3, 2024\n\nAuthor: [Jane Kim](#)\n\nPrint\nDownload PDF"
    brief = only(export(f"{head}\n\nCategory: [Economy](#)", "Body text."))
    assert brief.categories == ["Economy"]
    assert brief.body == "Body text."


# --- Dates in the forms a decade of posts used


@pytest.mark.parametrize(
    "written",
    [
        "Mar. 3, 2015",
        "3 March 2015",
        "2015-03-03",
        "2015/03/03",
        "March 3rd, 2015",
        "Tuesday, March 3, 2015",
        "3/3/2015",
        "on March 3, 2015 at 4:15 pm",
    ],
)
def test_date_forms(written):
    assert only(export(f"Published {written}")).published == date(2015, 3, 3)


# --- Bylines


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Jane Roe and Lee Min-ji", ["Jane Roe", "Lee Min-ji"]),
        ("By A. Roe, B. Lee, and C. Kim", ["A. Roe", "B. Lee", "C. Kim"]),
        ("By Jean-Marie Dupont & José Ramírez", ["Jean-Marie Dupont", "José Ramírez"]),
        ("By Marcus O'Neil and J. James Kim", ["Marcus O'Neil", "J. James Kim"]),
        ("By Hannah de la Cruz and Kim Jong-un", ["Hannah de la Cruz", "Kim Jong-un"]),
        ("By Nicole Fisher, Jr. and Abe Kane", ["Nicole Fisher Jr.", "Abe Kane"]),
        ("By: Jane Roe, Ph.D.", ["Jane Roe"]),
        ("Written by Jane Roe", ["Jane Roe"]),
        (
            "By KEI Staff & The Peninsula Editors",
            ["KEI Staff", "The Peninsula Editors"],
        ),
        ("By the KEI Staff", ["KEI Staff"]),
        ("By the Korea Economic Institute", ["Korea Economic Institute"]),
    ],
)
def test_byline_forms(byline, names):
    assert [
        a.name for a in only(export(f"Published May 3, 2024\n\n{byline}")).authors
    ] == (names)


def test_a_sentence_starting_with_by_is_body_text():
    brief = only(
        export("Published May 3, 2024\n\nBy Seoul's standards, growth was slow")
    )
    assert brief.authors == []
    assert brief.body.startswith("By Seoul's standards")


@pytest.mark.parametrize(
    "line",
    [
        "By the Summit of 2019, the talks had stalled",
        "By the Summit of 2019 the talks had stalled",
    ],
)
def test_a_sentence_starting_with_by_the_is_body_text(line):
    brief = only(export(f"Published May 3, 2024\n\n{line}"))
    assert brief.authors == []
    assert brief.body.startswith(line)


# --- Bios


@pytest.mark.parametrize(
    "bio",
    [
        "Jane Roe is a Fellow at KEI.",
        "Dr. Jane Roe is a Fellow at KEI.",
        "*Jane Roe is a Fellow at KEI.*",
        "**Jane Roe** is a Fellow at KEI.",
        "[Jane Roe](#) is a Fellow at KEI.",
        "_Jane Roe, a Fellow at KEI, writes on trade._",
    ],
)
def test_bio_forms(bio):
    brief = only(export("Published May 3, 2024\n\nAuthor: [Jane Roe](#)", tail=bio))
    assert "Fellow at KEI" in brief.authors[0].bio
    assert "*" not in brief.authors[0].bio and "Fellow" not in brief.body


# --- Feature image credits


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Feature image from [Yonhap](#).", "Yonhap"),
        ("Image: Yonhap", "Yonhap"),
        ("Photo credit: [Yonhap](#)", "Yonhap"),
        ("Cover photo by Jane Roe.", "Jane Roe"),
        (
            "Featured image courtesy of the [Ministry of Unification](#).",
            "Ministry of Unification",
        ),
        ("Credit: Yonhap", "Yonhap"),
        ("Image via Wikimedia Commons", "Wikimedia Commons"),
        ("(Photo: Yonhap)", "Yonhap"),
        ("© Yonhap", "Yonhap"),
        ("Image credit – Yonhap", "Yonhap"),
    ],
)
def test_credit_forms(line, credit):
    brief = only(export("Published May 3, 2024\n\nAuthor: [Jane Roe](#)", tail=line))
    assert brief.image_credit == credit
    assert credit not in brief.body


# --- The date and the byline on one line, a byline in capitals or with a role


@pytest.mark.parametrize(
    "line",
    [
        "Posted on March 3, 2015 by Jane Roe and Kim Min-ji",
        "Posted by Jane Roe and Kim Min-ji on March 3, 2015",
        "By Jane Roe and Kim Min-ji, March 3, 2015",
    ],
)
def test_date_and_byline_in_one_sentence(line):
    text = f"THE PENINSULA\n\nA Title\n\n{line}\n\nBody text.\n\n{DISCLOSURE}\n\n"
    brief = only(text + "Return to the Peninsula\n")
    assert brief.published == date(2015, 3, 3)
    assert [a.name for a in brief.authors] == ["Jane Roe", "Kim Min-ji"]
    assert (brief.title, brief.body) == ("A Title", "Body text.")


def test_a_byline_in_capitals_is_written_as_names_are():
    brief = only(export("Published May 3, 2024\n\nBY JANE ROE AND KIM JONG-UN"))
    assert [a.name for a in brief.authors] == ["Jane Roe", "Kim Jong-un"]
    assert any("byline in capitals" in w for w in brief.warnings)


@pytest.mark.parametrize(
    "byline",
    [
        "Author: [Jane Roe](#), Senior Fellow",
        "By Jane Roe, Korea Economic Institute of America",
        "By Jane Roe, KEI",
        "Author: [Jane Roe](#), Guest Contributor",
        "By Jane Roe, Contributing Writer",
        "By Jane Roe, Guest Author",
        "By Jane Roe, Staff Writer",
        "By Jane Roe, Special to The Peninsula",
        "By Jane Roe, Intern",
    ],
)
def test_a_role_or_institution_after_the_name_is_not_an_author(byline):
    brief = only(export(f"Published May 3, 2024\n\n{byline}"))
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert any("off the byline" in w for w in brief.warnings)


# --- Bios: labelled, titled, before the credit, accents aside


@pytest.mark.parametrize(
    ("tail", "name"),
    [
        ("About the Author\n\nJane Roe is a Fellow at KEI.", "Jane Roe"),
        ("**About the authors**\n\nJane Roe is a Fellow at KEI.", "Jane Roe"),
        ("About the author: Jane Roe is a Fellow at KEI.", "Jane Roe"),
        ("Ms. Roe is a Fellow at KEI.", "Jane Roe"),
        ("Mr. Lee is a Fellow at KEI.", "Lee Jae-myung"),
        ("José Ramírez is a Fellow at KEI.", "Jose Ramirez"),
        ("Marcus O’Neil is a Fellow at KEI.", "Marcus O'Neil"),
        ("Jane Roe is a Fellow at KEI.\n\nImage: Yonhap", "Jane Roe"),
    ],
)
def test_bio_variants(tail, name):
    brief = only(export(f"Published May 3, 2024\n\nAuthor: [{name}](#)", tail=tail))
    assert "Fellow at KEI" in brief.authors[0].bio
    assert "About" not in brief.authors[0].bio
    assert brief.body == "Some body text."


# --- An updated date set after the published date, on its line


@pytest.mark.parametrize(
    "line",
    [
        "Published May 3, 2024 (updated May 6, 2024)",
        "Published May 3, 2024 (Updated: May 6, 2024)",
        "Published May 3, 2024; updated May 6, 2024",
        "Published May 3, 2024, updated May 6, 2024",
        "Published on May 3, 2024, last updated May 6, 2024.",
    ],
)
def test_an_updated_date_after_the_published_date(line):
    brief = only(export(f"{line}\n\nAuthor: X Y"))
    assert (brief.published, brief.updated) == (date(2024, 5, 3), date(2024, 5, 6))
    assert "updated" not in brief.body.casefold()


# --- PDF lists: discs drawn as shapes, numbers left of the items' text


def test_one_line_items_with_drawn_discs_are_items_not_a_quote():
    text = read_pdf_bytes(pdf_samples.takeaways_box_pdf())
    for item in pdf_samples.TAKEAWAYS:
        assert f"\n\n- {item}\n\n" in text
    assert "> " not in text


def test_a_wrapped_numbered_item_stays_one_item():
    text = read_pdf_bytes(pdf_samples.numbered_list_pdf())
    assert f"\n\n2. {pdf_samples.NUMBERED_TWO}\n\n" in text
    assert "- " not in text


# --- fresh5: two bios in one "respectively" sentence


def test_two_bios_in_one_respectively_sentence():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthors: [J. Ann Roe](#), [Bo-ra Lee-Hart](#)",
            tail="J. Ann Roe and Bo-ra Lee-Hart are a Fellow at the Asan Institute "
            "and a Nonresident Fellow at KEI, respectively. All views are the "
            "authors’ alone.",
        )
    )
    bios = {a.name: a.bio for a in brief.authors}
    assert bios["J. Ann Roe"] == "J. Ann Roe is a Fellow at the Asan Institute."
    assert bios["Bo-ra Lee-Hart"] == "Bo-ra Lee-Hart is a Nonresident Fellow at KEI."
    assert "respectively" not in brief.body


def test_a_respectively_sentence_shares_the_place_named_once():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthors: [Ann Roe](#), [Bo Li](#)",
            tail="Ann Roe and Bo Li are Senior Fellow and Fellow at KEI, respectively.",
        )
    )
    bios = {a.name: a.bio for a in brief.authors}
    assert bios == {
        "Ann Roe": "Ann Roe is Senior Fellow at KEI.",
        "Bo Li": "Bo Li is Fellow at KEI.",
    }


def test_a_respectively_sentence_about_others_stays_in_the_body():
    body = "Seoul and Tokyo are the first and second buyers, respectively.\n\nMore."
    brief = only(export("Published May 3, 2024\n\nAuthor: [Ann Roe](#)", body))
    assert "first and second buyers, respectively." in brief.body


# --- fresh5: an updated date with the editor's reason


@pytest.mark.parametrize(
    "line",
    [
        "Revised March 4, 2022 to reflect the final count",
        "Revised: March 4, 2022 (to reflect the final count)",
        "Edited on March 4, 2022 to reflect the final count",
        "This article was updated on March 4, 2022 to reflect the final count.",
    ],
)
def test_an_updated_line_with_a_reason(line):
    text = export(f"Published March 2, 2022\n\n{line}\n\nAuthor: [Ann Roe](#)")
    brief = only(text)
    assert brief.updated == date(2022, 3, 4)
    assert "final count" not in brief.body
    assert any("to reflect the final count" in w for w in brief.warnings)


# --- fresh5: advertising furniture inside the body


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Continue reading below",
        "Story continues below",
        "Sponsored",
        "Article continues after advertisement",
    ],
)
def test_advertising_furniture_is_dropped_and_the_paragraph_rejoined(line):
    body = f"Beijing has already signaled\n\n{line}\n\nits displeasure.\n\nNext one."
    brief = only(export("Published May 3, 2024\n\nAuthor: [Ann Roe](#)", body))
    assert "Beijing has already signaled its displeasure.\n\nNext one." in brief.body
    assert line not in brief.body
    assert any("dropped page furniture" in w for w in brief.warnings)


def test_advertising_words_in_a_sentence_stay():
    line = "Advertisement revenue fell, and the story continues below the fold."
    assert drop_furniture(["Text.", "", line], []) == ["Text.", "", line]


# --- fresh5: a question heading in lower case


def test_a_lower_case_question_alone_after_a_sentence_is_a_heading():
    body = (
        "The second reason is rules.\n\nwhat would joining actually cost?\n\n"
        "The honest answer is the countryside.\n\nSo what should Seoul do?\n\n"
        "It should wait."
    )
    brief = only(export("Published May 3, 2024", body))
    assert "rules.\n\n## what would joining actually cost?\n\nThe honest" in brief.body
    assert "## So what" not in brief.body


def test_a_lower_case_question_ending_a_broken_sentence_is_joined():
    body = "Officials keep asking how\n\nwhat would it cost?\n\nMore."
    brief = only(export("Published May 3, 2024", body))
    assert "Officials keep asking how what would it cost?" in brief.body


# --- fresh5: a site strip pinned to the screen


@pytest.mark.parametrize(
    "line",
    [
        "Korea Economic Institute of America — keia.org — Commentary",
        "keia.org | The Peninsula",
        "KEI · www.keia.org",
    ],
)
def test_a_site_strip_is_furniture(line):
    warnings = []
    assert drop_furniture(["Text.", "", line, "", "More."], warnings) == [
        "Text.",
        "",
        "More.",
    ]
    assert warnings


@pytest.mark.parametrize(
    "line",
    [
        "The figures come from keia.org — and they are not new.",
        "Our partner site — korea.net — has the full speech, as do others.",
    ],
)
def test_a_sentence_naming_a_site_stays(line):
    assert drop_furniture(["Text.", "", line], []) == ["Text.", "", line]


# --- fresh5: a pull quote floated beside the text (PDF)


def _word(text, x0, top, size=11.0):
    return word(text, x0, top, size=size, width=6.0 * len(text))


def test_a_pull_quote_floated_beside_the_text_is_dropped():
    from briefs.importer.pdf.columns import _without_floats

    text = [_word(f"w{n}", 40 + 30 * (n % 6), 100 + 16 * (n // 6)) for n in range(36)]
    quote = [_word("“Quoted", 240, 110 + 15 * n, size=13.0) for n in range(4)]
    notes = []
    assert _without_floats(text + quote, 0, notes) == text
    assert notes and "pull quote" in notes[0]


def test_a_larger_heading_on_its_own_line_stays():
    from briefs.importer.pdf.columns import _without_floats

    text = [_word(f"w{n}", 40 + 30 * (n % 6), 130 + 16 * (n // 6)) for n in range(36)]
    heading = [_word(f"Head{n}", 40 + 50 * n, 100, size=14.0) for n in range(4)]
    assert _without_floats(heading + text, 0, []) == heading + text


# --- Fourth blind set (tests/samples/fresh6)


def bare(head_and_title: str, body: str = "Some body text.", tail: str = "") -> str:
    return (
        f"THE PENINSULA\n\n{head_and_title}\n\n{body}\n\n{tail}\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )


def test_a_date_alone_under_the_title_is_the_published_date():
    brief = only(bare("A Title\n\nOn Two Lines\n\nApril 16th, 2012\n\nBy Jane Kim"))
    assert (brief.title, brief.published) == ("A Title On Two Lines", date(2012, 4, 16))
    assert [a.name for a in brief.authors] == ["Jane Kim"]


def test_a_date_alone_above_the_title_is_the_published_date():
    brief = only(bare("January 14, 2026\n\nA Title\n\nAuthors: [Jane Kim](#)"))
    assert (brief.title, brief.published) == ("A Title", date(2026, 1, 14))
    assert [a.name for a in brief.authors] == ["Jane Kim"]
    assert any("date above the title" in w for w in brief.warnings)


def test_a_body_date_is_not_taken_when_the_head_has_a_published_line():
    brief = only(export("Published May 3, 2024\n\nBy Jane Kim", body="May 1, 2024"))
    assert brief.published == date(2024, 5, 3)


def test_posted_in_lists_categories_and_the_comment_count_is_furniture():
    brief = only(
        export(
            "Published May 3, 2012\n\nBy Jane Kim\n\n"
            "Posted in Trade, Chips | 4 Comments"
        )
    )
    assert brief.categories == ["Trade", "Chips"]
    assert "Comments" not in brief.body


def test_categories_between_middle_dots():
    brief = only(export("Published May 3, 2024\n\nTopics: Trade · Chips · Energy"))
    assert brief.categories == ["Trade", "Chips", "Energy"]


def test_a_corrected_line_is_the_updated_date():
    brief = only(export("Published April 3, 2019\nCorrected April 9, 2019\n\nBy J Kim"))
    assert brief.updated == date(2019, 4, 9)


@pytest.mark.parametrize(
    "byline",
    [
        "By Lee Ji-won (KEI) and Marcus Webb (Stimson Center)",
        "Authors: [Lee Ji-won](#) (KEI) and [Marcus Webb](#) (Stimson Center)",
    ],
)
def test_affiliations_in_parentheses_leave_the_byline(byline):
    brief = only(export(f"Published May 3, 2024\n\n{byline}"))
    assert [a.name for a in brief.authors] == ["Lee Ji-won", "Marcus Webb"]
    assert any("'(Stimson Center)'" in w for w in brief.warnings)


def test_a_name_in_its_own_script_stays_in_the_byline():
    brief = only(export("Published May 3, 2024\n\nAuthor: Lee Jae-myung (이재명)"))
    assert [a.name for a in brief.authors] == ["Lee Jae-myung (이재명)"]


@pytest.mark.parametrize(
    "bio",
    [
        "**Jane Kim**\nJane Kim is a Fellow at KEI.",
        "— Jane Kim is a Fellow at KEI.",
    ],
)
def test_bios_under_a_name_label_or_after_a_dash(bio):
    brief = only(export("Published May 3, 2024\n\nBy Jane Kim", tail=bio))
    assert brief.authors[0].bio == "Jane Kim is a Fellow at KEI."
    assert "Fellow at KEI" not in brief.body


def test_author_cards_a_name_paragraph_over_each_bio():
    tail = (
        "About the Authors\n\nJane Kim\n\nJane Kim is a Fellow at KEI.\n\n"
        "**Lee Min**\n\nLee Min is a Professor at Yonsei University."
    )
    brief = only(export("Published May 3, 2024\n\nBy Jane Kim and Lee Min", tail=tail))
    assert [a.bio for a in brief.authors] == [
        "Jane Kim is a Fellow at KEI.",
        "Lee Min is a Professor at Yonsei University.",
    ]
    assert "About the Authors" not in brief.body
    assert "Lee Min" not in brief.body


# --- Fifth blind set (fresh7): banners, placeholders, captions in credits


@pytest.mark.parametrize(
    "banner",
    [
        "DRAFT – NOT FOR PUBLICATION (last edited by jmoore)",
        "DRAFT",
        "PREVIEW: scheduled for Monday",
        "Embargoed – do not publish before Monday",
    ],
)
def test_an_editing_banner_above_the_title_is_not_the_title(banner):
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        "A Plain Title", f"{banner}\n\nA Plain Title"
    )
    brief = only(text)
    assert brief.title == "A Plain Title"
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert any("furniture" in w and banner[:20] in w for w in brief.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "PREVIEW OF THE SUMMIT",
        "Draft legislation passed the committee on Tuesday.",
        "The memo was marked not for publication, and it leaked anyway.",
    ],
)
def test_body_text_that_names_drafts_stays(line):
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=line))
    assert line in brief.body


def test_a_lower_case_about_label_over_name_labelled_bios_is_a_label():
    tail = (
        "About the authors\n\n**Jane Roe**\nJane Roe is a Fellow at KEI.\n\n"
        "**Kim Min-ji**\nKim Min-ji is a Professor at Ewha."
    )
    brief = only(
        export("Published May 3, 2024\n\nAuthors: Jane Roe and Kim Min-ji", tail=tail)
    )
    assert [a.bio for a in brief.authors] == [
        "Jane Roe is a Fellow at KEI.",
        "Kim Min-ji is a Professor at Ewha.",
    ]
    assert "About the authors" not in brief.body


@pytest.mark.parametrize(
    "line",
    [
        "Feature image from [IMAGE CREDIT TK](#).",
        "Photo: TBD",
        "Image credit: XXX",
        "Credit: [credit]",
    ],
)
def test_a_placeholder_credit_is_left_empty_and_reported(line):
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", tail=line))
    assert brief.image_credit == ""
    assert any("placeholder" in warning for warning in brief.warnings)
    assert "shown as plain text" not in " ".join(brief.warnings)


def test_a_caption_run_into_the_credit_line_leaves_the_source_as_credit():
    line = (
        "Cover image: Two leaders shake hands at the demarcation line. "
        "Source: [Cheong Wa Dae](#)."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", tail=line))
    assert brief.image_credit == "Cheong Wa Dae"
    assert any("caption out of the image credit" in w for w in brief.warnings)


@pytest.mark.parametrize(
    "line",
    [
        "Correction, February 12, 2026: An earlier version gave the wrong year.",
        "Clarification (February 12, 2026): The second table was relabelled.",
    ],
)
def test_a_correction_line_in_the_head_is_the_updated_date(line):
    brief = only(export(f"Published February 10, 2026\n\n{line}\n\nAuthor: Jane Roe"))
    assert brief.updated == date(2026, 2, 12)
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert "February 12" not in brief.body
    assert any("note on the updated date" in w for w in brief.warnings)


OPENING_CAPTION = "Managers drive back across the border at dawn. Photo: Yonhap"


def test_a_captioned_credit_over_the_first_paragraph_credits_the_feature_image():
    body = f"{OPENING_CAPTION}\n\nThe last managers left on Monday."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.image_credit == "Yonhap"
    assert "Photo: Yonhap" not in brief.body
    assert brief.body.startswith("The last managers left on Monday.")


def test_with_a_credit_in_the_tail_an_opening_caption_stays_a_caption():
    body = f"{OPENING_CAPTION}\n\nThe last managers left on Monday."
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthor: Jane Roe",
            body=body,
            tail="Feature image from Reuters.",
        )
    )
    assert brief.image_credit == "Reuters"
    assert f"*{OPENING_CAPTION}*" in brief.body


def test_bulleted_numbered_notes_are_notes():
    body = (
        "A claim.[1] Another.[2]\n\nNotes\n\n- 1. The first source.\n"
        "- 2. The second source."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "## Notes\n\n1. The first source.\n2. The second source." in brief.body


# --- Sixth blind set (fresh8): peer institutes' templates


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Experts: [Jane Roe](#) , [Park Jae-won](#)", ["Jane Roe", "Park Jae-won"]),
        ("Contributors: Jane Roe, Kim Min-ji", ["Jane Roe", "Kim Min-ji"]),
        ("Contributor: [Jane Roe](#)", ["Jane Roe"]),
        ("Analysis by [Jane Roe](#) and [Kim Min-ji](#)", ["Jane Roe", "Kim Min-ji"]),
    ],
)
def test_byline_labels_of_other_templates(line, names):
    brief = only(export(f"Published May 3, 2024\n\n{line}"))
    assert [a.name for a in brief.authors] == names
    assert line.split()[0] not in brief.body


@pytest.mark.parametrize(
    ("lines", "categories"),
    [
        ("Regions: [Japan](#)\nIssues: [Alliances](#)", ["Japan", "Alliances"]),
        ("Tags:\n- [Olympics](#)\n- [Sanctions](#)", ["Olympics", "Sanctions"]),
        ("Categories: [Defense](#) / [Trade](#)", ["Defense", "Trade"]),
        ("Posted under: [Food Security](#)", ["Food Security"]),
    ],
)
def test_category_labels_of_other_templates(lines, categories):
    brief = only(export(f"Published May 3, 2024\n\nAuthor: Jane Roe\n\n{lines}"))
    assert brief.categories == categories


def test_a_kicker_over_the_title_and_a_standfirst_under_it_are_not_the_title():
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        "A Plain Title",
        "EXPERT COMMENT\n\nA Plain Title\n*What the vote means for the alliance.*",
    )
    brief = only(text)
    assert brief.title == "A Plain Title"
    assert brief.body.startswith("*What the vote means for the alliance.*")
    assert "EXPERT COMMENT" not in brief.body


def test_a_title_in_capitals_alone_stays_the_title():
    text = export("Published May 3, 2024").replace("A Plain Title", "TRADE WARS")
    assert only(text).title == "TRADE WARS"


def test_the_role_under_a_byline_is_not_body_text():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthor: [Dr Jane Roe](#)\n"
            "Senior Research Fellow, Environment Programme"
        )
    )
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert "Research Fellow" not in brief.body


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Main image: Korea.net ([Flickr](#))", "Korea.net (Flickr)"),
        ("Header photo © Yonhap News Agency", "Yonhap News Agency"),
        (
            "Photo by Jung Yeon-je/AFP via Getty Images.",
            "Jung Yeon-je/AFP via Getty Images",
        ),
    ],
)
def test_more_credit_forms(line, credit):
    brief = only(export("Published May 3, 2024\n\nAuthor: [Jane Roe](#)", tail=line))
    assert brief.image_credit == credit


def test_a_caption_with_photo_by_over_the_first_paragraph_credits_the_feature():
    body = (
        "Cooling towers of a power station, 30 January 2021. Photo by Kim Lee/Getty "
        "Images.\n\nThe pledge came first."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.image_credit == "Kim Lee/Getty Images"
    assert brief.body.startswith("The pledge came first.")


def test_author_cards_of_a_name_over_a_role_are_bios():
    tail = (
        "About the Experts\n\nJane Roe\nFellow, East Asia Program, the Stimson Center"
        "\n\nPark Jae-won\nNonresident Fellow, Korea Economic Institute of America"
    )
    brief = only(
        export("Published May 3, 2024\n\nExperts: Jane Roe, Park Jae-won", tail=tail)
    )
    assert [a.bio for a in brief.authors] == [
        "Jane Roe, Fellow, East Asia Program, the Stimson Center",
        "Park Jae-won, Nonresident Fellow, Korea Economic Institute of America",
    ]
    assert "About the Experts" not in brief.body


def test_a_byline_with_a_bare_weekday_date_and_a_posted_under_line():
    head = (
        "By [Jane Roe](#) | Wednesday, March 21st, 2012 | 2 Comments\n\n"
        "Posted under: [North Korea](#), [Economy](#)"
    )
    text = export("", body="Some body text.").replace(
        "A Plain Title\n\n\n\n", f"A Plain Title\n\n{head}\n\n"
    )
    brief = only(text)
    assert brief.published == date(2012, 3, 21)
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert brief.categories == ["North Korea", "Economy"]


def test_back_links_of_notes_are_dropped_and_run_on_notes_split():
    body = (
        "A claim.[1] Another.[2]\n\nNotes\n\n"
        "1. The first source. ↩ 2. The second source. ↩"
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "1. The first source.\n2. The second source." in brief.body
    assert "↩" not in brief.body


def test_topics_set_after_the_body_are_the_categories():
    body = "Some body text.\n\nTopics: Economics & Trade · Batteries · United States"
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.categories == ["Economics & Trade", "Batteries", "United States"]
    assert "Topics" not in brief.body


def test_fields_in_capitals_over_their_values():
    text = (
        "THE PENINSULA\n\nA Plain Title\n\nWRITTEN BY\n\nProf. Jane Roe\n\nDATE\n\n"
        "Saturday, 02 July 2016\n\nTOPICS\n\nTrade\n\nEurope\n\n"
        "The first paragraph of the text.\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )
    brief = only(text)
    assert brief.published == date(2016, 7, 2)
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert brief.categories == ["Trade", "Europe"]
    assert brief.body.startswith("The first paragraph of the text.")


@pytest.mark.parametrize(
    "marker", ["COMMENTARY · THE PENINSULA", "THE PENINSULA | ANALYSIS"]
)
def test_the_post_marker_with_the_kind_of_piece_beside_it(marker):
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        "THE PENINSULA", marker, 1
    )
    assert only(text).title == "A Plain Title"


@pytest.mark.parametrize("separator", ["|", "·", "—"])
def test_a_caption_with_its_credit_after_a_bar_is_not_glued_to_the_next_paragraph(
    separator,
):
    caption = f"A grain stall in Hyesan, seen from a bank. {separator} Image: Daily NK"
    body = (
        "Prices rose all spring.\n\n"
        f"{caption}\n\n"
        "Aid Third | The assistance agreed in February would deliver food."
    )
    brief = only(
        export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body, tail="")
    )
    assert f"*{caption}*" in brief.body
    assert "Daily NK Aid Third" not in brief.body
    assert any("read a caption" in w for w in brief.warnings)


def test_a_note_marker_after_the_full_stop_ends_the_sentence():
    body = "The games close on 18 March.¹\n\nThe difficulty is that the pause ends."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "18 March.¹\n\nThe difficulty" in brief.body


def test_the_paragraph_after_a_list_is_not_its_last_item():
    body = (
        "Three files are open:\n\n* the trade application\n\n"
        "* rules for cross-border data flows\n\n"
        "Finally, the ministry must decide what to share."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "* rules for cross-border data flows\n\nFinally, the ministry" in brief.body


def test_an_item_broken_off_mid_sentence_is_rejoined():
    body = "Exposed firms:\n\n- suppliers to the battery industries, including\n\n" + (
        "Hyundai Mobis and LG Energy Solution.\n\nAnother paragraph."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "including Hyundai Mobis and LG Energy Solution." in brief.body


def test_tab_separated_rows_are_a_table():
    body = (
        "The comparison is revealing.\n\n"
        "Partner\tKorea FTA in force\tTPP member\n"
        "United States\tYes (2012)\tYes\n"
        "Japan\t\tNo\t\tYes\n\n"
        "The exception is Japan."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert (
        "| Partner | Korea FTA in force | TPP member |\n| --- | --- | --- |\n"
        "| United States | Yes (2012) | Yes |\n| Japan | No | Yes |\n\n"
        "The exception is Japan."
    ) in brief.body
    assert any("tab-separated rows as a table" in w for w in brief.warnings)


def test_one_line_with_a_tab_is_no_table():
    body = "Seoul\tsaid little.\n\nThe exception is Japan."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "Seoul said little." in brief.body
    assert "|" not in brief.body


def test_a_short_bio_over_the_credit_is_not_reported_as_a_caption():
    tail = (
        "About the Author\n\nDr. Roe is a Nonresident Fellow at KEI.\n\n"
        "Image: [Ministry of Unification](#)"
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", tail=tail))
    assert brief.authors[0].bio == "Dr. Roe is a Nonresident Fellow at KEI."
    assert brief.image_credit == "Ministry of Unification"
    assert not any("read a caption next to" in w for w in brief.warnings)


# --- Head forms of other templates: date labels and forms, byline kinds, labels


@pytest.mark.parametrize(
    "line",
    [
        "Published 05.03.2024",
        "Published March 5, 2024 10 a.m.",
        "Published March 5, 2024 @ 10:30",
        "Published 2024-03-05T10:30:00+09:00",
        "Published 5-Mar-2024",
        "Published 5th of March 2024",
        "Date: March 5, 2024",
        "Dated March 5, 2024",
        "Publication date: March 5, 2024",
        "Date published: March 5, 2024",
        "First published March 5, 2024",
        "Originally posted on March 5, 2024",
    ],
)
def test_more_date_lines(line):
    brief = only(export(f"{line}\n\nAuthor: Jane Roe"))
    assert brief.published == date(2024, 3, 5)
    assert [author.name for author in brief.authors] == ["Jane Roe"]


@pytest.mark.parametrize("title", ["Dated Alliances", "Date Night in Pyongyang"])
def test_a_title_opening_with_a_date_label_is_a_title(title):
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        "A Plain Title", title
    )
    assert only(text).title == title


@pytest.mark.parametrize(
    "byline",
    [
        "Authored by: Jane Roe",
        "Words by Jane Roe",
        "Posted by Jane Roe",
        "Op-Ed by [Jane Roe](#)",
        "Guest post by Jane Roe",
        "Commentary by Jane Roe",
        "Reported by Jane Roe",
        "Opinion by Jane Roe",
        "Writer: Jane Roe",
        "By Jane Roe | KEI",
    ],
)
def test_more_byline_kinds(byline):
    brief = only(export(f"Published May 3, 2024\n\n{byline}"))
    assert [author.name for author in brief.authors] == ["Jane Roe"]
    assert "Jane Roe" not in brief.body


@pytest.mark.parametrize(
    "line",
    [
        "(Updated March 6, 2024)",
        "Update: March 6, 2024",
        "Last reviewed March 6, 2024",
        "Page updated March 6, 2024",
    ],
)
def test_more_updated_lines(line):
    brief = only(export(f"Published March 5, 2024\n\n{line}\n\nAuthor: Jane Roe"))
    assert brief.updated == date(2024, 3, 6)
    assert "2024" not in brief.body


@pytest.mark.parametrize(
    "label",
    [
        "Tagged",
        "Tagged with",
        "Related topics",
        "Focus areas",
        "Research areas",
        "Section",
        "Countries",
    ],
)
def test_more_category_labels(label):
    brief = only(export(f"Published May 3, 2024\n\nAuthor: Jane Roe\n\n{label}: Trade"))
    assert brief.categories == ["Trade"]
    assert label not in brief.body


@pytest.mark.parametrize(
    "line",
    [
        "© 2024 Korea Economic Institute of America. All rights reserved.",
        "© Korea Economic Institute of America. All rights reserved.",
        "Copyright © 2016 KEI",
    ],
)
def test_the_sites_copyright_notice_is_furniture_not_a_credit(line):
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", tail=line))
    assert brief.image_credit == ""
    assert "rights" not in brief.body and "Copyright" not in brief.body
    assert any("dropped page furniture" in w for w in brief.warnings)


@pytest.mark.parametrize(
    "line", ["2024 was a hard year for Seoul.", "Copyright law changed in 2011."]
)
def test_sentences_about_years_and_copyright_stay(line):
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=line))
    assert line in brief.body


@pytest.mark.parametrize(
    "marker, second",
    [("(1)", "(2)"), ("^1", "^2"), ("¹", "²")],
)
def test_notes_marked_otherwise_are_numbered_notes_linked_from_the_text(marker, second):
    body = (
        f"Seoul raised the budget.{marker} The opposition objected.\n\n"
        f"Notes\n\n{marker} Ministry of Finance, 2024.\n{second} Record."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "Seoul raised the budget.[1] The opposition" in brief.body
    assert "## Notes\n\n1. Ministry of Finance, 2024.\n2. Record." in brief.body


def test_a_works_cited_section_is_a_notes_section():
    body = "Seoul raised the budget.[1]\n\nWorks Cited\n\n[1] Ministry of Finance."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "## Works Cited\n\n1. Ministry of Finance." in brief.body


def test_numbers_in_parentheses_after_a_space_stay():
    body = "Three reasons: (1) cost and (2) time.[1]\n\nNotes\n\n[1] A note.\n\n[2] B."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "Three reasons: (1) cost and (2) time.[1]" in brief.body


def test_a_paragraph_in_bold_alone_is_a_heading_without_the_bold():
    body = "**The Trade Question**\n\nSeoul raised the budget."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.body.startswith("## The Trade Question\n\n")


# --- Seventh blind set (fresh9): kinds found on first contact


def test_a_date_line_in_capitals_with_the_weekday():
    brief = only(export("Published WEDNESDAY, NOVEMBER 23, 2011\n\nAuthor: Jane Roe"))
    assert brief.published == date(2011, 11, 23)


def test_daggers_mark_notes_in_a_windows_1252_file():
    from briefs.importer.read import decode_text_with_warnings

    text = export("Published May 3, 2024\n\nAuthor: Jane Roe", body="Gas.† Done.‡")
    read = decode_text_with_warnings(text.encode("cp1252"))
    assert "Gas.† Done.‡" in read.text
    assert read.warnings == ["file is not UTF-8: decoded as Windows-1252 (cp1252)"]


def test_the_author_is_names_the_sole_author():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthor: Jane Roe",
            tail="The author is a former Member of Congress from Ohio.",
        )
    )
    assert (
        brief.authors[0].bio == "The author is a former Member of Congress from Ohio."
    )
    assert "Congress" not in brief.body


def test_the_author_is_names_no_one_of_two():
    brief = only(
        export(
            "Published May 3, 2024\n\nAuthors: Jane Roe, John Doe",
            tail="The author is a former Member of Congress from Ohio.",
        )
    )
    assert [author.bio for author in brief.authors] == ["", ""]


def test_a_bio_opening_with_a_phrase_before_the_name():
    tail = (
        "Photo of a campaign rally in central Seoul from Yonhap News Agency.\n\n"
        "A former correspondent in Seoul, Jane Roe is a doctoral candidate at LSE."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", tail=tail))
    assert brief.authors[0].bio.endswith("Jane Roe is a doctoral candidate at LSE.")
    assert brief.image_credit == "Yonhap News Agency"
    assert "rally" not in brief.body and "LSE" not in brief.body


@pytest.mark.parametrize(
    "line", ["Print This Post | Email This Post", "Print this page · Download PDF"]
)
def test_a_row_of_buttons_is_furniture(line):
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=line))
    assert "Print" not in brief.body


def test_a_book_review_head_and_book_details():
    head = (
        "Published 23rd April 2015\n\nReviewed by [Dr. Jane Roe](#)\n\n"
        "This post is also available in: 한국어 (Korean)"
    )
    body = (
        "The Market Economy: Trade and the State, 1994–2014\n"
        "By Helena Marsh and Cho Min-seok\n"
        "Harbour Street Press, 2015. 312 pages.\n\n"
        "Anyone who has tried to write about the economy knows the problem."
    )
    tail = (
        "About the reviewer: Jane Roe is a lecturer at Leeds.\n\n"
        "Book cover: [Harbour Street Press](#)"
    )
    brief = only(export(head, body=body, tail=tail))
    assert [author.name for author in brief.authors] == ["Jane Roe"]
    assert brief.authors[0].bio == "Jane Roe is a lecturer at Leeds."
    assert brief.image_credit == "Harbour Street Press"
    assert brief.body.startswith(
        "The Market Economy: Trade and the State, 1994–2014 By Helena Marsh"
    )
    assert "312 pages.\n\nAnyone who" in brief.body
    assert "available in" not in brief.body and "About the" not in brief.body


def test_categories_between_the_title_and_the_date():
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        "A Plain Title\n\n", "A Plain Title\n\nCategory: [Trade](#), [Chips](#)\n\n"
    )
    brief = only(text)
    assert brief.title == "A Plain Title"
    assert brief.categories == ["Trade", "Chips"]


def test_bios_as_a_list_under_about_the_authors():
    tail = (
        "About the authors\n\n- Jane Roe is Director of Research at KEI.\n"
        "- John Doe is a Program Manager at KEI."
    )
    brief = only(
        export("Published May 3, 2024\n\nAuthors: Jane Roe, John Doe", tail=tail)
    )
    assert [author.bio for author in brief.authors] == [
        "Jane Roe is Director of Research at KEI.",
        "John Doe is a Program Manager at KEI.",
    ]
    assert "About the" not in brief.body and "KEI" not in brief.body


def test_a_bio_under_the_byline_and_a_views_note_run_into_the_text():
    head = (
        "Published May 3, 2024\n\nBy [Jane Roe](#)\n\n"
        "*Jane Roe is a research fellow at the Institute.*\n\nTopics: Trade"
    )
    body = (
        "Views expressed in this post are the author’s own and do not represent "
        "those of KEI.On Thursday the ceremonies will be smaller.\n\n"
        "“The alliance is a partnership.” Click To Tweet"
    )
    brief = only(export(head, body=body))
    assert brief.authors[0].bio == "Jane Roe is a research fellow at the Institute."
    assert brief.categories == ["Trade"]
    assert brief.body == (
        "On Thursday the ceremonies will be smaller.\n\n"
        "“The alliance is a partnership.”"
    )


def test_a_contents_box_listing_the_headings_is_furniture():
    body = (
        "Table of Contents\nToggle\n- Executive Summary\n- Conclusion\n\n"
        "This brief summarizes a paper.\n\nExecutive Summary\n\nSeoul acts.\n\n"
        "Conclusion\n\nSeoul acted."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.body.startswith("This brief summarizes a paper.")
    assert "Toggle" not in brief.body and "Table of Contents" not in brief.body


def test_a_list_under_contents_that_is_not_the_headings_stays():
    body = "Contents\n\n- steel quotas\n- chip tariffs\n\nSeoul acts."
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "- steel quotas" in brief.body


def test_a_journal_issue_named_in_the_opening_note_is_the_series():
    body = (
        "This policy brief summarizes a longer paper published in the Spring 2024 "
        "issue of KEI’s journal Korea Policy (Vol. 2, No. 1).\n\nSeoul acts."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.series is not None
    assert (brief.series.name, brief.series.publication) == (
        "Korea Policy Series",
        "Korea Policy",
    )
    assert (brief.series.volume, brief.series.issue) == (2, 1)


def test_the_regulations_own_wording_is_the_disclosure():
    statement = (
        "This material is distributed by the Korea Economic Institute of America on "
        "behalf of the Korea Institute for International Economic Policy, and "
        "additional information is on file with the Department of Justice, "
        "Washington, D.C."
    )
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe").replace(
        DISCLOSURE, statement
    )
    brief = only(text)
    assert brief.disclosure == statement
    assert "Department of Justice" not in brief.body


def test_a_date_and_byline_line_ending_in_a_dash():
    text = (
        "THE PENINSULA\n\nA Plain Title\n\nTheme: [Trade](#)\n\n"
        "November 24, 2025, by [Jane Roe](#) and [John Doe](#)—\n\n"
        "Views: 1,284\n\nulsan-shipyard-cranes-1200x675\n\n"
        "Cranes at a yard in Ulsan, where U.S. Navy ships may be repaired. "
        "[Photo: Yonhap]\n\nSeoul acts.\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )
    brief = only(text)
    assert brief.published == date(2025, 11, 24)
    assert [author.name for author in brief.authors] == ["Jane Roe", "John Doe"]
    assert brief.categories == ["Trade"]
    assert brief.image_credit == "Yonhap"
    assert brief.body == "Seoul acts."


def test_a_plain_standfirst_under_a_title_that_has_ended():
    text = export("Date published: June 21, 2022\n\nAuthor: Jane Roe").replace(
        "A Plain Title\n\n",
        "Can IPEF Make Korea’s Supply Chains Less Exposed to China?\n\n"
        "Seoul joined the framework on day one. Its supply chain pillar is where "
        "membership will be judged.\n\n",
    )
    brief = only(text)
    assert brief.title == "Can IPEF Make Korea’s Supply Chains Less Exposed to China?"
    assert brief.body.startswith("Seoul joined the framework on day one.")


def test_key_topics_after_the_body_and_bios_in_boxes_read_as_quotes():
    body = "Seoul acts.\n\nKey topics: Trade · Supply Chains · China"
    tail = (
        "About the authors\n\n> Jane Roe is a Senior Fellow at KEI.\n\n"
        "> John Doe is a Nonresident Fellow at KEI."
    )
    brief = only(
        export("Published May 3, 2024\n\nAuthors: Jane Roe, John Doe", body, tail)
    )
    assert brief.categories == ["Trade", "Supply Chains", "China"]
    assert [author.bio for author in brief.authors] == [
        "Jane Roe is a Senior Fellow at KEI.",
        "John Doe is a Nonresident Fellow at KEI.",
    ]
    assert brief.body == "Seoul acts."


def test_a_blog_masthead_a_date_badge_a_handle_and_labels():
    text = (
        "THE PENINSULA\n\nA blog of the Korea Economic Institute of America\n\n"
        "HOME ABOUT CONTRIBUTORS KEI.ORG SUBSCRIBE\n\nMAR\n\n"
        "After Dresden: Can Park’s\n\n31\n\n2014 Unification Pitch Win Over\n\n"
        "Pyongyang—or Seoul?\n\nby Anna Kowalczyk (@AKowalczykKEI)\n\n"
        "Seoul acts.\n\nLabels: Unification, Park Geun-hye\n\n"
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n"
    )
    brief = only(text)
    assert brief.title == (
        "After Dresden: Can Park’s Unification Pitch Win Over Pyongyang—or Seoul?"
    )
    assert brief.published == date(2014, 3, 31)
    assert [author.name for author in brief.authors] == ["Anna Kowalczyk"]
    assert brief.categories == ["Unification", "Park Geun-hye"]
    assert brief.body == "Seoul acts."
    assert any("the handle of Anna Kowalczyk" in w for w in brief.warnings)


@pytest.mark.parametrize(
    "line", ["Home Support", "Research Programs and Events", "Events in Seoul Matter"]
)
def test_headings_with_menu_words_stay(line):
    brief = only(
        export("Published May 3, 2024\n\nAuthor: Jane Roe", body=f"{line}\n\nText.")
    )
    assert line in brief.body


# --- Eighth blind set (fresh10): the publisher's typical pages


def test_the_publishers_name_under_the_marker_is_the_masthead():
    text = export("Posted On 14 March 2018\n\nBy Jane Roe").replace(
        "A Plain Title", "Korea Economic Institute of America\nAfter the Olympics"
    )
    brief = only(text)
    assert brief.title == "After the Olympics"
    assert any("dropped the masthead" in w for w in brief.warnings)


def test_a_compound_ending_in_an_abbreviation_does_not_end_the_sentence():
    body = (
        "When the Korea-U.S. Free Trade Agreement reached its first anniversary, "
        "critics were quick."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert brief.body == body


def test_an_old_blog_post_in_italics_with_its_footer_after_the_disclosure():
    text = (
        "THE PENINSULA\n\n*A blog from the Korea Economic Institute*\n\n"
        "North Korea’s New Measures\n\nPosted on August 21, 2012\n\n"
        "*By Colin Ferris*\n\nReports suggest changes to the farms.\n\n"
        "*Colin Ferris is a Research Intern at KEI. The views expressed here are "
        "the author’s alone.*\n\n"
        "*Photo from Kristoffer Lind’s photostream on flickr Creative Commons.*\n\n"
        f"{DISCLOSURE}\n\nPosted in North Korea, Economy | Leave a comment\n\n"
        "« Tracing Sanctions Through Dalian Korea’s Primaries Take Shape »\n\n"
        "Return to the Peninsula\n"
    )
    brief = only(text)
    assert [author.name for author in brief.authors] == ["Colin Ferris"]
    assert brief.authors[0].bio == "Colin Ferris is a Research Intern at KEI."
    assert brief.image_credit == (
        "Kristoffer Lind’s photostream on flickr Creative Commons"
    )
    assert brief.disclosure == DISCLOSURE
    assert brief.categories == ["North Korea", "Economy"]
    assert brief.body == "Reports suggest changes to the farms."


@pytest.mark.parametrize(
    "line", ["← Previous post", "Next post →", "Newer entries »", "« Older posts"]
)
def test_links_to_the_posts_either_side_are_furniture(line):
    brief = only(
        export("Published May 3, 2024\n\nAuthor: Jane Roe", body=f"Text.\n\n{line}")
    )
    assert brief.body == "Text."


# --- Ninth blind set (fresh11)


def test_a_series_note_saying_belongs_to_a_limited_series():
    body = (
        "The following policy brief belongs to a limited series from KEI built "
        "around the newest edition of Korea Policy, Volume 2 Issue 1.\n\nText."
    )
    text = export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body).replace(
        "A Plain Title", "Korea Policy Series: A Plain Title"
    )
    series = only(text).series
    assert (series.name, series.publication, series.volume, series.issue) == (
        "Korea Policy Series",
        "Korea Policy",
        2,
        1,
    )


def test_the_updated_date_in_an_editors_note():
    head = (
        "Published January 21, 2026\n\nAuthor: Jane Roe\n\n"
        "*Editor’s note: This post was updated on January 23, 2026, to reflect "
        "new guidance.*"
    )
    brief = only(export(head, body="Text."))
    assert brief.updated == date(2026, 1, 23)
    assert brief.body.startswith("*Editor’s note: This post was updated")


def test_a_compound_broken_at_its_hyphen_keeps_it():
    from briefs.importer.pdf.joining import _join_lines, _Vocabulary

    vocabulary = _Vocabulary([])
    assert _join_lines("producers of flat-", "rolled steel", vocabulary) == (
        "producers of flat-rolled steel"
    )
    assert _join_lines("the alli-", "ance held", vocabulary) == "the alliance held"


# --- Hard-wrapped exports (a mail client or a text browser's dump)


def test_a_byline_wrapped_inside_a_link_keeps_every_author():
    head = (
        "Published February 10, 2026\n\n"
        "Authors: [Helena Vasquez-Rhee](#), [Baek Ji-hoon](#) & [Thomas E.\n"
        "Caldwell Jr.](#)\n\nCategory: [Security](#)"
    )
    brief = only(export(head))
    assert [a.name for a in brief.authors] == [
        "Helena Vasquez-Rhee",
        "Baek Ji-hoon",
        "Thomas E. Caldwell Jr.",
    ]
    assert brief.categories == ["Security"]


def test_a_wrapped_correction_line_is_one_note_not_body_text():
    head = (
        "Published February 10, 2026\n\n"
        "Correction, February 12, 2026: An earlier version of this post gave the\n"
        "wrong year for the first meeting. It\nwas 2023.\n\nAuthor: Jane Roe"
    )
    brief = only(export(head, body="The group met again in March."))
    assert brief.updated == date(2026, 2, 12)
    assert [a.name for a in brief.authors] == ["Jane Roe"]
    assert brief.body.startswith("The group met again in March.")
    assert any(
        "gave the wrong year for the first meeting. It was 2023" in w
        for w in brief.warnings
    )


def test_wrapped_notes_and_items_keep_their_lines():
    body = (
        "Support is above sixty percent.[1]\n\n"
        "- The group has produced guidelines and tabletop\nexercises.\n"
        "- Visits by strategic assets are regular.\n\n"
        "## Notes\n\n"
        "[1] In one 2025 survey, fewer than a quarter of respondents could\n"
        "identify the group’s purpose."
    )
    brief = only(export("Published May 3, 2024\n\nAuthor: Jane Roe", body=body))
    assert "- The group has produced guidelines and tabletop exercises.\n" in (
        brief.body
    )
    assert (
        "1. In one 2025 survey, fewer than a quarter of respondents could "
        "identify the group’s purpose." in brief.body
    )


def test_a_wrapped_caption_with_its_credit_gives_the_image_credit():
    body = (
        "Cooling towers of a coal-fired power station in South Chungcheong\n"
        "Province, 30 January 2021. Photo by Chung Sung-jun/Getty Images.\n\n"
        "When the president spoke, the country listened."
    )
    brief = only(export("Published May 3, 2021\n\nAuthor: Jane Roe", body=body))
    assert brief.image_credit == "Chung Sung-jun/Getty Images"
    assert "Cooling towers" not in brief.body
    assert brief.body.startswith("When the president spoke")


def test_a_figure_caption_wrapped_onto_a_lower_case_line_stays_whole():
    body = (
        "Exports rose.\n\nFigure 1. Exports of semiconductors by\n"
        "destination, 2015-2020\n\nThey fell later."
    )
    brief = only(export("Published May 3, 2021\n\nAuthor: Jane Roe", body=body))
    assert "*Figure 1. Exports of semiconductors by destination, 2015-2020*" in (
        brief.body
    )


def test_an_export_with_two_blank_lines_everywhere_still_heals_broken_paragraphs():
    body = (
        "Seoul's exports of petrochemicals fell by\n\n\n"
        "14 percent in the first quarter.\n\n\nFirms adjusted."
    )
    head = "Published May 3, 2013\n\n\nAuthor: Jane Roe"
    brief = only(export(head, body=body).replace("\n\n", "\n\n\n"))
    assert "fell by 14 percent in the first quarter." in brief.body
    assert "\n\nFirms adjusted." in brief.body


def test_a_related_posts_list_ends_before_the_bios_label():
    tail = (
        "Related posts\n\n- Korea’s Renewable Energy Plan, One Year On\n"
        "- Can Korea Lead on Batteries?\n\nAbout the Authors\n\n"
        "**Jane Roe**\nJane Roe is a fellow at the Korea Economic\n"
        "Institute of America."
    )
    brief = only(export("Published May 3, 2019\n\nAuthor: Jane Roe", tail=tail))
    assert "Batteries" not in brief.body
    assert "Institute of America" not in brief.body
    assert "fellow at the Korea Economic Institute of America" in (brief.authors[0].bio)


def test_small_type_between_a_blog_masthead_and_the_title_is_not_the_title():
    text = read_pdf_bytes(pdf_samples.blog_masthead_pdf())
    (brief,) = parse_export(text)
    assert brief.title == pdf_samples.TITLE
    assert pdf_samples.TAGLINE not in text and "Contributors" not in text


def test_a_footer_link_named_after_the_blog_after_the_post_opens_no_post():
    text = read_pdf_bytes(pdf_samples.blog_masthead_pdf())
    assert "Careers" not in text
    assert len(parse_export(text)) == 1


@pytest.mark.parametrize(
    "line",
    [
        "Update (March 3, 2016): The Council adopted Resolution 2270.",
        "Update, March 3, 2016: The Council adopted Resolution 2270.",
    ],
)
def test_an_update_note_with_its_date_in_the_head(line):
    brief = only(export(f"Published January 22, 2016\n\n{line}\n\nAuthor: Jane Roe"))
    assert brief.updated == date(2016, 3, 3)
    assert [a.name for a in brief.authors] == ["Jane Roe"]


def test_a_comment_form_and_links_to_the_posts_either_side_are_furniture():
    lines = [
        "← Will the AIIB Change Korea’s Development Kaesong Wages? →",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Post Comment",
        "Seoul will not change course.",
    ]
    assert drop_furniture(lines, []) == ["Seoul will not change course."]


def test_categories_set_in_capitals_are_written_as_categories():
    head = (
        "Published May 14, 2015\n\nAuthor: Jane Roe\n\n"
        "Tags: ECONOMY, YOUTH EMPLOYMENT, KORUS FTA, U.S.-KOREA RELATIONS, DPRK"
    )
    brief = only(export(head))
    assert brief.categories == [
        "Economy",
        "Youth Employment",
        "KORUS FTA",
        "U.S.-Korea Relations",
        "DPRK",
    ]
    assert any("categories in capitals" in w for w in brief.warnings)


def test_the_posts_own_byline_wins_over_the_account_that_posted_it():
    text = export(
        "Posted on June 17, 2015 by KEI Editor\n\n*By Patrick Dunmore*"
    ).replace("A Plain Title\n\n", "A Plain Title\n\n", 1)
    brief = only(text)
    assert [a.name for a in brief.authors] == ["Patrick Dunmore"]
    assert brief.published == date(2015, 6, 17)
    assert any("account that posted it" in w for w in brief.warnings)


def test_the_account_that_posted_is_the_author_when_no_byline_follows():
    brief = only(export("Posted on June 17, 2015 by Jane Roe"))
    assert [a.name for a in brief.authors] == ["Jane Roe"]


def test_wordpress_entry_line_under_the_post_gives_the_categories():
    tail = (
        "This entry was posted in Economics, Technology and tagged startups. "
        "Bookmark the permalink."
    )
    brief = only(export("Published May 3, 2015\n\nAuthor: Jane Roe", tail=tail))
    assert brief.categories == ["Economics", "Technology"]
    assert any("left out the tags" in w for w in brief.warnings)
    assert "permalink" not in brief.body


def test_a_comment_form_with_its_labels_is_dropped_whole():
    lines = [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment",
        "Name *",
        "Email *",
        "Website",
        "Post Comment",
        "Seoul acts.",
    ]
    assert drop_furniture(lines, []) == ["Seoul acts."]


def test_the_sites_footer_on_the_disclosures_line_is_not_part_of_it():
    tail = (
        f"{DISCLOSURE} © 2015 Korea Economic Institute of America · 1800 K Street "
        "NW, Suite 1010, Washington, DC 20006 · Proudly powered by WordPress"
    )
    text = export("Published May 3, 2015\n\nAuthor: Jane Roe").replace(
        f"{DISCLOSURE}\n\n", f"{tail}\n\n"
    )
    brief = only(text)
    assert brief.disclosure == DISCLOSURE
    assert "WordPress" not in brief.body


def test_a_bio_glued_to_the_last_paragraph_is_set_apart():
    body = (
        "Each measure would show that the dialogue can still deliver results for "
        "companies on both sides of the Pacific. Choi Ji-hoon is a Fellow at the "
        "Korea Economic Institute of America. Anna Petrova is an Adjunct Professor "
        "at Georgetown University."
    )
    head = "Published March 10, 2026\n\nAuthors: Choi Ji-hoon, Anna Petrova"
    brief = only(export(head, body=body, tail="Feature image from Samsung."))
    assert brief.body.endswith("both sides of the Pacific.")
    assert brief.authors[0].bio.startswith("Choi Ji-hoon is a Fellow")
    assert brief.authors[1].bio.startswith("Anna Petrova is an Adjunct Professor")


def test_a_bio_opening_with_a_title_is_not_cut_at_the_title():
    body = "Seoul acts.\n\nDr. Jane Roe is a Fellow at the Korea Economic Institute."
    brief = only(export("Published March 10, 2026\n\nAuthor: Jane Roe", body=body))
    assert brief.body == "Seoul acts."
    assert brief.authors[0].bio.startswith("Dr. Jane Roe is a Fellow")


@pytest.mark.parametrize(
    "byline, name",
    [
        ("By the Editors", "The Editors"),
        ("By The Editorial Board", "The Editorial Board"),
        ("By the Staff", "The Staff"),
    ],
)
def test_an_editorial_signed_by_the_editors_has_them_as_its_author(byline, name):
    brief = only(export(f"Published May 3, 2024\n\n{byline}", body="Seoul acts."))
    assert [a.name for a in brief.authors] == [name]
    assert brief.body == "Seoul acts."


def test_a_bio_naming_the_author_by_family_name_alone_is_their_bio():
    body = (
        "Seoul acts.\n\nRoe is a senior fellow at the Stimson Center. Kim is an "
        "associate professor at Yonsei University."
    )
    head = "Published May 3, 2024\n\nAuthors: Jane Roe, Kim Min-jung"
    brief = only(export(head, body=body))
    assert [a.bio for a in brief.authors] == [
        "Roe is a senior fellow at the Stimson Center.",
        "Kim is an associate professor at Yonsei University.",
    ]
    assert brief.body == "Seoul acts."


def test_a_sentence_about_someone_of_the_authors_family_name_stays_text():
    body = "Seoul acts.\n\nKim is expected to visit Beijing next month."
    brief = only(export("Published May 3, 2024\n\nAuthor: Kim Min-jung", body=body))
    assert brief.authors[0].bio == ""
    assert brief.body.endswith("Kim is expected to visit Beijing next month.")


def test_a_byline_with_a_link_and_the_date_on_one_line():
    head = "by [Robert Ferreira](#) Tuesday, December 20, 2011"
    brief = only(export(head))
    assert [a.name for a in brief.authors] == ["Robert Ferreira"]
    assert brief.published == date(2011, 12, 20)


def test_head_fields_set_side_by_side_without_separators():
    head = (
        "Published August 18, 2021 Author: Hannah Lindqvist "
        "Category: Public Health, Society"
    )
    brief = only(export(head))
    assert brief.published == date(2021, 8, 18)
    assert [a.name for a in brief.authors] == ["Hannah Lindqvist"]
    assert brief.categories == ["Public Health", "Society"]


def test_an_image_credit_alone_under_the_head_is_the_feature_images():
    body = "Image: Yonhap News Agency\n\nNorth Korean state television announced it."
    brief = only(export("Published December 20, 2011\n\nAuthor: Jane Roe", body=body))
    assert brief.image_credit == "Yonhap News Agency"
    assert brief.body == "North Korean state television announced it."


def test_wordpress_like_buttons_are_furniture():
    lines = [
        "Like this: Be the first to like this post.",
        "3 bloggers like this.",
        "Seoul.",
    ]
    assert drop_furniture(lines, []) == ["Seoul."]


def test_a_one_word_heading_among_the_posts_headings():
    body = (
        "## Industrial Goods\n\nDuties fall today on most industrial goods.\n\n"
        "Agriculture\n\n"
        "For American farmers the gains are larger but slower, and most of them "
        "arrive only over the decade to come, as tariffs fall year by year.\n\n"
        "## Services and Beyond\n\nBanks gain access in stages."
    )
    brief = only(export("Published March 15, 2012\n\nAuthor: Jane Roe", body=body))
    assert "\n## Agriculture\n" in brief.body


def test_the_footers_statement_after_the_post_is_its_disclosure():
    text = export("Published March 3, 2016\n\nAuthor: Jane Roe").replace(
        f"{DISCLOSURE}\n\nReturn to the Peninsula\n",
        f"Return to the Peninsula\n\nAbout KEI\n\n{DISCLOSURE}\n\n© 2016 KEI\n",
    )
    brief = only(text)
    assert brief.disclosure == DISCLOSURE
    assert any("prints after the post" in w for w in brief.warnings)


def test_a_page_with_no_closing_line_and_a_bare_date_is_a_post():
    text = (
        "THE PENINSULA\n\nKORUS at One\n\nApril 9th, 2013 · 2 Comments\n\n"
        "*By Maya Lindqvist*\n\nMarch 15 marked the first anniversary.\n"
    )
    (brief,) = parse_export(text)
    assert brief.published == date(2013, 4, 9)
    assert [a.name for a in brief.authors] == ["Maya Lindqvist"]


def test_one_sentence_is_the_bio_of_two_authors():
    body = (
        "Seoul acts.\n\nEleanor Hwang is the Director of Communications at KEI. "
        "Marcus Till and Yuna Oh are Research Interns at KEI."
    )
    head = "Published March 12, 2019\n\nAuthors: Eleanor Hwang, Marcus Till, Yuna Oh"
    brief = only(export(head, body=body))
    assert [a.bio for a in brief.authors] == [
        "Eleanor Hwang is the Director of Communications at KEI.",
        "Marcus Till and Yuna Oh are Research Interns at KEI.",
        "Marcus Till and Yuna Oh are Research Interns at KEI.",
    ]


@pytest.mark.parametrize(
    "credit, owner",
    [
        ("Feature image from [The White House](#).", "The White House"),
        ("Feature image from the Prime Minister's Office.", "Prime Minister's Office"),
    ],
)
def test_a_credits_own_the_stays_the_sentences_goes(credit, owner):
    brief = only(export("Published May 26, 2021\n\nAuthor: Jane Roe", tail=credit))
    assert brief.image_credit == owner


def test_categories_and_tags_side_by_side_give_the_categories():
    tail = "Filed under: Economy, KORUS FTA, Trade · Tags: agriculture, autos"
    brief = only(export("Published April 9, 2013\n\nAuthor: Jane Roe", tail=tail))
    assert brief.categories == ["Economy", "KORUS FTA", "Trade"]
    assert "agriculture" not in brief.body


def test_a_credit_run_into_the_bio_before_it_is_set_apart():
    body = (
        "The agreement took effect a year ago, and both governments were quick to "
        "publish their first assessments of it.\n\nThe numbers so far are mixed.\n\n"
        "Exports of autos rose.\n\nFarm exports fell.\n\nServices held steady.\n\n"
        "*Maya Lindqvist is the Director of Trade Policy Studies at "
        "KEI. The views expressed here are the author’s alone. Photo from Republic "
        "of Korea’s photostream on flickr Creative Commons.*"
    )
    head = "Published April 9, 2013\n\nAuthor: Maya Lindqvist"
    brief = only(export(head, body=body, tail="Filed under: Economy, Trade"))
    assert brief.image_credit == (
        "Republic of Korea’s photostream on flickr Creative Commons"
    )
    assert brief.authors[0].bio.startswith("Maya Lindqvist is the Director")
    assert "Photo from" not in brief.authors[0].bio
    assert brief.categories == ["Economy", "Trade"]
