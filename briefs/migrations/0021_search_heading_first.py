import django.contrib.postgres.indexes
from django.db import migrations

# A phrase ("public debt") is checked against each candidate's stored vector,
# as the GIN index keeps no positions. Kept out of line, every check fetched the
# vector from the TOAST table (three pages a brief); kept in the row (MAIN:
# out of line only if the row would not fit its page) it is read with the row.
# The concatenation makes new values, so existing ones move into the row too.
VECTOR_IN_ROW = """
ALTER TABLE briefs_brief ALTER COLUMN search_vector SET STORAGE MAIN;
UPDATE briefs_brief SET search_vector = search_vector || ''::tsvector
 WHERE search_vector IS NOT NULL;
"""
VECTOR_OUT_OF_LINE = (
    "ALTER TABLE briefs_brief ALTER COLUMN search_vector SET STORAGE EXTENDED;"
)


def vector_in_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_IN_ROW)


def vector_out_of_line(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VECTOR_OUT_OF_LINE)


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0020_perf2_search_rank_vector"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="brief",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["rank_vector"], name="brief_rank_vector"
            ),
        ),
        migrations.RunPython(vector_in_row, vector_out_of_line),
    ]
