"""Team and publication bylines ("KEI Staff", "The Peninsula Editors") sort
under their whole name.

Before team bylines were recognised (briefs.person_names.is_organisation), a
team's sort name was made as a person's: nameparser's last word first, so
"KEI Staff" was filed as "staff kei". Rows whose sort name is still exactly
what that rule gave are set to the whole name; a sort name an editor chose is
left alone. Reversing leaves the better sort names in place.
"""

from django.db import migrations
from nameparser import HumanName


def _person_rule_sort_name(name):
    """The sort name the person rule gave, before teams were recognised."""
    parsed = HumanName(" ".join(name.split()))
    given = " ".join(part for part in (parsed.first, parsed.middle) if part)
    family = parsed.last or given
    if not parsed.last:
        given = ""
    return " ".join(part for part in (family, given) if part).casefold()


def file_teams_under_their_names(apps, schema_editor):
    from briefs.person_names import is_organisation, surname_first

    Author = apps.get_model("briefs", "Author")
    for author in Author.objects.only("pk", "name", "sort_name").iterator():
        if not is_organisation(author.name):
            continue
        better = surname_first(author.name)[:200]
        if author.sort_name == _person_rule_sort_name(author.name) != better:
            Author.objects.filter(pk=author.pk).update(sort_name=better)


class Migration(migrations.Migration):
    dependencies = [("briefs", "0022_content_version_notify")]

    operations = [
        migrations.RunPython(file_teams_under_their_names, migrations.RunPython.noop),
    ]
