"""Byline names the archive really has, split by nameparser (briefs.person_names)
and printed by every citation format: Chicago, APA, BibTeX, RIS, Google
Scholar's citation_author, JSON-LD, and the author index's sort name."""

from datetime import UTC, datetime

import pytest

from briefs.importer.names import normalise_name
from briefs.models import surname_first
from briefs.person_names import split_name
from briefs.site import citations
from tests.factories import make_author, make_brief

URL = "https://example.org/briefs/x/"


@pytest.mark.parametrize(
    ("written", "given", "family", "suffix", "family_first"),
    [
        ("Hannah de la Cruz", "Hannah", "de la Cruz", "", False),
        ("Ludwig van der Berg", "Ludwig", "van der Berg", "", False),
        ("Jean-Claude Van Damme", "Jean-Claude", "Van Damme", "", False),
        ("Robert E. Kelley III", "Robert E.", "Kelley", "III", False),
        ("Martin Luther King Jr.", "Martin Luther", "King", "Jr.", False),
        ("Martin Luther King, Jr.", "Martin Luther", "King", "Jr.", False),
        # Degrees are not a citation's suffix.
        ("Sarah Lowe, Ph.D.", "Sarah", "Lowe", "", False),
        ("Dr. Kim", "", "Kim", "", False),
        ("Major Garrett", "Major", "Garrett", "", False),
        ("Madonna", "", "Madonna", "", False),
        # Korean names: family name first as Koreans write it, or last as an
        # English byline often does.
        ("Lee Jae-myung", "Jae-myung", "Lee", "", True),
        ("Park Jun-seo", "Jun-seo", "Park", "", True),
        ("Jisoo Han", "Jisoo", "Han", "", False),
        ("Jae-myung Lee", "Jae-myung", "Lee", "", False),
        ("Aiko Tanaka", "Aiko", "Tanaka", "", False),
        ("Sue Mi Terry", "Sue Mi", "Terry", "", False),
    ],
)
def test_split(written, given, family, suffix, family_first):
    parts = split_name(written)
    assert (parts.given, parts.family, parts.suffix, parts.family_first) == (
        given,
        family,
        suffix,
        family_first,
    )


def test_an_editors_sort_name_marks_a_chinese_or_japanese_family_name_first():
    assert split_name("Xi Jinping").family == "Jinping"
    xi = split_name("Xi Jinping", "xi jinping")
    assert (xi.family, xi.given, xi.family_first) == ("Xi", "Jinping", True)
    # ... or moves the split, and a sort name the old rule saved asks nothing.
    assert split_name("Ludwig van Beethoven", "beethoven ludwig van").family == (
        "van Beethoven"
    )
    assert split_name("Kim Min-jung", "kim min-jung").family_first


def test_sort_names_file_people_under_their_family_name():
    assert surname_first("Martin Luther King Jr.") == "king martin luther jr."
    assert surname_first("Hannah de la Cruz") == "de la cruz hannah"
    assert surname_first("Lee Jae-myung") == "lee jae-myung"
    assert surname_first("Madonna") == "madonna"


def test_the_importer_keeps_generational_suffixes_and_drops_degrees():
    assert normalise_name("Martin Luther King, Jr.").name == "Martin Luther King Jr."
    assert normalise_name("Jane Roe, MPA, CFP").name == "Jane Roe"
    assert normalise_name("Jane Roe, MPA, CFP").honorific == "MPA, CFP"
    assert normalise_name("Prof. Hannah de la Cruz").name == "Hannah de la Cruz"


@pytest.fixture
def hard_names(db):
    authors = [
        make_author("Hannah de la Cruz"),
        make_author("Robert E. Kelley III"),
        make_author("Lee Jae-myung"),
        make_author("Madonna"),
    ]
    return make_brief(
        "Names", authors=authors, published_at=datetime(2025, 1, 2, 9, tzinfo=UTC)
    )


def test_chicago(hard_names):
    assert str(citations.chicago(hard_names, URL)).startswith(
        "de la Cruz, Hannah, Robert E. Kelley III, Lee Jae-myung, and Madonna. “"
    )


