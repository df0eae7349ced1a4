"""Real-browser tests: Debian's Chromium driven by Playwright (pytest-playwright).

They are marked `browser`: `make test-browser` runs them alone, `make test` with
the rest. Without /usr/bin/chromium they skip, unless REQUIRE_BROWSER is set (CI
sets it), where a missing browser is a failure, not a quiet skip.
"""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# Playwright runs an event loop in the test's thread; the ORM calls the tests
# make there (fixtures, checks) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"):
                item.add_marker(pytest.mark.skip(reason="needs /usr/bin/chromium"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


class PageWatch:
    """Everything a page says went wrong: dialogs, script errors, console errors."""

    def __init__(self, page):
        self.dialogs, self.errors = [], []
        page.on("dialog", self.on_dialog)
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        page.on("console", self.on_console)
        page.on("response", self.on_response)

    def on_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(self, message):
        # CSP violations are reported as console errors too. A failed load is
        # reported with its URL by on_response.
        if message.type == "error" and not message.text.startswith(
            "Failed to load resource"
        ):
            self.errors.append(f"console: {message.text}")

    def on_response(self, response):
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def assert_clean(self):
        assert self.dialogs == [], f"dialogs fired: {self.dialogs}"
        assert self.errors == [], "\n".join(self.errors)


@pytest.fixture
def watch(page):
    return PageWatch(page)


@pytest.fixture
def shoot(page, request):
    """Save a 1280 px screenshot of the current step under tests/artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    base = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def take(step):
        page.screenshot(path=str(ARTIFACTS / f"{base}--{step}.png"), full_page=True)

    return take


@pytest.fixture
def roles(transactional_db):
    """The editorial groups: a live-server test's flush removes what 0002 made."""
    import importlib

    from django.apps import apps

    importlib.import_module("briefs.migrations.0002_roles").create_roles(apps, None)
