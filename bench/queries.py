"""SQL queries, bytes and time of every public page and feed on the configured DB.

Run: DATABASE_URL=... .venv/bin/python bench/queries.py [--json]
(fill the database first with `manage.py generate_demo`). Each URL is fetched
once to warm per-process caches, then three times; the smallest count is shown,
as the peer's bench.sh counts. The site's page cache is bypassed, so the figures
are those of a rendered page. Prints figures; asserts nothing.
"""

import argparse
import json
import time

from targets import public_urls, setup_django


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(path)
    best = None
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        run = (len(captured), elapsed, len(response.content), response.status_code)
        best = run if best is None or run < best else best
    return first.status_code, best


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="one JSON line per URL")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client

    from briefs.models import Brief

    settings.PUBLIC_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    size = Brief.objects.count()
    if not args.json:
        print(f"{size} briefs; database {settings.DATABASES['default']['ENGINE']}")
        print(f"{'url':<44} {'status':>6} {'queries':>7} {'ms':>8} {'bytes':>8}")
    for name, path in public_urls():
        status, (count, elapsed, size_bytes, _) = measure(client, path)
        if args.json:
            row = {"name": name, "url": path, "status": status, "queries": count}
            row.update(ms=round(elapsed * 1000, 1), bytes=size_bytes, briefs=size)
            print(json.dumps(row))
        else:
            print(
                f"{path[:44]:<44} {status:>6} {count:>7} {elapsed * 1000:>8.1f} "
                f"{size_bytes:>8}"
            )


if __name__ == "__main__":
    main()
