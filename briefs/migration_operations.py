from django.db.migrations.operations import AddIndex


class AddIndexOnPostgres(AddIndex):
    """AddIndex for PostgreSQL-only index types (GIN on a tsvector).

    The index stays in the migration state on every database, so makemigrations
    sees no change, but SQLite, which has no GIN, never gets the SQL.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
