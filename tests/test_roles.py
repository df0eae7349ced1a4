"""The groups the data migration creates, and that they match briefs.editorial.roles."""

import importlib

import pytest
from django.contrib.auth.models import Group

from briefs.editorial import roles


def group_perms(name):
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


@pytest.mark.django_db
def test_migration_creates_both_roles_with_their_permissions():
    assert group_perms(roles.CONTRIBUTOR) == set(roles.CONTRIBUTOR_PERMISSIONS)
    assert group_perms(roles.EDITOR) == set(roles.EDITOR_PERMISSIONS)


def test_migration_lists_match_the_roles_module():
    migration = importlib.import_module("briefs.migrations.0002_roles")
    library = importlib.import_module("briefs.migrations.0017_desk3_media_library")
    for role, permissions in roles.ROLE_PERMISSIONS.items():
        made = migration.ROLES[role] + library.LIBRARY_PERMISSIONS[role]
        assert sorted(made) == sorted(permissions)


@pytest.mark.django_db
def test_contributor_cannot_publish_or_delete_editor_can():
    contributor = set(roles.CONTRIBUTOR_PERMISSIONS)
    assert roles.PUBLISH_PERMISSION not in contributor
    assert "briefs.delete_brief" not in contributor
    editor = group_perms(roles.EDITOR)
    assert {roles.PUBLISH_PERMISSION, "briefs.delete_brief", "taggit.change_tag"} <= (
        editor
    )
