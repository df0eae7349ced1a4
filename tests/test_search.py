"""Search: the same page on SQLite (containment) and PostgreSQL (ranked full text)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefs import search as search_module
from briefs.models import Brief
from briefs.search import MAX_QUERY_LENGTH, search_briefs, update_search_vectors
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking needs PostgreSQL"
)


def search(client, query, status=200, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == status
    return response.content.decode()


def index_all():
    update_search_vectors(Brief.objects.all())


def test_empty_query_shows_the_form_only(client, django_assert_num_queries):
    make_brief("Anything")
    # The content version only (briefs.site.caching); no search.
    with django_assert_num_queries(1):
        html = search(client, "   ")
    assert 'id="search-q"' in html and "found for" not in html


def test_finds_by_title_body_author_and_category(client):
    make_brief("Tariffs and trade", body="Nothing here.")
    make_brief("Other", body="A note on semiconductors and chips.")
    make_brief("Third", authors=[make_author("Victor Cha")])
    make_brief("Fourth", categories=["Indo-Pacific"])
    index_all()
    assert "Tariffs and trade" in search(client, "tariffs")
    assert ">Other<" in search(client, "semiconductors")
    assert ">Third<" in search(client, "Cha")
    assert ">Fourth<" in search(client, "pacific")
    html = search(client, "zeppelin")
    assert "0 briefs found" in html and "No published brief matches" in html


def test_all_words_must_match(client):
    make_brief("Japan and Korea")
    make_brief("Japan alone")
    index_all()
    html = search(client, "japan korea")
    assert "Japan and Korea" in html and "Japan alone" not in html


def test_drafts_and_future_briefs_are_never_found(client):
    make_brief("Hidden draft zebra", status=Brief.Status.DRAFT)
    make_brief("Future zebra", published_at=timezone.now() + timedelta(days=1))
    make_brief("Public zebra")
    index_all()
    html = search(client, "zebra")
    assert "Public zebra" in html
    assert "Hidden draft" not in html and "Future zebra" not in html
    assert "1 brief found" in html


def test_snippet_is_highlighted_and_escaped(client):
    make_brief(
        "Snippets",
        body="Intro text. The <script>alert(1)</script> alliance faces limits.",
    )
    index_all()
    html = search(client, "alliance")
    assert "<mark>alliance</mark>" in html.lower()
    assert "<script>alert(1)" not in html


def test_very_long_query_is_cut_and_said(client):
    make_brief("Long query target")
    index_all()
    html = search(client, "target " * 100)
    assert "only its first 200 characters" in html
    assert f'maxlength="{MAX_QUERY_LENGTH}"' in html


def test_results_are_paginated(client):
    for n in range(25):
        make_brief(f"Whale report {n}")
    index_all()
    first = search(client, "whale")
    assert "25 briefs found" in first and 'rel="next"' in first
    second = search(client, "whale", page=2)
    assert second.count('<article class="brief-card') == 5
    search(client, "whale", status=404, page=3)


def test_query_with_only_punctuation(client):
    make_brief("Something")
    html = search(client, "!!! ---")
    assert "found for" in html


@postgres_only
def test_title_match_ranks_before_body_match(client):
    make_brief(
        "Sanctions and the peninsula",
        body="Unrelated words.",
        published_at=timezone.now() - timedelta(days=10),
    )
    make_brief(
        "A newer brief",
        body="This text mentions sanctions once.",
        published_at=timezone.now() - timedelta(days=1),
    )
    index_all()
    html = search(client, "sanctions")
    assert html.index("Sanctions and the peninsula") < html.index("A newer brief")


@postgres_only
def test_vector_follows_admin_style_saves(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_brief("Plain title", authors=[make_author("Kurt Campbell")])
    assert Brief.objects.filter(search_vector="campbell").exists()
    with django_capture_on_commit_callbacks(execute=True):
        brief.categories.add("Semiconductors")
    assert Brief.objects.filter(search_vector="semiconductor").exists()
    with django_capture_on_commit_callbacks(execute=True):
        brief.title = "Renamed about whaling"
        brief.save()
    assert Brief.objects.filter(search_vector="whaling").exists()


def test_signals_schedule_one_update_per_transaction(
    django_capture_on_commit_callbacks, monkeypatch
):
    calls = []
    monkeypatch.setattr(
        "briefs.derived._search_updates.handler", lambda pks: calls.append(set(pks))
    )
    with django_capture_on_commit_callbacks(execute=True):
        brief = make_brief(
            "Signalled", authors=[make_author(), make_author()], categories=["A"]
        )
    assert calls == [{brief.pk}]


def test_reference_briefs_searchable(client, imported_reference):
    html = search(client, "Japan")
    assert "Building Up Japan-South Korea Rapprochement" in html


@pytest.mark.parametrize(
    "query",
    ["\x00", "alliance\x00", "\x02alliance\x03", '"unclosed', "-", "OR", "ü 한국"],
)
def test_odd_queries_never_fail(client, query):
    """NUL made PostgreSQL refuse the query (a 500); control characters go."""
    make_brief("Alliance talks", body="The alliance and 한국 trade.")
    index_all()
    html = search(client, query)
    assert "\x00" not in html and "\x02" not in html
    assert "only its first" not in html


def test_control_characters_are_spaces_in_the_query(client):
    make_brief("Alliance talks")
    index_all()
    html = search(client, "alliance\x00talks")
    assert "1 brief found for “alliance talks”" in html


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@postgres_only
def test_newest_first_among_equal_matches(client):
    make_brief("Old tariffs", published_at=days_ago(30))
    make_brief("New tariffs", published_at=days_ago(2))
    make_brief("Old note", body="On tariffs, briefly.", published_at=days_ago(20))
    make_brief("New note", body="Tariffs again.", published_at=days_ago(1))
    index_all()
    html = search(client, "tariffs")
    order = [
        html.index(t) for t in ("New tariffs", "Old tariffs", "New note", "Old note")
    ]
    assert order == sorted(order)


@postgres_only
def test_summary_match_counts_as_heading(client):
    make_brief("Summary one", summary="About drought.", published_at=days_ago(9))
    make_brief("Body one", body="Drought in the body.", published_at=days_ago(1))
    index_all()
    html = search(client, "drought")
    assert html.index("Summary one") < html.index("Body one")


@postgres_only
def test_phrase_matches_only_the_phrase(client):
    make_brief("Together", body="The public debt rose.")
    make_brief("Apart", body="Debt held by the public rose.")
    index_all()
    html = search(client, '"public debt"')
    assert "Together" in html and "Apart" not in html
    assert "1 brief found" in html


@postgres_only
def test_pages_follow_the_search_order_across_heading_and_body(client):
    # 23 matches over two pages: the heading matches end mid-page-one.
    for n in range(5):
        make_brief(f"Fisheries {n}", published_at=days_ago(40 + n))
    for n in range(18):
        make_brief(f"Note {n}", body="On fisheries.", published_at=days_ago(n + 1))
    index_all()
    expected = [
        b.title
        for b in search_briefs(Brief.objects.published(), "fisheries").defer("body")
    ]
    shown = []
    for page in (1, 2):
        html = search(client, "fisheries", page=page)
        shown += re.findall(r'brief-card__title"><a href="[^"]*">([^<]*)<', html)
    assert shown == expected
    assert expected[:5] == [f"Fisheries {n}" for n in range(5)]


@postgres_only
def test_count_is_capped(client, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 3)
    for n in range(5):
        make_brief(f"Herring {n}")
    index_all()
    html = search(client, "herring")
    assert "3+ briefs found" in html
    assert "5 briefs" not in html


@postgres_only
def test_search_page_queries_do_not_grow_with_matches(client):
    def queries_for(count):
        for n in range(count):
            make_brief(f"Lobster {count} {n}", authors=[make_author(), make_author()])
        index_all()
        search(client, f"lobster {count}")  # the schedule is read once
        with CaptureQueriesContext(connection) as captured:
            search(client, f"lobster {count}")
        return len(captured)

    # Version, savepoint, plan setting, the count with the page's keys (both
    # tiers in one statement), rows with snippets, bylines, release.
    few, many = queries_for(2), queries_for(30)
    assert few == many <= 8
