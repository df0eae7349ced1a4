"""sitemap.xml and robots.txt: public content only, with lastmod for briefs."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from briefs.models import Brief
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("sm:loc", NS).text: url.findtext("sm:lastmod", None, NS)
        for url in root.findall("sm:url", NS)
    }


def test_sitemap_lists_public_content_with_lastmod(client):
    series = make_series("Listed Series", slug="listed")
    author = make_author("Listed Author")
    brief = make_brief(
        "Listed", authors=[author], series=series, categories=["Listed Topic"]
    )
    entries = sitemap_entries(client)
    base = "http://testserver"
    assert entries[base + brief.get_absolute_url()] is not None
    assert base + series.get_absolute_url() in entries
    assert base + author.get_absolute_url() in entries
    assert base + "/categories/listed-topic/" in entries
    assert base + "/" in entries and base + "/series/" in entries


def test_sitemap_leaves_out_drafts_and_scheduled(client):
    author = make_author("Only Drafts")
    series = make_series("Unreleased", slug="unreleased")
    draft = make_brief(
        "Draft",
        authors=[author],
        series=series,
        status=Brief.Status.DRAFT,
        categories=["Draft Topic"],
    )
    future = make_brief(
        "Future", authors=[author], published_at=timezone.now() + timedelta(days=1)
    )
    text = client.get("/sitemap.xml").content.decode()
    for path in [
        draft.get_absolute_url(),
        future.get_absolute_url(),
        author.get_absolute_url(),
        series.get_absolute_url(),
        "/categories/draft-topic/",
    ]:
        assert path not in text


def test_robots_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_reference_briefs_in_sitemap(client, imported_reference):
    entries = sitemap_entries(client)
    for brief in Brief.objects.published():
        assert "http://testserver" + brief.get_absolute_url() in entries
