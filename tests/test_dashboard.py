"""The editorial dashboard: states, schedule, compliance, names, the SVG chart."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from briefs.models import Brief
from tests.admin_client import client_for, contributor, editor
from tests.factories import make_author, make_brief, make_disclosure

DASHBOARD = reverse("admin:briefs_brief_dashboard")


@pytest.mark.django_db
def test_anonymous_is_sent_to_login_and_staff_see_it():
    assert client_for().get(DASHBOARD).status_code == 302
    client = client_for(contributor())
    assert client.get(DASHBOARD).status_code == 200
    # Linked from the admin's home page.
    assert DASHBOARD in client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_counts_schedule_and_compliance():
    now = timezone.now()
    make_brief("Live and complete", image_credit="Agency")
    make_brief("A draft", status=Brief.Status.DRAFT)
    make_brief("Next up", published_at=now + timedelta(days=1), image_credit="X")
    make_brief(
        "Old disclosure",
        disclosure=make_disclosure("A withdrawn statement.", is_active=False),
        image_credit="Agency",
    )
    make_brief(
        "Bio missing",
        authors=[make_author("Quiet Person", bio="")],
        image_credit="Agency",
    )
    make_brief("Nobody wrote it", authors=[], image_credit="Agency")
    response = client_for(editor()).get(DASHBOARD)
    context = response.context
    counts = {row["state"]: row["count"] for row in context["counts"]}
    assert counts == {"draft": 1, "review": 0, "scheduled": 1, "published": 4}
    assert [b.title for b in context["scheduled"]] == ["Next up"]
    missing = {row.brief.title: row.missing for row in context["compliance"]}
    assert missing == {
        "Old disclosure": ["active disclosure"],
        "Bio missing": ["author bio (Quiet Person)"],
        "Nobody wrote it": ["author"],
    }
    assert [a.name for a in context["authors_without_bio"]] == ["Quiet Person"]
    text = response.content.decode()
    assert "<svg" in text and "<script" not in text.split("<svg")[1].split("</svg>")[0]


@pytest.mark.django_db
def test_chart_counts_the_last_two_years_by_month():
    now = timezone.now()
    make_brief(published_at=now - timedelta(hours=1))
    make_brief(published_at=now - timedelta(hours=2))
    make_brief(published_at=now - timedelta(days=800))  # too old for the chart
    make_brief(published_at=now + timedelta(days=3))  # scheduled, not yet published
    chart = client_for(editor()).get(DASHBOARD).context["chart"]
    assert len(chart["bars"]) == 24
    assert chart["bars"][-1]["total"] == 2
    assert chart["total"] == 2
    assert chart["bars"][-1]["height"] > 0


@pytest.mark.django_db
def test_dashboard_shows_name_spellings_for_the_reference_export(imported_reference):
    text = client_for(editor()).get(DASHBOARD).content.decode()
    assert "Lee Jae Mung" in text and "Lee Jae Myung" in text


@pytest.mark.django_db
def test_dashboard_query_count_does_not_grow(django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(editor())

    def fill(total):
        while Brief.objects.count() < total:
            make_brief(
                authors=[make_author(bio="")],
                published_at=timezone.now() + timedelta(days=1),
            )
        client.get(DASHBOARD)

    fill(5)
    with CaptureQueriesContext(connection) as with_five:
        client.get(DASHBOARD)
    queries_with_five = len(with_five)
    fill(50)
    with django_assert_num_queries(queries_with_five):
        response = client.get(DASHBOARD)
    assert len(response.context["compliance"]) == 50
