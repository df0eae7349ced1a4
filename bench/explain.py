"""EXPLAIN ANALYZE of every query of every public page and feed (PostgreSQL).

Run: DATABASE_URL=postgres://... .venv/bin/python bench/explain.py [--verbose]
after `manage.py generate_demo --briefs 10000 ...`. Each URL is fetched once to
warm caches, then once more with its queries captured; each query is explained
with ANALYZE. Flags a sequential scan of a brief, byline or tagged-item table
and any query whose execution takes over 2 ms. The sitemap lists every brief by
design and is reported but not flagged. Prints figures; asserts nothing.
"""

import argparse
import json

from targets import public_urls, setup_django

WATCHED_TABLES = {
    "briefs_brief",
    "briefs_briefauthor",
    "taggit_taggeditem",
    "briefs_historicalbrief",
}
SLOW_MS = 2.0
UNBOUNDED_BY_DESIGN = {"sitemap"}


def plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from plan_nodes(child)


def explain(cursor, sql):
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
    (document,) = cursor.fetchone()
    if isinstance(document, str):
        document = json.loads(document)
    return document[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--verbose", action="store_true", help="print every plan")
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from briefs.models import Brief

    if connection.vendor != "postgresql":
        raise SystemExit("explain.py needs PostgreSQL (set DATABASE_URL).")
    settings.PUBLIC_CACHE_ENABLED = False
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{Brief.objects.count()} briefs")
    flagged = 0
    for name, path in public_urls():
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = [q["sql"] for q in captured.captured_queries]
        total = 0.0
        lines = []
        for sql in queries:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                result = explain(cursor, sql)
            ms = result["Execution Time"] + result.get("Planning Time", 0)
            total += ms
            scans = sorted(
                {
                    node["Relation Name"]
                    for node in plan_nodes(result["Plan"])
                    if node["Node Type"] == "Seq Scan"
                    and node.get("Relation Name") in WATCHED_TABLES
                }
            )
            problems = []
            if scans:
                problems.append("SEQ SCAN " + ",".join(scans))
            if result["Execution Time"] > SLOW_MS:
                problems.append(f"SLOW {result['Execution Time']:.2f} ms")
            if problems and name not in UNBOUNDED_BY_DESIGN:
                flagged += 1
            if problems or args.verbose:
                lines.append(f"    {'; '.join(problems) or 'ok'}: {sql[:160]}")
                if args.verbose:
                    lines.append("      " + json.dumps(result["Plan"])[:600])
        print(f"{path:<48} {len(queries):>3} queries {total:>8.2f} ms (plan+exec)")
        print("\n".join(lines)) if lines else None
    print(f"flagged queries: {flagged}")


if __name__ == "__main__":
    main()
