"""Working together in a real browser: two editors on one brief (the lock notice,
the conflicting save and its merge), and a contributor's draft through review,
with a note, to publish, with the notification mails."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from playwright.sync_api import expect

from briefs import history
from briefs.editorial.roles import CONTRIBUTOR, EDITOR
from briefs.models import Brief
from tests.browser.test_editor_journey import log_in
from tests.factories import make_brief

PASSWORD = "a long test password"


def person(username, role, full_name):
    first, last = full_name.split()
    user = User.objects.create_user(
        username,
        email=f"{username}@example.org",
        password=PASSWORD,
        is_staff=True,
        first_name=first,
        last_name=last,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def a_draft():
    brief = make_brief(
        "Ports and power",
        status=Brief.Status.DRAFT,
        published_at=datetime(2026, 6, 1, 12, tzinfo=UTC),
        summary="How ports shape power.",
        body="Ports matter for trade.\n\nPower follows the shipping lanes.",
    )
    history.record_current_byline([brief.pk])
    return brief


class Clicks:
    """Counts the clicks a person makes on a page (the issue's measure)."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        locator.click()
        self.count += 1


def shot(page, name, step):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}--{step}.png"), full_page=True)


def type_in_body(page, text):
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_two_editors_on_one_brief_lock_notice_and_conflict_merge(
    roles, live_server, browser, page, watch
):
    person("ada", EDITOR, "Ada Byron")
    person("ben", EDITOR, "Ben Okri")
    brief = a_draft()
    base = live_server.url
    change = f"{base}/admin/briefs/brief/{brief.pk}/change/"
    name = "desk-together-two-editors"

    log_in(page, base, "ada", PASSWORD)
    page.goto(change)
    expect(page.locator("#desk-presence")).to_be_hidden()

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    ben = other.new_page()
    log_in(ben, base, "ben", PASSWORD)
    ben.goto(change)
    notice = ben.locator("#desk-presence")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Ada Byron (since ")
    expect(notice).to_contain_text("has this brief open")
    shot(ben, name, "1-lock-notice")
    # Ada's heartbeat brings the news that Ben came in.
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.locator("#desk-presence")).to_contain_text("Ben Okri (since ")

    # Ben changes the summary and the first paragraph, and saves first.
    ben.get_by_label("Summary").fill("How ports shape power, and who holds them.")
    ben.locator(".CodeMirror").click()
    ben.keyboard.press("Control+Home")
    ben.keyboard.press("End")
    ben.keyboard.type(" Most of it.")
    ben.get_by_role("button", name="Save draft").click()
    expect(ben.locator(".messagelist")).to_contain_text("is now: Draft")

    # Ada, unaware, changes the title and the last paragraph.
    page.get_by_label("Title").fill("Ports, power and people")
    type_in_body(page, " And people.")
    page.get_by_role("button", name="Save draft").click()
    panel = page.locator("#desk-conflict")
    expect(panel).to_contain_text("Ben Okri saved this brief")
    expect(panel).to_contain_text("Their changes to Summary are now in the form")
    body_row = page.locator("#desk-conflict-body")
    expect(body_row.locator("ins").first).to_be_visible()
    expect(page.get_by_label("Summary")).to_have_value(
        "How ports shape power, and who holds them."
    )
    # Ben went back to the list when he saved: no longer shown as here.
    expect(page.locator("#desk-presence")).to_be_hidden()
    shot(page, name, "2-conflict")
    brief.refresh_from_db()
    assert brief.title == "Ports and power"  # Ada's save was not applied

    # Resolving it: one choice for the one field both changed, then save.
    clicks = Clicks(page)
    clicks.click(body_row.get_by_label("Merge by hand"))
    expect(body_row.locator("textarea")).to_have_value(
        "Ports matter for trade. Most of it.\n\n"
        "Power follows the shipping lanes. And people."
    )
    shot(page, name, "3-merge-chosen")
    clicks.click(page.get_by_role("button", name="Save draft"))
    expect(page.locator(".messagelist")).to_contain_text("is now: Draft")
    shot(page, name, "4-saved")
    brief.refresh_from_db()
    assert brief.title == "Ports, power and people"
    assert brief.summary == "How ports shape power, and who holds them."
    assert brief.body == (
        "Ports matter for trade. Most of it.\n\n"
        "Power follows the shipping lanes. And people."
    )
    assert brief.history.first().history_user.username == "ada"
    # Before: "open the brief again", click into the title and retype it, into
    # the body and retype the sentence, save: 4 clicks and the typing again.
    assert clicks.count == 2
    print(f"\nresolve a conflicting save: {clicks.count} clicks, no retyping")
    other.close()
    watch.assert_clean()


def test_a_contributors_draft_through_review_with_a_note_to_publish_with_mail(
    roles, live_server, browser, page, watch
):
    writer = person("cleo", CONTRIBUTOR, "Cleo Ward")
    person("dora", EDITOR, "Dora Marsh")
    person("eli", EDITOR, "Eli Stone")
    brief = a_draft()
    base = live_server.url
    change = f"{base}/admin/briefs/brief/{brief.pk}/change/"
    name = "desk-together-review"
    mail.outbox.clear()

    log_in(page, base, "cleo", PASSWORD)
    page.goto(change)
    page.get_by_label("Add a note").fill("Ready for review: the lanes map is new.")
    page.get_by_role("button", name="Add note").click()
    notes = page.locator("#review-notes")
    expect(notes).to_contain_text("Ready for review: the lanes map is new.")
    expect(notes).to_contain_text("Cleo Ward")
    expect(notes).to_contain_text("America/New_York")
    shot(page, name, "1-note")
    # The note goes to the editors at once.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dora@example.org",
        "eli@example.org",
    ]
    mail.outbox.clear()

    page.get_by_label("Summary").fill("How ports shape power, reviewed.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is now: In review")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "dora@example.org",
        "eli@example.org",
    ]
    assert all("For review: Ports and power" in m.subject for m in mail.outbox)
    mail.outbox.clear()

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    dora = other.new_page()
    log_in(dora, base, "dora", PASSWORD)
    dora.goto(change)
    expect(dora.locator("#review-notes")).to_contain_text("the lanes map is new")
    dora.get_by_label("Add a note").fill("Checked the map. Publishing.")
    dora.get_by_role("button", name="Add note").click()
    expect(dora.locator("#review-notes")).to_contain_text("Checked the map.")
    assert [m.to for m in mail.outbox] == [[writer.email]]
    mail.outbox.clear()
    dora.get_by_role("button", name="Publish").click()
    expect(dora.locator(".messagelist")).to_contain_text("is now: Published")
    shot(dora, name, "2-published")
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED and brief.is_public
    assert [m.to for m in mail.outbox] == [[writer.email]]
    published = mail.outbox[0]
    assert "Published: Ports and power" in published.subject
    assert "Dora Marsh published" in published.body
    assert brief.get_absolute_url() in published.body

    # The notes stay with the brief's history.
    dora.goto(f"{base}/admin/briefs/brief/{brief.pk}/history/")
    expect(dora.locator("#review-notes")).to_contain_text("Checked the map.")
    shot(dora, name, "3-history-with-notes")
    other.close()
    watch.assert_clean()


@pytest.fixture(autouse=True)
def _empty_outbox():
    mail.outbox = []
    yield
