"""Part 6 of the desk: byline order by dragging, categories by autocomplete,
new categories for editors only; and publish errors beside their fields."""

import json

import pytest
from django.urls import reverse
from taggit.models import Tag

from briefs.models import Brief
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db
ADD = reverse("admin:briefs_brief_add")


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def post(client, brief, **changes):
    data = form_data(client.get(change_url(brief)))
    data.update(changes)
    return client.post(change_url(brief), data)


def test_byline_rows_are_dragged_not_numbered():
    brief = make_brief(authors=[make_author("Ann First"), make_author("Bo Second")])
    page = client_for(editor()).get(change_url(brief)).content.decode()
    assert "adminsortable2/js/adminsortable2" in page
    assert 'class="js-inline-admin-formset inline-group sortable"' in page or (
        "sortable" in page and 'id="brief_authors-group"' in page
    )
    # The order is a hidden field the drag sets, never a box to type in.
    assert 'type="hidden" name="brief_authors-0-order"' in page
    assert 'type="number" name="brief_authors-0-order"' not in page


def test_the_order_the_rows_are_dropped_in_is_the_byline():
    ann, bo = make_author("Ann First"), make_author("Bo Second")
    brief = make_brief(status=Brief.Status.DRAFT, authors=[ann, bo])
    client = client_for(editor())
    response = post(
        client,
        brief,
        **{
            "brief_authors-0-order": "2",
            "brief_authors-1-order": "1",
            "_workflow": "draft",
        },
    )
    assert response.status_code == 302
    brief.refresh_from_db()
    assert [a.name for a in brief.ordered_authors()] == ["Bo Second", "Ann First"]


def test_categories_are_chosen_with_an_autocomplete():
    Tag.objects.create(name="Japan", slug="japan")
    Tag.objects.create(name="Trade", slug="trade")
    brief = make_brief(categories=["Japan"])
    client = client_for(contributor())
    brief.status = Brief.Status.DRAFT
    brief.save()
    page = client.get(change_url(brief)).content.decode()
    assert 'class="desk-categories"' in page and "admin-desk/categories.js" in page
    assert '<option value="Japan" selected>Japan</option>' in page
    # Only the chosen names are in the page; the rest come as the editor types.
    assert '<option value="Trade"' not in page
    found = client.get(reverse("admin:briefs_brief_categories"), {"term": "tra"})
    assert found.json() == {
        "results": [{"id": "Trade", "text": "Trade"}],
        "pagination": {"more": False},
    }


def test_the_autocomplete_is_for_staff_with_the_right():
    url = reverse("admin:briefs_brief_categories")
    assert client_for().get(url).status_code == 302
    from tests.admin_client import make_user

    assert client_for(make_user()).get(url).status_code == 403


def test_a_contributor_picks_existing_categories_but_cannot_create_one():
    Tag.objects.create(name="Japan", slug="japan")
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(contributor())
    page = client.get(change_url(brief)).content.decode()
    assert 'data-create="0"' in page
    refused = post(client, brief, categories=["Japan", "Brand new"], _workflow="draft")
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Only editors can create categories" in text and "Brand new" in text
    assert not Tag.objects.filter(name="Brand new").exists()
    assert list(Brief.objects.get(pk=brief.pk).categories.names()) == []

    # Existing ones, in any case, are fine.
    kept = post(client, brief, categories=["japan"], _workflow="draft")
    assert kept.status_code == 302
    assert list(Brief.objects.get(pk=brief.pk).categories.names()) == ["Japan"]


def test_an_editor_may_create_a_category_from_the_form():
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(editor())
    assert 'data-create="1"' in client.get(change_url(brief)).content.decode()
    done = post(client, brief, categories=["Arctic", "Trade"], _workflow="draft")
    assert done.status_code == 302
    assert sorted(Brief.objects.get(pk=brief.pk).categories.names()) == [
        "Arctic",
        "Trade",
    ]


def test_the_admin_says_categories_not_tags():
    page = client_for(editor()).get(reverse("admin:index")).content.decode()
    assert "Categories" in page and ">Tags<" not in page and "Taggit" not in page


def test_publish_errors_sit_beside_the_fields_they_name():
    brief = make_brief(status=Brief.Status.DRAFT, disclosure=None)
    client = client_for(editor())
    response = post(client, brief, _workflow="publish")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["disclosure"] == ["Needed to publish: a disclosure."]
    assert "Cannot publish" in " ".join(errors["__all__"])
    text = response.content.decode()
    # Rendered in the disclosure's own row of the form, which is marked as wrong.
    row = text[text.index("errors field-disclosure") :]
    assert row.index("Needed to publish: a disclosure.") < row.index("</fieldset>")


def test_the_missing_title_and_date_are_said_at_their_fields():
    brief = make_brief(status=Brief.Status.DRAFT)
    client = client_for(editor())
    response = post(client, brief, _workflow="publish", title=" ", published_at="")
    errors = response.context["adminform"].form.errors
    # A blank title is the field's own "required"; no second message beside it.
    assert "title" in errors
    # Publish now fills an empty date, so only the disclosure rule could remain.
    assert "published_at" not in errors


def test_autocomplete_pages_long_lists():
    for n in range(25):
        Tag.objects.create(name=f"Topic {n:02d}", slug=f"topic-{n:02d}")
    client = client_for(editor())
    url = reverse("admin:briefs_brief_categories")
    first = client.get(url, {"term": "topic"}).json()
    second = client.get(url, {"term": "topic", "page": "2"}).json()
    assert len(first["results"]) == 20 and first["pagination"]["more"] is True
    assert len(second["results"]) == 5 and second["pagination"]["more"] is False
    assert json.dumps(first)  # plain JSON for select2
