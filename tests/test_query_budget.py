"""At most 8 queries per public page and feed, the same at two archive sizes.

The archives come from generate_demo (as bench/queries.py measures them at
10,000 briefs); URLs are picked by bench/targets.py, the same for both. Counted
rendered (page cache off), on a cold cache (navigation counts computed) and on
a warm one (counts cached per content version).
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.targets import public_urls

BUDGET = 8
pytestmark = pytest.mark.django_db


def generate(briefs, authors, series, categories):
    call_command(
        "generate_demo",
        "--flush",
        "--briefs",
        str(briefs),
        "--authors",
        str(authors),
        "--series",
        str(series),
        "--categories",
        str(categories),
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def counts(client):
    client.get("/robots.txt")  # content types and other per-process caches
    result = {}
    for name, path in public_urls():
        cache.clear()
        cold = count(client, path)
        warm = count(client, path)
        result[name] = (cold, warm)
    return result


def test_query_counts_are_small_and_do_not_grow(client, settings):
    settings.PUBLIC_CACHE_ENABLED = False
    generate(briefs=40, authors=6, series=3, categories=5)
    small = counts(client)
    generate(briefs=200, authors=24, series=6, categories=12)
    large = counts(client)
    assert set(small) == set(large)
    for name, (cold, warm) in large.items():
        assert warm <= BUDGET, (name, warm)
        assert cold <= BUDGET, (name, cold)
    assert large == small


def test_templates_are_compiled_once_per_process():
    """The cached template loader is active (Django's default without loaders)."""
    from django.template import engines
    from django.template.loaders.cached import Loader

    engine = engines["django"].engine
    assert isinstance(engine.template_loaders[0], Loader)


def test_a_brief_page_reads_only_the_version_once_its_row_and_parts_are_kept(
    client, settings
):
    """The brief's row, byline, bios and categories are kept per content
    version; a new version (an author renamed, the title changed) shows at once."""
    from briefs.models import Brief

    settings.PUBLIC_CACHE_ENABLED = False
    generate(briefs=12, authors=4, series=2, categories=3)
    brief = Brief.objects.published().filter(brief_authors__isnull=False).first()
    path = brief.get_absolute_url()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    tables = [
        query["sql"].split(" FROM ", 1)[1].split()[0].strip('"') for query in queries
    ]
    assert tables == ["briefs_contentversion"], tables
    author = brief.ordered_authors()[0]
    author.name = "Renamed Person"
    author.save()
    response = client.get(path)
    assert "Renamed Person" in response.content.decode()
    Brief.objects.filter(pk=brief.pk).update(title="A Title Changed In Place")
    assert "A Title Changed In Place" in client.get(path).content.decode()
    Brief.objects.filter(pk=brief.pk).update(status=Brief.Status.DRAFT)
    assert client.get(path).status_code == 404
