"""A large import in a real browser: the progress page polls (its script is a
static file, allowed by a strict CSP) and shows the dry run, then the import,
as the task worker gets through them."""

from django.core.management import call_command
from playwright.sync_api import expect

from briefs.models import Brief
from tests.browser.test_editor_journey import (  # noqa: F401 - fixtures
    editor_login,
    log_in,
)
from tests.conftest import REFERENCE_EXPORT
from tests.test_admin_import_jobs import roles_present  # noqa: F401 - fixture


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_progress_page_follows_the_worker(
    transactional_db,
    roles_present,  # noqa: F811
    editor_login,  # noqa: F811
    live_server,
    page,
    watch,
    shoot,
    settings,
):
    settings.IMPORT_BACKGROUND_MIN_BYTES = 1
    base = live_server.url
    log_in(page, base, *editor_login)

    page.goto(base + "/admin/briefs/brief/import/")
    page.get_by_label("Export files").set_input_files(str(REFERENCE_EXPORT))
    page.get_by_role("button", name="Check files").click()
    expect(page.locator("#import-progress-state")).to_have_text("Dry run under way")
    shoot("checking")

    run_worker()

    # No reload by the test: the page's script sees the change and reloads.
    expect(
        page.get_by_role("heading", name="Dry run: nothing has been written yet")
    ).to_be_visible(timeout=15_000)
    expect(page.locator("#content-main")).to_contain_text("(created)")
    shoot("checked")
    page.get_by_role("button", name="Import these files").click()
    expect(page.locator("#import-progress-state")).to_have_text(
        "Waiting for the worker"
    )

    run_worker()

    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=15_000)
    expect(page.locator("#import-progress-count")).to_have_text("1 of 1")
    shoot("imported")
    assert Brief.objects.count() == 3
    watch.assert_clean()
