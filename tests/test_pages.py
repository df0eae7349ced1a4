"""Public pages: content, status codes, what is hidden, pagination, query counts."""

from datetime import datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from briefs.models import Brief, SlugRedirect
from briefs.search import update_search_vectors
from tests.factories import make_author, make_brief, make_series

pytestmark = pytest.mark.django_db


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.fixture
def hidden(db):
    """A draft and a scheduled brief by their own author, in their own category."""
    author = make_author("Hidden Writer")
    series = make_series("Hidden Series", slug="hidden-series")
    draft = make_brief(
        "Draft about secrets",
        authors=[author],
        status=Brief.Status.DRAFT,
        categories=["Secret Topic"],
        series=series,
    )
    future = make_brief(
        "Scheduled about secrets",
        authors=[author],
        published_at=timezone.now() + timedelta(days=2),
        categories=["Secret Topic"],
        series=series,
    )
    return draft, future


@pytest.fixture
def series_with_briefs(db):
    series = make_series(
        "Korea Policy Series",
        slug="kps",
        theme="A Strategic Reset",
        description="Briefs inspired by the journal.",
    )
    first = make_author("Ann Alpha")
    second = make_author("Bob Beta")
    now = timezone.now()
    older = make_brief(
        "Older brief",
        authors=[first],
        series=series,
        published_at=now - timedelta(days=3),
    )
    newer = make_brief(
        "Newer brief",
        authors=[second, first],
        series=series,
        published_at=now - timedelta(days=1),
    )
    announcement = make_brief(
        "Announcement of the issue",
        authors=[second],
        series=series,
        is_series_announcement=True,
        published_at=now - timedelta(days=2),
    )
    return series, older, newer, announcement


def test_home_lists_published_briefs_and_current_series(client, series_with_briefs):
    series, older, newer, _ = series_with_briefs
    make_brief("Tagged brief", categories=["Trade"])
    html = page(client, "/")
    assert html.index("Newer brief") < html.index("Older brief")
    assert "Korea Policy Series" in html and "Vol. 3" in html
    assert 'href="/categories/trade/"' in html
    assert "registered under the FARA" in html


def test_brief_detail_complete(client, series_with_briefs):
    series, older, newer, announcement = series_with_briefs
    newer.categories.set(["Indo-Pacific", "Japan"])
    newer.image_credit = "Prime Minister's Office of Japan"
    newer.save()
    html = page(client, newer.get_absolute_url())
    for text in [
        "<h1>Newer brief</h1>",
        "Bob Beta",
        "Ann Alpha",
        "Bob Beta is a Fellow at the Institute.",
        'href="/categories/indo-pacific/"',
        "Prime Minister&#x27;s Office of Japan",
        "registered under the FARA",
        "Cite this brief",
    ]:
        assert text in html
    # Byline order is content.
    assert html.index(">Bob Beta<") < html.index(">Ann Alpha<")
    # Previous in the series is the one published before it.
    assert "Previous in the series" in html
    assert announcement.get_absolute_url() in html
    # More by these authors.
    assert older.get_absolute_url() in html


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_disclosure_position_setting(client, settings, position):
    settings.BRIEF_DISCLOSURE_POSITION = position
    brief = make_brief("Placement", body="## Executive Summary\n\nBODYTEXT here.")
    html = page(client, brief.get_absolute_url())
    disclosure = html.index('class="disclosure"')
    body = html.index("BODYTEXT")
    assert (disclosure < body) if position == "top" else (disclosure > body)
    listing = page(client, "/")
    at = listing.index('class="disclosure disclosure--list"')
    card = listing.index("Placement")
    assert (at < card) if position == "top" else (at > card)


def test_every_list_page_shows_the_disclosure_once(client, series_with_briefs):
    series, older, *_ = series_with_briefs
    update_search_vectors(Brief.objects.all())
    for url in [
        "/",
        series.get_absolute_url(),
        older.ordered_authors()[0].get_absolute_url(),
        f"/archive/{older.published_at:%Y}/",
        "/search/?q=brief",
    ]:
        html = page(client, url)
        assert html.count("disclosure disclosure--list") == 1, url


