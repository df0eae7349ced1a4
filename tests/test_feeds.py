"""Feeds: RSS, Atom and JSON Feed for the site, series, authors and categories."""

import json
import re
from datetime import timedelta
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import feedparser
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from briefs.models import Brief, BriefAuthor
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db

FARA_START = "KEI is registered under the FARA"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} "
    r"[+-]\d{4}$"
)
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
)


@pytest.fixture
def world():
    """Two series, three authors, two categories, and briefs spread among them."""
    first, second, third = (
        make_author("Shihoko Goto"),
        make_author("Bruce Klingner"),
        make_author("Scott Snyder"),
    )
    series = make_series("Korea Policy Series", slug="korea-policy")
    other_series = make_series("Trade Series", slug="trade")
    co_authored = make_brief(
        "Building Up Japan-South Korea Rapprochement",
        authors=[second, first, third],
        categories=["Indo-Pacific", "Japan"],
        series=series,
        image_credit="Prime Minister's Office of Japan",
    )
    solo = make_brief(
        "The Alliance Faces an Uncertain Future",
        authors=[second],
        categories=["Indo-Pacific"],
        series=series,
    )
    trade = make_brief(
        "Tariffs and the Won",
        authors=[third],
        categories=["Trade"],
        series=other_series,
    )
    return {
        "authors": (first, second, third),
        "series": series,
        "other_series": other_series,
        "co_authored": co_authored,
        "solo": solo,
        "trade": trade,
    }


def feed_paths(world):
    series, author = world["series"], world["authors"][1]
    bases = [
        "/feeds/",
        f"/series/{series.slug}/feed/",
        f"/authors/{author.slug}/feed/",
        "/categories/indo-pacific/feed/",
    ]
    paths = []
    for base in bases:
        if base == "/feeds/":
            paths += ["/feeds/rss/", "/feeds/atom/", "/feeds/json/"]
        else:
            paths += [base, f"{base}atom/", f"{base}json/", f"{base}?format=atom"]
    return paths


