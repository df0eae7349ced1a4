"""Schema states for data-migration tests: migrate back, fill rows with the old
models, migrate forward, and leave the latest schema for the tests after."""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def old_apps_at(before):
    """The app registry at `before`, the database migrated back to it; the
    latest schema again once the generator is closed (a fixture's teardown)."""
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    yield executor.loader.project_state(before).apps
    call_command("migrate", verbosity=0)


def migrate_to(after):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
