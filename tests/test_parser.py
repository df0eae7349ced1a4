"""The pure export parser: reference export, repairs, variants, errors, fuzzing.

No database and no Django: runs with ``pytest -p no:django tests/test_parser.py``.
"""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefs.importer.errors import BriefImportError
from briefs.importer.parse import parse_export
from briefs.importer.records import ParsedAuthor, ParsedBrief, ParsedSeries
from tests.parser_samples import (
    ANNOUNCEMENT_ONLY_POST,
    DAMAGED_POST,
    DISCLOSURE,
    FARA_IN_BODY_POST,
    MULTI_AUTHOR_POST,
    REFERENCE_EXPORT,
    SEPARATE_BIOS_POST,
    TITLE_SERIES_ONLY_POST,
    post,
)

REFERENCE_TEXT = REFERENCE_EXPORT.read_text(encoding="utf-8")
SERIES = ParsedSeries("Korea Policy Series", "Korea Policy", 3, 2)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(body: str) -> list[str]:
    return [block for block in body.split("\n\n") if block]


@pytest.fixture(scope="module")
def reference() -> list[ParsedBrief]:
    return parse_export(REFERENCE_TEXT)


def only(text: str) -> ParsedBrief:
    (brief,) = parse_export(text)
    return brief


# --- The reference export, field by field (DESIGN.md section 4)


def test_reference_export_has_three_posts_in_order(reference):
    assert [brief.position for brief in reference] == [1, 2, 3]


@pytest.mark.parametrize(
    ("index", "title"),
    [
        (0, "Korea Policy Series: Building Up Japan-South Korea Rapprochement"),
        (
            1,
            "Korea Policy Series: The U.S.-South Korea Alliance Faces Uncertain Future",
        ),
        (2, "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee"),
    ],
)
def test_reference_titles_are_joined_into_one_clean_line(reference, index, title):
    assert reference[index].title == title


def test_reference_dates(reference):
    assert [brief.published for brief in reference] == [
        date(2025, 12, 17),
        date(2025, 12, 16),
        date(2025, 12, 15),
    ]


@pytest.mark.parametrize(
    ("index", "name", "role"),
    [
        (0, "Shihoko Goto", "Vice President of Programs at the Foreign Policy "
         "Research Institute"),
        (1, "Bruce Klingner", "Senior Fellow at The Mansfield Foundation"),
        (2, "Scott Snyder", "President and CEO at the Korea Economic Institute of "
         "America"),
    ],
)  # fmt: skip
def test_reference_authors_and_bios(reference, index, name, role):
    (author,) = reference[index].authors
    assert author.name == name
    assert author.bio.startswith(f"{name} is ")
    assert role in author.bio
    assert "views" not in author.bio


def test_reference_categories(reference):
    assert [brief.categories for brief in reference] == [
        ["Indo-Pacific", "Japan", "U.S.-Korea-Japan"],
        ["Indo-Pacific"],
        ["Indo-Pacific"],
    ]


def test_reference_series(reference):
    assert reference[0].series == SERIES
    assert reference[1].series == SERIES
    assert reference[2].series == ParsedSeries(
        "Korea Policy Series",
        "Korea Policy",
        3,
        2,
        theme="A Strategic Reset of the U.S.\u2013South Korea Alliance under Trump "
        "and Lee",
        is_announcement=True,
    )


def test_reference_image_credits(reference):
    assert [brief.image_credit for brief in reference] == [
        "Prime Minister's Office of Japan",
        "ROK Armed Forces",
        "cover of Korea Policy, Vol 3, Iss 2",
    ]
    assert [brief.image_credit_url for brief in reference] == ["", "", ""]


def test_reference_disclosure_is_one_string_shared_by_all_posts(reference):
    # Brief 2's disclosure is split over two paragraphs in the export.
    assert {squash(brief.disclosure) for brief in reference} == {DISCLOSURE}


