"""No path makes a brief public without its disclosure (28 CFR 5.402)."""

import pytest
from django.urls import reverse

from briefs import history
from briefs.models import Brief
from tests.admin_client import client_for, editor, form_data
from tests.factories import make_brief, make_disclosure

pytestmark = pytest.mark.django_db


def test_reverting_a_published_brief_to_a_version_without_disclosure_keeps_it():
    # A revert restores content; the disclosure is not content and stays.
    brief = make_brief("Drafted bare", status=Brief.Status.DRAFT, disclosure=None)
    history.record_current_byline([brief.pk])
    bare = brief.history.earliest()
    disclosure = make_disclosure()
    brief.disclosure = disclosure
    brief.status = Brief.Status.PUBLISHED
    brief.title = "Published with its disclosure"
    brief.save()
    revert_url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, bare.history_id]
    )
    client = client_for(editor())

    page = client.get(revert_url)
    data = form_data(page)
    assert data["disclosure"] == str(disclosure.pk)
    response = client.post(revert_url, {**data, "_save": "Revert"})

    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Drafted bare"
    assert brief.status == Brief.Status.PUBLISHED
    assert brief.disclosure == disclosure


def test_revert_form_cannot_remove_the_disclosure_of_a_published_brief():
    brief = make_brief("Live", status=Brief.Status.PUBLISHED)
    history.record_current_byline([brief.pk])
    brief.title = "Live, edited"
    brief.save()
    first = brief.history.earliest()
    url = reverse(
        "admin:briefs_brief_simple_history", args=[brief.pk, first.history_id]
    )
    client = client_for(editor())
    data = {**form_data(client.get(url)), "disclosure": "", "_save": "Revert"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "needs a disclosure" in response.content.decode()
    brief.refresh_from_db()
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
