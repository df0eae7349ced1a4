"""Redis down is a cache miss: the site renders, never a 500 (kei_site/cache.py)."""

import logging

import pytest
from django.core.cache import caches

from kei_site.cache import TolerantRedisCache
from tests.factories import make_brief

# Nothing listens on the discard port: every Redis call is refused at once.
DEAD_REDIS = {
    "default": {
        "BACKEND": "kei_site.cache.TolerantRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_every_call_degrades_to_a_miss(settings, caplog, monkeypatch):
    settings.CACHES = DEAD_REDIS
    # One warning per 10 s: another test may just have had it.
    monkeypatch.setattr(TolerantRedisCache, "_last_warning", 0.0)
    cache = caches["default"]
    with caplog.at_level(logging.WARNING, logger="kei_site.cache"):
        assert cache.get("page", "missing") == "missing"
        cache.set("page", "body", 30)
        assert cache.add("page", "body") is False
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set_many({"a": 1}) == ["a"]
        assert cache.has_key("page") is False
        assert cache.delete("page") is False
        cache.delete_many(["a"])
    assert "served as a miss" in caplog.text


@pytest.mark.django_db
def test_pages_and_feeds_render_with_redis_down(client, settings):
    settings.CACHES = DEAD_REDIS
    brief = make_brief("Served without Redis")
    for url in ("/", brief.get_absolute_url(), "/feeds/rss/", "/sitemap.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert b"Served without Redis" in client.get("/").content
