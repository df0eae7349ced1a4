"""The public page cache: hits without rendering, 304s, and never a stale page.

Each test fills the cache with a page, changes what the page shows in one way
(admin-style save, delete, QuerySet.update, the importer, publish, unpublish, a
schedule boundary, a setting) and asserts the very next request shows it.
"""

import importlib
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from briefs.content_version import ContentVersion
from briefs.editorial import workflow
from briefs.models import Author, Brief, BriefAuthor, Series
from briefs.site import caching
from tests.admin_client import client_for, make_user
from tests.factories import make_author, make_brief, make_disclosure, make_series

pytestmark = pytest.mark.django_db


def page_keys():
    # Local memory keys carry the prefix; the cached pages are the "page" ones.
    return [k for k in cache._cache if ":kei:public:page:" in k]


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    # The search vector is built when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        return make_world()


def make_world():
    author = make_author("Ada Cached")
    series = make_series("Cached Series", slug="cached-series")
    brief = make_brief(
        "First Cached Title",
        summary="What the brief argues.",
        body="## Executive Summary\n\nThe argument.",
        authors=[author],
        categories=["Trade"],
        series=series,
    )
    return {"author": author, "series": series, "brief": brief}


def html(client, path, **kwargs):
    response = client.get(path, **kwargs)
    assert response.status_code == 200, path
    return response.content.decode()


def test_second_request_is_served_from_the_cache_with_one_query(
    client, world, django_assert_num_queries
):
    first = client.get("/")
    assert page_keys()
    # The content version (one indexed query) and nothing else: no view runs.
    with django_assert_num_queries(1):
        second = client.get("/")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_pages_answer_conditional_get_with_304(client, world, settings):
    for enabled in (True, False):
        settings.PUBLIC_CACHE_ENABLED = enabled
        cache.clear()
        first = client.get("/")
        assert first["ETag"] and first["Last-Modified"]
        # Browsers ask every time; a shared cache may keep it (s-maxage).
        assert "max-age=0" in first["Cache-Control"].split(", ")
        again = client.get("/", headers={"if-none-match": first["ETag"]})
        assert again.status_code == 304 and again["ETag"] == first["ETag"]
        since = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304


def test_304_before_rendering_with_the_cache_off(
    client, world, settings, django_assert_num_queries
):
    settings.PUBLIC_CACHE_ENABLED = False
    path = world["brief"].get_absolute_url()
    etag = client.get(path)["ETag"]
    with django_assert_num_queries(1):
        response = client.get(path, headers={"if-none-match": etag})
    assert response.status_code == 304


def test_etag_changes_with_any_change(client, world):
    before = client.get("/")["ETag"]
    make_brief("Another One")
    after = client.get("/")
    assert after["ETag"] != before
    stale = client.get("/", headers={"if-none-match": before})
    assert stale.status_code == 200 and "Another One" in stale.content.decode()


def test_feeds_are_cached_and_fresh(client, world, django_assert_num_queries):
    first = client.get("/feeds/rss/")
    with django_assert_num_queries(1):
        hit = client.get("/feeds/rss/")
    assert hit.content == first.content and hit["ETag"] == first["ETag"]
    with django_assert_num_queries(1):
        not_modified = client.get("/feeds/rss/", headers={"if-none-match": hit["ETag"]})
    assert not_modified.status_code == 304
    make_brief("Fresh In The Feed")
    assert "Fresh In The Feed" in html(client, "/feeds/rss/")


def test_brief_save_is_seen_on_the_next_request(
    client, world, django_capture_on_commit_callbacks
):
    brief = world["brief"]
    paths = ["/", brief.get_absolute_url(), "/feeds/atom/", "/search/?q=cached"]
    for path in paths:
        assert "First Cached Title" in html(client, path)
    brief.title = "Second Cached Title"
    with django_capture_on_commit_callbacks(execute=True):
        brief.save()
    for path in paths:
        page = html(client, path)
        assert "Second Cached Title" in page and "First Cached Title" not in page


