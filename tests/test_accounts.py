"""Sign-up gives every user a profile with a unique, well-formed @handle."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from feed.models import Profile

from .conftest import PASSWORD, make_user


def _signup(client, username: str, email: str = "new@example.com"):
    data = {"email": email, "username": username, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(reverse("account_signup"), data)


def test_signup_creates_a_profile_whose_handle_is_the_lowercased_username(client, db):
    assert _signup(client, "Maya_Makes").status_code == 302
    profile = Profile.objects.get()
    assert profile.handle == "maya_makes" and str(profile) == "@maya_makes"


def test_the_form_calls_it_a_handle(client, db):
    assert "Handle" in client.get(reverse("account_signup")).content.decode()


@pytest.mark.parametrize(
    ("username", "message"),
    [
        ("ab", "at least 3 characters"),
        ("has space", "letters, digits and underscores only"),
        ("dash-ed", "letters, digits and underscores only"),
        ("x" * 31, "at most 30 characters"),
        ("admin", "Username can not be used"),
    ],
)
def test_bad_handles_are_refused_with_a_reason(client, db, username, message):
    response = _signup(client, username)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 0


def test_a_taken_handle_is_refused_whatever_its_case(client, db):
    make_user("maya")
    response = _signup(client, "MAYA", email="other@example.com")
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_log_in_with_email_and_log_out(client, db):
    make_user("maya")
    response = client.post(reverse("account_login"), {"login": "maya@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("feed:drafts")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("feed:drafts")).status_code == 302


def test_signup_sends_a_verification_email(client, db, mailoutbox):
    _signup(client, "maya", email="maya@example.com")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["maya@example.com"]
    assert "/accounts/confirm-email/" in message.body
