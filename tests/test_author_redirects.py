"""An author's old addresses keep working: a changed slug, or a duplicate row
merged into them; a revert to a byline from before a merge finds the survivor."""

import pytest

from briefs.history import restorable_authors
from briefs.models import Author, AuthorRedirect
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db


def test_a_renamed_authors_old_url_redirects(client):
    author = make_author("Jane Roe", slug="dr-jane-roe")
    make_brief("Visible", authors=[author])
    author.slug = "jane-roe"
    author.save()
    response = client.get("/authors/dr-jane-roe/")
    assert response.status_code == 301
    assert response["Location"] == "/authors/jane-roe/"
    assert client.get("/authors/jane-roe/").status_code == 200
    # Taking the old slug back makes it an address again, not a redirect.
    author.slug = "dr-jane-roe"
    author.save()
    assert client.get("/authors/dr-jane-roe/").status_code == 200
    assert not AuthorRedirect.objects.filter(old_slug="dr-jane-roe").exists()


def test_a_revert_finds_the_author_a_merged_row_became():
    jane = make_author("Jane Roe")
    kent = make_author("Kent Morrow")
    brief = make_brief("Byline", authors=[kent, jane])
    record = brief.history.latest()
    merged_id = 987654
    record.history_authors = [
        {"id": merged_id, "name": "Dr. Jane Roe"},
        {"id": kent.pk, "name": "Kent Morrow"},
        {"id": 987655, "name": "Gone Person"},
    ]
    AuthorRedirect.objects.create(
        old_slug="dr-jane-roe", author=jane, merged_author_id=merged_id
    )
    found, gone = restorable_authors(record)
    assert found == [jane, kent]
    assert gone == ["Gone Person"]
    assert Author.objects.count() == 2