def test_chicago_keeps_a_family_name_written_first_uninverted(db):
    kelley = make_author("Robert E. Kelley III")
    brief = make_brief(
        "One",
        authors=[make_author("Park Jun-seo"), kelley],
        published_at=datetime(2025, 1, 2, 9, tzinfo=UTC),
    )
    assert str(citations.chicago(brief, URL)).startswith(
        "Park Jun-seo and Robert E. Kelley III. “"
    )
    brief = make_brief(
        "Two",
        authors=[kelley],
        published_at=datetime(2025, 1, 2, 9, tzinfo=UTC),
    )
    assert str(citations.chicago(brief, URL)).startswith("Kelley, Robert E., III. “")


def test_apa(hard_names):
    assert str(citations.apa(hard_names, URL)).startswith(
        "de la Cruz, H., Kelley, R. E., III, Lee, J.-M., &amp; Madonna (2025"
    )


def test_bibtex(hard_names):
    entry = citations.bibtex(hard_names, URL)
    assert (
        "author = {de la Cruz, Hannah and Kelley, III, Robert E. and "
        "Lee, Jae-myung and {Madonna}}"
    ) in entry
    assert entry.startswith("@techreport{delacruz2025names,")


def test_ris(hard_names):
    authors = [
        line
        for line in citations.ris(hard_names, URL).split("\r\n")
        if line.startswith("AU")
    ]
    assert authors == [
        "AU  - de la Cruz, Hannah",
        "AU  - Kelley, Robert E., III",
        "AU  - Lee, Jae-myung",
        "AU  - Madonna",
    ]


def test_citation_author_meta_and_json_ld(hard_names):
    tags = [v for k, v in citations.highwire_tags(hard_names, URL) if k.endswith("r")]
    assert tags[:4] == [
        "Hannah de la Cruz",
        "Robert E. Kelley III",
        "Lee Jae-myung",
        "Madonna",
    ]
    people = citations.json_ld(hard_names, URL, "https://example.org")["author"]
    assert [(p["familyName"], p.get("givenName")) for p in people] == [
        ("de la Cruz", "Hannah"),
        ("Kelley", "Robert E."),
        ("Lee", "Jae-myung"),
        ("Madonna", None),
    ]
    assert people[1]["honorificSuffix"] == "III"


# --- Team, desk and publication bylines are one name (issue 11)


@pytest.mark.parametrize(
    "written",
    [
        "Korea View",
        "KEI Staff",
        "The Peninsula Editors",
        "KEI Interns",
        "Editorial Board",
        "Korea Economic Institute of America",
        "KEI Research Team",
    ],
)
def test_a_byline_that_is_no_person_is_kept_whole(written):
    parts = split_name(written)
    assert (parts.given, parts.family, parts.organisation) == ("", written, True)
    assert surname_first(written) == written.casefold()


@pytest.mark.parametrize(
    "written",
    [
        "Kim Jong-un",
        "KIM Jong-un",
        "J. James Kim",
        "Marcus O'Neill",
        "José Ramírez",
        "Jean-Marie Dupont",
        "Hannah de la Cruz",
        "America Ferrera",
        "Robert E. Kelley III",
        "Sarah Lowe, Ph.D.",
        "UNESCO",
    ],
)
def test_people_are_not_taken_for_organisations(written):
    assert not split_name(written).organisation


def test_citations_of_a_team_byline_use_the_whole_name(db):
    brief = make_brief(
        "Exports",
        authors=[make_author("Korea View"), make_author("Jane Roe")],
        published_at=datetime(2025, 1, 2, 9, tzinfo=UTC),
    )
    assert str(citations.chicago(brief, URL)).startswith("Korea View and Jane Roe.")
    assert str(citations.apa(brief, URL)).startswith("Korea View, &amp; Roe, J.")
    assert "author = {{Korea View} and Roe, Jane}" in citations.bibtex(brief, URL)
    assert "AU  - Korea View\r\n" in citations.ris(brief, URL)
    team, person = citations.json_ld(brief, URL, "https://example.org")["author"]
    assert team["@type"] == "Organization" and team["name"] == "Korea View"
    assert "familyName" not in team
    assert person["@type"] == "Person"
