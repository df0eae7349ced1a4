"""DOIs on pages, citations, metadata and feeds; Crossref deposits, schema-valid."""

import filecmp
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import feedparser
import html5lib
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from briefs.editions import crossref
from briefs.editions.identifiers import validate_doi, validate_orcid
from briefs.models import Author, Brief

from .admin_client import client_for, editor
from .factories import make_author, make_brief

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "crossref-5.3.1"
SHARED_SCHEMAS = Path(__file__).resolve().parents[2] / "shared/schemas/crossref-5.3.1"
# The schema's two remote imports, answered from the local copies (its README).
LOCAL_COPIES = {
    "http://www.w3.org/Math/XMLSchema/mathml3/mathml3.xsd": "mathml3/mathml3.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/2009/01/xml.xsd": "xml.xsd",
}
NS = {"c": crossref.NS, "jats": crossref.JATS_NS, "rel": crossref.REL_NS}


class LocalSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):
        if url in LOCAL_COPIES:
            path = SCHEMAS / "standard-modules" / LOCAL_COPIES[url]
            return self.resolve_filename(str(path), context)
        if url.startswith(("http://", "https://")):
            raise AssertionError(f"the schema asked for the network: {url}")
        return None


@pytest.fixture(scope="module")
def crossref_schema():
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(LocalSchemas())
    document = etree.parse(str(SCHEMAS / "crossref5.3.1.xsd"), parser)
    return etree.XMLSchema(document)


def valid(schema, xml):
    document = etree.parse(io.BytesIO(xml), etree.XMLParser(no_network=True))
    assert schema.validate(document), schema.error_log
    return document


@pytest.fixture
def doi_settings(settings):
    settings.DOI_PREFIX = "10.99999"
    settings.CROSSREF_DEPOSITOR_EMAIL = "doi@example.org"
    settings.SITE_URL = "https://peninsula.example.org"
    return settings


def test_vendored_schema_is_the_shared_one():
    if not SHARED_SCHEMAS.exists():
        pytest.skip("no shared schema folder beside the project on this machine")
    for path in SCHEMAS.rglob("*.xsd"):
        assert filecmp.cmp(path, SHARED_SCHEMAS / path.relative_to(SCHEMAS), False)


def test_identifier_checks():
    validate_doi("10.12345/kei.2025.0001")
    validate_doi("https://doi.org/10.12345/abc")
    validate_orcid("0000-0002-1825-0097")
    validate_orcid("https://orcid.org/0000-0001-5109-3700")
    with pytest.raises(ValidationError):
        validate_doi("11.1234/x")
    with pytest.raises(ValidationError):
        validate_orcid("0000-0002-1825-0098")  # wrong check digit
    author = make_author(orcid="https://orcid.org/0000-0002-1825-0097")
    assert author.orcid == "0000-0002-1825-0097"
    brief = make_brief(doi="https://doi.org/10.12345/X.1")
    assert brief.doi == "10.12345/X.1"


def test_reference_deposit_validates(
    crossref_schema, doi_settings, imported_reference, tmp_path
):
    goto = Author.objects.get(name="Shihoko Goto")
    goto.orcid = "0000-0002-1825-0097"
    goto.save()
    out = tmp_path / "deposit.xml"
    call_command(
        "crossref_deposit", "--assign", "--output", str(out), stdout=io.StringIO()
    )
    document = valid(crossref_schema, out.read_bytes())
    records = document.findall(".//c:report-paper_metadata", NS)
    assert len(records) == 3
    dois = sorted(Brief.objects.values_list("doi", flat=True))
    assert all(doi.startswith("10.99999/peninsula.2025.") for doi in dois)
    assert sorted(document.xpath("//c:doi/text()", namespaces=NS)) == dois
    first = next(
        r
        for r in records
        if r.findtext("c:titles/c:title", namespaces=NS).endswith("Rapprochement")
    )
    person = first.find("c:contributors/c:person_name", NS)
    assert person.get("sequence") == "first"
    assert person.findtext("c:given_name", namespaces=NS) == "Shihoko"
    assert person.findtext("c:surname", namespaces=NS) == "Goto"
    assert person.findtext("c:ORCID", namespaces=NS).endswith("0000-0002-1825-0097")
    assert first.findtext("c:publication_date/c:year", namespaces=NS) == "2025"
    assert first.findtext("c:publication_date/c:day", namespaces=NS) == "17"
    assert "Camp David" in first.findtext("jats:abstract/jats:p", namespaces=NS)
    assert first.findtext("c:institution/c:institution_name", namespaces=NS) == (
        "Korea Economic Institute of America"
    )
    relation = first.find("rel:program/rel:related_item", NS)
    assert relation.findtext("rel:description", namespaces=NS) == (
        "Korea Policy Series (Korea Policy, Vol. 3, Issue 2)"
    )
    link = relation.find("rel:inter_work_relation", NS)
    assert link.get("relationship-type") == "isPartOf"
    assert link.text.startswith("https://peninsula.example.org/series/")
    brief = Brief.objects.get(slug__endswith="rapprochement")
    assert first.findtext("c:doi_data/c:resource", namespaces=NS) == (
        "https://peninsula.example.org" + brief.get_absolute_url()
    )
    # Assigned DOIs are kept: a second run deposits the same ones.
    call_command("crossref_deposit", "--assign", "-o", str(out), stdout=io.StringIO())
    assert sorted(Brief.objects.values_list("doi", flat=True)) == dois


