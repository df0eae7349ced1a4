"""No path makes a brief public without its disclosure (28 CFR 5.402)."""

import pytest
from django.urls import reverse

from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief, make_disclosure

pytestmark = pytest.mark.django_db


def test_reverting_a_published_brief_to_a_version_without_disclosure_is_refused():
    brief = make_brief("Drafted bare", status=Brief.Status.DRAFT, disclosure=None)
    bare = brief.history.earliest()
    brief.disclosure = make_disclosure()
    brief.status = Brief.Status.PUBLISHED
    brief.save()
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, bare.history_id]
    )
    client = client_for(editor())

    page = client.get(revert_url)
    response = client.post(revert_url, {**form_data(page), "_save": "Revert"})

    assert response.status_code == 200
    assert "needs a disclosure" in response.content.decode()
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED
    assert brief.disclosure is not None


def test_publish_action_refuses_a_brief_without_disclosure():
    brief = make_brief("Bare", status=Brief.Status.REVIEW, disclosure=None)
    client = client_for(editor())
    changelist = reverse("admin:briefs_brief_changelist")
    page = client.get(changelist)
    token = page.cookies.get("csrftoken") or client.cookies["csrftoken"]

    client.post(
        changelist,
        {
            "csrfmiddlewaretoken": token.value,
            "action": "publish_now",
            "_selected_action": [brief.pk],
        },
    )

    brief.refresh_from_db()
    assert brief.status == Brief.Status.REVIEW
    assert not Brief.objects.published().exists()