def test_reference_bodies_leave_out_everything_that_has_its_own_field(reference):
    for brief in reference:
        for not_body in (
            "All views",
            "Feature image",
            "registered under the FARA",
            "Additional information is available",
            "Return to the Peninsula",
            f"{brief.authors[0].name} is",
            "](#)",
            "Published",
            "Author:",
            "Category:",
        ):
            assert not_body not in brief.body, (brief.position, not_body)


def test_reference_series_note_opens_the_body(reference):
    for brief in reference[:2]:
        first = paragraphs(brief.body)[0]
        assert first.startswith("The following policy brief is part of a limited")
        assert first.endswith("You can read the author's full paper by clicking here.")
        assert brief.full_paper_url == ""


def test_reference_brief_1_sections_and_list(reference):
    blocks = paragraphs(reference[0].body)
    headings = [block for block in blocks if block.startswith("## ")]
    assert headings == [
        "## Executive Summary",
        "## Policy Recommendation",
        "## Conclusion",
    ]
    items = [
        line for block in blocks for line in block.split("\n") if line.startswith("- ")
    ]
    assert [item.split(":**")[0] for item in items] == [
        "- **Developing economic alliances and networks for confronting new trade "
        "challenges",
        "- **Strengthening bilateral ties within existing multilateral frameworks",
        "- **Championing regional security and economic challenges beyond national "
        "borders",
    ]
    # Healed: the first item was broken after "South" by a blank line.
    assert (
        "facing both Japan and South Korea. The urgency of trade negotiations"
        in (items[0])
    )
    assert items[0].endswith("the latest trade developments.")


def test_reference_brief_2_run_in_heads_are_bold(reference):
    blocks = paragraphs(reference[1].body)
    heads = [block.split("**")[1] for block in blocks if block.startswith("**")]
    assert heads == [
        "U.S. Demands More, Promises Less in Alliance.",
        "U.S. Stymied on Outreach to North Korea.",
        "Tempestuous Time for the Alliance.",
    ]
    assert "**U.S. Stymied on Outreach to North Korea.** While the Trump" in (
        reference[1].body
    )


def test_reference_brief_2_keeps_complete_paragraphs_apart(reference):
    assert (
        "the country's future direction.\n\nPresident Lee will attempt to maintain"
        in reference[1].body
    )
    assert (
        "subsequent impeachment. However, competing factions within the Lee "
        "administration" in reference[1].body
    )
    assert paragraphs(reference[1].body)[-1] == (
        "The United States should well remember Winston Churchill's famous maxim, "
        '"The only thing worse than fighting with allies is fighting without them."'
    )


def test_reference_brief_3_is_the_announcement(reference):
    body = reference[2].body
    assert body.startswith("The Korea Economic Institute of America (KEI) is pleased")
    assert "\n\n- Click here to read now or download for later\n\n" in body
    assert "*A Strategic Reset of the U.S.\u2013South Korea Alliance under" in body
    assert paragraphs(body)[-1].startswith("For over 40 years, KEI has produced")


def test_reference_summaries_are_plain_first_paragraph_sentences(reference):
    assert reference[0].summary == (
        "The commitment to improve relations between Japan and South Korea as "
        "outlined at the 2023 trilateral Camp David summit is no longer "
        "personality-driven."
    )
    assert reference[1].summary.startswith("The U.S.-South Korea partnership is")
    assert reference[2].summary.endswith("flagship journal, Korea Policy.")
    for brief in reference:
        assert 0 < len(brief.summary) <= 300
        assert "*" not in brief.summary
        assert "part of a limited series" not in brief.summary


def test_reference_source_text_is_each_post_block(reference):
    for brief in reference:
        assert brief.source_text.startswith("THE PENINSULA")
        assert brief.source_text.endswith("Return to the Peninsula")
        assert brief.source_text in REFERENCE_TEXT
    assert "Rapprochement" in reference[0].source_text


