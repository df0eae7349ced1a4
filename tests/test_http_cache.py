"""The shared HTTP cache: headers by URL, purges by surrogate key, the schedule cap.

Purges go to a real HTTP server on a loopback port that records each PURGE, the
way Varnish receives them.
"""

import http.server
import logging
import shutil
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from briefs.models import Brief
from briefs.site import purge, surrogate
from briefs.site.caching import ContentState
from tests.admin_client import client_for, form_data, make_user
from tests.factories import make_author, make_brief, make_series
from tests.test_admin import post_change, run_action

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 -- the HTTP method's name
        type(self).received.append(
            (self.headers["xkey"], self.headers["Surrogate-Key"])
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    """A purge target; `.purges` lists the key sets received, in order."""
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]

    class Target:
        def reset(self):
            PurgeRecorder.received.clear()

        @property
        def purges(self):
            found = []
            for xkey, surrogate_key in PurgeRecorder.received:
                assert xkey == surrogate_key
                found.append(set(xkey.split()))
            return found

    yield Target()
    server.shutdown()
    server.server_close()


@pytest.fixture
def world():
    author = make_author("Kim Ji-woo")
    series = make_series("Korea Policy")
    category = Tag.objects.create(name="Trade", slug="trade")
    brief = make_brief(
        "Chips and Tariffs", authors=[author], series=series, categories=[category]
    )
    other = make_brief("Another Brief", authors=[make_author("Lee Min")])
    return {
        "author": author,
        "series": series,
        "category": category,
        "brief": brief,
        "other": other,
    }


def directives(response):
    return {
        part.strip().split("=")[0]: (part.strip().split("=") + [None])[1]
        for part in response["Cache-Control"].split(",")
    }


def keys(response):
    assert response["Surrogate-Key"] == response["xkey"]
    return set(response["xkey"].split())


# -- headers by URL -----------------------------------------------------------------


def test_every_public_page_and_feed_is_shareable_with_its_keys(client, world):
    brief, author, series, category = (
        world[name] for name in ("brief", "author", "series", "category")
    )
    year = brief.published_at.astimezone(timezone.get_current_timezone()).year
    expected = {
        "/": {"home", f"brief:{brief.pk}", f"brief:{world['other'].pk}"},
        brief.get_absolute_url(): {
            f"brief:{brief.pk}",
            f"author:{author.pk}",
            f"series:{series.pk}",
            f"category:{category.pk}",
        },
        reverse("briefs:brief_bibtex", args=[brief.slug]): {f"brief:{brief.pk}"},
        reverse("briefs:author_detail", args=[author.slug]): {
            f"author:{author.pk}",
            f"brief:{brief.pk}",
        },
        reverse("briefs:series_detail", args=[series.slug]): {
            f"series:{series.pk}",
            f"brief:{brief.pk}",
        },
        reverse("briefs:category_detail", args=["trade"]): {
            f"category:{category.pk}",
            f"brief:{brief.pk}",
        },
        reverse("briefs:author_list"): {"authors"},
        reverse("briefs:series_list"): {"series-index"},
        f"/archive/{year}/": {"archive", f"brief:{brief.pk}"},
        # (Which briefs it finds depends on the engine: PostgreSQL vectors.)
        "/search/?q=chips": {"search"},
        "/feeds/rss/": {"feeds"},
        "/feeds/atom/": {"feeds"},
        "/feeds/json/": {"feeds"},
        f"/authors/{author.slug}/feed/": {"feeds", f"author:{author.pk}"},
        f"/series/{series.slug}/feed/atom/": {"feeds", f"series:{series.pk}"},
        "/categories/trade/feed/json/": {"feeds", f"category:{category.pk}"},
        "/sitemap.xml": {"sitemap"},
        "/robots.txt": set(),
    }
    for url, wanted in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        found = directives(response)
        assert "public" in found, url
        assert int(found["s-maxage"]) == 300, url
        assert int(found["stale-while-revalidate"]) == 30, url
        assert "no-cache" not in found and "private" not in found, url
        assert response["ETag"] and response["Last-Modified"], url
        assert wanted | {"site"} <= keys(response), (url, keys(response))
        if "/feed" not in url:
            # Browsers revalidate every time; feeds keep their own max-age.
            assert found["max-age"] == "0", url
        # Served again from the app's page cache: the same keys.
        assert keys(client.get(url)) == keys(response), url


def test_the_detail_page_does_not_name_other_briefs_or_sections(client, world):
    found = keys(client.get(world["other"].get_absolute_url()))
    assert f"brief:{world['brief'].pk}" not in found
    assert f"series:{world['series'].pk}" not in found


