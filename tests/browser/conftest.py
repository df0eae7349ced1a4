"""Real-browser tests: Debian's Chromium driven by Playwright (pytest-playwright).

They are marked `browser`: `make test-browser` runs them alone, `make test` with
the rest. Without /usr/bin/chromium they skip, unless REQUIRE_BROWSER is set (CI
sets it), where a missing browser is a failure, not a quiet skip.
"""

import os
import re
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    in_browser = [i for i in items if here in Path(i.fspath).resolve().parents]
    for item in in_browser:
        item.add_marker(pytest.mark.browser)
        # The live server reads committed data: each test ends with a flush.
        item.add_marker(pytest.mark.django_db(transaction=True))
        if not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"):
            item.add_marker(pytest.mark.skip(reason="needs /usr/bin/chromium"))
    # Last, after pytest-django's own ordering: Playwright's event loop lives
    # until the session ends, and no other test (nor a command it starts) may
    # run beside it or after a flush took the migrations' rows away.
    chosen = set(map(id, in_browser))
    items[:] = [i for i in items if id(i) not in chosen] + in_browser


@pytest.fixture(scope="session", autouse=True)
def sync_orm_beside_playwright():
    # Playwright runs an event loop in the test's thread; the ORM calls the tests
    # make there (fixtures, checks, the flush after each test) are still
    # synchronous. Set from the first browser test on, as those run last.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(autouse=True)
def roles_after_a_flush(django_db_blocker):
    """The roles a data migration made, which the previous test's flush removed."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.management import create_contenttypes
    from django.contrib.contenttypes.models import ContentType

    from briefs.editorial.roles import ROLE_PERMISSIONS

    # A flush that inhibited post_migrate (after a serialized-rollback test)
    # leaves no content types or permissions either.
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = [name.split(".") for name in names]
        group.permissions.set(
            p
            for p in Permission.objects.select_related("content_type")
            if [p.content_type.app_label, p.codename] in wanted
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_ARGS,
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
    # The media library's permissions, which a later migration gives the roles.
    importlib.import_module("briefs.migrations.0017_desk3_media_library").grant(
        apps, None
    )
