"""Which database a request reads from when a read replica is configured."""

import pytest
from django.db import transaction
from django.test import RequestFactory

from briefs.models import Brief
from kei_site import replica

factory = RequestFactory()


def database_read_during(request, monkeypatch, *, available=True):
    monkeypatch.setattr(replica, "replica_available", lambda: available)
    seen = []

    def view(request):
        seen.append(replica.ReplicaRouter().db_for_read(Brief))
        return None

    replica.PublicReadsOnReplica(view)(request)
    return seen[0]


def test_an_anonymous_public_read_goes_to_the_replica(monkeypatch):
    request = factory.get("/briefs/some-brief/")
    assert database_read_during(request, monkeypatch) == replica.REPLICA


@pytest.mark.parametrize(
    "request_",
    [
        factory.post("/search/"),
        factory.get("/admin/briefs/brief/"),
        factory.get("/briefs/some-brief/", HTTP_COOKIE="sessionid=abc"),
    ],
    ids=["write", "admin", "with-a-session"],
)
def test_writes_the_admin_and_editors_read_the_primary(request_, monkeypatch):
    # An editor's session keeps them on the primary: they see their own writes.
    assert database_read_during(request_, monkeypatch) is None


def test_public_reads_fall_back_to_the_primary_when_the_replica_is_down(monkeypatch):
    request = factory.get("/")
    assert database_read_during(request, monkeypatch, available=False) is None


def test_outside_a_request_everything_reads_the_primary():
    # Commands, the importer, tasks and the shell.
    assert replica.ReplicaRouter().db_for_read(Brief) is None


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(replica, "replica_available", lambda: True)
    seen = []

    def view(request):
        with transaction.atomic():
            seen.append(replica.ReplicaRouter().db_for_read(Brief))

    replica.PublicReadsOnReplica(view)(factory.get("/"))
    assert seen == [None]


def test_the_replica_is_never_migrated():
    router = replica.ReplicaRouter()
    assert router.allow_migrate("replica", "briefs") is False
    assert router.allow_migrate("default", "briefs") is True
    assert router.db_for_write(Brief) == "default"


def test_without_a_replica_nothing_is_tried(settings):
    assert "replica" not in settings.DATABASES
    assert replica.replica_available() is False
