"""A reader's visit in a real browser: home, a series, a brief, an author, search,
subscribe. Nothing on the way fires a dialog or logs an error."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import SEEDS


@pytest.fixture
def archive(transactional_db):
    call_command("import_briefs", str(SEEDS), verbosity=0)


def test_a_reader_browses_reads_searches_and_subscribes(
    archive, live_server, page, watch, shoot
):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Latest briefs")).to_be_visible()
    shoot("home")

    page.locator(".current-series").get_by_role(
        "link", name="Table of contents"
    ).click()
    expect(page.locator("h1")).to_contain_text("Korea Policy Series")
    shoot("series")

    page.get_by_role(
        "link", name="Building Up Japan-South Korea Rapprochement"
    ).first.click()
    expect(page.locator("h1")).to_have_text(
        "Korea Policy Series: Building Up Japan-South Korea Rapprochement"
    )
    # The disclosure is on the page, before the body.
    disclosure = page.locator("text=registered under the FARA").first
    expect(disclosure).to_be_visible()
    shoot("brief")

    page.get_by_role("link", name="More by Shihoko Goto").click()
    expect(page.locator("h1")).to_have_text("Shihoko Goto")
    expect(page.locator("main")).to_contain_text("Foreign Policy Research Institute")
    shoot("author")

    page.get_by_role("searchbox", name="Search briefs").fill("alliance")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/search/?q=alliance")
    expect(page.locator("main")).to_contain_text("Uncertain Future")
    shoot("search")

    feed_link = page.locator("footer .subscribe a", has_text="RSS").first
    href = feed_link.get_attribute("href")
    response = page.request.get(
        href if href.startswith("http") else live_server.url + href
    )
    assert response.status == 200
    assert "xml" in response.headers["content-type"]
    assert "Building Up Japan-South Korea Rapprochement" in response.text()
    watch.assert_clean()