def test_reference_text_is_whitespace_normalised(reference):
    for brief in reference:
        for text in (brief.title, brief.summary, brief.disclosure, brief.image_credit):
            assert text == squash(text)
        for line in brief.body.split("\n"):
            assert "  " not in line
            assert line == line.strip()


def test_reference_warnings_name_the_repairs(reference):
    assert any("joined a paragraph" in w for w in reference[0].warnings)
    assert any("disclosure from 2 paragraphs" in w for w in reference[1].warnings)
    assert all(w.startswith("post ") for b in reference for w in b.warnings)


# --- Input tolerance


def test_crlf_cr_and_bom_give_the_same_result_as_lf(reference):
    assert parse_export("\ufeff" + REFERENCE_TEXT.replace("\n", "\r\n")) == reference
    assert parse_export(REFERENCE_TEXT.replace("\n", "\r")) == reference


def test_page_chrome_before_and_after_posts_is_ignored(reference):
    chrome = (
        "Skip to content\nTHE PENINSULA\nHome | Research | Events\n\n"
        + REFERENCE_TEXT
        + "\n\nSubscribe to our newsletter\n© 2025 Korea Economic Institute\n"
    )
    briefs = parse_export(chrome)
    assert [b.title for b in briefs] == [b.title for b in reference]
    assert [b.body for b in briefs] == [b.body for b in reference]
    assert any("ignored a 'THE PENINSULA' line" in w for w in briefs[0].warnings)


def test_markers_are_case_and_space_insensitive():
    text = post().replace("THE PENINSULA", "  The Peninsula ")
    text = text.replace("Return to the Peninsula", "[Return to the peninsula](#)  ")
    brief = only(text)
    assert brief.title == "A Plain Title"
    assert brief.body == "Some body text."


def test_last_post_without_closing_line_still_parses_with_a_warning():
    text = post() + post(title="Second", closing="")
    first, second = parse_export(text)
    assert second.title == "Second"
    assert second.disclosure == DISCLOSURE
    assert any("no closing 'Return to the Peninsula'" in w for w in second.warnings)
    assert not any("closing" in w for w in first.warnings)


def test_unclosed_post_followed_by_another_post_ends_there():
    text = post(title="First", closing="") + post(title="Second")
    first, second = parse_export(text)
    assert (first.title, second.title) == ("First", "Second")
    assert "Second" not in first.body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published December 17, 2025", date(2025, 12, 17)),
        ("Published Dec. 1, 2025", date(2025, 12, 1)),
        ("Published Sept 30 2025", date(2025, 9, 30)),
        ("PUBLISHED: 17 December 2025", date(2025, 12, 17)),
        ("Published on March 3rd, 2024", date(2024, 3, 3)),
        ("Published 2025-02-28", date(2025, 2, 28)),
        ("Published December 17, 2025 at 9:30 AM EST", date(2025, 12, 17)),
        ("Published\n\nDecember 17, 2025", date(2025, 12, 17)),
    ],
)
def test_date_forms(line, expected):
    assert only(post(published=line)).published == expected


# --- Healing damaged exports


def test_healing_joins_broken_paragraphs_and_items_but_not_headings():
    brief = only(DAMAGED_POST)
    assert brief.title == "The Damaged Export Title"
    assert paragraphs(brief.body)[1:] == [
        "## Background",
        "The first paragraph was broken by the export in the middle of a sentence, "
        "and the rest starts in lower case.",
        "A second paragraph ends without a stop and the export split it before "
        "Seoul could finish the sentence.",
        "A complete paragraph ends here.",
        "The next one is separate.",
        "## Key Questions Ahead",
        "- **First point:** an item that continues after a blank line.\n"
        "- **Second point:** a plain item.",
    ]
    assert sum("joined a paragraph" in w for w in brief.warnings) == 3


def test_heading_is_never_joined_even_without_a_full_stop():
    body = "Policy Recommendations\n\nThe vision should include:\n\n- One: two."
    brief = only(post(body=body))
    assert paragraphs(brief.body) == [
        "## Policy Recommendations",
        "The vision should include:",
        "- **One:** two.",
    ]


