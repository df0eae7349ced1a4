"""Full-text search: a stored vector on PostgreSQL, containment on SQLite."""

import re
from contextlib import contextmanager

from django.db import connection, connections, transaction
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Left
from django.utils.html import escape
from django.utils.safestring import mark_safe

# A query longer than this is a pasted paragraph, not a search; the tail adds
# cost and no precision.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Markers PostgreSQL puts around matches; control characters never occur in
# stored text, so the snippet can be escaped first and marked up after.
MATCH_START = "\x02"
MATCH_STOP = "\x03"
# The snippet is looked for in the body's opening characters only: ts_headline
# parses all the text it is given, for each result shown (2,000 cost 5 ms a
# page, 1,000 half that; a match past it shows the opening unmarked).
HEADLINE_TEXT = 1000
# Matches are counted up to this many: past it the page says "200+" and offers
# ten pages. Counting every match of a word most briefs use cost more than the
# rest of the page (a phrase is checked brief by brief: 500 cost 11 ms, 200
# 4 ms), and what it told a reader (9,642 rather than 200+) is not worth it:
# past page ten lie older passing mentions, which a closer query finds better.
COUNT_CAP = 200


def uses_postgres_search():
    return connection.vendor == "postgresql"


# Control characters: PostgreSQL refuses NUL in a query parameter (a 500), and
# \x02/\x03 are the snippet markers.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_query(raw, limit=MAX_QUERY_LENGTH):
    """The query as searched: spaces collapsed, control characters out, cut to
    `limit` characters (None: not cut)."""
    text = CONTROL_CHARACTERS.sub(" ", raw or "")
    return " ".join(text.split())[:limit].strip()


def update_search_vectors(briefs):
    """Rebuild the stored vector of these briefs (after their authors and tags are set).

    Weights: title A, summary and author names and categories B, body C. One
    UPDATE for all of them: author names and categories come from subqueries.
    """
    if not uses_postgres_search():
        return
    from django.contrib.postgres.aggregates import StringAgg
    from django.contrib.postgres.search import SearchVector
    from taggit.models import TaggedItem

    from .models import Brief, BriefAuthor

    pks = [getattr(brief, "pk", brief) for brief in briefs]
    if not pks:
        return
    author_names = (
        BriefAuthor.objects.filter(brief=OuterRef("pk"))
        .values("brief")
        .annotate(names=StringAgg("author__name", " "))
        .values("names")
    )
    category_names = (
        TaggedItem.objects.filter(
            content_type__app_label="briefs",
            content_type__model="brief",
            object_id=OuterRef("pk"),
        )
        .values("object_id")
        .annotate(names=StringAgg("tag__name", " "))
        .values("names")
    )
    heading = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + SearchVector(
            Coalesce(Subquery(author_names), Value(""), output_field=TextField()),
            weight="B",
            config="english",
        )
        + SearchVector(
            Coalesce(Subquery(category_names), Value(""), output_field=TextField()),
            weight="B",
            config="english",
        )
    )
    # One statement, so that a rebuild moves the content version once.
    Brief.objects.filter(pk__in=pks).update(
        rank_vector=heading,
        search_vector=heading + SearchVector("body", weight="C", config="english"),
    )


def search_briefs(queryset, raw_query):
    """Published briefs matching the query, heading matches first, then newest
    first, each with a `snippet`.

    The snippet is computed by the database on PostgreSQL (for the rows of one
    page only, since it is an annotation on a sliced query); on SQLite it is
    left to `snippet_for`.
    """
    query = clean_query(raw_query)
    if not query:
        return queryset.none()
    if uses_postgres_search():
        return _postgres_search(queryset, query)
    return _containment_search(queryset, query)


def _search_query(query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, search_type="websearch", config="english")


