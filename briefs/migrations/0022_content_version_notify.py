from django.db import migrations

import briefs.content_version


def notify_on_change(apps, schema_editor):
    # The function the triggers call, now also announcing each change.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(briefs.content_version.POSTGRES_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("briefs", "0021_search_heading_first")]

    operations = [
        migrations.RunPython(notify_on_change, migrations.RunPython.noop),
    ]