def test_heading_with_a_colon_loses_it():
    brief = only(post(body="Conclusion:\n\nThat is all."))
    assert paragraphs(brief.body) == ["## Conclusion", "That is all."]


def test_markdown_headings_in_the_export_are_kept_as_headings():
    brief = only(post(body="# Where Things Stand\n\nText.\n\n### Detail\n\nMore."))
    assert paragraphs(brief.body) == [
        "## Where Things Stand",
        "Text.",
        "### Detail",
        "More.",
    ]


def test_run_in_head_detection_leaves_ordinary_sentences_alone():
    body = (
        "The United States needs allies. But it has alienated them.\n\n"
        "Dr. Victor D. Cha Explains. Nothing here.\n\n"
        "North Korea Stays Silent. Pyongyang has refused talks since 2019.\n\n"
        "Just One Short Title Case Sentence."
    )
    blocks = paragraphs(only(post(body=body)).body)
    assert blocks[0] == "The United States needs allies. But it has alienated them."
    assert blocks[1] == "**Dr. Victor D. Cha Explains.** Nothing here."
    assert blocks[2].startswith("**North Korea Stays Silent.** Pyongyang")
    assert blocks[3] == "Just One Short Title Case Sentence."


def test_links_with_real_targets_are_kept_and_hash_links_reduced():
    body = "See [the full report](https://example.org/r) and [this](#) *italic* note."
    brief = only(post(body=body))
    assert brief.body == (
        "See [the full report](https://example.org/r) and this *italic* note."
    )
    assert brief.full_paper_url == "https://example.org/r"
    assert brief.summary == "See the full report and this italic note."


def test_series_note_with_real_link_gives_full_paper_url():
    assert only(DAMAGED_POST).full_paper_url == "https://example.org/paper.pdf"


def test_long_summary_is_cut_at_a_sentence_boundary():
    sentence = "This sentence is exactly long enough to matter in the summary. "
    brief = only(post(body=sentence * 10))
    assert len(brief.summary) <= 300
    assert brief.summary.endswith("summary.")
    assert brief.summary.count("This sentence") == 4


def test_summary_of_one_huge_sentence_is_cut_at_a_word():
    words = " ".join(["word"] * 200) + "."
    summary = only(post(body=words)).summary
    assert len(summary) <= 300
    assert summary.endswith("word…")


# --- Authors, bios, categories, credits, series


def test_multi_author_post_with_one_combined_bio_paragraph():
    brief = only(MULTI_AUTHOR_POST)
    assert brief.authors == [
        ParsedAuthor(
            "Victor D. Cha",
            "Victor Cha is Distinguished University Professor at Georgetown "
            "University. He previously served on the National Security Council.",
        ),
        ParsedAuthor(
            "Lee Jae-myung (이재명)",
            "Lee Jae-myung (이재명) is President of the Republic of Korea.",
        ),
        ParsedAuthor(
            "Ellen Kim",
            "Ellen Kim is Director of Academic Affairs at the Korea Economic "
            "Institute of America.",
        ),
    ]
    assert paragraphs(brief.body) == [
        "Trade frictions have returned to the center of the alliance agenda.",
        "Washington and Seoul need a standing channel for tariff disputes.",
    ]


def test_post_without_categories_credit_or_series_note():
    brief = only(MULTI_AUTHOR_POST)
    assert brief.categories == []
    assert (brief.image_credit, brief.image_credit_url) == ("", "")
    assert brief.series is None
    assert brief.full_paper_url == ""
    assert brief.warnings == []


