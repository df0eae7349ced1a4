"""What one cache hit costs, through the whole WSGI stack, next to a static file.

Run: DATABASE_URL=postgres://... .venv/bin/python bench/hit_cost.py [-n 2000]
Calls the WSGI application in process (no HTTP server, no network) with
production settings for a cache hit of the brief page, list page 2 and the RSS
feed, for the 8 KB static file whitenoise serves (the ceiling), and times the
content-version query alone. Prints microseconds per request (median and p95 of
batches) and the share the version query takes; asserts nothing.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

from targets import setup_django

BATCH = 50


def environ(path, host):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "80",
        "HTTP_HOST": host,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }


def call(app, path, host):
    status = []
    body = app(environ(path, host), lambda s, h, e=None: status.append(s))
    size = sum(len(chunk) for chunk in body)
    if hasattr(body, "close"):
        body.close()
    return status[0], size


def per_request(function, n):
    """Microseconds per call: median and p95 over batches of BATCH calls."""
    batches = []
    for _ in range(max(1, n // BATCH)):
        started = time.perf_counter()
        for _ in range(BATCH):
            function()
        batches.append((time.perf_counter() - started) / BATCH * 1e6)
    batches.sort()
    return statistics.median(batches), batches[int(0.95 * (len(batches) - 1))]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000, help="requests per URL")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("DJANGO_SSL_REDIRECT", "0")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    os.environ["DJANGO_PUBLIC_CACHE"] = "1"
    setup_django("kei_site.settings.production")
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from targets import public_urls

    from briefs.site import caching

    static = Path(settings.STATIC_ROOT) / "bench" / "ceiling-8k.txt"
    if not static.exists():
        sys.exit(f"{static} is missing: run collectstatic and bench/throughput.sh once")
    app = get_wsgi_application()
    host = "127.0.0.1"
    urls = dict(public_urls())
    targets = [
        ("brief", urls["brief"]),
        ("list_page2", urls["list_page2"]),
        ("rss", urls["rss"]),
        ("static_8k", "/static/bench/ceiling-8k.txt"),
    ]
    print(f"{'URL':<12} {'status':<8} {'bytes':>7} {'median us':>10} {'p95 us':>8}")
    for name, path in targets:
        status, size = call(app, path, host)  # the miss that fills the cache
        status, size = call(app, path, host)
        median, p95 = per_request(lambda p=path: call(app, p, host), args.n)
        print(f"{name:<12} {status[:3]:<8} {size:>7} {median:>10.0f} {p95:>8.0f}")

    def version_query():
        caching.current_state(None)

    median, p95 = per_request(version_query, args.n)
    print(f"{'version SQL':<12} {'':<8} {'':>7} {median:>10.0f} {p95:>8.0f}")


if __name__ == "__main__":
    main()
