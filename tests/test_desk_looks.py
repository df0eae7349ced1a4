"""The admin looks like the product: its name, plain breadcrumbs, "Categories"."""

import pytest
from django.urls import reverse

from tests.admin_client import client_for, editor
from tests.factories import make_brief, make_series

pytestmark = pytest.mark.django_db


def test_header_breadcrumbs_and_categories_are_named_for_editors():
    brief = make_brief("Named brief", categories=["Japan"], series=make_series())
    client = client_for(editor())
    index = client.get(reverse("admin:index")).content.decode()
    assert "The Peninsula · editor&#x27;s desk" in index
    assert "<title>Editor&#x27;s desk | The Peninsula admin</title>" in index
    assert "Categories" in index and ">Tags<" not in index and "Taggit" not in index
    changelist = client.get(reverse("admin:briefs_brief_changelist")).content.decode()
    assert "&rsaquo; Briefs</div>" in changelist
    assert "Briefs &rsaquo; Briefs" not in changelist.replace("\n", " ")
    # Series and categories are in the title's detail line, not columns.
    assert 'class="desk-row-details"' in changelist and "Japan" in changelist
    assert "column-category_list" not in changelist
    change = client.get(reverse("admin:briefs_brief_change", args=[brief.pk]))
    assert "&rsaquo; Named brief</div>" in change.content.decode()
    tags = client.get(reverse("admin:taggit_tag_changelist")).content.decode()
    assert "<h1>Categories</h1>" in tags


def test_brief_page_labels_its_disclosure_and_names_the_bibtex_region(client):
    brief = make_brief("Reader brief")
    text = client.get(brief.get_absolute_url()).content.decode()
    assert '<p class="disclosure__label">Disclosure</p>' in text
    assert '<pre class="citation citation--code" tabindex' not in text
    assert 'role="region" tabindex="0" aria-label="BibTeX entry"><pre' in text
