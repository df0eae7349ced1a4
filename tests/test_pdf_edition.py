"""The PDF edition: served, stored once per version, read back, and re-imported."""

import io
import json
import re
from datetime import timedelta

import feedparser
import pdfplumber
import pytest
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from briefs.editions import pdf
from briefs.models import Author, Brief, Disclosure, PdfEdition, Series
from briefs.rendering import render_body

from .factories import make_author, make_brief

pytestmark = pytest.mark.django_db
SITE = "http://testserver"


def pdf_url(brief):
    return f"/briefs/{brief.slug}.pdf"


def words_of(text):
    # Lines break after a hyphen or dash without adding one (no hyphenation).
    text = re.sub(r"([-–—/])\n", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


# The page margins (2.3 cm) hold the running title, URL and page number.
MARGIN = 2.3 / 2.54 * 72


def read_pages(data):
    """The text of each page without its running header and footer."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [
            words_of(
                page.crop((0, MARGIN, page.width, page.height - MARGIN)).extract_text()
                or ""
            )
            for page in document.pages
        ]


def body_paragraphs(brief):
    """The body's blocks (paragraphs, items, headings) as plain text."""
    html = render_body(brief.body)
    blocks = re.findall(r"<(p|li|h[2-4])>(.*?)</\1>", html, re.DOTALL)
    return [words_of(re.sub(r"<[^>]+>", "", inner)) for _, inner in blocks]


def fetch_pdf(client, brief):
    response = client.get(pdf_url(brief))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_every_reference_brief_reads_back_right(client, imported_reference):
    briefs = list(Brief.objects.for_listing())
    assert len(briefs) == 3
    for brief in briefs:
        pages = read_pages(fetch_pdf(client, brief))
        first = pages[0]
        whole = " ".join(pages)
        author_names = [author.name for author in brief.ordered_authors()]
        assert brief.title in first
        assert all(name in first for name in author_names)
        # The disclosure stands before the first paragraph of the body, on page 1.
        paragraphs = body_paragraphs(brief)
        disclosure = first.find(brief.disclosure.text)
        assert 0 <= disclosure < first.find(paragraphs[0])
        assert first.find(brief.title) < first.find(author_names[0]) < disclosure
        for paragraph in paragraphs:
            # Page breaks cut a paragraph in two; its words stay in order.
            assert whole.count(paragraph) == 1, paragraph[:60]


def field_snapshot():
    """What an editor sees of every brief, by slug, without database ids."""
    snapshot = {}
    for brief in Brief.objects.for_listing().order_by("slug"):
        series = brief.series
        snapshot[brief.slug] = {
            "title": brief.title,
            "status": brief.status,
            "published_at": brief.published_at,
            "summary": brief.summary,
            "body": brief.body,
            "body_html": brief.body_html,
            "series": series
            and (
                series.name,
                series.slug,
                series.publication,
                series.volume,
                series.issue,
                series.theme,
            ),
            "is_series_announcement": brief.is_series_announcement,
            "image_credit": brief.image_credit,
            "image_credit_url": brief.image_credit_url,
            "full_paper_url": brief.full_paper_url,
            "disclosure": brief.disclosure.text,
            "authors": [
                (author.name, author.slug, author.bio)
                for author in brief.ordered_authors()
            ],
            "categories": sorted(tag.name for tag in brief.categories.all()),
        }
    return snapshot


def test_the_importer_round_trips_the_pdf_edition(client, imported_reference, tmp_path):
    original = field_snapshot()
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for brief in Brief.objects.all():
        (folder / f"{brief.slug}.pdf").write_bytes(fetch_pdf(client, brief))
    # A fresh database: nothing of the original is left to match against.
    PdfEdition.objects.all().delete()
    Brief.objects.all().delete()
    Author.objects.all().delete()
    Series.objects.all().delete()
    Disclosure.objects.all().delete()
    Tag.objects.all().delete()
    call_command("import_briefs", str(folder), verbosity=0)
    again = field_snapshot()
    for slug, fields in original.items():
        for name, value in fields.items():
            assert again[slug][name] == value, (slug, name)
    assert again == original


def test_draft_and_scheduled_briefs_have_no_pdf(client):
    draft = make_brief(status=Brief.Status.DRAFT)
    scheduled = make_brief(published_at=timezone.now() + timedelta(days=1))
    assert client.get(pdf_url(draft)).status_code == 404
    assert client.get(pdf_url(scheduled)).status_code == 404
    assert client.get("/briefs/no-such-brief.pdf").status_code == 404
    assert not PdfEdition.objects.exists()


def test_pdf_is_made_once_per_version_and_validated(client, monkeypatch):
    brief = make_brief(categories=["Trade"])
    calls = []
    real_render = pdf.render_pdf

    def counting_render(*args):
        calls.append(args)
        return real_render(*args)

    monkeypatch.setattr(pdf, "render_pdf", counting_render)
    first = client.get(pdf_url(brief))
    data = b"".join(first.streaming_content)
    assert data.startswith(b"%PDF-1.7")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Content-Disposition"] == f'inline; filename="{brief.slug}.pdf"'
    again = client.get(pdf_url(brief))
    assert b"".join(again.streaming_content) == data
    assert again["ETag"] == etag
    assert client.get(pdf_url(brief), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert (
        client.get(pdf_url(brief), HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    )
    assert len(calls) == 1
    edition = PdfEdition.objects.get()
    assert edition.file.name.startswith("editions/")
    assert edition.size == len(data)

    # A change to the brief, to one of its authors or to its disclosure is a
    # new version: a new PDF, and a new ETag.
    brief.title = "A new title"
    brief.save()
    assert client.get(pdf_url(brief))["ETag"] != etag
    author = brief.ordered_authors()[0]
    author.bio = f"{author.name} is now a Senior Fellow."
    author.save()
    client.get(pdf_url(brief))
    disclosure = brief.disclosure
    disclosure.text += " Filed with the Department of Justice."
    disclosure.save()
    client.get(pdf_url(brief))
    assert len(calls) == 4
    assert PdfEdition.objects.count() == 4
    # The brief page itself renders no PDF.
    client.get(brief.get_absolute_url())
    assert len(calls) == 4


def test_pdf_metadata_and_tags(client):
    brief = make_brief(
        "Tariffs and the Alliance",
        authors=[make_author("Jane Roe"), make_author("John Doe")],
        categories=["Trade", "Japan"],
        summary="What the tariffs mean for Seoul.",
    )
    data = fetch_pdf(client, brief)
    with pdfplumber.open(io.BytesIO(data)) as document:
        info = document.metadata
        catalog = document.doc.catalog
    assert info["Title"] == "Tariffs and the Alliance"
    assert info["Author"] == "Jane Roe, John Doe"
    assert info["Subject"] == "What the tariffs mean for Seoul."
    assert "Trade" in info["Keywords"] and "Japan" in info["Keywords"]
    # PDF/UA: a tagged structure tree, marked content, the document's language.
    assert "StructTreeRoot" in catalog
    assert catalog["MarkInfo"]["Marked"] is True
    assert catalog["Lang"] == b"en"


def test_pdf_query_count(client, django_assert_num_queries):
    brief = make_brief(authors=[make_author(), make_author()], categories=["A", "B"])
    client.get(pdf_url(brief))
    # Served from storage: the brief, its authors, its categories, the edition.
    with django_assert_num_queries(4):
        response = client.get(pdf_url(brief))
    assert response.status_code == 200


def test_brief_page_links_its_pdf_everywhere(client):
    import html5lib

    brief = make_brief()
    response = client.get(brief.get_absolute_url())
    doc = html5lib.parse(response.content, namespaceHTMLElements=False)
    absolute = f"http://testserver{pdf_url(brief)}"
    links = [a for a in doc.iter("a") if a.get("href") == absolute]
    assert [a.text for a in links] == ["Download PDF"]
    metas = {m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert metas["citation_pdf_url"] == absolute
    script = next(
        s for s in doc.iter("script") if s.get("type") == "application/ld+json"
    )
    data = json.loads(script.text)
    assert data["encoding"] == {
        "@type": "MediaObject",
        "contentUrl": absolute,
        "encodingFormat": "application/pdf",
    }
    # Linking costs the page nothing: no edition was made.
    assert not PdfEdition.objects.exists()


def test_preview_of_a_draft_does_not_advertise_a_pdf(admin_client):
    draft = make_brief(status=Brief.Status.DRAFT)
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert pdf_url(draft).encode() not in response.content


def test_feeds_carry_the_pdf_as_an_enclosure(client):
    brief = make_brief()
    absolute = f"http://testserver{pdf_url(brief)}"
    for path in ("/feeds/rss/", "/feeds/atom/"):
        feed = feedparser.parse(client.get(path).content)
        (entry,) = feed.entries
        enclosures = [link for link in entry.links if link.rel == "enclosure"]
        assert [(e.href, e.type) for e in enclosures] == [(absolute, "application/pdf")]
    (item,) = json.loads(client.get("/feeds/json/").content)["items"]
    assert item["attachments"] == [{"url": absolute, "mime_type": "application/pdf"}]
    assert not PdfEdition.objects.exists()
