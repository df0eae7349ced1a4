"""Cache hits without a database round trip, still never stale (PostgreSQL).

The version listener hears each committed change; while it hears nothing, a hit
reads nothing from the database. Transactional tests: only committed changes are
notified.
"""

import time

import pytest
from django.db import connection

from briefs.models import Brief
from briefs.site import caching, version_listener
from tests.factories import make_author, make_brief

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's"
    ),
]


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def listener(settings):
    settings.CONTENT_VERSION_LISTEN = True
    caching.forget_schedules()
    started = version_listener.listener_for("default")
    assert wait_for(lambda: started.heard() is not None)
    yield started
    version_listener.stop_listeners()
    caching.forget_schedules()


@pytest.fixture
def brief():
    return make_brief("Heard Before", authors=[make_author("Lee Listener")])


def test_a_hit_reads_nothing_while_nothing_changes(
    client, brief, listener, django_assert_num_queries
):
    path = brief.get_absolute_url()
    client.get(path)  # renders and stores the page
    client.get(path)  # reads the version once more, now trusted
    with django_assert_num_queries(0):
        response = client.get(path)
    assert response.status_code == 200 and "Heard Before" in response.content.decode()


def test_a_committed_change_is_heard_and_shown_next(client, brief, listener):
    path = brief.get_absolute_url()
    for _ in range(3):
        client.get(path)
    heard = listener.changes
    Brief.objects.filter(pk=brief.pk).update(title="Heard After")
    assert wait_for(lambda: listener.changes > heard)
    page = client.get(path).content.decode()
    assert "<h1>Heard After</h1>" in page and "<h1>Heard Before" not in page


def test_without_its_connection_every_request_reads_the_version(
    client, brief, listener, django_assert_num_queries
):
    path = brief.get_absolute_url()
    for _ in range(3):
        client.get(path)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [listener.backend_pid])
    assert wait_for(lambda: listener.heard() is None)
    # Changes while nobody listens are notified to no one: each request reads.
    Brief.objects.filter(pk=brief.pk).update(title="Changed While Deaf")
    assert "<h1>Changed While Deaf</h1>" in client.get(path).content.decode()
    with django_assert_num_queries(1):
        client.get(path)
    # Back again, it counts the gap as a change: one fresh read, then none.
    assert wait_for(lambda: listener.heard() is not None)
    client.get(path)
    with django_assert_num_queries(0):
        client.get(path)


def test_a_scheduled_brief_goes_public_on_time_without_any_write(
    client, listener, django_assert_num_queries
):
    from datetime import timedelta
    from unittest import mock

    from django.utils import timezone

    make_brief("Already Out")
    soon = timezone.now() + timedelta(minutes=5)
    make_brief("Comes Out Soon", published_at=soon)
    for _ in range(3):
        assert "Comes Out Soon" not in client.get("/").content.decode()
    later = soon + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Comes Out Soon" in client.get("/").content.decode()