def test_co_authors_in_order_and_a_typed_doi(crossref_schema, doi_settings, tmp_path):
    brief = make_brief(
        authors=[make_author("Victor D. Cha"), make_author("Lee Jae-myung")],
        doi="10.5555/typed.in",
        full_paper_url="https://example.org/paper.pdf",
    )
    make_brief(doi="10.5555/other")
    out = tmp_path / "one.xml"
    call_command(
        "crossref_deposit", "--brief", brief.slug, "-o", str(out), stdout=io.StringIO()
    )
    document = valid(crossref_schema, out.read_bytes())
    assert document.xpath("//c:doi/text()", namespaces=NS) == ["10.5555/typed.in"]
    people = document.findall(".//c:person_name", NS)
    assert [p.get("sequence") for p in people] == ["first", "additional"]
    # "Lee Jae-myung" is written family name first: Lee is the surname.
    assert [p.findtext("c:surname", namespaces=NS) for p in people] == [
        "Cha",
        "Lee",
    ]
    kinds = document.xpath(
        "//rel:inter_work_relation/@relationship-type", namespaces=NS
    )
    # make_brief gives no series: the full paper is the one relation.
    assert kinds == ["isDerivedFrom"]


def test_command_errors_are_plain(doi_settings, tmp_path):
    draft = make_brief(status=Brief.Status.DRAFT, doi="10.5555/draft")
    with pytest.raises(CommandError, match="no public brief"):
        call_command(
            "crossref_deposit", "--brief", draft.slug, "-o", str(tmp_path / "x")
        )
    with pytest.raises(CommandError, match="not a date"):
        call_command("crossref_deposit", "--since", "yesterday-ish")
    make_brief()
    doi_settings.DOI_PREFIX = ""
    with pytest.raises(CommandError, match="DOI_PREFIX is not set"):
        call_command("crossref_deposit", "--assign", "-o", str(tmp_path / "y"))


def test_since_picks_recent_changes(crossref_schema, doi_settings, tmp_path):
    old = make_brief(doi="10.5555/old")
    Brief.objects.filter(pk=old.pk).update(updated_at="2020-01-01T00:00:00Z")
    make_brief(doi="10.5555/new")
    out = tmp_path / "since.xml"
    call_command(
        "crossref_deposit",
        "--since",
        "2024-01-01",
        "-o",
        str(out),
        stdout=io.StringIO(),
    )
    document = valid(crossref_schema, out.read_bytes())
    assert document.xpath("//c:doi/text()", namespaces=NS) == ["10.5555/new"]


def test_sending_is_off_by_default(doi_settings, tmp_path):
    make_brief(doi="10.5555/a")
    with pytest.raises(CommandError, match="sending is off"):
        call_command(
            "crossref_deposit",
            "--send",
            "-o",
            str(tmp_path / "a.xml"),
            stdout=io.StringIO(),
        )


class Receiver(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        Receiver.received.append(
            (self.headers["Content-Type"], self.rfile.read(length))
        )
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"SUCCESS")

    def log_message(self, *args):
        pass


