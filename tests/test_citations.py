"""Citations and head metadata: APA, Chicago, BibTeX, RIS, JSON-LD, Highwire."""

import json
import re
from datetime import UTC, datetime

import html5lib
import pytest
from django.utils import timezone

from briefs.site import citations
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db
URL = "https://example.org/briefs/x/"


@pytest.fixture
def co_written():
    tz = timezone.get_current_timezone()
    series = make_series("Korea Policy Series", slug="kps", volume=3, issue=2)
    authors = [
        make_author("Shihoko Goto"),
        make_author("Bruce Klingner"),
        make_author("Lee Jae-myung"),
    ]
    return make_brief(
        "Building Up Rapprochement",
        authors=authors,
        series=series,
        published_at=datetime(2025, 12, 17, 9, tzinfo=tz),
        full_paper_url="https://example.org/paper.pdf",
        image_credit="Prime Minister's Office of Japan",
    )


@pytest.fixture
def single():
    tz = timezone.get_current_timezone()
    return make_brief(
        "Alliance & Uncertain_Future",
        authors=[make_author("Bruce Klingner", slug="bruce-klingner-2")],
        published_at=datetime(2025, 12, 16, 9, tzinfo=tz),
    )


def test_apa_one_author(single):
    assert str(citations.apa(single, URL)) == (
        "Klingner, B. (2025, December 16). <i>Alliance &amp; Uncertain_Future.</i> "
        f"Korea Economic Institute of America. {URL}"
    )


def test_apa_several_authors_in_order(co_written):
    text = str(citations.apa(co_written, URL))
    assert text.startswith("Goto, S., Klingner, B., &amp; Lee, J.-M. (2025, Dec")
    assert "Korea Policy Series." in text


def test_chicago_one_and_several(single, co_written):
    assert str(citations.chicago(single, URL)) == (
        "Klingner, Bruce. “Alliance &amp; Uncertain_Future.” Korea Economic "
        f"Institute of America, December 16, 2025. {URL}."
    )
    text = str(citations.chicago(co_written, URL))
    assert text.startswith("Goto, Shihoko, Bruce Klingner, and Lee Jae-myung. “")
    assert "<i>Korea Policy Series</i>." in text


def test_chicago_two_authors():
    brief = make_brief(
        "Two", authors=[make_author("Ann Alpha"), make_author("Bob Beta")]
    )
    assert str(citations.chicago(brief, URL)).startswith("Alpha, Ann, and Bob Beta.")


def test_apa_initials_of_hyphenated_names():
    # A Korean name written family name first: "Kim" is the family name.
    assert citations.split_name("Kim Jae-myung").initials == "J.-M."
    assert citations.split_name("Kim Jae-myung").family == "Kim"
    assert citations.split_name("Jae-myung Lee").initials == "J.-M."


def test_bibtex_escapes_and_orders_authors(single, co_written):
    entry = citations.bibtex(single, URL)
    assert entry.startswith("@techreport{klingner2025alliance,")
    assert r"title = {{Alliance \& Uncertain\_Future}}" in entry
    assert "month = dec" in entry and "year = {2025}" in entry
    assert entry.count("{") == entry.count("}")
    entry = citations.bibtex(co_written, URL)
    assert "author = {Goto, Shihoko and Klingner, Bruce and Lee, Jae-myung}" in entry
    assert "series = {Korea Policy Series}" in entry


def test_ris_fields_in_order(co_written):
    text = citations.ris(co_written, URL)
    lines = text.split("\r\n")
    assert lines[0] == "TY  - RPRT"
    assert [ln for ln in lines if ln.startswith("AU")] == [
        "AU  - Goto, Shihoko",
        "AU  - Klingner, Bruce",
        "AU  - Lee, Jae-myung",
    ]
    assert "DA  - 2025/12/17" in lines and "T2  - Korea Policy Series" in lines
    assert "L1  - https://example.org/paper.pdf" in lines
    assert text.endswith("ER  -\r\n")


