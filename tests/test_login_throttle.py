"""Admin sign-in is throttled (django-axes): a few wrong passwords lock an address."""

import pytest
from django.test import Client, RequestFactory

from kei_site.security import client_ip
from tests.admin_client import make_user

LOGIN = "/admin/login/?next=/admin/"


def sign_in(client, password, address="203.0.113.7", username="editor"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def staff(db):
    user = make_user(username="editor")
    user.set_password("correct horse battery staple")
    user.save()
    return user


def test_right_password_signs_in(staff):
    response = sign_in(Client(), "correct horse battery staple")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_five_wrong_passwords_lock_the_address_even_for_the_right_one(staff, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = Client()
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    again = sign_in(client, "correct horse battery staple")
    assert again.status_code == 429
    assert "Too many failed sign-ins" in again.text
    assert "locked for 15 minutes" in again.text
    assert "_auth_user_id" not in client.session
    # Another address is not locked out with the attacker.
    assert (
        sign_in(Client(), "correct horse battery staple", "198.51.100.2").status_code
        == 302
    )


def test_thirty_fast_guesses_are_not_all_tried(staff):
    client = Client()
    statuses = [sign_in(client, f"guess-{n}").status_code for n in range(30)]
    assert statuses.count(200) == 4
    assert statuses[4:] == [429] * 26


def test_success_before_the_limit_clears_the_count(staff):
    client = Client()
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "correct horse battery staple").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200


def test_lock_expires_after_the_cooloff(staff, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    client = Client()
    for _ in range(5):
        sign_in(client, "wrong")
    assert sign_in(client, "correct horse battery staple").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert sign_in(client, "correct horse battery staple").status_code == 302


def test_client_address_behind_a_proxy_is_the_hop_the_proxy_added(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    settings.BEHIND_PROXY = False
    assert client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert client_ip(request) == "203.0.113.7"


def test_the_test_clients_own_login_still_works(staff):
    client = Client()
    assert client.login(username="editor", password="correct horse battery staple")
    assert client.get("/admin/").status_code == 200
    assert not Client().login(username="editor", password="wrong")
