"""Near-identical spellings of proper names across briefs."""

import pytest

from briefs.editorial.name_check import names_in, near_duplicate_names, words_alike
from briefs.models import Brief
from tests.factories import make_brief


def test_names_are_runs_of_capitalised_words_without_possessives():
    found = names_in("The implications of Lee Jae Myung's election for Seoul.")
    assert {"Lee Jae Myung", "Jae Myung", "Lee Jae"} <= found
    assert not any("'s" in name for name in found)


def test_typos_are_alike_but_other_words_and_plurals_are_not():
    assert words_alike("Mung", "Myung")
    assert not words_alike("South", "North")
    assert not words_alike("Korea", "Koreas")
    assert not words_alike("Korea", "Korean")
    assert not words_alike("Japan", "Japanese")
    assert not words_alike("Lee", "Lee")


@pytest.mark.django_db
def test_pair_lists_the_briefs_using_each_spelling():
    typo = make_brief("Alliance", body="President Lee Jae Mung took office.")
    right = make_brief("Reset", body="Lee Jae Myung's election. South Korea.")
    also_right = make_brief("Other", body="Meeting Lee Jae Myung in North Korea.")
    pairs = near_duplicate_names(Brief.objects.order_by("pk"))
    assert [(p.first.name, p.second.name) for p in pairs] == [
        ("Lee Jae Mung", "Lee Jae Myung")
    ]
    assert pairs[0].first.briefs == [typo]
    assert pairs[0].second.briefs == [right, also_right]


@pytest.mark.django_db
def test_reference_export_has_the_mung_myung_pair(imported_reference):
    pairs = near_duplicate_names(Brief.objects.order_by("pk"))
    names = {(p.first.name, p.second.name): p for p in pairs}
    assert ("Lee Jae Mung", "Lee Jae Myung") in names
    # The only finding: "South Korea"/"South Korean" is a word and its demonym.
    assert list(names) == [("Lee Jae Mung", "Lee Jae Myung")]
    pair = names[("Lee Jae Mung", "Lee Jae Myung")]
    assert [b.title for b in pair.first.briefs] == [
        "Korea Policy Series: The U.S.-South Korea Alliance Faces Uncertain Future"
    ]
    assert [b.title for b in pair.second.briefs] == [
        "A Strategic Reset of the U.S.-South Korea Alliance Under Trump and Lee"
    ]
