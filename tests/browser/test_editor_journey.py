"""An editor's day in a real browser: log in, import a file through the admin, fix
a typo, schedule the brief and see it go live by itself at its time."""

import re
import time
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from briefs.editorial.roles import EDITOR
from briefs.models import Brief
from tests.conftest import REFERENCE_EXPORT

TYPO = "A Strategic Reset of the U.S.-South Korea Allaince Under Trump and Lee"
FIXED = "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee"


@pytest.fixture
def editor_login(roles):
    user = User.objects.create_user(
        "edith", password="a long test password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR))
    return "edith", "a long test password"


@pytest.fixture
def export_with_typo(tmp_path):
    path = tmp_path / "peninsula-export.txt"
    path.write_text(REFERENCE_EXPORT.read_text().replace(FIXED, TYPO))
    return path


def anonymous_status(url):
    """What a reader gets: no session (the editor's browser would see a preview)."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_in(page, base_url, username, password):
    page.goto(base_url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()


def test_an_editor_imports_fixes_a_typo_schedules_and_sees_it_live(
    editor_login, export_with_typo, live_server, page, watch, shoot
):
    base = live_server.url
    log_in(page, base, *editor_login)
    shoot("logged-in")

    page.goto(base + "/admin/briefs/brief/")
    page.get_by_role("link", name="Import briefs").click()
    page.get_by_label("Export files").set_input_files(str(export_with_typo))
    # Drafts are the default; an editor could tick "Publish new briefs on import".
    expect(page.get_by_label("Publish new briefs on import")).not_to_be_checked()
    page.get_by_role("button", name="Check files").click()
    expect(
        page.get_by_role("heading", name="Dry run: nothing has been written yet")
    ).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text(TYPO)
    shoot("dry-run")
    page.get_by_role("button", name="Import these files").click()
    expect(page.locator(".messagelist")).to_contain_text("created")
    # The message links to the brief it made.
    expect(page.locator(".messagelist a").first).to_have_attribute(
        "href", re.compile(r"/admin/briefs/brief/\d+/change/")
    )
    assert Brief.objects.filter(title=TYPO, status=Brief.Status.DRAFT).exists()
    shoot("imported")

    page.locator("#result_list").get_by_role("link", name=TYPO).click()
    page.get_by_label("Title").fill(FIXED)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft")
    brief = Brief.objects.get(title=FIXED)
    public_url = base + brief.get_absolute_url()
    assert anonymous_status(public_url) == 404  # still a draft
    shoot("typo-fixed")

    page.locator("#result_list").get_by_role("link", name=FIXED).click()
    go_live = timezone.localtime(timezone.now() + timedelta(seconds=6))
    page.locator("#id_published_at").fill(go_live.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled for")
    shoot("scheduled")
    assert anonymous_status(public_url) == 404  # not yet

    deadline = time.monotonic() + 30
    while anonymous_status(public_url) != 200:
        assert time.monotonic() < deadline, "the scheduled brief never went live"
        time.sleep(0.5)
    page.goto(base + "/")
    expect(page.get_by_role("link", name=FIXED).first).to_be_visible()
    shoot("live-on-home")
    watch.assert_clean()
