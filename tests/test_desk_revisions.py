"""Revert restores content only, after showing the diff; the compare view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from briefs import history
from briefs.models import Brief
from tests.admin_client import client_for, contributor, editor, form_data
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def revert_url(brief, record):
    return reverse("admin:briefs_brief_simple_history", args=[brief.pk, record.pk])


def live_brief_with_a_bad_edit():
    """Drafted a month ago, published today with a co-author; then a bad edit."""
    ann, bo = make_author("Ann First"), make_author("Bo Second")
    drafted = timezone.now() - timedelta(days=30)
    brief = make_brief(
        "Good title",
        status=Brief.Status.DRAFT,
        published_at=drafted,
        authors=[ann],
        categories=["Japan"],
    )
    history.record_current_byline([brief.pk])
    old = brief.history.earliest()
    client = client_for(editor())
    data = form_data(client.get(change_url(brief)))
    live_at = timezone.localtime() - timedelta(hours=2)
    data.update(
        {
            "published_at": live_at.strftime("%Y-%m-%dT%H:%M:%S"),
            "brief_authors-TOTAL_FORMS": "2",
            "brief_authors-1-author": str(bo.pk),
            "brief_authors-1-order": "1",
            "brief_authors-1-brief": str(brief.pk),
            "title": "Bad title",
            "body": "A bad edit of the body.",
            "_workflow": "publish",
        }
    )
    response = client.post(change_url(brief), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    brief.refresh_from_db()
    assert brief.is_public
    return brief, old, client


def test_revert_of_a_live_brief_keeps_its_state_and_date():
    brief, old, client = live_brief_with_a_bad_edit()
    live_at = brief.published_at
    page = client.get(revert_url(brief, old))
    text = page.content.decode()
    # Shown before confirming: the state it keeps and what changes.
    assert "The brief stays <strong>Published</strong>" in text
    assert "<del>Bad</del><ins>Good</ins> title" in text
    assert "<del>Ann First, Bo Second</del>" in text
    # The state on the page is the brief's now, not the old version's draft.
    assert "State now" in text
    data = form_data(page)
    assert "restore_published_at" not in data
    response = client.post(revert_url(brief, old), {**data, "_save": "Revert"})
    assert response.status_code == 302
    brief.refresh_from_db()
    assert brief.title == "Good title"
    assert brief.body.startswith("## Executive Summary")
    assert brief.status == Brief.Status.PUBLISHED
    assert brief.published_at == live_at
    assert brief.is_public
    assert [a.name for a in brief.ordered_authors()] == ["Ann First"]


def test_revert_restores_the_version_date_only_when_asked():
    brief, old, client = live_brief_with_a_bad_edit()
    data = {**form_data(client.get(revert_url(brief, old))), "_save": "Revert"}
    data["restore_published_at"] = "on"
    assert client.post(revert_url(brief, old), data).status_code == 302
    brief.refresh_from_db()
    assert brief.published_at == old.published_at
    assert brief.status == Brief.Status.PUBLISHED


def test_compare_view_shows_a_word_diff_and_links_to_the_revert():
    brief, old, client = live_brief_with_a_bad_edit()
    url = reverse("admin:briefs_brief_compare", args=[brief.pk])
    page = client.get(url, {"old": old.pk, "new": "current"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "<del>Good</del><ins>Bad</ins> title" in text
    assert "<ins>A bad edit</ins>" in text and "Body</del>" in text
    assert revert_url(brief, old) in text
    # Two records compared, either way round; a bad id is not found.
    newest = brief.history.first()
    page = client.get(url, {"old": newest.pk, "new": old.pk})
    assert "<del>Bad</del><ins>Good</ins> title" in page.content.decode()
    assert client.get(url, {"old": "x"}).status_code == 404
    # The history page links each record to the compare view.
    history_page = client.get(reverse("admin:briefs_brief_history", args=[brief.pk]))
    assert f"{url}?old={old.pk}&amp;new=current" in history_page.content.decode()


def test_contributor_sees_the_compare_view_but_no_revert_of_a_live_brief():
    brief, old, _ = live_brief_with_a_bad_edit()
    client = client_for(contributor())
    url = reverse("admin:briefs_brief_compare", args=[brief.pk])
    page = client.get(url, {"old": old.pk})
    assert page.status_code == 200
    assert revert_url(brief, old) not in page.content.decode()