def parse(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    if "json" in path:
        return response, json.loads(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return response, parsed


def entry_titles(client, path):
    _, document = parse(client, path)
    if "json" in path:
        return [item["title"] for item in document["items"]]
    return [entry.title for entry in document.entries]


def test_every_feed_parses_without_errors(client, world):
    for path in feed_paths(world):
        response, document = parse(client, path)
        if "json" in path:
            assert response["Content-Type"].startswith("application/feed+json")
            assert document["version"] == "https://jsonfeed.org/version/1.1"
            assert document["items"]
        else:
            assert document.version in ("rss20", "atom10"), path
            assert document.entries, path


def test_format_query_and_atom_sibling_serve_atom(client, world):
    base = f"/series/{world['series'].slug}/feed/"
    assert client.get(base)["Content-Type"].startswith("application/rss+xml")
    for path in (f"{base}atom/", f"{base}?format=atom"):
        assert client.get(path)["Content-Type"].startswith("application/atom+xml")
    assert client.get(f"{base}?format=rdf").status_code == 404


def test_section_feeds_hold_only_their_briefs_newest_first(client, world):
    series_titles = entry_titles(client, f"/series/{world['series'].slug}/feed/")
    assert series_titles == [world["co_authored"].title, world["solo"].title]
    author = world["authors"][2]
    assert entry_titles(client, f"/authors/{author.slug}/feed/atom/") == [
        world["co_authored"].title,
        world["trade"].title,
    ]
    assert entry_titles(client, "/categories/trade/feed/json/") == [
        "Tariffs and the Won"
    ]
    assert entry_titles(client, "/feeds/rss/") == [
        world["co_authored"].title,
        world["solo"].title,
        world["trade"].title,
    ]


def test_feed_length_is_the_setting(client, settings):
    settings.FEED_ITEMS = 3
    briefs = [make_brief() for _ in range(5)]
    titles = entry_titles(client, "/feeds/atom/")
    newest = sorted(briefs, key=lambda b: b.published_at, reverse=True)[:3]
    assert titles == [brief.title for brief in newest]


@pytest.mark.parametrize(
    "path",
    [
        "/series/nope/feed/",
        "/series/nope/feed/atom/",
        "/authors/nope/feed/json/",
        "/categories/nope/feed/",
        "/categories/nope/feed/atom/",
    ],
)
def test_unknown_section_is_404(client, path):
    assert client.get(path).status_code == 404


def test_rss_carries_every_co_author_in_order_and_every_category(client, world):
    _, rss = parse(client, "/feeds/rss/")
    entry = rss.entries[0]
    assert [a["name"] for a in entry.authors] == [
        "Bruce Klingner",
        "Shihoko Goto",
        "Scott Snyder",
    ]
    assert sorted(tag.term for tag in entry.tags) == ["Indo-Pacific", "Japan"]
    raw = client.get("/feeds/rss/").content.decode()
    first_item = raw.split("<item>")[1]
    assert re.findall(r"<dc:creator>(.*?)</dc:creator>", first_item) == [
        "Bruce Klingner",
        "Shihoko Goto",
        "Scott Snyder",
    ]


def test_atom_has_one_author_element_per_co_author(client, world):
    _, atom = parse(client, "/feeds/atom/")
    entry = atom.entries[0]
    assert [a["name"] for a in entry.authors] == [
        "Bruce Klingner",
        "Shihoko Goto",
        "Scott Snyder",
    ]
    assert entry.authors[0]["href"] == (
        f"http://testserver/authors/{world['authors'][1].slug}/"
    )
    assert sorted(tag.term for tag in entry.tags) == ["Indo-Pacific", "Japan"]


def test_json_feed_has_authors_tags_and_content(client, world):
    _, document = parse(client, "/feeds/json/")
    item = document["items"][0]
    assert [a["name"] for a in item["authors"]] == [
        "Bruce Klingner",
        "Shihoko Goto",
        "Scott Snyder",
    ]
    assert item["tags"] == ["Indo-Pacific", "Japan"]
    assert item["url"] == f"http://testserver{world['co_authored'].get_absolute_url()}"
    assert item["date_published"] == world["co_authored"].published_at.isoformat()
    assert document["feed_url"] == "http://testserver/feeds/json/"


def test_dates_are_rfc822_in_rss_and_rfc3339_in_atom(client, world):
    rss = client.get("/feeds/rss/").content.decode()
    pub_dates = re.findall(r"<pubDate>(.*?)</pubDate>", rss)
    assert len(pub_dates) == 3
    build = re.findall(r"<lastBuildDate>(.*?)</lastBuildDate>", rss)
    for value in pub_dates + build:
        assert RFC822.match(value), value
    assert parsedate_to_datetime(pub_dates[0]) == world[
        "co_authored"
    ].published_at.replace(microsecond=0)
    atom = client.get("/feeds/atom/").content.decode()
    stamps = re.findall(r"<(?:published|updated)>(.*?)</", atom)
    assert len(stamps) == 1 + 2 * 3  # the feed's updated, then each entry's two
    for value in stamps:
        assert RFC3339.match(value), value


def test_feed_level_metadata_and_self_links(client, world):
    series = world["series"]
    rss = client.get(f"/series/{series.slug}/feed/").content.decode()
    assert (
        f'<atom:link href="http://testserver/series/{series.slug}/feed/" rel="self"/>'
        in rss
    )
    assert "<language>en-us</language>" in rss
    _, atom = parse(client, f"/series/{series.slug}/feed/atom/")
    self_links = [link.href for link in atom.feed.links if link.rel == "self"]
    assert self_links == [f"http://testserver/series/{series.slug}/feed/atom/"]
    assert atom.feed.title == "Korea Policy Series · The Peninsula"
    assert "Korea Policy, Vol. 3" in atom.feed.subtitle
    assert atom.feed.language == "en-us"
    assert atom.feed.updated_parsed
    _, via_query = parse(client, f"/series/{series.slug}/feed/?format=atom")
    assert [link.href for link in via_query.feed.links if link.rel == "self"] == [
        f"http://testserver/series/{series.slug}/feed/?format=atom"
    ]


def test_ids_are_unique_tag_uris_stable_across_slug_and_title_edits(client, world):
    _, before = parse(client, "/feeds/atom/")
    ids = [entry.id for entry in before.entries]
    assert len(set(ids)) == len(ids)
    assert all(
        re.match(r"^tag:testserver,\d{4}-\d{2}-\d{2}:/briefs/\d+$", i) for i in ids
    )

    brief = world["co_authored"]
    brief.slug = "a-new-slug"
    brief.title = "A New Title"
    brief.save()
    _, after = parse(client, "/feeds/atom/")
    _, rss = parse(client, "/feeds/rss/")
    assert [entry.id for entry in after.entries] == ids
    assert [entry.id for entry in rss.entries] == ids
    assert after.entries[0].link == "http://testserver/briefs/a-new-slug/"


def test_tag_authority_setting_fixes_ids_whatever_the_host(client, settings, world):
    settings.FEED_TAG_AUTHORITY = "keia.org"
    _, atom = parse(client, "/feeds/atom/")
    assert all(entry.id.startswith("tag:keia.org,") for entry in atom.entries)


def test_drafts_review_and_future_briefs_never_appear(client, world):
    hidden = [
        make_brief("Secret draft", status=Brief.Status.DRAFT, series=world["series"]),
        make_brief("Under review", status=Brief.Status.REVIEW, series=world["series"]),
        make_brief(
            "Scheduled",
            series=world["series"],
            categories=["Indo-Pacific"],
            authors=[world["authors"][1]],
            published_at=timezone.now() + timedelta(days=1),
        ),
    ]
    for path in feed_paths(world):
        body = client.get(path).content.decode()
        for brief in hidden:
            assert brief.title not in body, (path, brief.title)


def test_disclosure_heads_the_content_of_every_item(client, world):
    for path in ("/feeds/rss/", "/feeds/atom/"):
        _, document = parse(client, path)
        assert len(document.entries) == 3
        for entry in document.entries:
            content = entry.content[0].value
            assert content.index(FARA_START) < content.index("Body of")
    _, document = parse(client, "/feeds/json/")
    for item in document["items"]:
        assert item["content_html"].startswith('<aside class="disclosure">')
        assert FARA_START in item["content_html"]


def test_content_has_full_body_image_credit_and_absolute_urls(client, world):
    brief = world["solo"]
    Brief.objects.filter(pk=brief.pk).update(
        body_html='<p>See <a href="/briefs/other/">the other brief</a> '
        'and <a href="#">a dead link</a>.</p><h2>Conclusion</h2>',
        image_credit="ROK Armed Forces",
        image_credit_url="https://example.org/rok",
    )
    _, document = parse(client, "/feeds/json/")
    item = next(i for i in document["items"] if i["title"] == brief.title)
    html = item["content_html"]
    assert 'href="http://testserver/briefs/other/"' in html
    assert 'href="/' not in html and 'href="#"' not in html
    assert "<h2>Conclusion</h2>" in html
    assert (
        'Feature image: <a href="https://example.org/rok">ROK Armed Forces</a>' in html
    )


def test_html_in_titles_is_escaped_and_body_html_is_sanitized(client):
    brief = make_brief("Trade & <script>alert(1)</script> Tariffs")
    # Written around save(), as a bulk update or a raw import might.
    Brief.objects.filter(pk=brief.pk).update(
        body_html='<p onclick="steal()">Fine</p><script>alert(2)</script>'
        '<a href="javascript:alert(3)">x</a><img src=x onerror=alert(4)>',
        image_credit_url="javascript:alert(5)",
        image_credit="Credit",
    )
    for path in ("/feeds/rss/", "/feeds/atom/"):
        raw = client.get(path).content.decode()
        assert "<script" not in raw
        assert "Trade &amp; &lt;script&gt;alert(1)&lt;/script&gt; Tariffs" in raw
        _, document = parse(client, path)
        entry = document.entries[0]
        assert entry.title == "Trade & <script>alert(1)</script> Tariffs"
        content = entry.content[0].value
        for bad in ("onclick", "alert(2)", "javascript:", "onerror", "<img"):
            assert bad not in content, (path, bad)
        assert "Fine" in content
    item = json.loads(client.get("/feeds/json/").content)["items"][0]
    assert item["title"] == "Trade & <script>alert(1)</script> Tariffs"
    for bad in ("onclick", "<script", "javascript:", "onerror"):
        assert bad not in item["content_html"]


def test_feed_headers_allow_polling_caches(client, world):
    response = client.get("/feeds/rss/")
    assert {"public", "max-age=300"} <= set(response["Cache-Control"].split(", "))
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_repeated_request_with_validators_gets_304_without_body(client, world):
    for path in feed_paths(world):
        first = client.get(path)
        again = client.get(path, headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304, path
        assert again.content == b""
        assert again["ETag"] == first["ETag"]
        assert {"public", "max-age=300"} <= set(again["Cache-Control"].split(", "))
        since = client.get(path, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304, path


def test_304_is_answered_before_rendering(
    client, world, django_assert_num_queries, settings
):
    settings.PUBLIC_CACHE_ENABLED = False  # the feed's own validators, uncached
    path = f"/series/{world['series'].slug}/feed/"
    etag = client.get(path)["ETag"]
    # The one validator query: the series comes from the navigation's list,
    # cached per content version, and no items are loaded.
    with django_assert_num_queries(1):
        response = client.get(path, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_formats_have_different_etags(client, world):
    etags = {client.get(path)["ETag"] for path in feed_paths(world)}
    assert len(etags) == len(feed_paths(world))


def etags(client, *paths):
    return [client.get(path)["ETag"] for path in paths]


def test_edit_changes_only_the_etags_of_feeds_that_hold_the_brief(client, world):
    in_feed = "/categories/indo-pacific/feed/"
    unrelated = ["/categories/trade/feed/", "/series/trade/feed/atom/"]
    before, *unrelated_before = etags(client, in_feed, *unrelated)

    brief = world["solo"]
    brief.summary = "A corrected summary."
    brief.save()

    response = client.get(in_feed, headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before
    assert "A corrected summary." in response.content.decode()
    assert etags(client, *unrelated) == unrelated_before


def test_etag_follows_author_order_names_tags_and_disclosure(client, world):
    path = "/feeds/atom/"
    seen = {client.get(path)["ETag"]}
    brief = world["co_authored"]

    # Reorder the byline without saving the brief itself.
    links = list(BriefAuthor.objects.filter(brief=brief).order_by("order"))
    for new_order, link in zip([1, 0, 2], links, strict=True):
        BriefAuthor.objects.filter(pk=link.pk).update(order=new_order + 10)
    seen.add(client.get(path)["ETag"])

    author = world["authors"][0]
    author.name = "Shihoko Goto-Smith"
    author.save()
    seen.add(client.get(path)["ETag"])

    brief.categories.add("Security")
    seen.add(client.get(path)["ETag"])

    Tag.objects.filter(slug="japan").update(name="Japan (country)")
    seen.add(client.get(path)["ETag"])

    disclosure = brief.disclosure
    disclosure.label = "FARA"
    disclosure.save()
    seen.add(client.get(path)["ETag"])
    assert len(seen) == 6


def test_unpublishing_and_scheduled_publication_change_the_etag(client, world):
    path = f"/series/{world['series'].slug}/feed/json/"
    first = client.get(path)["ETag"]
    Brief.objects.filter(pk=world["solo"].pk).update(status=Brief.Status.DRAFT)
    second = client.get(path)["ETag"]
    assert second != first
    make_brief("Was scheduled", series=world["series"])
    assert client.get(path)["ETag"] not in (first, second)


def test_section_rename_changes_its_feed(client, world):
    series = world["series"]
    path = f"/series/{series.slug}/feed/"
    before = client.get(path)["ETag"]
    series.name = "Korea Policy Series, Renamed"
    series.save()
    response = client.get(path, headers={"if-none-match": before})
    assert response.status_code == 200
    assert "Korea Policy Series, Renamed" in response.content.decode()


FEED_QUERIES = {
    # The section (a series or category from the navigation's list, computed
    # once per content version; an author: that list, then the row), the validator
    # query, the items with series and disclosure, their authors, their
    # categories, and the content version (the items' rendered content is
    # cached per version, briefs.site.caching).
    "/feeds/rss/": 5,
    "/feeds/atom/": 5,
    "/feeds/json/": 5,
    "/series/bulk/feed/": 6,
    "/series/bulk/feed/atom/": 6,
    "/series/bulk/feed/json/": 6,
    "/authors/bulk-author/feed/": 7,
    "/authors/bulk-author/feed/atom/": 7,
    "/authors/bulk-author/feed/json/": 7,
    "/categories/bulk/feed/": 6,
    "/categories/bulk/feed/atom/": 6,
    "/categories/bulk/feed/json/": 6,
}


def warm_queries(path):
    """Queries of a feed whose validators and entries are cached: the content
    version, and an author feed's author (looked up by slug, not from a list)."""
    return 2 if path.startswith("/authors/") else 1


def test_query_count_is_the_same_with_5_and_50_briefs(
    client, django_assert_num_queries, settings
):
    settings.PUBLIC_CACHE_ENABLED = False  # rendered, not served from the cache
    series = make_series(slug="bulk")
    author = make_author("Bulk Author")

    def add(count):
        for _ in range(count):
            make_brief(
                series=series,
                authors=[author, make_author(), make_author()],
                categories=["Bulk", "Other"],
            )

    add(5)
    for path in FEED_QUERIES:
        client.get(path)  # content types and other per-process caches warm up
    for count in (5, 50):
        if count == 50:
            add(45)
            # The first request after a change also reads the schedule again.
            client.get("/robots.txt")
        for path, queries in FEED_QUERIES.items():
            # Rendered from the database: entries and validators are kept per
            # content version, so only a fresh cache shows the full count.
            cache.clear()
            with django_assert_num_queries(queries):
                response = client.get(path)
            assert response.status_code == 200
            # Again in the same version: the version, and an author feed's author.
            with django_assert_num_queries(warm_queries(path)):
                assert client.get(path).content == response.content
            assert len(entry_titles(client, path)) == min(count, 20), path


def test_validator_query_count_does_not_grow_either(client, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    series = make_series(slug="bulk")
    for _ in range(30):
        make_brief(series=series, authors=[make_author(), make_author()])
    client.get("/series/bulk/feed/")
    cache.clear()  # validators and entries are otherwise kept per content version
    with CaptureQueriesContext(connection) as queries:
        client.get("/series/bulk/feed/", headers={"if-none-match": '"stale"'})
    assert len(queries) == FEED_QUERIES["/series/bulk/feed/"]


def test_reference_export_feed(client, imported_reference):
    _, atom = parse(client, "/feeds/atom/")
    assert [entry.title for entry in atom.entries][:3] == [
        "Korea Policy Series: Building Up Japan-South Korea Rapprochement",
        "Korea Policy Series: The U.S.-South Korea Alliance Faces Uncertain Future",
        "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee",
    ]
    first = atom.entries[0]
    assert [a["name"] for a in first.authors] == ["Shihoko Goto"]
    assert sorted(t.term for t in first.tags) == [
        "Indo-Pacific",
        "Japan",
        "U.S.-Korea-Japan",
    ]
    for entry in atom.entries:
        assert entry.content[0].value.index("FARA") < 400


def render(source, **context):
    return Template("{% load feed_tags %}" + source).render(Context(context))


def test_alternate_links_for_site_and_section(world):
    site = render("{% feed_alternate_links %}")
    assert site.count('rel="alternate"') == 3
    assert 'type="application/rss+xml"' in site and 'href="/feeds/rss/"' in site
    assert 'href="/feeds/atom/"' in site and 'href="/feeds/json/"' in site

    series = render("{% feed_alternate_links obj %}", obj=world["series"])
    assert series.count('rel="alternate"') == 6
    assert 'href="/series/korea-policy/feed/"' in series
    assert 'href="/series/korea-policy/feed/atom/"' in series
    tag = Tag.objects.get(slug="japan")
    category = render("{% feed_alternate_links obj %}", obj=tag)
    assert 'href="/categories/japan/feed/json/"' in category
    author = render("{% feed_alternate_links obj %}", obj=world["authors"][0])
    assert f'href="/authors/{world["authors"][0].slug}/feed/"' in author
    # A brief is not a section: the site feeds only.
    assert render("{% feed_alternate_links obj %}", obj=world["solo"]) == site


def test_subscribe_links_show_the_feed_urls(world):
    html = render("{% subscribe_links obj %}", obj=world["series"])
    assert ">RSS</a>" in html and ">Atom</a>" in html and ">JSON Feed</a>" in html
    assert 'href="/series/korea-policy/feed/"' in html
    assert "/feeds/rss/" not in html
    assert 'href="/feeds/rss/"' in render("{% subscribe_links %}")


def test_pages_advertise_their_feeds(client, world):
    home = client.get("/").content.decode()
    assert 'type="application/atom+xml"' in home
    assert 'href="http://testserver/feeds/rss/"' in home
    series = client.get(world["series"].get_absolute_url()).content.decode()
    assert 'rel="alternate" type="application/rss+xml"' in series
    assert "http://testserver/series/korea-policy/feed/atom/" in series
    assert "Subscribe" in series
    author = world["authors"][1]
    page = client.get(author.get_absolute_url()).content.decode()
    assert f"http://testserver/authors/{author.slug}/feed/" in page


def test_category_page_advertises_its_feeds(client, world):
    page = client.get("/categories/indo-pacific/").content.decode()
    assert "http://testserver/categories/indo-pacific/feed/" in page
    assert "http://testserver/categories/indo-pacific/feed/json/" in page


def test_category_only_on_drafts_is_404(client, world):
    make_brief("Draft", status=Brief.Status.DRAFT, categories=["Unannounced"])
    assert client.get("/categories/unannounced/feed/").status_code == 404


def test_unpublishing_answers_200_to_if_modified_since_alone(client, world):
    path = f"/series/{world['series'].slug}/feed/"
    last_modified = client.get(path)["Last-Modified"]
    brief = world["solo"]
    brief.status = Brief.Status.DRAFT
    brief.save()
    # HTTP dates have whole seconds: move the edit clear of the header's second.
    Brief.objects.filter(pk=brief.pk).update(
        updated_at=timezone.now() + timedelta(seconds=5)
    )
    response = client.get(path, headers={"if-modified-since": last_modified})
    assert response.status_code == 200
    assert brief.title not in response.content.decode()


# Review pass: validity, robustness and conditional GET in detail.

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def xml(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return ElementTree.fromstring(response.content)


def test_control_characters_from_pdfs_do_not_break_any_feed(client, world):
    # PDF text keeps form feeds and the like, which XML 1.0 cannot carry.
    brief = world["solo"]
    Brief.objects.filter(pk=brief.pk).update(
        title="Page\x0cbreak \ufffe title",
        summary="A summary\x0b with a vertical tab.",
        body_html="<p>One\x0ctwo\x01three</p>",
    )
    author = world["authors"][1]
    type(author).objects.filter(pk=author.pk).update(name="Bruce\x1f Klingner")
    Tag.objects.filter(slug="indo-pacific").update(name="Indo-\x08Pacific")
    for path in feed_paths(world):
        _, document = parse(client, path)
    _, atom = parse(client, "/feeds/atom/")
    entry = next(e for e in atom.entries if e.title.startswith("Page"))
    assert entry.title == "Pagebreak  title"
    assert "Onetwothree" in entry.content[0].value
    assert entry.authors[0]["name"] == "Bruce Klingner"


def test_empty_feed_is_byte_stable_with_validators(client):
    first = client.get("/feeds/atom/")
    second = client.get("/feeds/atom/")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"].endswith("GMT")
    atom = feedparser.parse(first.content)
    assert not atom.bozo and atom.feed.updated_parsed
    rss = client.get("/feeds/rss/")
    assert rss.content == client.get("/feeds/rss/").content


def test_a_section_that_loses_its_last_public_brief_loses_its_feeds(client, world):
    series = world["other_series"]
    assert client.get(f"/series/{series.slug}/feed/").status_code == 200
    Brief.objects.filter(pk=world["trade"].pk).update(status=Brief.Status.DRAFT)
    make_brief("Elsewhere", authors=[], series=None)  # the site feed stays
    # As the series page does: nothing public, nothing to show.
    assert client.get(series.get_absolute_url()).status_code == 404
    for suffix in ("", "atom/", "json/"):
        assert client.get(f"/series/{series.slug}/feed/{suffix}").status_code == 404


@pytest.mark.parametrize("suffix", ["", "atom/", "json/"])
def test_sections_with_nothing_public_have_no_feeds(client, suffix):
    hidden = make_author("Unpublished Author", bio="<b>Bio</b> of a draft author")
    series = make_series("Next Issue", slug="next-issue")
    make_brief("Draft", status=Brief.Status.DRAFT, authors=[hidden], series=series)
    make_brief(
        "Scheduled",
        authors=[hidden],
        series=series,
        published_at=timezone.now() + timedelta(days=1),
    )
    for page in (hidden.get_absolute_url(), series.get_absolute_url()):
        assert client.get(page).status_code == 404
        response = client.get(f"{page}feed/{suffix}")
        assert response.status_code == 404
        assert b"Bio" not in response.content


def test_markup_in_a_bio_reaches_no_feed_reader_as_html(client):
    author = make_author(
        "Careful Author", bio='<script>alert(1)</script><img src=x onerror="x()">'
    )
    make_brief("Public", authors=[author])
    rss = client.get(f"{author.get_absolute_url()}feed/").content
    channel = feedparser.parse(rss).feed
    # What a reader renders as HTML holds the markup as text only.
    assert "<script>" not in channel.description
    assert "&lt;script&gt;" in channel.description
    assert (
        "&lt;script&gt;" in ElementTree.fromstring(rss).find("channel/description").text
    )
    atom = feedparser.parse(
        client.get(f"{author.get_absolute_url()}feed/atom/").content
    )
    assert atom.feed.subtitle_detail.type == "text/plain"
    document = json.loads(client.get(f"{author.get_absolute_url()}feed/json/").content)
    assert document["description"] == author.bio  # JSON Feed's is plain text


def test_self_link_is_the_requested_url_with_its_query_string(client, world):
    rss = xml(client, "/feeds/rss/?utm_source=mail&x=1")
    self_link = rss.find(f"channel/{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://testserver/feeds/rss/?utm_source=mail&x=1"
    base = f"/series/{world['series'].slug}/feed/"
    atom = xml(client, f"{base}?format=atom&ref=home")
    self_link = atom.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == f"http://testserver{base}?format=atom&ref=home"
    document = json.loads(client.get(f"{base}?format=json").content)
    assert document["feed_url"] == f"http://testserver{base}?format=json"
    json_sibling = json.loads(client.get(f"{base}json/").content)
    assert json_sibling["feed_url"] == f"http://testserver{base}json/"


def test_disclosure_heads_every_summary_too(client, world):
    # Readers that show only the RSS description or Atom summary (list views,
    # e-mail digests) distribute the brief too.
    make_brief("Without a summary", summary="")
    for path in ("/feeds/rss/", "/feeds/atom/"):
        _, document = parse(client, path)
        for entry in document.entries:
            assert entry.summary.startswith("<p><strong>Disclosure:</strong> KEI is")
    items = json.loads(client.get("/feeds/json/").content)["items"]
    for item in items:
        assert item["summary"].startswith(f"Disclosure: {FARA_START}")
    solo = next(i for i in items if i["title"] == world["solo"].title)
    assert solo["summary"].endswith(f"\n\nSummary of {world['solo'].title}.")


def test_namespaces_ids_and_dates_as_a_validator_checks_them(client, world):
    rss = xml(client, "/feeds/rss/")
    channel = rss.find("channel")
    for name in ("title", "link", "description", "language", "lastBuildDate"):
        assert channel.find(name) is not None, name
    items = channel.findall("item")
    assert len(items) == 3
    guids = [item.find("guid") for item in items]
    assert all(guid.get("isPermaLink") == "false" for guid in guids)
    assert len({guid.text for guid in guids}) == 3
    for item in items:
        assert item.findall(f"{DC}creator")
        assert item.find(f"{CONTENT}encoded").text.startswith("<aside")
        assert RFC822.match(item.find("pubDate").text)

    atom = xml(client, "/feeds/atom/")
    assert atom.tag == f"{ATOM}feed"
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-us"
    for name in ("id", "title", "updated", "author"):
        assert atom.find(f"{ATOM}{name}") is not None, name
    entries = atom.findall(f"{ATOM}entry")
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids) == 3
    assert atom.find(f"{ATOM}id").text not in ids
    for entry in entries:
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.findall(f"{ATOM}author")
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "html"
        assert 'href="/' not in content.text
    # Each section feed has its own feed id, the same across formats.
    series = world["series"]
    series_id = xml(client, f"/series/{series.slug}/feed/atom/").find(f"{ATOM}id")
    assert series_id.text == f"tag:testserver,2025:/feeds/series/{series.pk}"
    assert series_id.text != atom.find(f"{ATOM}id").text


def test_feature_image_as_media_content_with_its_credit(client, world):
    from tests.test_images import jpeg_bytes

    brief = world["solo"]
    brief.feature_image.save("photo.jpg", ContentFile(jpeg_bytes(400, 300)))
    for path in ("/feeds/rss/", "/feeds/atom/"):
        root = xml(client, path)
        media = [m for m in root.iter(f"{MEDIA}content")]
        assert len(media) == 1, path
        assert media[0].get("url").startswith("http://testserver/")
        assert media[0].get("medium") == "image"
        _, document = parse(client, path)
        entry = next(e for e in document.entries if e.title == brief.title)
        assert entry.media_content[0]["url"] == media[0].get("url")
    Brief.objects.filter(pk=brief.pk).update(image_credit="ROK Armed Forces")
    root = xml(client, "/feeds/atom/")
    assert root.find(f".//{MEDIA}credit").text == "ROK Armed Forces"


def test_conditional_get_follows_rfc_9110(client, world):
    path = "/feeds/rss/"
    first = client.get(path)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    not_modified = [
        {"if-none-match": f"W/{etag}"},  # weak comparison for If-None-Match
        {"if-none-match": f'"other", {etag}'},
        {"if-none-match": "*"},
        {"if-modified-since": last_modified},
        # If-None-Match wins over a stale If-Modified-Since.
        {"if-none-match": etag, "if-modified-since": "Mon, 01 Jan 1990 00:00:00 GMT"},
    ]
    for headers in not_modified:
        response = client.get(path, headers=headers)
        assert response.status_code == 304, headers
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Last-Modified"] == last_modified
        assert {"public", "max-age=300"} <= set(response["Cache-Control"].split(", "))
    modified = [
        {"if-none-match": '"other"', "if-modified-since": last_modified},
        {"if-modified-since": "not a date"},
        {"if-modified-since": "Mon, 01 Jan 1990 00:00:00 GMT"},
    ]
    for headers in modified:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, headers
        assert response.content == first.content
    head = client.head(path, headers={"if-none-match": etag})
    assert head.status_code == 304 and head["ETag"] == etag
    head = client.head(path)
    assert head.status_code == 200 and head["ETag"] == etag
    assert client.post(path).status_code == 405


def test_etag_follows_settings_the_feed_shows(client, settings, world):
    path = "/feeds/json/"
    response = client.get(path)
    settings.FEED_TAG_AUTHORITY = "keia.org"
    again = client.get(path, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 200
    assert "tag:keia.org," in again.content.decode()


def section_feeds(world):
    first, second, third = world["authors"]
    return {
        "site": "/feeds/atom/",
        "series": f"/series/{world['series'].slug}/feed/",
        "other_series": f"/series/{world['other_series'].slug}/feed/",
        "first": f"/authors/{first.slug}/feed/json/",
        "second": f"/authors/{second.slug}/feed/",
        "third": f"/authors/{third.slug}/feed/atom/",
        "indo_pacific": "/categories/indo-pacific/feed/",
        "japan": "/categories/japan/feed/atom/",
        "trade": "/categories/trade/feed/",
    }


def test_an_edit_changes_exactly_the_feeds_that_hold_the_brief(client, world):
    feeds = section_feeds(world)
    before = {key: client.get(path)["ETag"] for key, path in feeds.items()}
    brief = world["co_authored"]  # site, its series, three authors, two categories
    brief.title = "Building Up Japan-South Korea Rapprochement, Revised"
    brief.save()
    after = {key: client.get(path)["ETag"] for key, path in feeds.items()}
    changed = {key for key in feeds if after[key] != before[key]}
    assert changed == {
        "site",
        "series",
        "first",
        "second",
        "third",
        "indo_pacific",
        "japan",
    }


def test_deleting_a_brief_changes_its_feeds_for_either_validator(client, world):
    feeds = section_feeds(world)
    before = {key: client.get(path) for key, path in feeds.items()}
    brief = world["solo"]  # site, series, second author, Indo-Pacific
    pk = brief.pk
    brief.delete()
    # HTTP dates have whole seconds: move the deletion clear of the header's.
    Brief.history.filter(id=pk, history_type="-").update(
        history_date=timezone.now() + timedelta(seconds=5)
    )
    changed = set()
    for key, path in feeds.items():
        by_etag = client.get(path, headers={"if-none-match": before[key]["ETag"]})
        if by_etag.status_code == 200:
            changed.add(key)
            assert brief.title not in by_etag.content.decode()
        if key in ("site", "series"):
            since = before[key]["Last-Modified"]
            response = client.get(path, headers={"if-modified-since": since})
            assert response.status_code == 200, key
    assert changed == {"site", "series", "second", "indo_pacific"}


@pytest.mark.parametrize("path", list(FEED_QUERIES))
def test_304_query_count_is_the_same_with_5_and_50_briefs(
    client, django_assert_num_queries, path, settings
):
    settings.PUBLIC_CACHE_ENABLED = False
    series = make_series(slug="bulk")
    author = make_author("Bulk Author")

    def add(count):
        for _ in range(count):
            make_brief(
                series=series,
                authors=[author, make_author()],
                categories=["Bulk", "Other"],
            )

    # The validator query, and an author feed's author; the items, their
    # authors and their categories are never loaded.
    queries = warm_queries(path)
    for count in (5, 45):
        add(count)
        etag = client.get(path)["ETag"]
        with django_assert_num_queries(queries):
            response = client.get(path, headers={"if-none-match": etag})
        assert response.status_code == 304


def test_every_page_type_links_the_site_feeds(client, world):
    brief = world["solo"]
    year, month = brief.published_at.year, brief.published_at.month
    pages = [
        "/",
        brief.get_absolute_url(),
        "/series/",
        "/authors/",
        f"/archive/{year}/",
        f"/archive/{year}/{month:02d}/",
        "/search/?q=Alliance",
        "/no-such-page/",
    ]
    for path in pages:
        html = client.get(path).content.decode()
        for fmt, mime in (
            ("rss", "rss+xml"),
            ("atom", "atom+xml"),
            ("json", "feed+json"),
        ):
            link = (
                f'<link rel="alternate" type="application/{mime}" '
                f'title="The Peninsula ({FEED_LABELS[fmt]})" '
                f'href="http://testserver/feeds/{fmt}/">'
            )
            assert link in html, (path, fmt)
        assert 'href="http://testserver/feeds/rss/"' in html.split("</head>")[1]


FEED_LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


def test_json_item_without_authors_inherits_the_publisher(client):
    make_brief("Unsigned", authors=[])
    document = json.loads(client.get("/feeds/json/").content)
    assert document["authors"][0]["name"] == "Korea Economic Institute of America"
    assert "authors" not in document["items"][0]
    _, atom = parse(client, "/feeds/atom/")
    assert atom.feed.author == "Korea Economic Institute of America"