def test_series_index_and_page(client, series_with_briefs):
    series, older, newer, announcement = series_with_briefs
    index = page(client, "/series/")
    assert series.get_absolute_url() in index and "3 briefs" in index
    html = page(client, series.get_absolute_url())
    facts = ["Korea Policy", "A Strategic Reset", "Briefs inspired by", ">3<"]
    for text in [*facts, f"<dd>{series.issue}</dd>"]:
        assert text in html
    # The announcement leads the table of contents, then publication order.
    assert (
        html.index("Announcement of the issue")
        < html.index("Older brief")
        < html.index("Newer brief")
    )
    toc = html[html.index('class="toc"') :]
    assert toc.index("Bob Beta") < toc.index("Ann Alpha")


def test_author_index_sorted_by_surname_and_author_page(client):
    zed = make_author("Aaron Zed", bio="Aaron Zed is a Fellow at X.")
    abe = make_author("Zoe Abe")
    make_brief("By Zed, old", authors=[zed], published_at=timezone.now() - timedelta(5))
    make_brief("By Zed, new", authors=[zed], published_at=timezone.now() - timedelta(1))
    make_brief("By Abe", authors=[abe])
    index = page(client, "/authors/")
    assert index.index("Zoe Abe") < index.index("Aaron Zed")
    html = page(client, zed.get_absolute_url())
    assert "Aaron Zed is a Fellow at X." in html
    assert html.index("By Zed, new") < html.index("By Zed, old")
    assert "By Abe" not in html


def test_category_page(client):
    make_brief("In trade", categories=["Trade Policy"])
    make_brief("Elsewhere", categories=["Security"])
    html = page(client, "/categories/trade-policy/")
    assert "<h1>Trade Policy</h1>" in html
    assert "In trade" in html and "Elsewhere" not in html
    page(client, "/categories/no-such-thing/", 404)


def test_section_pages_page_in_order_and_follow_every_change(client, settings):
    """A section's order is kept per content version (views.SectionBriefsView):
    a brief added, untagged or unpublished shows on the next request."""
    settings.BRIEFS_PER_PAGE = 2
    author = make_author("Ann Paged")
    now = timezone.now()
    for day in range(1, 5):
        make_brief(
            f"Paged brief {day}",
            authors=[author],
            categories=["Paging"],
            published_at=now - timedelta(days=day),
        )
    for path in ("/categories/paging/", author.get_absolute_url()):
        first, second = page(client, path), page(client, path + "?page=2")
        assert first.index("Paged brief 1") < first.index("Paged brief 2")
        assert "Paged brief 3" not in first and "Paged brief 1" not in second
        assert second.index("Paged brief 3") < second.index("Paged brief 4")
        page(client, path + "?page=3", 404)

    newest = make_brief(
        "Paged brief 0", authors=[author], categories=["Paging"], published_at=now
    )
    for path in ("/categories/paging/", author.get_absolute_url()):
        assert page(client, path).index("Paged brief 0") < page(client, path).index(
            "Paged brief 1"
        )
    newest.categories.remove("Paging")
    assert "Paged brief 0" not in page(client, "/categories/paging/")
    Brief.objects.filter(title="Paged brief 1").update(status=Brief.Status.DRAFT)
    for path in ("/categories/paging/", author.get_absolute_url()):
        assert "Paged brief 1" not in page(client, path)
        assert "Paged brief 2" in page(client, path)


def test_date_archives(client, settings):
    tz = timezone.get_current_timezone()
    make_brief("March piece", published_at=datetime(2024, 3, 10, 12, tzinfo=tz))
    make_brief("June piece", published_at=datetime(2024, 6, 1, 12, tzinfo=tz))
    make_brief("Next year", published_at=datetime(2025, 1, 5, 12, tzinfo=tz))
    year = page(client, "/archive/2024/")
    assert "March piece" in year and "June piece" in year and "Next year" not in year
    assert 'href="/archive/2024/03/"' in year
    month = page(client, "/archive/2024/03/")
    assert "March piece" in month and "June piece" not in month
    page(client, "/archive/2023/", 404)
    page(client, "/archive/2024/13/", 404)
    page(client, "/archive/2024/02/", 404)


def test_drafts_and_future_briefs_are_nowhere(client, hidden, series_with_briefs):
    draft, future = hidden
    update_search_vectors(Brief.objects.all())
    for url in [
        "/",
        "/series/",
        "/authors/",
        "/search/?q=secrets",
        f"/archive/{timezone.localtime():%Y}/",
    ]:
        html = page(client, url)
        assert "Draft about" not in html and "Scheduled about" not in html, url
        assert "Hidden Writer" not in html and "Hidden Series" not in html, url
    for url in [
        draft.get_absolute_url(),
        future.get_absolute_url(),
        "/authors/hidden-writer/",
        "/series/hidden-series/",
        "/categories/secret-topic/",
    ]:
        page(client, url, 404)