def test_downloads(client, co_written):
    response = client.get(co_written.get_absolute_url() + "cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    assert b"@techreport{goto2025building" in response.content
    response = client.get(co_written.get_absolute_url() + "cite.ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert b"TI  - Building Up Rapprochement" in response.content


def head_of(client, brief):
    response = client.get(brief.get_absolute_url())
    assert response.status_code == 200
    return html5lib.parse(response.content, namespaceHTMLElements=False)


def test_highwire_tags_in_order(client, co_written):
    doc = head_of(client, co_written)
    tags = [
        (m.get("name"), m.get("content"))
        for m in doc.iter("meta")
        if (m.get("name") or "").startswith("citation_")
    ]
    names = [n for n, _ in tags]
    assert names[0] == "citation_title" and tags[0][1] == "Building Up Rapprochement"
    assert [c for n, c in tags if n == "citation_author"] == [
        "Shihoko Goto",
        "Bruce Klingner",
        "Lee Jae-myung",
    ]
    assert ("citation_publication_date", "2025/12/17") in tags
    # The brief's own PDF edition, not the journal paper it draws on.
    pdf_url = f"http://testserver/briefs/{co_written.slug}.pdf"
    assert ("citation_pdf_url", pdf_url) in tags


def test_pdf_tag_names_the_pdf_edition(client, single):
    doc = head_of(client, single)
    tags = {m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert tags["citation_pdf_url"] == f"http://testserver/briefs/{single.slug}.pdf"


def test_json_ld_parses_with_the_right_fields(client, co_written):
    doc = head_of(client, co_written)
    scripts = [
        s.text for s in doc.iter("script") if s.get("type") == "application/ld+json"
    ]
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@type"] == "Report"
    assert data["headline"] == "Building Up Rapprochement"
    assert [a["name"] for a in data["author"]] == [
        "Shihoko Goto",
        "Bruce Klingner",
        "Lee Jae-myung",
    ]
    assert data["datePublished"].startswith("2025-12-17")
    assert data["publisher"]["name"] == "Korea Economic Institute of America"
    assert data["isPartOf"]["name"] == "Korea Policy Series"
    assert data["isPartOf"]["issueNumber"] == "2"
    assert data["isPartOf"]["isPartOf"]["volumeNumber"] == "3"
    assert data["creditText"] == "Prime Minister's Office of Japan"
    assert data["url"] == "http://testserver" + co_written.get_absolute_url()


def test_json_ld_cannot_close_its_script(client):
    brief = make_brief("</script><script>alert(1)</script>")
    html = client.get(brief.get_absolute_url()).content.decode()
    block = re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_canonical_open_graph_and_twitter(client, co_written):
    doc = head_of(client, co_written)
    links = {ln.get("rel"): ln.get("href") for ln in doc.iter("link")}
    url = "http://testserver" + co_written.get_absolute_url()
    assert links["canonical"] == url
    props = {m.get("property"): m.get("content") for m in doc.iter("meta")}
    names = {m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert props["og:type"] == "article" and props["og:url"] == url
    assert props["og:title"] == "Building Up Rapprochement"
    assert names["twitter:card"] == "summary"
    assert names["description"].startswith("Summary of")


def test_reference_brief_citation(client, imported_reference):
    from briefs.models import Brief

    brief = Brief.objects.get(title__contains="Rapprochement")
    html = client.get(brief.get_absolute_url()).content.decode()
    assert "Goto, S. (2025, December 17)." in html
    assert "Goto, Shihoko. “Korea Policy Series: Building Up" in html


@pytest.mark.parametrize(
    ("written", "apa", "inverted", "natural"),
    [
        ("Ludwig van Beethoven", "van Beethoven, L.", "van Beethoven, Ludwig", None),
        ("Charles de Gaulle", "de Gaulle, C.", "de Gaulle, Charles", None),
        (
            "Martin Luther King Jr.",
            "King, M. L., Jr.",
            "King, Martin Luther, Jr.",
            "Martin Luther King Jr.",
        ),
        (
            "Martin Luther King, Jr.",
            "King, M. L., Jr.",
            "King, Martin Luther, Jr.",
            "Martin Luther King Jr.",
        ),
        ("J.R.R. Tolkien", "Tolkien, J. R. R.", "Tolkien, J.R.R.", None),
        ("Dr. Jane Doe", "Doe, J.", "Doe, Jane", "Jane Doe"),
        (
            "Ambassador Kathleen Stephens",
            "Stephens, K.",
            "Stephens, Kathleen",
            "Kathleen Stephens",
        ),
        ("Gen. John Smith (Ret.)", "Smith, J.", "Smith, John", "John Smith"),
        ("Madonna", "Madonna", "Madonna", None),
    ],
)
def test_names_with_particles_suffixes_titles_and_initials(
    written, apa, inverted, natural
):
    name = citations.split_name(written)
    assert name.apa == apa
    assert name.inverted == inverted
    assert name.natural == (natural or written)


def test_editors_sort_name_marks_a_family_name_written_first():
    lee = make_author("Lee Jae-myung", sort_name="lee jae-myung")
    beta = make_author("Bob Beta")
    brief = make_brief(
        "Two", authors=[lee, beta], published_at=datetime(2025, 1, 2, 9, tzinfo=UTC)
    )
    assert str(citations.apa(brief, URL)).startswith("Lee, J.-M., &amp; Beta, B. (")
    # Chicago does not invert a name written family name first.
    assert str(citations.chicago(brief, URL)).startswith("Lee Jae-myung and Bob Beta.")
    assert "author = {Lee, Jae-myung and Beta, Bob}" in citations.bibtex(brief, URL)
    assert "AU  - Lee, Jae-myung\r\n" in citations.ris(brief, URL)
    person = citations.json_ld(brief, URL, "https://example.org")["author"][0]
    assert (person["familyName"], person["givenName"]) == ("Lee", "Jae-myung")
    # A sort name that only moves a particle into the surname.
    ludwig = make_author("Ludwig van Beethoven", sort_name="Van Beethoven, Ludwig")
    assert citations.author_name(ludwig).family == "van Beethoven"


def test_bibtex_names_and_every_special_character():
    brief = make_brief(
        r"50% of {R&D} costs $1 #2 a_b ~c ^d \e",
        authors=[
            make_author("Martin Luther King Jr."),
            make_author("UNESCO"),
            make_author("Ludwig van Beethoven"),
        ],
        published_at=datetime(2025, 1, 2, 9, tzinfo=UTC),
    )
    entry = citations.bibtex(brief, URL)
    assert (
        "author = {King, Jr., Martin Luther and {UNESCO} and van Beethoven, Ludwig}"
        in entry
    )
    assert (
        r"title = {{50\% of \{R\&D\} costs \$1 \#2 a\_b \textasciitilde{}c "
        r"\textasciicircum{}d \textbackslash{}e}}" in entry
    )
    # Braces balance once the escaped ones are taken out.
    bare = entry.replace(r"\{", "").replace(r"\}", "")
    assert bare.count("{") == bare.count("}")
    assert "AU  - King, Martin Luther, Jr.\r\n" in citations.ris(brief, URL)
