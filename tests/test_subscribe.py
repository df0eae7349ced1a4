"""One page to subscribe, OPML of every feed, and WebSub hub links and pings."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl
from xml.etree import ElementTree

import feedparser
import html5lib
import pytest
from django.urls import reverse

from briefs.models import Brief

from .factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db
HUB_PORT = 8332


@pytest.fixture
def world():
    series = make_series("Korea Policy Series", slug="kps")
    ada = make_author("Ada Lovelace")
    bob = make_author("Bob Marley")
    make_brief("One", authors=[ada, bob], series=series, categories=["Trade"])
    make_brief("Two", authors=[ada], categories=["Japan", "Trade"])
    # Nothing of a draft may show: not its author, not its category.
    make_brief(
        "Draft",
        authors=[make_author("Hidden Person")],
        categories=["Secret"],
        status=Brief.Status.DRAFT,
    )
    return {"series": series, "ada": ada, "bob": bob}


def expected_feeds(world):
    prefixes = [
        "/feeds/",
        "/series/kps/feed/",
        f"/authors/{world['ada'].slug}/feed/",
        f"/authors/{world['bob'].slug}/feed/",
        "/categories/trade/feed/",
        "/categories/japan/feed/",
    ]
    urls = []
    for prefix in prefixes:
        if prefix == "/feeds/":
            urls += ["/feeds/rss/", "/feeds/atom/", "/feeds/json/"]
        else:
            urls += [prefix, f"{prefix}atom/", f"{prefix}json/"]
    return {f"http://testserver{url}" for url in urls}


def test_subscribe_page_lists_every_feed_with_copyable_urls(client, world):
    response = client.get("/subscribe/")
    assert response.status_code == 200
    doc = html5lib.parse(response.content, namespaceHTMLElements=False)
    inputs = [i for i in doc.iter("input") if "feed-urls__url" in i.get("class", "")]
    assert {i.get("value") for i in inputs} == expected_feeds(world)
    assert all(i.get("readonly") is not None and i.get("aria-label") for i in inputs)
    assert b"Hidden Person" not in response.content
    assert b"Secret" not in response.content
    # Every address on the page answers.
    for url in expected_feeds(world):
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    assert any(a.get("href") == "http://testserver/feeds/opml/" for a in doc.iter("a"))


def test_opml_lists_every_feed(client, world):
    response = client.get("/feeds/opml/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/x-opml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title")
    assert root.findtext("head/dateCreated")
    outlines = root.findall("body/outline/outline")
    urls = {o.get("xmlUrl") or o.get("url") for o in outlines}
    assert urls == expected_feeds(world)
    for outline in outlines:
        assert outline.get("text") and outline.get("htmlUrl")
        if outline.get("type") == "rss":
            assert outline.get("xmlUrl")
    assert [g.get("text") for g in root.findall("body/outline")] == [
        "Site",
        "Series",
        "Authors",
        "Categories",
    ]


def test_subscribe_and_opml_query_counts(client, world, django_assert_num_queries):
    # Site, series, authors and categories: one query each, whatever their number.
    with django_assert_num_queries(3):
        client.get("/feeds/opml/")
    make_series("Another", slug="another")
    make_brief("Three", authors=[make_author()], categories=["More"])
    with django_assert_num_queries(3):
        client.get("/subscribe/")


def test_no_hub_link_by_default(client, world):
    assert b'rel="hub"' not in client.get("/feeds/rss/").content
    assert "hubs" not in json.loads(client.get("/feeds/json/").content)


def test_feeds_name_the_hub(client, world, settings):
    settings.WEBSUB_HUB_URL = "https://hub.example.org/"
    for path in ("/feeds/rss/", "/series/kps/feed/", "/feeds/atom/"):
        feed = feedparser.parse(client.get(path).content)
        hubs = [link.href for link in feed.feed.links if link.rel == "hub"]
        assert hubs == ["https://hub.example.org/"], path
    document = json.loads(client.get("/feeds/json/").content)
    assert document["hubs"] == [{"type": "WebSub", "url": "https://hub.example.org/"}]


class Hub(BaseHTTPRequestHandler):
    pings = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        Hub.pings.append(parse_qsl(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hub(settings):
    Hub.pings = []
    server = HTTPServer(("127.0.0.1", HUB_PORT), Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WEBSUB_HUB_URL = f"http://127.0.0.1:{HUB_PORT}/"
    settings.SITE_URL = "https://peninsula.example.org"
    yield Hub.pings
    server.shutdown()
    server.server_close()


def test_publishing_pings_the_hub_for_every_feed_of_the_brief(
    hub, django_capture_on_commit_callbacks
):
    series = make_series("Korea Policy Series", slug="kps")
    ada = make_author("Ada Lovelace")
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_brief(
            "Soon", authors=[ada], series=series, status=Brief.Status.DRAFT
        )
        brief.categories.set(["Trade"])
    assert hub == []  # a draft is not news
    with django_capture_on_commit_callbacks(execute=True):
        brief.status = Brief.Status.PUBLISHED
        brief.save()
    (ping,) = hub
    assert ("hub.mode", "publish") in ping
    urls = {value for key, value in ping if key == "hub.url"}
    base = "https://peninsula.example.org"
    assert urls == {
        f"{base}{path}{suffix}"
        for path in (
            "/series/kps/feed/",
            f"/authors/{ada.slug}/feed/",
            "/categories/trade/feed/",
        )
        for suffix in ("", "atom/", "json/")
    } | {f"{base}/feeds/rss/", f"{base}/feeds/atom/", f"{base}/feeds/json/"}


def test_a_hub_that_is_down_does_not_stop_publishing(
    settings, django_capture_on_commit_callbacks
):
    settings.WEBSUB_HUB_URL = f"http://127.0.0.1:{HUB_PORT + 1}/"
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_brief("Published anyway")
    assert Brief.objects.published().filter(pk=brief.pk).exists()


def test_subscribe_is_linked_from_every_page(client, world):
    assert b'href="/subscribe/"' in client.get(reverse("briefs:home")).content
