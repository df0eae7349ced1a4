"""0023 files team bylines under their whole name ("kei staff", not "staff
kei"), leaving people and sort names an editor chose as they are."""

import pytest

from tests.migration_states import migrate_to, old_apps_at

BEFORE = [("briefs", "0022_content_version_notify")]
AFTER = [("briefs", "0023_team_author_sort_names")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def old_apps():
    yield from old_apps_at(BEFORE)


def test_teams_sort_under_their_whole_name(old_apps):
    OldAuthor = old_apps.get_model("briefs", "Author")
    rows = {
        # name: (sort name as the person rule made it, or as an editor set it)
        "KEI Staff": "staff kei",
        "The Peninsula Editors": "editors the peninsula",
        "Korea View": "view korea",
        "Jane Roe": "roe jane",
        "Korea Economic Institute": "institute, the",
    }
    for number, (name, sort_name) in enumerate(rows.items()):
        OldAuthor.objects.create(name=name, slug=f"a-{number}", sort_name=sort_name)

    migrate_to(AFTER)

    from briefs.models import Author

    sort_names = dict(Author.objects.values_list("name", "sort_name"))
    assert sort_names == {
        "KEI Staff": "kei staff",
        "The Peninsula Editors": "the peninsula editors",
        "Korea View": "korea view",
        "Jane Roe": "roe jane",
        # An editor's own choice stays.
        "Korea Economic Institute": "institute, the",
    }
