"""Search latency, single client: p50/p95/p99 of the whole search page.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/search_latency.py [-n 60]
Times GET /search/?q=... through Django's test client (no HTTP server, no page
cache) for a one-word, a two-word, a phrase and a common-word query, and the
second page of the common word. Prints figures; asserts nothing.
"""

import argparse
import time
from urllib.parse import quote_plus

from targets import setup_django

QUERIES = [
    ("one word", "budget"),
    ("two words", "carbon pensions"),
    ("phrase", '"public debt"'),
    ("common word", "policy"),
    ("common word, page 2", "policy&page=2"),
    ("no match", "zzyzx"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=60, help="requests per query")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client

    from briefs.models import Brief
    from briefs.search import search_briefs

    settings.PUBLIC_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{Brief.objects.count()} briefs, {args.n} requests a query")
    print(f"{'query':<28} {'matches':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, raw in QUERIES:
        text, _, page = raw.partition("&")
        path = f"/search/?q={quote_plus(text)}" + (f"&{page}" if page else "")
        matches = search_briefs(Brief.objects.published(), text).count()
        assert client.get(path).status_code == 200, path
        times = []
        for _ in range(args.n):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        name = f"{label}: {raw}"
        p50, p95, p99 = (percentile(times, f) for f in (0.5, 0.95, 0.99))
        print(f"{name:<28.28} {matches:>7} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f}")


if __name__ == "__main__":
    main()
