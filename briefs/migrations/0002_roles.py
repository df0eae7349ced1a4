"""Creates the Contributor and Editor groups with their permissions.

The lists are copied, not imported from briefs.roles, so that this migration keeps
doing what it did when briefs.roles changes; tests/test_roles.py checks they agree.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTRIBUTOR_PERMISSIONS = [
    "briefs.add_brief",
    "briefs.change_brief",
    "briefs.view_brief",
    "briefs.add_briefauthor",
    "briefs.change_briefauthor",
    "briefs.delete_briefauthor",
    "briefs.view_briefauthor",
    "briefs.add_author",
    "briefs.change_author",
    "briefs.view_author",
    "briefs.view_series",
    "briefs.view_disclosure",
    "taggit.view_tag",
]

EDITOR_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("briefs", "brief"),
        ("briefs", "briefauthor"),
        ("briefs", "author"),
        ("briefs", "series"),
        ("briefs", "slugredirect"),
        ("taggit", "tag"),
        ("taggit", "taggeditem"),
    ]
    for action in ("add", "change", "delete", "view")
] + [
    "briefs.add_disclosure",
    "briefs.change_disclosure",
    "briefs.view_disclosure",
    "briefs.publish_brief",
]

ROLES = {"Contributor": CONTRIBUTOR_PERMISSIONS, "Editor": EDITOR_PERMISSIONS}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); a fresh
    # database has none yet, so create them now for the apps the roles refer to.
    for label in ("briefs", "taggit"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )
        group.permissions.set(wanted)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("briefs", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
