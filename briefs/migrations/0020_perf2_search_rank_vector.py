import django.contrib.postgres.search
from django.db import migrations

# As briefs.search.update_search_vectors builds it, for the briefs already stored.
FILL_RANK_VECTORS = """
UPDATE briefs_brief b SET rank_vector =
  setweight(to_tsvector('english', COALESCE(b.title, '')), 'A')
  || setweight(to_tsvector('english', COALESCE(b.summary, '')), 'B')
  || setweight(to_tsvector('english', COALESCE((
       SELECT string_agg(a.name, ' ') FROM briefs_briefauthor ba
       JOIN briefs_author a ON a.id = ba.author_id WHERE ba.brief_id = b.id
     ), '')), 'B')
  || setweight(to_tsvector('english', COALESCE((
       SELECT string_agg(t.name, ' ') FROM taggit_taggeditem ti
       JOIN taggit_tag t ON t.id = ti.tag_id
       JOIN django_content_type ct ON ct.id = ti.content_type_id
       WHERE ct.app_label = 'briefs' AND ct.model = 'brief' AND ti.object_id = b.id
     ), '')), 'B')
"""


def fill_rank_vectors(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_RANK_VECTORS)


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0019_importer2_merge_duplicate_authors"),
    ]

    operations = [
        migrations.AddField(
            model_name="brief",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(fill_rank_vectors, migrations.RunPython.noop),
    ]
