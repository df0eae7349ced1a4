"""Hostile imports in a real browser: script tags, event attributes and
`javascript:` links in every imported field render as text. No dialog fires on
any page, nor after clicking every link of a brief page; no console errors."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from briefs.models import Author, Brief
from tests.conftest import REFERENCE_EXPORT

TITLE_ATTACK = "<img src=x onerror=alert('title')>"
# Each field of the export's first post, as an attacker would fill it.
ATTACKS = {
    "Rapprochement\n": f"Rapprochement {TITLE_ATTACK}\n",
    "[Shihoko Goto](#)": (
        "[Shihoko Goto<script>alert('byline')</script>](javascript:alert('a'))"
    ),
    "[Japan](#)": (
        "[Japan\" onmouseover=\"alert('category')](#), [<svg onload=alert('c2')>](#)"
    ),
    "The commitment to improve relations": (
        "<script>alert('body')</script> <a href=\"javascript:alert('href')\">x</a> "
        "[click](javascript:alert('md')) <iframe src=\"javascript:alert('if')\">"
        "</iframe> <p onclick=\"alert('p')\">p</p> The commitment to improve relations"
    ),
    "Shihoko Goto is Vice President of Programs": (
        "Shihoko Goto is <b onclick=\"alert('bio')\">Vice President</b> of Programs"
    ),
    "[Prime Minister's Office of Japan](#)": (
        "[Office<img src=x onerror=alert('credit')>](javascript:alert('credit-link'))"
    ),
    "Washington, D.C.\n\nReturn": (
        "Washington, D.C. <script>alert('fara')</script>\n\nReturn"
    ),
}


@pytest.fixture
def hostile_archive(transactional_db, tmp_path):
    text = REFERENCE_EXPORT.read_text()
    for original, attack in ATTACKS.items():
        assert original in text, original
        text = text.replace(original, attack, 1)
    path = tmp_path / "hostile.txt"
    path.write_text(text)
    call_command("import_briefs", str(path), verbosity=0)
    brief = Brief.objects.published().get(title__contains="Rapprochement")
    return brief


def public_pages(brief):
    pages = [
        "/",
        "/series/",
        "/authors/",
        "/search/?q=alert",
        brief.get_absolute_url(),
    ]
    pages += [a.get_absolute_url() for a in Author.objects.public()]
    pages += [
        f"/categories/{tag.slug}/" for tag in Brief.objects.published().categories()
    ]
    if brief.series:
        pages.append(brief.series.get_absolute_url())
    return pages


def open_settled(page, url):
    """Go to url, even if the click before it started a navigation of its own."""
    for _ in range(3):
        try:
            page.goto(url)
            return
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error):
                raise
            page.wait_for_load_state("load")
    page.goto(url)


def test_hostile_text_renders_as_text_and_runs_nowhere(
    hostile_archive, live_server, page, watch, shoot
):
    # No request leaves the machine: links to other sites end here.
    page.route(
        lambda url: not url.startswith(live_server.url), lambda route: route.abort()
    )
    for path in public_pages(hostile_archive):
        page.goto(live_server.url + path)
        page.mouse.move(300, 300)
        page.mouse.move(600, 500)
    page.goto(live_server.url + hostile_archive.get_absolute_url())
    expect(page.locator("h1")).to_contain_text(TITLE_ATTACK)
    assert (
        page.locator("script:not([type='application/ld+json'])").evaluate_all(
            "nodes => nodes.filter(n => n.textContent.includes('alert')).length"
        )
        == 0
    )
    assert (
        page.locator("[onerror], [onclick], [onload], [onmouseover], iframe").count()
        == 0
    )
    shoot("brief")

    links = page.locator("a[href]")
    hrefs = links.evaluate_all("nodes => nodes.map(n => n.getAttribute('href'))")
    assert not [
        h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))
    ]
    brief_url = live_server.url + hostile_archive.get_absolute_url()
    for index in range(len(hrefs)):
        open_settled(page, brief_url)
        # The DOM's click(): what a reader's click does, hidden links included
        # (a skip link, a print-only URL), and it follows javascript: targets.
        page.locator("a[href]").nth(index).evaluate("link => link.click()")
        page.wait_for_timeout(150)
        page.wait_for_load_state("load")
    watch.dialogs and pytest.fail(f"dialogs fired: {watch.dialogs}")
    # Blocked off-site loads are ours, not the page's: leave them out.
    watch.errors = [e for e in watch.errors if live_server.url in e or "HTTP" not in e]
    watch.assert_clean()
