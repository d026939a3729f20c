"""Sessions on Django's cached_db engine (the database, read through the Redis cache) and Django's
and allauth's own backends; sessions stored by the release before keep their users signed in."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends import db as db_sessions
from django.contrib.sessions.backends.cached_db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import PASSWORD, make_user

BADGE = "/notifications/badge/"
OLD_BACKENDS = ["sora.auth.ModelBackend", "sora.auth.AuthenticationBackend"]
NEW_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]


def stored_session(user, backend: str) -> str:
    """A signed-in session as the previous release stored it: a database row only (its engine
    cached nothing), naming `backend`. Returns its key."""
    session = db_sessions.SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def upgrade_sessions() -> int:
    migration = __import__("sora.migrations.0001_session_backends", fromlist=["sessions_rename_backends"])
    # The function reads only the editor's connection; SQLite's editor can't open inside a test's
    # transaction.
    return migration.sessions_rename_backends(apps, SimpleNamespace(connection=connection))


def test_signing_in_stores_the_session_in_the_database_and_the_cache(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    key = client.cookies["sessionid"].value
    assert Session.objects.filter(pk=key).exists()
    cached = cache.get(SessionStore.cache_key_prefix + key)
    assert cached[SESSION_KEY] == str(alice.pk)
    assert cached[BACKEND_SESSION_KEY] in NEW_BACKENDS
    assert client.get(BADGE).status_code == 200


def test_a_signed_in_request_reads_no_session_row(client, alice):
    client.force_login(alice)
    client.get(BADGE)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BADGE)
    assert response.status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]


def test_a_session_survives_the_cache_being_emptied(client, alice):
    """Redis restarted empty (the embedded one keeps nothing): the database still has the session."""
    client.force_login(alice)
    cache.clear()
    assert client.get(BADGE).status_code == 200


@pytest.mark.parametrize("old", OLD_BACKENDS)
def test_a_session_from_the_release_before_is_signed_in_after_the_upgrade(client, alice, old):
    client.cookies["sessionid"] = stored_session(alice, old)
    assert client.get(BADGE).status_code == 302  # without the upgrade: treated as signed out
    Session.objects.all().delete()
    cache.clear()

    key = stored_session(alice, old)  # as the release before left it: no cached copy
    assert upgrade_sessions() == 1

    client.cookies["sessionid"] = key
    assert client.get(BADGE).status_code == 200
    assert db_sessions.SessionStore(key).load()[BACKEND_SESSION_KEY] in NEW_BACKENDS


def test_the_upgrade_leaves_other_sessions_as_they_are(client, alice):
    current = stored_session(alice, "django.contrib.auth.backends.ModelBackend")
    other = db_sessions.SessionStore()
    other["cart"] = {"what": "éclairs"}
    other.create()
    before = dict(Session.objects.values_list("session_key", "session_data"))
    assert upgrade_sessions() == 0
    assert dict(Session.objects.values_list("session_key", "session_data")) == before
    client.cookies["sessionid"] = current
    assert client.get(BADGE).status_code == 200


def test_a_session_naming_an_unlisted_backend_is_anonymous(client, alice):
    client.cookies["sessionid"] = stored_session(alice, "somewhere.else.Backend")
    assert client.get(BADGE).status_code == 302


def test_signing_out_removes_the_session_from_both(client, alice):
    client.force_login(alice)
    key = client.cookies["sessionid"].value
    client.get(BADGE)
    assert client.post(reverse("account_logout")).status_code == 302
    assert not Session.objects.filter(pk=key).exists()
    assert cache.get(SessionStore.cache_key_prefix + key) is None
    client.cookies["sessionid"] = key
    assert client.get(BADGE).status_code == 302


def test_a_deactivated_user_is_signed_out(client, alice):
    client.force_login(alice)
    assert client.get(BADGE).status_code == 200
    type(alice).objects.filter(pk=alice.pk).update(is_active=False)
    assert client.get(BADGE).status_code == 302


def test_a_deleted_user_is_signed_out(client, db):
    carol = make_user("carol")
    client.force_login(carol)
    carol.delete()
    assert client.get(BADGE).status_code == 302


def test_changing_the_password_signs_other_sessions_out(client, alice):
    client.force_login(alice)
    assert client.get(BADGE).status_code == 200
    alice.set_password("another horse battery staple")
    alice.save()
    assert client.get(BADGE).status_code == 302
    assert not Session.objects.filter(pk=client.cookies["sessionid"].value).exists()  # flushed
