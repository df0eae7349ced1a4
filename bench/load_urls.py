"""The URL mix of bench/load.sh, drawn from the configured database.

Run: DATABASE_URL=... .venv/bin/python bench/load_urls.py OUT [--size 4000]
Writes one path per line to OUT (bench/load.lua picks lines at random) and
prints a JSON summary of the mix on stdout. The lines are drawn with these
weights, each time from many different objects, so the run spreads over the
archive the way readers and crawlers do rather than hitting one warm page:

  brief 40, author 10, category 10, search 12, home and list pages 8,
  series 6, feeds 14 (site and section feeds in RSS, Atom and JSON)

Only public objects are drawn (sections with a public brief), so every line
should answer 200; anything else is an error of the run.
"""

import argparse
import json
import random
import re
from collections import Counter

from targets import setup_django

WEIGHTS = {
    "brief": 40,
    "author": 10,
    "category": 10,
    "search": 12,
    "home": 8,
    "series": 6,
    "feed": 14,
}
# Words too short or too common in English to be what a reader types.
STOP = {"the", "and", "for", "with", "from", "into", "over", "that", "this", "what"}


def search_words(titles, rng, count):
    words = sorted(
        {w for t in titles for w in re.findall(r"[a-z]{4,}", t.lower())} - STOP
    )
    queries = set()
    while len(queries) < count and words:
        kind = rng.random()
        if kind < 0.5:
            queries.add(rng.choice(words))
        elif kind < 0.8:
            queries.add(" ".join(rng.sample(words, 2)))
        elif kind < 0.9:
            # A phrase as typed in quotes: two neighbouring words of a title.
            title = re.findall(r"[a-z]+", rng.choice(titles).lower())
            if len(title) >= 2:
                start = rng.randrange(len(title) - 1)
                queries.add(f'"{title[start]} {title[start + 1]}"')
        else:
            queries.add(f"{rng.choice(words)} -{rng.choice(words)}")
    return sorted(queries)


def pools(rng):
    from urllib.parse import quote_plus

    from django.db.models import Count, Q
    from taggit.models import Tag

    from briefs.models import Author, Brief, Series

    published = Brief.objects.published()
    slugs = list(published.values_list("slug", flat=True))
    briefs = rng.sample(slugs, min(2000, len(slugs)))
    authors = list(Author.objects.public().values_list("slug", flat=True))
    series = list(Series.objects.public().values_list("slug", flat=True))
    categories = list(
        Tag.objects.annotate(
            n=Count(
                "taggit_taggeditem_items",
                filter=Q(taggit_taggeditem_items__object_id__in=published.values("pk")),
            )
        )
        .filter(n__gt=0)
        .values_list("slug", flat=True)
    )
    titles = list(published.values_list("title", flat=True)[:3000])
    queries = search_words(titles, rng, 300)
    pages = max(1, published.count() // 20)
    return {
        "brief": [f"/briefs/{s}/" for s in briefs],
        "author": [f"/authors/{s}/" for s in authors],
        "category": [f"/categories/{s}/" for s in categories],
        "search": [f"/search/?q={quote_plus(q)}" for q in queries],
        "home": ["/"] + [f"/?page={n}" for n in range(2, min(pages, 30) + 1)],
        "series": [f"/series/{s}/" for s in series] + ["/series/"],
        "feed": ["/feeds/rss/", "/feeds/atom/", "/feeds/json/"]
        + [f"/authors/{s}/feed/" for s in rng.sample(authors, min(100, len(authors)))]
        + [f"/categories/{s}/feed/atom/" for s in categories]
        + [f"/series/{s}/feed/json/" for s in series],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    rng = random.Random(args.seed)
    available = {kind: urls for kind, urls in pools(rng).items() if urls}
    kinds = list(available)
    lines = []
    drawn = Counter()
    for kind in rng.choices(kinds, [WEIGHTS[k] for k in kinds], k=args.size):
        lines.append(rng.choice(available[kind]))
        drawn[kind] += 1
    with open(args.out, "w") as out:
        out.write("\n".join(lines) + "\n")
    summary = {
        "lines": len(lines),
        "distinct": len(set(lines)),
        "by_kind": dict(drawn),
        "distinct_by_kind": {k: len(set(available[k])) for k in kinds},
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
