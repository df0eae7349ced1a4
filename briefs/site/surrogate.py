"""What a shared HTTP cache (Varnish, a CDN) may keep, for how long, and by which keys.

Every public page and feed leaves the app with
- `Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=M`: a
  shared cache keeps it N seconds and may serve it M more while it refetches; a
  browser (max-age=0) asks again each time and gets a 304 from the validators;
- `Surrogate-Key` and `xkey`: the same space-separated keys, naming what the
  response shows, so that a change purges exactly the responses it touches
  (briefs.site.purge). Fastly reads Surrogate-Key, Varnish's xkey module xkey.

The keys:
  brief:<id>      the brief's page and citations, and every list showing its card
  author:<id>     the author's page and feeds, and the pages of their briefs
                  ("more by this author")
  series:<id>     the series' page and feeds, and its briefs' pages (neighbours)
  category:<id>   the category's page and feeds
  home, archive, search, authors, series-index, feeds, sitemap
                  the collections whose membership follows publication
  site            every response, for a purge of everything (a deploy)

No response outlives the next scheduled publication: N + M never passes it,
because a brief going public at its time is no write and purges nothing.
"""

from django.conf import settings
from django.utils import timezone

SITE = "site"
# The collection keys of the public site's list pages, by URL name.
COLLECTIONS = {
    "home": "home",
    "year": "archive",
    "month": "archive",
    "search": "search",
    "author_list": "authors",
    "series_list": "series-index",
    "django.contrib.sitemaps.views.sitemap": "sitemap",
}
# Everything whose membership or order a publication can change.
PUBLICATION_KEYS = (
    "home",
    "archive",
    "search",
    "authors",
    "series-index",
    "feeds",
    "sitemap",
)
HEADERS = ("Surrogate-Key", "xkey")


def brief_key(pk):
    return f"brief:{pk}"


def section_key(kind, pk):
    """The key of a series, author or category (its pk: renames keep it)."""
    return f"{kind}:{pk}"


def declare(request, *keys):
    """Views and feeds name what their response depends on."""
    if request is None:
        return
    found = getattr(request, "_surrogate_keys", None)
    if found is None:
        found = request._surrogate_keys = set()
    found.update(key for key in keys if key)


def declare_briefs(request, briefs):
    """The cards of a list: each brief by its key."""
    declare(request, *(brief_key(brief.pk) for brief in briefs))


def declare_brief(request, brief, bylines, categories):
    """A brief's own page: it, its byline, its series and its categories."""
    keys = [brief_key(brief.pk)]
    if brief.series_id:
        keys.append(section_key("series", brief.series_id))
    keys.extend(section_key("author", link.author_id) for link in bylines)
    keys.extend(section_key("category", tag.pk) for tag in categories)
    declare(request, *keys)


def response_keys(request):
    match = getattr(request, "_public_match", None)
    keys = {SITE, *getattr(request, "_surrogate_keys", ())}
    if match is not None:
        if match.namespace == "feeds":
            keys.add("feeds")
        collection = COLLECTIONS.get(match.url_name)
        if collection:
            keys.add(collection)
    return sorted(keys)


def lifetimes(state, now=None):
    """(s-maxage, stale-while-revalidate): together never past the next publication."""
    now = now or timezone.now()
    fresh = settings.HTTP_CACHE_SECONDS
    stale = settings.HTTP_CACHE_STALE_SECONDS
    if state.next_publication is not None:
        left = max(0, int((state.next_publication - now).total_seconds()))
        fresh = min(fresh, left)
        stale = min(stale, left - fresh)
    return fresh, stale


def shareable(response):
    if response.status_code not in (200, 304) or response.cookies:
        return False
    directives = response.get("Cache-Control", "").lower()
    return "private" not in directives and "no-store" not in directives


def apply(request, response, state, *, keys=True):
    """Shared-cache headers on a public response; left alone if it is private.

    `keys=False` keeps the keys already on a response from the page cache, which
    were named when it was rendered.
    """
    if state is None or not shareable(response):
        return response
    if keys:
        value = " ".join(response_keys(request))
        for name in HEADERS:
            response[name] = value
    fresh, stale = lifetimes(state)
    # no-cache would keep it out of shared caches too; max-age=0 keeps browsers
    # asking (a 304 costs nothing) while s-maxage lets the shared cache keep it.
    # Written in one order, so a hit that counts the lifetimes again sends the
    # same header as the response it was stored from.
    ours = {"no-cache", "public", "max-age", "s-maxage", "stale-while-revalidate"}
    max_age = "0"
    kept = []
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if not name:
            continue
        if name.lower() == "max-age":
            max_age = value or "0"
        elif name.lower() not in ours:
            kept.append(part.strip())
    response["Cache-Control"] = ", ".join(
        [
            f"max-age={max_age}",
            "public",
            *kept,
            f"s-maxage={fresh}",
            f"stale-while-revalidate={stale}",
        ]
    )
    return response