def test_404_page_is_designed(client):
    html = page(client, "/briefs/nothing-here/", 404)
    assert "Page not found" in html and 'class="site-header"' in html
    assert "registered under the FARA" in html


def test_500_page_renders_without_context():
    from django.template.loader import get_template

    html = get_template("500.html").render()
    assert "Something went wrong" in html and 'lang="en"' in html


def test_slug_redirect_is_permanent(client):
    brief = make_brief("Renamed brief", slug="new-slug")
    SlugRedirect.objects.create(old_slug="old-slug", brief=brief)
    response = client.get("/briefs/old-slug/")
    assert response.status_code == 301
    assert response["Location"] == "/briefs/new-slug/"


def test_slug_redirect_to_unpublished_brief_is_404(client):
    brief = make_brief("Pulled", slug="pulled", status=Brief.Status.DRAFT)
    SlugRedirect.objects.create(old_slug="was-pulled", brief=brief)
    page(client, "/briefs/was-pulled/", 404)


@override_settings(BRIEFS_PER_PAGE=20)
def test_pagination_edges(client):
    for n in range(21):
        make_brief(f"Paged {n}", published_at=timezone.now() - timedelta(hours=n + 1))
    first = page(client, "/")
    assert 'rel="next" href="/?page=2"' in first and 'rel="prev"' not in first
    second = page(client, "/?page=2")
    assert "Paged 20" in second and "Paged 0<" not in second
    # Page 1 has one address, without ?page=1.
    assert 'rel="prev" href="/"' in second and 'rel="next"' not in second
    assert '<link rel="canonical" href="http://testserver/?page=2">' in second
    for bad in ["3", "0", "-1", "abc", "2.5", "99999999999999999999"]:
        page(client, f"/?page={bad}", 404)


def test_search_pagination_keeps_the_query(client):
    for n in range(22):
        make_brief(f"Tariff note {n}")
    update_search_vectors(Brief.objects.all())
    html = page(client, "/search/?q=tariff")
    assert 'href="/search/?q=tariff&amp;page=2"' in html


def add_briefs(count, start=0):
    series = make_series("Counted", slug=f"counted-{start}")
    authors = [make_author(f"Writer {start} Number{n}") for n in range(3)]
    tz = timezone.get_current_timezone()
    for n in range(start, start + count):
        make_brief(
            f"Counted {n}",
            authors=[authors[n % 3], authors[(n + 1) % 3]],
            categories=["Alpha", "Beta"],
            series=series,
            published_at=datetime(2024, 5, 1 + n % 28, 12, tzinfo=tz)
            - timedelta(minutes=n),
        )
    # The test transaction never commits, so the save signals' update never runs.
    update_search_vectors(Brief.objects.all())


PAGES = [
    "/",
    "/series/",
    "/series/counted-0/",
    "/authors/",
    "/authors/writer-0-number0/",
    "/categories/alpha/",
    "/archive/2024/",
    "/archive/2024/05/",
    "/search/?q=counted",
    "/sitemap.xml",
    "/robots.txt",
    "BRIEF",
    "BRIEF/cite.bib",
    "BRIEF/cite.ris",
]


@pytest.mark.parametrize("url", PAGES)
def test_query_count_constant_from_5_to_50_briefs(
    client, url, django_assert_num_queries, settings
):
    from django.db import connection

    # Rendered pages, not the page cache; navigation counts are cached by content
    # version, so each size is counted on its second request.
    settings.PUBLIC_CACHE_ENABLED = False
    from django.test.utils import CaptureQueriesContext

    add_briefs(5)
    brief = Brief.objects.get(title="Counted 2")
    target = url.replace("BRIEF", brief.get_absolute_url())
    target = target.replace("//", "/")
    assert client.get(target).status_code == 200, target
    with CaptureQueriesContext(connection) as with_five:
        client.get(target)
    # Counted now: a later request clears the connection's query log.
    expected = len(with_five)
    assert expected > 0 or url == "/robots.txt"
    add_briefs(45, start=5)
    client.get(target)
    with django_assert_num_queries(expected):
        response = client.get(target)
    assert response.status_code == 200


