"""States, scheduling without cron, validation before publish, slug redirects."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from briefs.editorial import workflow
from briefs.models import Brief, SlugRedirect
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_brief, make_disclosure

GOES_LIVE = timezone.make_aware(datetime(2026, 3, 2, 9, 0))


def frozen(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


@pytest.mark.django_db
def test_scheduled_brief_appears_exactly_at_its_time(client):
    brief = make_brief("Scheduled brief", published_at=GOES_LIVE)
    page = reverse("briefs:brief_detail", kwargs={"slug": brief.slug})

    with frozen(GOES_LIVE - timedelta(seconds=1)):
        assert workflow.state_of(brief) == workflow.SCHEDULED
        assert workflow.state_label(brief).startswith("Scheduled for ")
        assert not Brief.objects.published().filter(pk=brief.pk).exists()
        assert client.get(page).status_code == 404
        assert b"Scheduled brief" not in client.get("/").content

    with frozen(GOES_LIVE):
        assert workflow.state_of(brief) == workflow.PUBLISHED
        assert Brief.objects.published().filter(pk=brief.pk).exists()
        assert client.get(page).status_code == 200
        assert b"Scheduled brief" in client.get("/").content


@pytest.mark.django_db
def test_editor_schedules_with_the_action_and_the_changelist_shows_it():
    brief = make_brief("To schedule", status=Brief.Status.DRAFT)
    client = client_for(editor())
    changelist = reverse("admin:briefs_brief_changelist")
    with frozen(GOES_LIVE - timedelta(days=1)):
        client.get(changelist)
        client.post(
            changelist,
            {
                "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
                "action": "schedule",
                "_selected_action": [str(brief.pk)],
                "publish_at": "2026-03-02T09:00",
            },
        )
        brief.refresh_from_db()
        assert brief.status == Brief.Status.PUBLISHED
        assert brief.published_at == GOES_LIVE
        page = client.get(changelist, {"state": "scheduled"}).content.decode()
        assert "To schedule" in page and "Scheduled for" in page
        assert not Brief.objects.published().exists()
    with frozen(GOES_LIVE):
        assert list(Brief.objects.published()) == [brief]


@pytest.mark.django_db
def test_state_filter_matches_each_state():
    now = timezone.now()
    expected = {
        workflow.DRAFT: make_brief(status=Brief.Status.DRAFT),
        workflow.REVIEW: make_brief(status=Brief.Status.REVIEW),
        workflow.SCHEDULED: make_brief(published_at=now + timedelta(hours=1)),
        workflow.PUBLISHED: make_brief(published_at=now - timedelta(hours=1)),
    }
    for state, brief in expected.items():
        found = Brief.objects.filter(workflow.state_filter(state, now))
        assert list(found) == [brief]
        assert workflow.state_of(brief, now) == state


@pytest.mark.django_db
def test_publish_refused_without_disclosure_says_what_is_missing():
    brief = make_brief("No disclosure", status=Brief.Status.REVIEW, disclosure=None)
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    data["_workflow"] = "publish"
    response = client.post(change_url(brief), data)
    assert response.status_code == 200
    assert "Cannot publish: the brief needs a disclosure." in response.content.decode()
    brief.refresh_from_db()
    assert brief.status == Brief.Status.REVIEW


@pytest.mark.django_db
def test_publish_refused_without_author_or_with_inactive_disclosure():
    inactive = make_disclosure(text="An old statement.", is_active=False)
    brief = make_brief(
        "Lacking", status=Brief.Status.DRAFT, authors=[], disclosure=inactive
    )
    assert workflow.missing_for_publish(brief) == [
        "at least one author",
        'an active disclosure ("FARA statement" is inactive)',
    ]
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    data.update(_workflow="publish", disclosure=str(make_disclosure().pk))
    response = client.post(change_url(brief), data)
    assert "Cannot publish: the brief needs at least one author." in (
        response.content.decode()
    )
    brief.refresh_from_db()
    assert brief.status == Brief.Status.DRAFT


@pytest.mark.django_db
def test_publish_action_refuses_incomplete_briefs_and_publishes_the_rest():
    good = make_brief("Complete", status=Brief.Status.DRAFT)
    bad = make_brief("Incomplete", status=Brief.Status.DRAFT, disclosure=None)
    result = workflow.publish(Brief.objects.filter(pk__in=[good.pk, bad.pk]))
    assert [b.pk for b in result.done] == [good.pk]
    assert result.refused[0][1] == "Cannot publish: the brief needs a disclosure."
    bad.refresh_from_db()
    assert bad.status == Brief.Status.DRAFT


@pytest.mark.django_db
def test_publish_now_keeps_an_imported_briefs_original_date():
    original = timezone.make_aware(datetime(2025, 12, 17))
    brief = make_brief(status=Brief.Status.DRAFT, published_at=original)
    workflow.publish([brief])
    brief.refresh_from_db()
    assert brief.published_at == original
    assert brief.is_public


@pytest.mark.django_db
def test_contributor_submits_for_review_but_cannot_publish():
    brief = make_brief("Draft", status=Brief.Status.DRAFT)
    client = client_for(contributor())
    data = form_data(client.get(change_url(brief)))
    data["_workflow"] = "review"
    assert client.post(change_url(brief), data).status_code == 302
    brief.refresh_from_db()
    assert brief.status == Brief.Status.REVIEW


def test_can_publish_by_role(db):
    assert not workflow.can_publish(AnonymousUser())
    assert not workflow.can_publish(None)
    assert not workflow.can_publish(contributor())
    assert workflow.can_publish(editor())


@pytest.mark.django_db
def test_slug_change_of_a_published_brief_stores_a_redirect():
    brief = make_brief("Renamed", slug="old-address")
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    data.update(slug="new-address", _workflow="keep")
    assert client.post(change_url(brief), data).status_code == 302
    redirect = SlugRedirect.objects.get(old_slug="old-address")
    assert redirect.brief == brief
    # Back to the old slug: it is the brief's address again, not a redirect.
    brief.refresh_from_db()
    brief.slug = "old-address"
    brief.save()
    assert list(SlugRedirect.objects.values_list("old_slug", flat=True)) == [
        "new-address"
    ]


@pytest.mark.django_db
def test_slug_change_of_a_draft_stores_no_redirect():
    brief = make_brief(slug="draft-address", status=Brief.Status.DRAFT)
    brief.slug = "draft-address-2"
    brief.save()
    assert not SlugRedirect.objects.exists()


@pytest.mark.django_db
def test_every_save_bumps_the_version():
    brief = make_brief()
    assert brief.version == 1
    brief.save()
    stale = Brief.objects.get(pk=brief.pk)
    brief.save()
    # A writer holding an old copy still moves the version forward.
    stale.save()
    stale.refresh_from_db()
    assert stale.version == 4
