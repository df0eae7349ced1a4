"""Staff preview of drafts and scheduled briefs; everyone else gets 404."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import timezone

from briefs.models import Brief
from tests.factories import make_brief

pytestmark = pytest.mark.django_db


def make_user(username, staff=True, can_change=True):
    user = User.objects.create_user(username, password="pw", is_staff=staff)
    if can_change:
        user.user_permissions.add(Permission.objects.get(codename="change_brief"))
    return user


@pytest.fixture
def draft():
    return make_brief("Draft in progress", status=Brief.Status.DRAFT)


@pytest.fixture
def scheduled():
    return make_brief(
        "Scheduled piece", published_at=timezone.now() + timedelta(days=3)
    )


def test_anonymous_reader_gets_404(client, draft, scheduled):
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "staff,can_change", [(False, True), (True, False), (False, False)]
)
def test_users_without_staff_and_change_permission_get_404(
    client, draft, staff, can_change
):
    client.force_login(make_user("someone", staff=staff, can_change=can_change))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editor_sees_banner_and_never_cache_headers(client, draft, scheduled):
    client.force_login(make_user("editor"))
    for brief in (draft, scheduled):
        response = client.get(brief.get_absolute_url())
        assert response.status_code == 200
        html = response.content.decode()
        assert "Not published." in html and 'class="preview-banner"' in html
        assert "no-cache" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert '<meta name="robots" content="noindex, nofollow">' in html


def test_scheduled_banner_names_the_date(client, scheduled):
    client.force_login(make_user("editor"))
    html = client.get(scheduled.get_absolute_url()).content.decode()
    assert "scheduled for" in html


def test_published_brief_has_no_banner_for_editors(client):
    brief = make_brief("Live")
    client.force_login(make_user("editor"))
    response = client.get(brief.get_absolute_url())
    assert "preview-banner" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_preview_stays_out_of_lists_for_editors(client, draft):
    client.force_login(make_user("editor"))
    assert "Draft in progress" not in client.get("/").content.decode()


def test_superuser_can_preview(client, draft):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw"))
    assert client.get(draft.get_absolute_url()).status_code == 200