def test_reference_briefs_render(client, imported_reference):
    for brief in Brief.objects.published():
        html = page(client, brief.get_absolute_url())
        assert "registered under the FARA" in html
    html = page(client, "/authors/shihoko-goto/")
    assert "Vice President of Programs at the Foreign Policy Research Institute" in html
    series = Brief.objects.published().first().series
    html = page(client, series.get_absolute_url())
    assert html.count('class="toc__entry"') == 3


def test_only_plain_page_numbers_are_pages(client):
    """Django also serves "?page=last" and "?page=02": copies under other URLs."""
    tz = timezone.get_current_timezone()
    for n in range(21):
        make_brief(
            f"Paged {n}",
            authors=[make_author(f"Writer Number{n}")],
            published_at=datetime(2024, 5, 1 + n, 12, tzinfo=tz),
        )
    update_search_vectors(Brief.objects.all())
    for url in ["/", "/authors/", "/archive/2024/", "/search/?q=paged"]:
        joiner = "&" if "?" in url else "?"
        for bad in ["last", "02", "+2", "%202", "%EF%BC%92"]:
            page(client, f"{url}{joiner}page={bad}", 404)
        html = page(client, f"{url}{joiner}page=2")
        if "?" not in url:
            assert f'rel="canonical" href="http://testserver{url}?page=2"' in html
    # An empty page parameter is the first page, whose address has none.
    html = page(client, "/?page=")
    assert '<link rel="canonical" href="http://testserver/">' in html


def test_current_series_is_the_latest_journal_issue_on_every_database(client):
    """PostgreSQL sorts NULL volumes first in a descending order, SQLite last."""
    now = timezone.now()
    journal = make_series("Journal Series", slug="journal", volume=3, issue=2)
    standing = make_series(
        "Standing Series", slug="standing", publication="", volume=None, issue=None
    )
    make_brief("In the journal", series=journal, published_at=now - timedelta(days=9))
    make_brief("Standing brief", series=standing, published_at=now - timedelta(days=1))
    html = page(client, "/")
    current = html[html.index('id="current-series-heading"') :][:200]
    assert "Journal Series" in current
    html = page(client, "/series/")
    assert html.index("Journal Series") < html.index("Standing Series")


def test_series_neighbours_follow_the_table_of_contents(client):
    """The announcement leads the contents even when it went out later."""
    now = timezone.now()
    series = make_series("Ordered Series", slug="ordered")
    first = make_brief(
        "First brief", series=series, published_at=now - timedelta(days=5)
    )
    second = make_brief(
        "Second brief", series=series, published_at=now - timedelta(days=4)
    )
    announcement = make_brief(
        "The announcement",
        series=series,
        is_series_announcement=True,
        published_at=now - timedelta(days=3),
    )
    toc = page(client, "/series/ordered/")
    assert toc.index("The announcement") < toc.index("First brief")
    assert toc.index("First brief") < toc.index("Second brief")

    def neighbours(brief):
        html = page(client, brief.get_absolute_url())
        nav = html[html.index('class="series-nav"') :]
        nav = nav[: nav.index("</nav>")]
        before = nav.split('rel="prev"')[1].split("</a>")[0] if "prev" in nav else ""
        after = nav.split('rel="next"')[1].split("</a>")[0] if "next" in nav else ""
        return before, after

    before, after = neighbours(announcement)
    assert before == "" and "First brief" in after
    before, after = neighbours(first)
    assert "The announcement" in before and "Second brief" in after
    before, after = neighbours(second)
    assert "First brief" in before and after == ""


def test_more_by_author_cards_carry_their_own_disclosure(client):
    from tests.factories import make_disclosure

    author = make_author("Dana Delta")
    other_statement = make_disclosure("Another registrant's statement for the cards.")
    main = make_brief("Main brief", authors=[author])
    make_brief("Other brief", authors=[author], disclosure=other_statement)
    make_brief("Same statement brief", authors=[author])
    html = page(client, main.get_absolute_url())
    more = html[html.index('class="more"') :]
    more = more[: more.index("</section>")]
    assert "Other brief" in more and "Another registrant" in more
    # The brief's own statement is on the page once already, not again for cards.
    assert more.count("registered under the FARA") == 0
