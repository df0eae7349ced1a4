"""Working together on the desk: the soft lock, conflicting saves merged field by
field, review notes, and the mail that review and publishing send."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from briefs import history
from briefs.editorial import presence
from briefs.editorial.conflicts import merge_text
from briefs.models import Brief, EditorPresence, ReviewNote
from tests.admin_client import client_for, contributor, form_data, make_user
from tests.factories import make_author, make_brief

pytestmark = pytest.mark.django_db


def change_url(brief):
    return reverse("admin:briefs_brief_change", args=[brief.pk])


def a_brief(**fields):
    brief = make_brief(
        "Ports and power",
        status=fields.pop("status", Brief.Status.DRAFT),
        body="First paragraph about ports.\n\nSecond paragraph about power.",
        summary="A summary.",
        # Not the factory's moving date: one in the autumn's repeated hour
        # cannot be typed in the publish box.
        published_at=fields.pop("published_at", datetime(2026, 6, 1, 12, tzinfo=UTC)),
        **fields,
    )
    # As the admin does after its inline: the record carries the byline.
    history.record_current_byline([brief.pk])
    return brief


def editor(name):
    return make_user("Editor", username=name)


def opened(client, brief):
    return form_data(client.get(change_url(brief)))


def save(client, brief, data, intent="draft", **changes):
    data = {**data, **changes, "_workflow": intent}
    return client.post(change_url(brief), data)


# -- the soft lock ------------------------------------------------------------------


def test_opening_a_brief_someone_has_open_says_who_and_since_when():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    first = ada.get(change_url(brief)).content.decode()
    assert 'id="desk-presence"' in first and "has this brief open" not in first
    page = ben.get(change_url(brief)).content.decode()
    since = timezone.localtime(
        EditorPresence.objects.get(user__username="ada").opened_at
    )
    assert "ada (since " in page and "has this brief open" in page
    assert since.strftime("%Z") in page  # New York time, named
    # The heartbeat renews ben and tells him about ada.
    url = reverse("admin:briefs_brief_presence", args=[brief.pk])
    beat = ben.post(url, {"csrfmiddlewaretoken": ben.cookies["csrftoken"].value})
    assert beat.status_code == 200
    assert [p["name"] for p in beat.json()["others"]] == ["ada"]


def test_a_presence_expires_by_itself_and_leaving_releases_it():
    brief = a_brief()
    ada, ben = editor("ada"), editor("ben")
    long_ago = timezone.now() - presence.PRESENCE_TTL - timedelta(seconds=1)
    presence.touch(ada, brief, now=long_ago)
    assert presence.others(ben, brief) == []
    # Back after the lapse: "since" starts again.
    row = presence.touch(ada, brief)
    assert row.opened_at > long_ago
    assert [p["name"] for p in presence.others(ben, brief)] == ["ada"]
    client = client_for(ada)
    client.get(change_url(brief))
    url = reverse("admin:briefs_brief_presence", args=[brief.pk])
    token = client.cookies["csrftoken"].value
    client.post(url, {"csrfmiddlewaretoken": token, "leave": "1"})
    assert presence.others(ben, brief) == []
    # Saving and going back to the list releases it too.
    data = opened(client, brief)
    assert [p["name"] for p in presence.others(ben, brief)] == ["ada"]
    assert save(client, brief, data).status_code == 302
    assert presence.others(ben, brief) == []


def test_the_heartbeat_needs_a_post_and_the_right_to_see_the_brief():
    brief = a_brief()
    url = reverse("admin:briefs_brief_presence", args=[brief.pk])
    assert client_for(editor("ada")).get(url).status_code == 405
    nobody = client_for(make_user(username="nobody"))
    nobody.get(reverse("admin:index"))
    token = nobody.cookies.get("csrftoken")
    response = nobody.post(url, {"csrfmiddlewaretoken": token.value if token else ""})
    assert response.status_code in (403, 302)


# -- conflicting saves --------------------------------------------------------------


def test_their_change_to_a_field_i_did_not_touch_is_merged_in_and_shown():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    assert save(ben, brief, theirs, summary="Ben's summary.").status_code == 302
    response = save(ada, brief, mine, title="Ports, power and people")
    assert response.status_code == 200
    page = response.content.decode()
    assert "ben saved this brief" in page and "after you opened it" in page
    assert "Their changes to <strong>Summary</strong> are now in the form" in page
    brief.refresh_from_db()
    assert brief.title == "Ports and power"  # nothing applied yet
    again = form_data(response)
    assert again["summary"] == "Ben's summary."
    assert again["title"] == "Ports, power and people"
    assert save(ada, brief, again).status_code == 302
    brief.refresh_from_db()
    assert (brief.title, brief.summary) == ("Ports, power and people", "Ben's summary.")
    assert brief.history.first().history_user.username == "ada"


def test_both_changed_the_body_merge_by_hand_starts_from_both_changes():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    save(ben, brief, theirs, body=theirs["body"].replace("ports", "harbours"))
    response = save(ada, brief, mine, body=mine["body"].replace("power", "energy"))
    page = response.content.decode()
    assert 'id="desk-conflict-body"' in page
    assert "both changes combined" in page
    data = form_data(response)
    assert data["_desk_merge_body"] == (
        "First paragraph about harbours.\n\nSecond paragraph about energy."
    )
    # No choice made: refused, with the field named.
    refused = save(ada, brief, data)
    assert refused.status_code == 200
    assert "Choose whose version to keep for each field" in refused.content.decode()
    data["_desk_choice_body"] = "merge"
    assert save(ada, brief, data).status_code == 302
    brief.refresh_from_db()
    assert (
        brief.body
        == "First paragraph about harbours.\n\nSecond paragraph about energy."
    )


def test_a_merged_text_the_field_refuses_comes_back_with_the_panel():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    save(ben, brief, theirs, title="Ben")
    data = form_data(save(ada, brief, mine, title="Ada"))
    data.update(_desk_choice_title="merge", _desk_merge_title="")
    response = save(ada, brief, data)
    page = response.content.decode()
    assert "The merged text cannot be saved: Title" in page
    assert 'id="desk-conflict-title"' in page
    brief.refresh_from_db()
    assert brief.title == "Ben"


@pytest.mark.parametrize(("choice", "expected"), [("mine", "Ada"), ("theirs", "Ben")])
def test_keep_mine_or_take_theirs(choice, expected):
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    save(ben, brief, theirs, title="Ben")
    data = form_data(save(ada, brief, mine, title="Ada"))
    data["_desk_choice_title"] = choice
    assert save(ada, brief, data).status_code == 302
    brief.refresh_from_db()
    assert brief.title == expected


def test_both_changed_the_categories_take_theirs_keeps_names_with_spaces():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    theirs["categories"] = ["North Korea", "Trade policy"]
    assert save(ben, brief, theirs).status_code == 302
    mine["categories"] = ["Japan"]
    data = form_data(save(ada, brief, mine))
    data["_desk_choice_categories"] = "theirs"
    assert save(ada, brief, data).status_code == 302
    brief.refresh_from_db()
    assert sorted(brief.categories.names()) == ["North Korea", "Trade policy"]


def test_a_third_save_during_the_merge_starts_it_over():
    brief = a_brief()
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    save(ben, brief, theirs, title="Ben")
    data = form_data(save(ada, brief, mine, title="Ada"))
    data["_desk_choice_title"] = "mine"
    save(ben, brief, opened(ben, brief), summary="Ben again.")
    response = save(ada, brief, data)
    assert response.status_code == 200
    assert "Their changes to <strong>Summary</strong>" in response.content.decode()
    brief.refresh_from_db()
    assert brief.title == "Ben"


def test_their_new_byline_survives_my_save_of_another_field():
    first, second = make_author(name="First Author"), make_author(name="Second Author")
    brief = a_brief(authors=[first])
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    # Ben replaces the byline: the row Ada's form knows is gone.
    theirs["brief_authors-0-DELETE"] = "on"
    theirs.update(
        {
            "brief_authors-TOTAL_FORMS": "2",
            "brief_authors-1-author": str(second.pk),
            "brief_authors-1-order": "0",
            "brief_authors-1-brief": str(brief.pk),
        }
    )
    assert save(ben, brief, theirs).status_code == 302
    response = save(ada, brief, mine, summary="Ada's summary.")
    assert "Their changes to <strong>Authors</strong>" in response.content.decode()
    assert save(ada, brief, form_data(response)).status_code == 302
    brief.refresh_from_db()
    assert [a.name for a in brief.ordered_authors()] == ["Second Author"]
    assert brief.summary == "Ada's summary."


def test_both_changed_the_byline_take_theirs():
    first, second, third = (make_author(name=n) for n in ("First", "Second", "Third"))
    brief = a_brief(authors=[first])
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    theirs["brief_authors-0-author"] = str(second.pk)
    assert save(ben, brief, theirs).status_code == 302
    mine["brief_authors-0-author"] = str(third.pk)
    response = save(ada, brief, mine)
    page = response.content.decode()
    assert 'id="desk-conflict-authors"' in page
    assert "Second" in page and "Third" in page
    data = form_data(response)
    data["_desk_choice_authors"] = "theirs"
    assert save(ada, brief, data).status_code == 302
    assert [a.name for a in brief.ordered_authors()] == ["Second"]
    assert brief.history.first().history_authors == [
        {"id": second.pk, "name": "Second"}
    ]


def test_the_publish_box_their_date_is_kept_and_the_state_is_theirs():
    brief = a_brief(status=Brief.Status.REVIEW)
    ada, ben = client_for(editor("ada")), client_for(editor("ben"))
    mine, theirs = opened(ada, brief), opened(ben, brief)
    tomorrow = timezone.localtime() + timedelta(days=1)
    at = tomorrow.replace(hour=9, minute=0, second=0, microsecond=0)
    theirs["published_at"] = at.strftime("%Y-%m-%dT%H:%M:%S")
    assert save(ben, brief, theirs, intent="publish").status_code == 302
    response = save(ada, brief, mine, summary="Ada's summary.", intent="review")
    page = response.content.decode()
    assert "changed the state from In review to Published" in page
    assert "Publish date and time" in page  # taken from theirs
    assert save(ada, brief, form_data(response), intent="keep").status_code == 302
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED and brief.published_at == at
    assert brief.summary == "Ada's summary."


def test_merge_text_combines_separate_changes_and_refuses_overlaps():
    base = "one two three four"
    assert merge_text(base, "one 2 three four", "one two three 4") == (
        "one 2 three 4",
        True,
    )
    assert merge_text(base, "one 2 three four", "one II three four") == (
        "one 2 three four",
        False,
    )


# -- review notes and mail -----------------------------------------------------------


def with_email(user):
    user.email = f"{user.username}@example.org"
    user.save()
    return user


def test_review_notes_are_shown_with_author_time_and_version_and_mail_the_other_side(
    django_capture_on_commit_callbacks,
):
    brief = a_brief()
    writer = with_email(contributor())
    chief = with_email(editor("chief"))
    client = client_for(writer)
    client.get(change_url(brief))
    url = reverse("admin:briefs_brief_add_note", args=[brief.pk])
    token = client.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"csrfmiddlewaretoken": token, "note": "Please check the figures."}
        )
    assert response.status_code == 302
    note = ReviewNote.objects.get()
    assert (note.author, note.brief_version) == (writer, brief.version)
    assert [m.to for m in mail.outbox] == [["chief@example.org"]]
    assert "Please check the figures." in mail.outbox[0].body
    page = client.get(change_url(brief)).content.decode()
    when = timezone.localtime(note.created_at)
    assert "Please check the figures." in page and "on version 1" in page
    assert when.strftime("%Z") in page and "America/New_York" in page
    history_page = client.get(reverse("admin:briefs_brief_history", args=[brief.pk]))
    assert "Please check the figures." in history_page.content.decode()
    brief.title = "Ports and power, revised"
    brief.save()
    compare_page = client.get(reverse("admin:briefs_brief_compare", args=[brief.pk]))
    assert "Please check the figures." in compare_page.content.decode()
    # The editor's reply goes to the contributor, not to the editor.
    mail.outbox.clear()
    reply = client_for(chief)
    reply.get(change_url(brief))
    with django_capture_on_commit_callbacks(execute=True):
        reply.post(
            url,
            {"csrfmiddlewaretoken": reply.cookies["csrftoken"].value, "note": "Done."},
        )
    assert [m.to for m in mail.outbox] == [[writer.email]]


def test_an_empty_note_is_refused():
    brief = a_brief()
    client = client_for(editor("ada"))
    client.get(change_url(brief))
    url = reverse("admin:briefs_brief_add_note", args=[brief.pk])
    client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert not ReviewNote.objects.exists()


def test_submit_mails_the_editors_and_publish_mails_the_contributor_after_commit(
    django_capture_on_commit_callbacks,
):
    writer = with_email(contributor())
    chief = with_email(editor("chief"))
    with_email(editor("deputy"))
    brief = a_brief()
    client = client_for(writer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert (
            save(client, brief, opened(client, brief), intent="review").status_code
            == 302
        )
    # Nothing before the commit.
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "chief@example.org",
        "deputy@example.org",
    ]
    assert "For review: Ports and power" in mail.outbox[0].subject
    assert change_url(brief) in mail.outbox[0].body
    mail.outbox.clear()
    boss = client_for(chief)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            save(boss, brief, opened(boss, brief), intent="publish").status_code == 302
        )
    assert [m.to for m in mail.outbox] == [[writer.email]]
    assert mail.outbox[0].subject.endswith("Published: Ports and power")


def test_no_mail_to_the_actor_and_none_for_a_plain_save(
    django_capture_on_commit_callbacks,
):
    chief = with_email(editor("chief"))
    brief = a_brief()
    client = client_for(chief)
    with django_capture_on_commit_callbacks(execute=True):
        save(client, brief, opened(client, brief), intent="review")
        save(client, brief, opened(client, brief), intent="review", title="New")
    assert mail.outbox == []


def test_a_mail_server_that_fails_does_not_undo_the_step(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.test_desk_together.FailingBackend"
    writer = contributor()
    with_email(editor("chief"))
    brief = a_brief()
    client = client_for(writer)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = save(client, brief, opened(client, brief), intent="review")
    assert response.status_code == 302 and len(callbacks) == 1
    brief.refresh_from_db()
    assert brief.status == Brief.Status.REVIEW
    assert "Could not send the mail" in caplog.text


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_the_publish_action_mails_the_contributor_too(
    django_capture_on_commit_callbacks,
):
    writer = with_email(contributor())
    brief = a_brief(status=Brief.Status.REVIEW)
    # The contributor worked on it.
    client = client_for(writer)
    save(client, brief, opened(client, brief), intent="review", summary="By writer.")
    boss = client_for(editor("chief"))
    boss.get(reverse("admin:briefs_brief_changelist"))
    with django_capture_on_commit_callbacks(execute=True):
        boss.post(
            reverse("admin:briefs_brief_changelist"),
            {
                "csrfmiddlewaretoken": boss.cookies["csrftoken"].value,
                "action": "publish_now",
                "_selected_action": [str(brief.pk)],
                "index": "0",
            },
        )
    brief.refresh_from_db()
    assert brief.status == Brief.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [[writer.email]]
