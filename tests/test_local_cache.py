"""The local-memory cache stays under its byte budget, least recently used first."""

from kei_site.cache import BoundedLocMemCache


def make_cache(name, max_bytes, max_entries=1000):
    cache = BoundedLocMemCache(
        name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": max_entries}}
    )
    cache.clear()
    return cache


def test_values_past_the_budget_push_out_the_least_recently_used():
    cache = make_cache("bounded-lru", max_bytes=50_000)
    for n in range(10):
        cache.set(f"page-{n}", b"x" * 10_000)
        if n >= 1:
            cache.get("page-0")  # read every time: the one kept longest
    assert cache.size_in_bytes <= 50_000
    assert cache.get("page-0") is not None
    assert cache.get("page-9") is not None
    assert cache.get("page-1") is None and cache.get("page-2") is None


def test_replacing_deleting_and_clearing_keep_the_count_exact():
    cache = make_cache("bounded-count", max_bytes=1_000_000)
    cache.set("a", b"x" * 1000)
    first = cache.size_in_bytes
    cache.set("a", b"x" * 3000)
    assert cache.size_in_bytes > first  # replaced, not added twice
    assert cache.size_in_bytes < first + 3000
    cache.set("b", b"y" * 500)
    cache.delete("a")
    assert cache.size_in_bytes == sum(len(v) for v in cache._cache.values())
    cache.clear()
    assert cache.size_in_bytes == 0


def test_culling_by_entries_counts_what_it_dropped():
    cache = make_cache("bounded-cull", max_bytes=10_000_000, max_entries=9)
    for n in range(30):
        cache.set(f"card-{n}", "c" * 100)
    assert len(cache._cache) <= 9
    assert cache.size_in_bytes == sum(len(v) for v in cache._cache.values())


def test_one_value_larger_than_the_budget_is_still_kept_alone():
    cache = make_cache("bounded-large", max_bytes=1000)
    cache.set("small", b"s" * 100)
    cache.set("feed", b"f" * 5000)
    assert cache.get("feed") is not None and cache.get("small") is None
