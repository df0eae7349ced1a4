"""Scheduling in New York time from the changelist and seeing the brief go live;
reverting a live brief through the compare view and keeping its date."""

import time
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from briefs import history
from briefs.models import Brief
from tests.browser.test_desk_writing import desk_editor, shoot_page  # noqa: F401
from tests.browser.test_editor_journey import anonymous_status, log_in
from tests.factories import make_brief


def test_schedule_in_local_time_with_the_action_and_see_it_go_live(
    desk_editor,  # noqa: F811
    live_server,
    page,
    watch,
):
    brief = make_brief("Queued brief", status=Brief.Status.REVIEW)
    base = live_server.url
    log_in(page, base, *desk_editor)
    page.goto(base + "/admin/briefs/brief/")
    go_live = timezone.localtime(timezone.now() + timedelta(seconds=8))
    page.locator("#result_list").get_by_role("checkbox").nth(1).check()
    page.locator("select[name=action]").select_option("schedule")
    box = page.get_by_label("Schedule for (America/New_York)")
    box.fill(go_live.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled")
    brief.refresh_from_db()
    assert brief.published_at == go_live.replace(microsecond=0)
    page.get_by_role("link", name="Scheduled queue").click()
    expect(page.locator("#content")).to_contain_text("Queued brief")
    shoot_page(page, "scheduled-queue")
    url = base + brief.get_absolute_url()
    deadline = time.monotonic() + 30
    while anonymous_status(url) != 200:
        assert time.monotonic() < deadline, "the scheduled brief never went live"
        time.sleep(0.5)
    watch.assert_clean()


def test_revert_a_live_brief_and_keep_its_date(
    desk_editor,  # noqa: F811
    live_server,
    page,
    watch,
):
    brief = make_brief("Right title", status=Brief.Status.DRAFT)
    history.record_current_byline([brief.pk])
    brief.status = Brief.Status.PUBLISHED
    brief.published_at = timezone.now() - timedelta(hours=1)
    brief.title = "Wrong title"
    brief.save()
    live_at = brief.published_at
    base = live_server.url
    log_in(page, base, *desk_editor)
    page.goto(f"{base}/admin/briefs/brief/{brief.pk}/history/")
    page.get_by_role("link", name="with now").last.click()
    expect(page.locator(".desk-words del")).to_have_text("Right")
    shoot_page(page, "compare")
    page.get_by_role("link", name="Revert to the “From” version…").click()
    expect(page.locator(".desk-note")).to_contain_text("The brief stays Published")
    shoot_page(page, "revert-confirm")
    page.get_by_role("button", name="Revert").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    brief.refresh_from_db()
    assert brief.title == "Right title"
    assert brief.published_at == live_at and brief.is_public
    assert anonymous_status(base + brief.get_absolute_url()) == 200
    watch.assert_clean()