def test_bios_in_separate_paragraphs_and_plain_names():
    brief = only(SEPARATE_BIOS_POST)
    assert [(a.name, a.bio) for a in brief.authors] == [
        ("Jane Doe", "Jane Doe is a Fellow at the Example Institute."),
        ("John Smith", "John Smith is an Adjunct Scholar at Somewhere University."),
    ]
    assert brief.body == "A short body paragraph."
    assert brief.published == date(2025, 4, 4)
    assert brief.image_credit == "Example Photo Agency"
    assert brief.image_credit_url == "https://example.org/photos"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Author: [Victor D. Cha](#)", ["Victor D. Cha"]),
        ("Authors: [A. B. Smith](#), [Kim, Jr.](#)", ["A. B. Smith", "Kim Jr."]),
        ("Authors: Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Authors: Jane Doe, John Smith, and Ann Lee",
         ["Jane Doe", "John Smith", "Ann Lee"]),
        ("Author: Lee Jae-myung (이재명)", ["Lee Jae-myung (이재명)"]),
        ("Authors: 이재명 (Lee, Jae-myung), [Andy Sandberg](#)",
         ["이재명 (Lee, Jae-myung)", "Andy Sandberg"]),
        ("Authors: [Jane Doe](#),\n\n[John Smith](#)", ["Jane Doe", "John Smith"]),
        ("Author: [Jane Doe](#)\nAuthor: [Jane Doe](#)", ["Jane Doe"]),
    ],
)  # fmt: skip
def test_author_lines(line, names):
    text = post().replace("Author: [Jane Doe](#)", line)
    assert [author.name for author in only(text).authors] == names


def test_categories_keep_and_inside_one_name():
    text = post().replace(
        "Author: [Jane Doe](#)",
        "Author: [Jane Doe](#)\n\nCategories: [Trade and Economics](#), Energy",
    )
    assert only(text).categories == ["Trade and Economics", "Energy"]


def test_missing_author_line_is_a_warning_not_an_error():
    text = post().replace("Author: [Jane Doe](#)", "")
    brief = only(text)
    assert brief.authors == []
    assert any("no 'Author:' line" in w for w in brief.warnings)


def test_announcement_alone_names_its_series_after_the_publication():
    assert only(ANNOUNCEMENT_ONLY_POST).series == ParsedSeries(
        "Korea Policy Series",
        "Korea Policy",
        4,
        1,
        theme="Korea at the Crossroads",
        is_announcement=True,
    )


def test_announcement_borrows_the_series_name_of_its_sibling_posts():
    sibling = TITLE_SERIES_ONLY_POST.replace(
        "LNG matters.",
        "The following policy brief is part of a limited series inspired by the "
        "latest edition of Korea Policy, Volume 4 Issue 1.\n\nLNG matters.",
    )
    briefs = parse_export(sibling + ANNOUNCEMENT_ONLY_POST)
    assert briefs[0].series == ParsedSeries(
        "Energy Security Series", "Korea Policy", 4, 1
    )
    assert briefs[1].series.name == "Energy Security Series"
    assert briefs[1].series.is_announcement


def test_series_from_the_title_prefix_alone():
    brief = only(TITLE_SERIES_ONLY_POST)
    assert brief.title == "Energy Security Series: LNG and the Alliance"
    assert brief.series == ParsedSeries("Energy Security Series")
    assert brief.authors == [ParsedAuthor("Kim Minji")]


def test_fara_discussed_in_the_body_is_not_taken_for_the_disclosure():
    brief = only(FARA_IN_BODY_POST)
    assert brief.disclosure == ""
    assert "The Foreign Agents Registration Act (FARA)" in brief.body
    assert "- It is a label." in brief.body
    assert any("no FARA disclosure" in w for w in brief.warnings)


# --- Errors


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty_file(text):
    with pytest.raises(BriefImportError, match=r"^empty file$"):
        parse_export(text)


@pytest.mark.parametrize(
    "text",
    [
        "Just some page without any post.\nReturn to the Peninsula\n",
        "THE PENINSULA\nMenu\n",
    ],
)
def test_no_post_found(text):
    with pytest.raises(BriefImportError, match=r"^no post found \(no 'THE PENINSULA'"):
        parse_export(text)


