"""Writing a brief in a real browser: the Markdown editor, its preview by the
product's renderer, the full-page preview, the unsaved-changes warning and the
autosaved copy offered back after the tab was closed."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from briefs.editorial.roles import EDITOR
from briefs.models import Brief
from tests.browser.test_editor_journey import log_in
from tests.factories import make_brief


@pytest.fixture
def desk_editor(roles):
    user = User.objects.create_user(
        "wren", password="a long test password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITOR))
    return "wren", "a long test password"


def test_write_with_preview_and_get_the_autosave_back(
    desk_editor, live_server, page, watch, shoot
):
    brief = make_brief("A draft to write", status=Brief.Status.DRAFT)
    base = live_server.url
    log_in(page, base, *desk_editor)
    change = f"{base}/admin/briefs/brief/{brief.pk}/change/"
    page.goto(change)
    toolbar = page.locator(".editor-toolbar")
    expect(toolbar.get_by_role("button", name="Bold")).to_be_visible()
    for name in ("Heading", "Italic", "Quote", "Link", "Footnote", "Table"):
        expect(toolbar.get_by_role("button", name=name, exact=True)).to_be_visible()

    # Type in the editor and see the product's rendering beside it.
    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nA **bold claim** in the text.\n\n# A heading")
    toolbar.get_by_role("button", name="Preview beside the text").click()
    preview = page.locator(".editor-preview-side")
    expect(preview.locator("strong")).to_have_text("bold claim")
    # The page's only h1 is its title: the renderer makes "#" an h2.
    expect(preview.locator("h2", has_text="A heading")).to_be_visible()
    shoot("side-by-side")

    # The whole unsaved page, as readers will see it, in a new tab.
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview page").click()
    reader = opened.value
    reader.wait_for_load_state()
    expect(reader.locator("article strong", has_text="bold claim")).to_be_visible()
    expect(reader.locator(".preview-banner")).to_be_visible()
    shoot_page(reader, "page-preview")
    reader.close()
    brief.refresh_from_db()
    assert "bold claim" not in brief.body

    # The autosave runs on its own; the copy is on the server.
    expect(page.locator("#desk-autosave-status")).to_contain_text(
        "Autosaved at", timeout=20000
    )
    # Leaving now asks first (watch dismisses the question: the tab stays).
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert len(watch.dialogs) == 1
    watch.dialogs.clear()

    # Back in a new tab: the autosaved copy is offered, and restored.
    again = page.context.new_page()
    again.goto(change)
    offer = again.locator("#desk-autosave-offer")
    expect(offer).to_be_visible()
    shoot_page(again, "autosave-offered")
    offer.get_by_role("button", name="Restore them").click()
    expect(again.locator(".CodeMirror")).to_contain_text("bold claim")
    again.get_by_role("button", name="Save draft").click()
    expect(again.locator(".messagelist")).to_contain_text("Draft")
    brief.refresh_from_db()
    assert "A **bold claim** in the text." in brief.body
    assert "\r" not in brief.body
    shoot_page(again, "saved")
    watch.assert_clean()


def shoot_page(page, step):
    from tests.browser.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"desk-writing--{step}.png"), full_page=True)
