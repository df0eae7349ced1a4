"""Stored text in the one form saves now give it: LF line endings, no line-end spaces.

Rows saved through the admin before carry CRLF; tidied here, an unchanged brief's
next save is no longer a rewrite. The rendered body does not change (Markdown reads
CRLF as LF), so body_html is left alone, and no history record is made: the
content is the same.
"""

from django.db import migrations

from briefs.text import text_fields, tidy_text


def tidy_rows(apps, schema_editor):
    for name in ("Brief", "Author", "Series"):
        model = apps.get_model("briefs", name)
        names = [f.attname for f in text_fields(model) if f.name != "body_html"]
        changed = []
        for row in model.objects.only("pk", *names).iterator(chunk_size=500):
            dirty = False
            for attname in names:
                value = getattr(row, attname)
                tidied = tidy_text(value)
                if tidied != value:
                    setattr(row, attname, tidied)
                    dirty = True
            if dirty:
                changed.append(row)
        model.objects.bulk_update(changed, names, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0011_travel_compliance_role"),
    ]

    operations = [
        migrations.RunPython(tidy_rows, migrations.RunPython.noop, elidable=True),
    ]