def test_post_without_published_line_names_the_post():
    text = post() + post(title="Broken One", published="")
    with pytest.raises(BriefImportError) as caught:
        parse_export(text)
    assert str(caught.value) == "post 2 (\"Broken One\"): no 'Published' line"


@pytest.mark.parametrize(
    "line",
    [
        "Published Smarch 3, 2025",
        "Published February 30, 2025",
        "Published 3",
        "Published yesterday",
        "Published December 17, 1066",
        "Published 2025-13-01",
    ],
)
def test_unreadable_date_names_the_post_and_the_line(line):
    text = post() + post(title="Some Title", published=line)
    with pytest.raises(BriefImportError) as caught:
        parse_export(text)
    assert str(caught.value) == f"post 2 (\"Some Title\"): unreadable date '{line}'"


def test_post_without_title():
    with pytest.raises(BriefImportError, match=r"^post 1: no title before 'Published"):
        parse_export(
            "THE PENINSULA\n\nPublished May 1, 2025\n\nReturn to the Peninsula"
        )


def test_published_line_found_only_deep_in_the_body():
    body = "\n\n".join(["A long paragraph of body text that goes on."] * 12)
    text = post(published="", body=body + "\n\nPublished in 2019, the report")
    with pytest.raises(BriefImportError, match=r"no 'Published' line after the title"):
        parse_export(text)


def test_error_messages_are_one_line():
    text = post(title="Title\n\nOver Lines", published="Published Smarch 3, 2025")
    with pytest.raises(BriefImportError) as caught:
        parse_export(text)
    assert "\n" not in str(caught.value)
    assert '("Title Over Lines")' in str(caught.value)


# --- Robustness: only ParsedBrief lists or BriefImportError

REFERENCE_LINES = REFERENCE_TEXT.split("\n")
JUNK_LINES = st.sampled_from(
    [
        "",
        "THE PENINSULA",
        "Return to the Peninsula",
        "Published",
        "Published Smarch 3, 2025",
        "Author:",
        "Authors: [](#), , and",
        "Category: [",
        "- ",
        "## ",
        "Feature image from",
        "KEI is registered under the FARA.",
        "All views are the author's alone.",
        "**",
        "[x](",
        "Vol. 3, Issue 2 of its journal, *",
        "\ufeff\r",
    ]
) | st.text(max_size=40)
MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]),
        st.integers(min_value=0, max_value=10_000),
        st.integers(min_value=0, max_value=10_000),
        JUNK_LINES,
    ),
    max_size=10,
)


def mutate(lines: list[str], mutations) -> list[str]:
    lines = list(lines)
    for kind, first, second, junk in mutations:
        if not lines:
            lines.append(junk)
            continue
        i, j = first % len(lines), second % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            lines.insert(i, junk)
        else:
            lines[i] = lines[i][: second % (len(lines[i]) + 1)]
    return lines


def parse_or_reject(text: str) -> None:
    try:
        briefs = parse_export(text)
    except BriefImportError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert briefs and all(isinstance(brief, ParsedBrief) for brief in briefs)
    assert [brief.position for brief in briefs] == list(range(1, len(briefs) + 1))
    for brief in briefs:
        assert brief.title and isinstance(brief.published, date)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MUTATIONS)
def test_mutated_reference_export_parses_or_is_rejected(mutations):
    parse_or_reject("\n".join(mutate(REFERENCE_LINES, mutations)))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_parses_or_is_rejected(text):
    parse_or_reject(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(JUNK_LINES | st.sampled_from(REFERENCE_LINES), max_size=60))
def test_random_lines_parse_or_are_rejected(lines):
    parse_or_reject("\n".join(lines))


@settings(max_examples=100, deadline=None)
@given(st.permutations(REFERENCE_LINES[:80]))
def test_shuffled_first_post_parses_or_is_rejected(lines):
    parse_or_reject("\n".join(lines))