def _postgres_search(queryset, query):
    from django.contrib.postgres.search import SearchHeadline

    search_query = _search_query(query)
    # Matched on the whole vector (GIN index); a match in the title or summary
    # (the small heading vector) comes first, then newest first. No ts_rank:
    # ranking every match read every match's vector, so a common word cost in
    # proportion to the archive; this order the indexes deliver a page at a time.
    return (
        queryset.filter(search_vector=search_query)
        .defer("body_html", "search_vector", "rank_vector")
        .annotate(
            heading=ExpressionWrapper(
                Q(rank_vector=search_query), output_field=BooleanField()
            ),
            headline=SearchHeadline(
                Left("body", HEADLINE_TEXT),
                search_query,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by(F("heading").desc(), "-published_at", "-pk")
    )


def ranked_page(queryset, query, offset, limit):
    """One page of the search's matches: their primary keys (in the search's
    order), the total (counted up to COUNT_CAP) and whether it was capped.

    Read in the search's order without sorting all the matches: heading
    matches newest first, then the other matches newest first, each a LIMIT
    the planner answers from an index (at most COUNT_CAP rows each). Past the
    end the page has no keys.

    One statement: the matches are the queryset's own SQL (so "published" is
    the model's one definition), inlined into the count and into both tiers,
    which spares two round trips and two compilations of the ORM's query.
    """
    search_query = _search_query(clean_query(query))
    matches = (
        queryset.filter(search_vector=search_query)
        .annotate(
            heading=ExpressionWrapper(
                Q(rank_vector=search_query), output_field=BooleanField()
            )
        )
        .order_by()
        .values_list("published_at", "pk", "heading")
    )
    matches_sql, params = matches.query.sql_with_params()
    # Both tiers to the end of the page (so the number of queries does not
    # depend on where the heading matches end); the page is then the slice of
    # heading matches followed by the rest.
    end = offset + limit
    tier = (
        "SELECT {tier} AS tier, m.published_at, m.id FROM m WHERE {condition}"
        " ORDER BY m.published_at DESC, m.id DESC LIMIT %s"
    )
    sql = (
        f"WITH m (published_at, id, heading) AS NOT MATERIALIZED ({matches_sql})"
        " SELECT (SELECT count(*) FROM (SELECT 1 FROM m LIMIT %s) AS counted),"
        " ARRAY(SELECT t.id FROM ("
        f"({tier.format(tier=0, condition='m.heading')}) UNION ALL"
        f" ({tier.format(tier=1, condition='m.heading IS NOT TRUE')})"
        ") AS t ORDER BY t.tier, t.published_at DESC, t.id DESC OFFSET %s LIMIT %s)"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, (*params, COUNT_CAP + 1, end, end, offset, limit))
        found, pks = cursor.fetchone()
    total, capped = min(found, COUNT_CAP), found > COUNT_CAP
    if offset >= total:
        return [], total, capped
    return list(pks), total, capped


def in_order(queryset, pks):
    """The briefs with these keys, in the keys' order."""
    found = {brief.pk: brief for brief in queryset.filter(pk__in=pks)}
    return [found[pk] for pk in pks if pk in found]


@contextmanager
def search_plan(using):
    """Within it, PostgreSQL reads matches through the GIN index.

    When a word matches most briefs the planner prefers a sequential scan and
    tests every row's vector, which means fetching every body-sized vector out
    of line: ten times slower than the index's list of matching rows.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def _terms(query):
    return [t for t in re.findall(r"\w[\w'-]*", query) if len(t) > 1][:MAX_TERMS]


def _containment_search(queryset, query):
    from .models import Brief

    terms = _terms(query) or [query]
    matches = Brief.objects.all()
    for term in terms:
        matches = matches.filter(
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(body__icontains=term)
            | Q(authors__name__icontains=term)
            | Q(categories__name__icontains=term)
        )
    # Through a subquery, so the joins to authors and tags never duplicate rows.
    return queryset.filter(pk__in=matches.values("pk")).order_by("-published_at", "-pk")


def highlight(text, query):
    """Escaped text with the query's terms wrapped in <mark> (SQLite snippets)."""
    pattern = _terms_pattern(query)
    if pattern is None:
        return escape(text)
    marked = pattern.sub(lambda m: f"{MATCH_START}{m.group(0)}{MATCH_STOP}", text)
    return render_marked(marked)


def render_marked(marked):
    html = escape(marked).replace(MATCH_START, "<mark>").replace(MATCH_STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 -- escaped above; only our <mark> added


def _terms_pattern(query):
    terms = _terms(clean_query(query))
    if not terms:
        return None
    # Whole words from the term on, so "alliance" marks all of "alliances".
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def plain_text(markdown_source):
    text = re.sub(r"(?m)^\s*(?:[-*+]|\d+\.)\s+", " ", markdown_source or "")
    text = re.sub(r"\]\([^)]*\)|[#*_>`\[\]]", " ", text)
    return " ".join(text.split())


def snippet_for(brief, query, width=220):
    """A passage of the brief around the first match, for the containment fallback."""
    headline = getattr(brief, "headline", None)
    if headline:
        return render_marked(plain_text(headline))
    text = plain_text(brief.body) or brief.summary
    pattern = _terms_pattern(query)
    match = pattern.search(text) if pattern else None
    if match is None:
        return highlight(brief.summary or text[:width], query)
    start = max(0, match.start() - width // 3)
    end = start + width
    # Cut at spaces, so the passage never opens or closes on half a word.
    if start:
        start = text.find(" ", start, match.start()) + 1 or start
    if end < len(text) and " " in text[match.end() : end]:
        end = text.rfind(" ", match.end(), end)
    passage = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return highlight(f"{prefix}{passage}{suffix}", query)
