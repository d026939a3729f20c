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


@pytest.fixture
def dead_mail_server(settings):
    """SMTP pointed at a real port where nothing listens: every send is refused."""
    from sora.embedded_redis import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("verification", ["optional", "mandatory"])
def test_a_signup_whose_mail_fails_creates_nothing_and_says_so(
    client, dead_mail_server, settings, verification
):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    response = _signup(client, "maya_makes", email="maya@example.com")

    assert response.status_code == 200
    page = response.content.decode()
    assert "couldn&#x27;t send you an email just now, so your account was not created" in page
    assert 'value="maya_makes"' in page, "what was typed comes back"
    assert get_user_model().objects.count() == 0
    assert not Profile.objects.exists()
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.exists()
    assert client.get(reverse("feed:drafts")).status_code == 302, "not signed in"
    assert "Successfully signed in" not in client.get(reverse("feed:home")).content.decode()


def test_a_password_reset_whose_mail_fails_says_so_without_a_500(client, db, dead_mail_server):
    make_user("maya")
    response = client.post(reverse("account_reset_password"), {"email": "maya@example.com"})
    assert response.status_code == 503
    assert "couldn&#x27;t send you an email just now" in response.content.decode()


@pytest.mark.nodb
def test_mail_goes_to_the_console_unless_a_server_is_configured():
    from .test_settings import _setting

    assert _setting("EMAIL_BACKEND") == "django.core.mail.backends.console.EmailBackend"
    configured = {"EMAIL_HOST": "smtp.example.com", "EMAIL_HOST_USER": "sora", "EMAIL_HOST_PASSWORD": "pw"}
    assert _setting("EMAIL_BACKEND", **configured) == "django.core.mail.backends.smtp.EmailBackend"
    assert (_setting("EMAIL_PORT", **configured), _setting("EMAIL_USE_TLS", **configured)) == (587, True)
    assert _setting("EMAIL_PORT", **configured, EMAIL_USE_SSL="1") == 465
    assert _setting("EMAIL_USE_TLS", **configured, EMAIL_USE_SSL="1") is False