def test_sending_when_enabled_posts_the_file(doi_settings, tmp_path):
    server = HTTPServer(("127.0.0.1", 8331), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        doi_settings.CROSSREF_SEND = True
        doi_settings.CROSSREF_LOGIN_ID = "kei"
        doi_settings.CROSSREF_LOGIN_PASSWORD = "secret"
        doi_settings.CROSSREF_DEPOSIT_URL = "http://127.0.0.1:8331/servlet/deposit"
        make_brief(doi="10.5555/sent")
        out = io.StringIO()
        call_command(
            "crossref_deposit", "--send", "-o", str(tmp_path / "s.xml"), stdout=out
        )
    finally:
        server.shutdown()
        server.server_close()
    assert "Crossref answered 200: SUCCESS" in out.getvalue()
    content_type, body = Receiver.received[-1]
    assert content_type.startswith("multipart/form-data; boundary=")
    assert b'name="operation"\r\n\r\ndoMDUpload' in body
    assert b"<doi>10.5555/sent</doi>" in body.replace(b"ns0:", b"")


def test_admin_action_registers_and_downloads(crossref_schema, doi_settings):
    public = make_brief("Public one")
    draft = make_brief("Still a draft", status=Brief.Status.DRAFT)
    client = client_for(editor())
    changelist = reverse("admin:briefs_brief_changelist")
    client.get(changelist)
    response = client.post(
        changelist,
        {
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
            "action": "crossref_deposit",
            "_selected_action": [str(public.pk), str(draft.pk)],
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"].startswith('attachment; filename="crossref-')
    document = valid(crossref_schema, response.content)
    public.refresh_from_db()
    draft.refresh_from_db()
    assert document.xpath("//c:doi/text()", namespaces=NS) == [public.doi]
    assert public.doi == f"10.99999/peninsula.{public.published_at.year}.{public.pk}"
    assert draft.doi == ""


def test_doi_flows_into_page_citations_metadata_and_feeds(client):
    author = make_author("Jane Roe", orcid="0000-0002-1825-0097")
    brief = make_brief(authors=[author], doi="10.5555/kei.7")
    link = "https://doi.org/10.5555/kei.7"
    response = client.get(brief.get_absolute_url())
    doc = html5lib.parse(response.content, namespaceHTMLElements=False)
    assert any(a.get("href") == link for a in doc.iter("a"))
    metas = {m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert metas["citation_doi"] == "10.5555/kei.7"
    citations = [
        "".join(p.itertext()) for p in doc.iter("p") if p.get("class") == "citation"
    ]
    assert len(citations) == 2 and all(link in text for text in citations)
    bibtex = client.get(reverse("briefs:brief_bibtex", args=[brief.slug])).content
    assert b"doi = {10.5555/kei.7}" in bibtex
    ris = client.get(reverse("briefs:brief_ris", args=[brief.slug])).content
    assert b"DO  - 10.5555/kei.7\r\n" in ris
    script = next(
        s for s in doc.iter("script") if s.get("type") == "application/ld+json"
    )
    data = json.loads(script.text)
    assert data["identifier"]["value"] == "10.5555/kei.7"
    assert data["sameAs"] == link
    assert data["author"][0]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    rss = client.get("/feeds/rss/").content
    assert f"<dc:identifier>{link}</dc:identifier>".encode() in rss
    atom = feedparser.parse(client.get("/feeds/atom/").content)
    assert atom.entries[0]["dc_identifier"] == link
    item = json.loads(client.get("/feeds/json/").content)["items"][0]
    assert item["_doi"] == {"url": link}


def test_a_team_byline_is_an_organization(crossref_schema, doi_settings, tmp_path):
    brief = make_brief(
        authors=[make_author("KEI Staff"), make_author("Victor D. Cha")],
        doi="10.5555/team",
    )
    out = tmp_path / "team.xml"
    call_command(
        "crossref_deposit", "--brief", brief.slug, "-o", str(out), stdout=io.StringIO()
    )
    document = valid(crossref_schema, out.read_bytes())
    team = document.findall(".//c:contributors/c:organization", NS)
    assert [(t.text, t.get("sequence")) for t in team] == [("KEI Staff", "first")]
    people = document.findall(".//c:person_name", NS)
    assert [p.findtext("c:surname", namespaces=NS) for p in people] == ["Cha"]
