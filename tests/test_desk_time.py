"""Time in the site's zone: one publish box, the same in the action; the queue."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


def test_publish_box_is_one_field_labelled_with_the_zone():
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(editor())
    page = client.get(reverse("admin:briefs_brief_change", args=[brief.pk]))
    text = page.content.decode()
    assert "Publish date and time (America/New_York)" in text
    assert 'type="datetime-local"' in text and "published_at_0" not in text
    changelist = client.get(reverse("admin:briefs_brief_changelist")).content
    assert b"Schedule for (America/New_York)" in changelist


def test_tomorrow_nine_in_the_form_is_nine_in_new_york_and_an_untouched_date_stays():
    brief = make_brief(status=Brief.Status.DRAFT)
    exact = brief.published_at
    client = client_for(editor())
    url = reverse("admin:briefs_brief_change", args=[brief.pk])
    data = {**form_data(client.get(url)), "_workflow": "draft"}
    assert client.post(url, data).status_code == 302
    brief.refresh_from_db()
    assert brief.published_at == exact  # microseconds and all
    tomorrow = timezone.localtime().date() + timedelta(days=1)
    data = {**form_data(client.get(url)), "_workflow": "publish"}
    data["published_at"] = f"{tomorrow.isoformat()}T09:00"
    assert client.post(url, data).status_code == 302
    brief.refresh_from_db()
    assert brief.published_at == datetime(
        tomorrow.year, tomorrow.month, tomorrow.day, 9, tzinfo=NEW_YORK
    )
    assert not brief.is_public


def test_scheduled_queue_lists_the_next_30_days_by_day(django_assert_max_num_queries):
    now = timezone.now()
    soon = make_brief("Goes out soon", published_at=now + timedelta(days=1))
    later = make_brief("Goes out later", published_at=now + timedelta(days=3))
    make_brief("Too far ahead", published_at=now + timedelta(days=45))
    make_brief("Already live", published_at=now - timedelta(days=1))
    client = client_for(editor())
    url = reverse("admin:briefs_brief_scheduled")
    with django_assert_max_num_queries(12):
        page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index(soon.title) < text.index(later.title)
    assert "Too far ahead" not in text and "Already live" not in text
    day = timezone.localtime(soon.published_at)
    assert day.strftime("%A, %B ") + str(day.day) in text
    changelist = client.get(reverse("admin:briefs_brief_changelist"))
    assert url in changelist.content.decode()
