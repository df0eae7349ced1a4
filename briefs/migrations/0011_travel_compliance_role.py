"""Creates the Compliance group, which keeps the FARA register.

The list is copied, not imported from briefs.editions.compliance, so that this
migration keeps doing what it did; tests/test_fara_register.py checks they agree.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMPLIANCE = "Compliance"
COMPLIANCE_PERMISSIONS = [
    "briefs.view_filingentry",
    "briefs.change_filingentry",
    "briefs.file_filingentry",
    "briefs.view_brief",
    "briefs.view_author",
    "briefs.view_series",
    "briefs.view_disclosure",
]


def create_role(apps, schema_editor):
    app_config = apps.get_app_config("briefs")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=COMPLIANCE)
    group.permissions.set(
        [
            Permission.objects.get(
                content_type__app_label=perm.split(".")[0],
                codename=perm.split(".")[1],
            )
            for perm in COMPLIANCE_PERMISSIONS
        ]
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COMPLIANCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0010_travel_fara_register"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