def test_a_304_keeps_the_shared_cache_headers(client, world):
    first = client.get("/")
    again = client.get("/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert "s-maxage" in again["Cache-Control"]


def test_private_and_error_responses_get_no_shared_cache_headers(client, world):
    missing = client.get("/briefs/no-such-brief/")
    assert missing.status_code == 404
    assert "s-maxage" not in missing.get("Cache-Control", "")
    assert not missing.has_header("xkey")
    draft = make_brief("Draft work", status=Brief.Status.DRAFT)
    staff = client_for(make_user(superuser=True))
    preview = staff.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "s-maxage" not in preview["Cache-Control"]
    assert not preview.has_header("xkey")
    assert "s-maxage" not in staff.get(reverse("admin:index")).get("Cache-Control", "")


def test_no_response_outlives_the_next_scheduled_publication(client, world, settings):
    settings.HTTP_CACHE_SECONDS = 3600
    settings.HTTP_CACHE_STALE_SECONDS = 600
    make_brief("Tomorrow", published_at=timezone.now() + timedelta(seconds=100))
    for url in ("/", "/feeds/rss/", world["brief"].get_absolute_url()):
        found = directives(client.get(url))
        fresh, stale = int(found["s-maxage"]), int(found["stale-while-revalidate"])
        assert 50 <= fresh <= 100, url
        assert fresh + stale <= 100, url


def test_a_publication_a_moment_away_leaves_nothing_to_keep(settings):
    now = timezone.now()

    def state(next_publication):
        return ContentState(1, now, now, next_publication)

    assert surrogate.lifetimes(state(now + timedelta(milliseconds=300)), now) == (
        0,
        0,
    )
    assert surrogate.lifetimes(state(now + timedelta(seconds=310)), now) == (300, 10)
    assert surrogate.lifetimes(state(None), now) == (300, 30)


# -- purges -------------------------------------------------------------------------

PUBLICATION = set(surrogate.PUBLICATION_KEYS)


def brief_keys(world):
    return {
        f"brief:{world['brief'].pk}",
        f"author:{world['author'].pk}",
        f"series:{world['series'].pk}",
        f"category:{world['category'].pk}",
    } | PUBLICATION


def test_publish_and_unpublish_through_the_admin_purge_exactly_their_keys(
    world, varnish, django_capture_on_commit_callbacks
):
    editor = client_for(make_user(superuser=True))
    brief = world["brief"]
    with django_capture_on_commit_callbacks(execute=True):
        run_action(editor, "unpublish", [brief])
    assert varnish.purges == [brief_keys(world)]
    with django_capture_on_commit_callbacks(execute=True):
        run_action(editor, "publish_now", [brief])
    assert varnish.purges[1:] == [brief_keys(world)]


def test_editing_through_the_change_form_purges_old_and_new_sections(
    world, varnish, django_capture_on_commit_callbacks
):
    editor = client_for(make_user(superuser=True))
    brief = world["brief"]
    with django_capture_on_commit_callbacks(execute=True):
        other_series = make_series("Another Series")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_change(
            editor,
            brief,
            "publish",
            title="Chips, Tariffs and Talks",
            series=str(other_series.pk),
        )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Chips, Tariffs and Talks"
    assert len(varnish.purges) == 1
    assert varnish.purges[0] == brief_keys(world) | {f"series:{other_series.pk}"}


def test_deleting_through_the_admin_purges(
    world, varnish, django_capture_on_commit_callbacks
):
    editor = client_for(make_user(superuser=True))
    url = reverse("admin:briefs_brief_delete", args=[world["brief"].pk])
    editor.get(url)
    token = editor.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(url, {"csrfmiddlewaretoken": token, "post": "yes"})
    assert not Brief.objects.filter(pk=world["brief"].pk).exists()
    assert varnish.purges == [brief_keys(world)]


def test_a_draft_changes_nothing_public_and_purges_nothing(
    world, varnish, django_capture_on_commit_callbacks
):
    editor = client_for(make_user(superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_brief("Work in progress", status=Brief.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        post_change(editor, draft, "draft", title="Still in progress")
    draft.refresh_from_db()
    assert draft.title == "Still in progress"
    assert varnish.purges == []


def test_scheduling_purges_what_the_brief_will_join(
    world, varnish, django_capture_on_commit_callbacks
):
    # Responses cached before it was scheduled were capped by the old schedule.
    with django_capture_on_commit_callbacks(execute=True):
        draft = make_brief(
            "Later", status=Brief.Status.DRAFT, authors=[world["author"]]
        )
    assert varnish.purges == []  # a draft: nothing public shows it
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Brief.Status.PUBLISHED
        draft.published_at = timezone.now() + timedelta(days=1)
        draft.save()
    assert varnish.purges == [
        {f"brief:{draft.pk}", f"author:{world['author'].pk}"} | PUBLICATION
    ]


def test_renaming_an_author_purges_the_pages_that_show_the_name(
    world, varnish, django_capture_on_commit_callbacks
):
    editor = client_for(make_user(superuser=True))
    author = world["author"]
    url = reverse("admin:briefs_author_change", args=[author.pk])
    data = form_data(editor.get(url))
    data["name"] = "Kim Ji-woo Park"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, data)
    assert response.status_code == 302
    assert varnish.purges == [
        {
            f"author:{author.pk}",
            f"brief:{world['brief'].pk}",
            "authors",
            "sitemap",
            "feeds",
        }
    ]


def test_a_category_and_a_series_purge_their_pages(
    world, varnish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        world["category"].name = "Trade policy"
        world["category"].save()
    with django_capture_on_commit_callbacks(execute=True):
        world["series"].name = "Korea Policy, renamed"
        world["series"].save()
    brief = f"brief:{world['brief'].pk}"
    assert varnish.purges == [
        {f"category:{world['category'].pk}", brief, "home", "sitemap", "feeds"},
        {
            f"series:{world['series'].pk}",
            brief,
            "home",
            "series-index",
            "sitemap",
            "feeds",
        },
    ]


def test_a_rollback_purges_nothing(world, varnish):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        world["brief"].title = "Never saved"
        world["brief"].save()
        raise RuntimeError
    assert varnish.purges == []


def test_an_import_purges_once_for_all_its_files(
    db, varnish, tmp_path, django_capture_on_commit_callbacks
):
    for source in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(source, tmp_path / source.name)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_briefs", str(tmp_path), verbosity=0)
    imported = Brief.objects.filter(status=Brief.Status.PUBLISHED)
    assert imported.count() >= 3
    assert len(varnish.purges) == 1
    (found,) = varnish.purges
    assert {f"brief:{brief.pk}" for brief in imported} <= found
    assert found >= PUBLICATION


def test_a_failed_purge_is_logged_and_the_save_stands(
    world, settings, caplog, django_capture_on_commit_callbacks
):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # nothing listens
    editor = client_for(make_user(superuser=True))
    with (
        caplog.at_level(logging.WARNING, logger="briefs.site.purge"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_action(editor, "unpublish", [world["brief"]])
    world["brief"].refresh_from_db()
    assert world["brief"].status == Brief.Status.DRAFT
    assert "purge" in caplog.text and "failed" in caplog.text


def test_no_purge_target_no_purge(world, settings, monkeypatch):
    settings.HTTP_CACHE_PURGE_URLS = []
    calls = []
    monkeypatch.setattr(purge, "send", calls.append)
    world["brief"].title = "Changed"
    world["brief"].save()
    assert calls == []


def test_many_keys_go_in_several_requests(world, varnish):
    purge.send({f"brief:{n}" for n in range(450)})
    assert [len(found) for found in varnish.purges] == [200, 200, 50]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_save_outside_a_transaction_purges_once_it_is_written(settings, monkeypatch):
    settings.HTTP_CACHE_PURGE_URLS = []
    brief = make_brief("Autocommit", status=Brief.Status.DRAFT)
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]
    sent = []
    monkeypatch.setattr(
        purge,
        "send",
        # The row is committed by the time the purge goes out.
        lambda keys: sent.append((set(keys), Brief.objects.get(pk=brief.pk).status)),
    )
    brief.status = Brief.Status.PUBLISHED
    brief.save()
    assert len(sent) == 1
    keys, status = sent[0]
    assert status == Brief.Status.PUBLISHED
    assert {f"brief:{brief.pk}", "home", "feeds"} <= keys


def test_editing_a_library_image_purges_the_briefs_and_authors_that_show_it(
    world, varnish, django_capture_on_commit_callbacks, settings, tmp_path
):
    from tests.test_media_library import record

    settings.MEDIA_ROOT = tmp_path
    targets, settings.HTTP_CACHE_PURGE_URLS = settings.HTTP_CACHE_PURGE_URLS, []
    image = record(alt_text="Old alt")
    brief = make_brief("Shows the picture", image=image)
    author = make_author("Portrait Sitter", portrait=image)
    make_brief("By the sitter", authors=[author])
    settings.HTTP_CACHE_PURGE_URLS = targets
    image.alt_text = "New alt"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    purged = set().union(*varnish.purges)
    assert {f"brief:{brief.pk}", f"author:{author.pk}", "home", "feeds"} <= purged
    assert f"brief:{world['brief'].pk}" not in purged
