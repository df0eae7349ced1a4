"""0017 merges Author rows that are one person ("Dr. Jane Roe", "Jane Roe"):
bylines in order, the longer bio, old addresses redirected, history kept."""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from briefs.models import Author, AuthorRedirect, Brief, BriefAuthor
from tests.factories import make_brief
from tests.migration_states import migrate_to, old_apps_at

BEFORE = [("briefs", "0018_importer2_author_redirect")]
AFTER = [("briefs", "0019_importer2_merge_duplicate_authors")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
OLD = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def old_apps():
    yield from old_apps_at(BEFORE)


def migrate_forward():
    migrate_to(AFTER)


def test_duplicates_become_one_author(old_apps):
    OldAuthor = old_apps.get_model("briefs", "Author")
    OldBrief = old_apps.get_model("briefs", "Brief")
    OldLink = old_apps.get_model("briefs", "BriefAuthor")
    OldHistory = old_apps.get_model("briefs", "HistoricalAuthor")

    def author(name, slug, bio="", **fields):
        return OldAuthor.objects.create(
            name=name, slug=slug, sort_name=name.casefold(), bio=bio, **fields
        )

    bare = author("Jane Roe", "jane-roe", bio="Jane Roe is a Fellow.")
    doctor = author(
        "Dr. Jane\u00a0Roe",
        "dr-jane-roe",
        bio="Jane Roe is a Senior Fellow at the Korea Economic Institute.",
        orcid="0000-0002-1825-0097",
    )
    invisible = author("Jane\u200b Roe, Ph.D.", "jane-roe-phd")
    son = author("Jane Roe Jr.", "jane-roe-jr")
    other = author("Kent Morrow", "kent-morrow")
    OldHistory.objects.create(
        id=doctor.pk,
        name=doctor.name,
        slug=doctor.slug,
        sort_name="",
        bio="",
        history_date=OLD,
        history_type="+",
        created_at=OLD,
        updated_at=OLD,
    )

    def brief(slug, byline):
        # Drafts: a published brief needs a disclosure, not the point here.
        row = OldBrief.objects.create(title=slug, slug=slug, status="draft")
        for order, person in enumerate(byline):
            OldLink.objects.create(brief=row, author=person, order=order)
        return row

    brief("one", [other, doctor])
    # The same person twice on one byline: once is enough, at the first place.
    brief("two", [invisible, other, bare])
    brief("three", [son, doctor])

    migrate_forward()

    survivors = Author.objects.filter(name__icontains="roe").order_by("name")
    assert [a.name for a in survivors] == ["Jane Roe", "Jane Roe Jr."]
    jane = Author.objects.get(slug="jane-roe")
    assert jane.pk == bare.pk
    assert jane.bio.startswith("Jane Roe is a Senior Fellow")
    assert jane.orcid == "0000-0002-1825-0097"
    assert jane.honorific == "Dr."

    def byline(slug):
        links = BriefAuthor.objects.filter(brief__slug=slug).order_by("order")
        return [link.author.name for link in links]

    assert byline("one") == ["Kent Morrow", "Jane Roe"]
    assert byline("two") == ["Jane Roe", "Kent Morrow"]
    assert byline("three") == ["Jane Roe Jr.", "Jane Roe"]

    redirects = {r.old_slug: r for r in AuthorRedirect.objects.all()}
    assert set(redirects) == {"dr-jane-roe", "jane-roe-phd"}
    assert redirects["dr-jane-roe"].author_id == jane.pk
    assert redirects["dr-jane-roe"].merged_author_id == doctor.pk

    history = Author.history.model.objects
    assert history.filter(id=doctor.pk, history_type="+").exists()
    gone = history.get(id=doctor.pk, history_type="-")
    assert gone.history_change_reason.startswith("Merged duplicate author")
    assert history.filter(id=jane.pk, history_type="~").exists()


def test_a_merged_authors_old_url_redirects_to_the_survivor(old_apps, client):
    # The latest schema: the code below uses today's models.
    call_command("migrate", verbosity=0)
    jane = Author.objects.create(name="Jane Roe", slug="jane-roe")
    make_brief("Visible", authors=[jane])
    AuthorRedirect.objects.create(old_slug="dr-jane-roe", author=jane)
    response = client.get("/authors/dr-jane-roe/")
    assert response.status_code == 301
    assert response["Location"] == jane.get_absolute_url()
    assert client.get("/authors/no-such-person/").status_code == 404


def test_no_duplicates_nothing_changes(old_apps):
    OldAuthor = old_apps.get_model("briefs", "Author")
    OldAuthor.objects.create(name="Ann Alpha", slug="ann-alpha", sort_name="x")
    OldAuthor.objects.create(name="Dr. Kim", slug="dr-kim", sort_name="kim dr.")
    migrate_forward()
    assert sorted(Author.objects.values_list("name", flat=True)) == [
        "Ann Alpha",
        "Dr. Kim",
    ]
    assert not AuthorRedirect.objects.exists()
    assert not Brief.objects.exists()
