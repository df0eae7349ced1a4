"""The content version: one row that every change to public content moves on.

Cached pages, feeds and navigation counts are keyed by it (briefs.site.caching),
so an editor's change is seen on the next request, whatever the cache backend and
however many processes serve the site. It lives in the database, not the cache:
the default cache is per process, and a change made in one process must reach
them all. Database triggers (migration 0006) move it on, in the writer's own
transaction, for every insert, update or delete of briefs, bylines, authors,
series, disclosures, old addresses, categories and their links: the admin, the
importer's bulk inserts, publish and unpublish, `QuerySet.update()` in a shell,
raw SQL. A rollback takes the bump back with the change.
"""

import time

from django.db import models

WATCHED_TABLES = (
    "briefs_brief",
    "briefs_briefauthor",
    "briefs_author",
    "briefs_series",
    "briefs_disclosure",
    "briefs_slugredirect",
    "taggit_tag",
    "taggit_taggeditem",
)


def first_version():
    # A recreated row (after a flush) must not reuse a version cached before.
    return int(time.time() * 1000)


class ContentVersion(models.Model):
    version = models.BigIntegerField(default=first_version)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.version}"


# What the triggers NOTIFY on commit (briefs.site.version_listener LISTENs).
CHANNEL = "briefs_content_changed"

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION briefs_content_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE briefs_contentversion
       SET version = version + 1, changed_at = clock_timestamp();
    -- Delivered when the transaction commits (briefs.site.version_listener).
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$;
"""


def install_triggers(connection):
    """SQL that makes every write to a watched table move the version on."""
    statements = []
    if connection.vendor == "postgresql":
        statements.append(POSTGRES_FUNCTION)
        for table in WATCHED_TABLES:
            statements.append(
                f"CREATE TRIGGER {table}_content_changed AFTER INSERT OR UPDATE OR "
                f"DELETE OR TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE "
                "FUNCTION briefs_content_changed();"
            )
    elif connection.vendor == "sqlite":
        # SQLite has row triggers only; a bulk insert bumps once a row, cheaply.
        for table in WATCHED_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                statements.append(
                    f"CREATE TRIGGER {table}_{event.lower()}_content_changed AFTER "
                    f"{event} ON {table} BEGIN UPDATE briefs_contentversion SET "
                    "version = version + 1, changed_at = "
                    "strftime('%Y-%m-%d %H:%M:%f', 'now'); END;"
                )
    return statements


def remove_triggers(connection):
    statements = []
    if connection.vendor == "postgresql":
        for table in WATCHED_TABLES:
            statements.append(
                f"DROP TRIGGER IF EXISTS {table}_content_changed ON {table};"
            )
        statements.append("DROP FUNCTION IF EXISTS briefs_content_changed();")
    elif connection.vendor == "sqlite":
        for table in WATCHED_TABLES:
            for event in ("insert", "update", "delete"):
                statements.append(
                    f"DROP TRIGGER IF EXISTS {table}_{event}_content_changed;"
                )
    return statements
