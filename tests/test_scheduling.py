"""A scheduled brief reaches every public surface at its time, with no job running."""

from datetime import datetime, timedelta
from unittest import mock

import feedparser
import pytest
from django.utils import timezone

from tests.factories import make_author, make_brief

GOES_LIVE = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
SURFACES = [
    "/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/feeds/json/",
    "/authors/{author}/",
    "/authors/{author}/feed/",
    "/categories/trade/",
    "/categories/trade/feed/",
    "/archive/2026/",
    "/archive/2026/03/",
    "/sitemap.xml",
]


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.django_db
def test_a_scheduled_brief_appears_everywhere_exactly_at_its_time(
    client, django_capture_on_commit_callbacks
):
    author = make_author("Ada Scheduled")
    # The search vector is rebuilt when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        # Something already public, so the category and author pages exist before.
        make_brief(
            "Already Out",
            authors=[author],
            categories=["Trade"],
            published_at=GOES_LIVE - timedelta(days=1),
        )
        make_brief(
            "Timed Brief Title",
            authors=[author],
            categories=["Trade"],
            published_at=GOES_LIVE,
        )
    urls = [url.format(author=author.slug) for url in SURFACES]

    with frozen(GOES_LIVE - timedelta(seconds=1)):
        for url in urls:
            response = client.get(url)
            assert b"Timed Brief Title" not in response.content, url
        assert client.get("/briefs/timed-brief-title/").status_code == 404
        assert client.get("/search/?q=Timed").content.count(b"Timed Brief Title") == 0

    with frozen(GOES_LIVE):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            if "sitemap" in url:
                assert b"/briefs/timed-brief-title/" in response.content
            else:
                assert b"Timed Brief Title" in response.content, url
        assert client.get("/briefs/timed-brief-title/").status_code == 200
        assert b"Timed Brief Title" in client.get("/search/?q=Timed").content
        feed = feedparser.parse(client.get("/feeds/atom/").content)
        assert feed.entries[0].title == "Timed Brief Title"