def card_keys():
    return [k for k in cache._cache if ":kei:public:data:" in k and ":card:" in k]


def test_a_card_is_rendered_once_per_version_and_shows_the_next_change(
    client, world, settings
):
    # The page cache off: what is left is rendering, and a brief's card looks the
    # same on the home page, its series, its author and its categories.
    settings.PUBLIC_CACHE_ENABLED = False
    brief = world["brief"]
    home = html(client, "/")
    assert len(card_keys()) == 1
    author = html(client, world["author"].get_absolute_url())
    assert len(card_keys()) == 1  # the author page reuses the home page's card
    html(client, "/categories/trade/")
    assert len(card_keys()) == 2  # a category lists its cards a level higher
    series = html(client, world["series"].get_absolute_url())
    assert len(card_keys()) == 3  # the series' contents entry is kept too
    assert "First Cached Title" in home and "First Cached Title" in author
    assert brief.get_absolute_url() in series
    Brief.objects.filter(pk=brief.pk).update(title="Card Title Changed")
    for path in (
        "/",
        world["author"].get_absolute_url(),
        "/categories/trade/",
        world["series"].get_absolute_url(),
    ):
        page = html(client, path)
        assert "Card Title Changed" in page and "First Cached Title" not in page


def test_a_list_of_cached_cards_fetches_no_bylines(client, world, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_CACHE_ENABLED = False
    sections = [world["author"], world["series"]]
    for path in ["/", "/categories/trade/", *(s.get_absolute_url() for s in sections)]:
        html(client, path)  # the cards are rendered and kept
        with CaptureQueriesContext(connection) as queries:
            page = html(client, path)
        assert "Ada Cached" in page
        bylines = [q for q in queries if 'FROM "briefs_briefauthor"' in q["sql"]]
        assert not bylines, path


def test_search_cards_carry_their_own_snippet(client, world, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    for query in ("argument", "cached"):
        for _ in range(2):  # rendered, then from the kept card
            page = html(client, f"/search/?q={query}")
            assert "First Cached Title" in page
            assert '<p class="snippet">' in page
            assert "\ue000" not in page
    assert len([k for k in card_keys() if k.endswith(":search")]) == 1


def test_queryset_update_and_delete_are_seen(client, world):
    assert "First Cached Title" in html(client, "/")
    Brief.objects.filter(pk=world["brief"].pk).update(title="Updated Behind Signals")
    assert "Updated Behind Signals" in html(client, "/")
    Brief.objects.filter(pk=world["brief"].pk).delete()
    assert "Updated Behind Signals" not in html(client, "/")


def test_unpublish_and_publish_are_seen(client, world):
    brief = world["brief"]
    path = brief.get_absolute_url()
    assert client.get(path).status_code == 200
    workflow.unpublish([Brief.objects.get(pk=brief.pk)])
    assert client.get(path).status_code == 404
    assert "First Cached Title" not in html(client, "/")
    workflow.publish([Brief.objects.get(pk=brief.pk)])
    assert client.get(path).status_code == 200
    assert "First Cached Title" in html(client, "/")


def test_author_series_category_and_disclosure_changes_are_seen(client, world):
    brief_path = world["brief"].get_absolute_url()
    html(client, brief_path)
    html(client, "/")

    author = Author.objects.get(pk=world["author"].pk)
    author.name = "Ada Renamed"
    author.save()
    assert "Ada Renamed" in html(client, brief_path)

    series = Series.objects.get(pk=world["series"].pk)
    series.name = "Series Renamed"
    series.save()
    assert "Series Renamed" in html(client, brief_path)

    Tag.objects.filter(name="Trade").update(name="Trade Renamed")
    assert "Trade Renamed" in html(client, brief_path)

    disclosure = world["brief"].disclosure
    disclosure.text = "A changed disclosure statement for the cache test."
    disclosure.save()
    assert "A changed disclosure statement" in html(client, brief_path)


def test_byline_change_is_seen(client, world):
    path = world["brief"].get_absolute_url()
    assert "Ada Cached" in html(client, path)
    BriefAuthor.objects.filter(brief=world["brief"]).delete()
    BriefAuthor.objects.create(brief=world["brief"], author=make_author("Bo Newer"))
    page = html(client, path)
    assert "Bo Newer" in page and "Ada Cached" not in page


def test_import_is_seen(client, reference_export):
    make_disclosure()
    before = html(client, "/")
    call_command("import_briefs", str(reference_export), verbosity=0)
    after = html(client, "/")
    assert after != before
    newest = Brief.objects.published().first()
    assert newest.title in after


def test_generated_archive_is_seen(client):
    assert "No briefs have been published yet" in html(client, "/")
    call_command(
        "generate_demo", "--briefs", "5", "--authors", "2", "--categories", "2"
    )
    assert "No briefs have been published yet" not in html(client, "/")


def test_a_scheduled_brief_appears_exactly_at_its_time(
    client, world, django_capture_on_commit_callbacks
):
    goes_live = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        make_brief("Scheduled For Later", published_at=goes_live, categories=["Trade"])
    paths = ["/", "/feeds/rss/", "/categories/trade/", "/search/?q=scheduled"]
    with mock.patch(
        "django.utils.timezone.now", return_value=goes_live - timedelta(seconds=1)
    ):
        for path in paths:
            assert "Scheduled For Later" not in html(client, path), path
        # Nothing is stored past the moment the brief goes public.
        state = caching.current_state()
        assert state.next_publication == goes_live
        assert state.seconds_left(timezone.now()) <= 1
    with mock.patch("django.utils.timezone.now", return_value=goes_live):
        for path in paths:
            assert "Scheduled For Later" in html(client, path), path


def test_settings_shown_on_pages_are_part_of_the_key(client, world, settings):
    assert "The Peninsula" in html(client, "/")
    settings.SITE_NAME = "Another Site Name"
    assert "Another Site Name" in html(client, "/")


def test_staff_and_sessions_neither_read_nor_fill_the_cache(client, world):
    draft = make_brief("Draft Only Staff See", status=Brief.Status.DRAFT)
    staff = client_for(make_user(superuser=True))
    preview = staff.get(draft.get_absolute_url())
    assert preview.status_code == 200
    staff.get("/")
    assert page_keys() == []
    assert client.get(draft.get_absolute_url()).status_code == 404

    # An anonymous page in the cache is not what a signed-in editor is served.
    html(client, "/")
    assert page_keys()
    with mock.patch.object(caching.cache, "get", wraps=caching.cache.get) as get:
        staff.get("/")
    assert not any(":page:" in str(call.args[0]) for call in get.call_args_list)


def test_responses_setting_cookies_are_not_stored(client, world, settings):
    from django.http import HttpResponse

    request_path = "/robots.txt"

    def view_with_cookie(request):
        response = HttpResponse("with a cookie")
        response.set_cookie("something", "value")
        return response

    inner = caching.PublicCacheMiddleware(view_with_cookie)
    middleware = caching.PublicCacheHits(inner)
    from django.test import RequestFactory

    response = middleware(RequestFactory().get(request_path))
    assert response.cookies
    assert page_keys() == []


def test_the_version_row_comes_back_after_a_flush(client, world):
    ContentVersion.objects.all().delete()
    assert "First Cached Title" in html(client, "/")
    assert ContentVersion.objects.count() == 1


def test_redis_backend_when_redis_url_is_set(monkeypatch):
    import kei_site.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == (
            "kei_site.cache.TolerantRedisCache"
        )
        assert reloaded.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/3"
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)
    assert base.CACHES["default"]["BACKEND"].endswith("LocMemCache")
