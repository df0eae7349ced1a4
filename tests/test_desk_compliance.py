"""The compliance panel on the brief form, and the disclosure preset of a new one."""

import pytest
from django.urls import reverse

from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief, make_disclosure

pytestmark = pytest.mark.django_db


def test_panel_shows_what_is_present_and_missing_with_links():
    brief = make_brief("Checked", status=Brief.Status.DRAFT, disclosure=None)
    page = client_for(editor()).get(
        reverse("admin:briefs_brief_change", args=[brief.pk])
    )
    text = page.content.decode()
    assert (
        'class="desk-missing"><a href="#id_disclosure">Disclosure</a>: missing' in text
    )
    assert '<a href="#id_summary">Summary</a>: present' in text
    assert '<a href="#id_series">Series</a>: missing' in text
    assert 'href="#brief_authors-group">Authors with bios</a>' in text


def test_new_brief_starts_with_the_active_disclosure():
    preset = make_disclosure()
    client = client_for(editor())
    data = form_data(client.get(reverse("admin:briefs_brief_add")))
    assert data["disclosure"] == str(preset.pk)
