"""The demo archive generator: sizes, rows as the importer writes them, peer data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from briefs.demo_data import PEER_DISCLOSURE
from briefs.models import Author, Brief, BriefAuthor, Series

pytestmark = pytest.mark.django_db


def generate(*args):
    call_command("generate_demo", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_standard_archive_has_the_requested_sizes_and_realistic_briefs():
    generate("--briefs", "120", "--authors", "15", "--series", "3", "--categories", "8")
    assert Brief.objects.count() == 120
    assert Author.objects.count() == 15
    assert Series.objects.count() == 3
    assert Tag.objects.count() == 8
    now = timezone.now()
    statuses = set(Brief.objects.values_list("status", flat=True))
    assert Brief.Status.PUBLISHED in statuses
    assert Brief.objects.filter(status=Brief.Status.PUBLISHED, published_at__gt=now)
    assert Brief.objects.exclude(status=Brief.Status.PUBLISHED).exists()
    for brief in Brief.objects.all():
        authors = brief.ordered_authors()
        assert 1 <= len(authors) <= 3
        assert 1 <= len(brief.categories.all()) <= 4
        assert brief.disclosure_id is not None
        assert brief.image_credit
        paragraphs = brief.body_html.count("<p>")
        assert 6 <= paragraphs <= 10, paragraphs
    # Each series that has briefs opens with its announcement.
    for series in Series.objects.filter(briefs__isnull=False).distinct():
        assert series.briefs.filter(is_series_announcement=True).count() == 1


def test_history_records_hold_the_byline_and_categories():
    generate("--briefs", "10", "--authors", "4", "--categories", "3")
    for brief in Brief.objects.all():
        record = brief.history.get()
        assert record.history_type == "+"
        assert record.history_authors == [
            {"id": a.pk, "name": a.name} for a in brief.ordered_authors()
        ]
        assert record.history_categories == sorted(
            brief.categories.names(), key=str.casefold
        )
    assert all(a.history.count() == 1 for a in Author.objects.all())


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stored vectors are PostgreSQL's"
)
def test_search_vectors_are_built():
    generate("--briefs", "10", "--authors", "4", "--categories", "3")
    assert not Brief.objects.filter(search_vector__isnull=True).exists()
    brief = Brief.objects.first()
    word = brief.title.split()[0]
    assert Brief.objects.filter(search_vector=word, pk=brief.pk).exists()


def test_same_seed_same_archive():
    generate("--briefs", "15", "--authors", "5", "--categories", "4")
    first = list(Brief.objects.order_by("slug").values_list("slug", "body"))
    generate("--flush", "--briefs", "15", "--authors", "5", "--categories", "4")
    assert list(Brief.objects.order_by("slug").values_list("slug", "body")) == first


def test_refuses_to_mix_with_existing_content():
    generate("--briefs", "3", "--authors", "2", "--categories", "2")
    with pytest.raises(CommandError, match="--flush"):
        generate("--briefs", "3", "--authors", "2", "--categories", "2")
    assert Brief.objects.count() == 3


def test_wagtail_peer_recipe_reproduces_the_peer_data():
    generate("--recipe", "wagtail-peer", "--briefs", "30")
    assert Brief.objects.count() == 30
    assert Author.objects.count() == 200
    assert Tag.objects.count() == 40
    assert not Series.objects.exists()
    newest = Brief.objects.get(slug="brief-00001")
    assert newest.published_at.isoformat() == "2025-06-30T09:00:00+00:00"
    oldest = Brief.objects.get(slug="brief-00030")
    assert oldest.published_at.date().isoformat() == "2025-06-01"
    assert newest.disclosure.text == PEER_DISCLOSURE
    for brief in Brief.objects.all():
        n = int(brief.slug.split("-")[1])
        assert BriefAuthor.objects.filter(brief=brief).count() == 1 + n % 3
        assert brief.categories.count() == 3
        assert brief.body_html.count("<p>") == 8
        assert 5 <= len(brief.title.split()) <= 9
        assert 20 <= len(brief.summary.split()) <= 32
    # The peer's first draws (seed 20250101): the first author's bio and brief 1.
    assert Author.objects.get(slug="ada-abbott").bio
    assert Brief.objects.filter(status=Brief.Status.PUBLISHED).count() == 30
