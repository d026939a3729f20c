"""Sessions and signed-in users read through prepared queries (sora.sessions, sora.auth): the
same answers as Django's own session store and backends, for every case that decides who a
request is."""

from datetime import timedelta

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends import db as django_db_sessions
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sora.auth import LEGACY_BACKENDS, AuthenticationBackend, ModelBackend
from sora.sessions import SessionStore

from .conftest import PASSWORD, make_user

BADGE = "/notifications/badge/"


def signed_in_session(user, backend: str) -> str:
    """A session as logging in through `backend` leaves it; returns its key."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def test_a_saved_session_loads_back_as_django_reads_it(db):
    session = SessionStore()
    session["cart"] = {"n": 3, "what": "éclairs"}
    session.create()
    mine, djangos = SessionStore(session.session_key), django_db_sessions.SessionStore(session.session_key)
    assert mine.load() == djangos.load() == {"cart": {"n": 3, "what": "éclairs"}}
    assert mine.session_key == session.session_key


@pytest.mark.parametrize("key", ["nosuchsessionkey0000000000000000", "short"])
def test_an_unknown_key_gives_an_empty_session_and_a_new_key_on_save(db, key):
    session = SessionStore(key)
    assert session.load() == {}
    assert session.session_key is None  # never saved under a key the client chose
    session["x"] = 1
    session.save()
    assert session.session_key not in (None, key)
    assert SessionStore(session.session_key).load() == {"x": 1}


def test_an_expired_session_is_not_read(db):
    session = SessionStore()
    session["x"] = 1
    session.create()
    Session.objects.filter(pk=session.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert SessionStore(session.session_key).load() == {}
    assert django_db_sessions.SessionStore(session.session_key).load() == {}


def test_reading_a_session_and_its_user_costs_one_query_each(client, alice):
    client.force_login(alice)
    client.get(BADGE)  # compiles the shapes
    with CaptureQueriesContext(connection) as queries:
        response = client.get(BADGE)
    assert response.status_code == 200
    tables = [q["sql"] for q in queries.captured_queries]
    assert sum('"django_session"' in sql for sql in tables) == 1
    assert sum('FROM "auth_user"' in sql for sql in tables) == 1


def test_logging_in_records_the_prepared_backend_and_the_user_is_signed_in(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice", "password": PASSWORD})
    assert response.status_code == 302
    session = SessionStore(client.cookies["sessionid"].value)
    assert session[BACKEND_SESSION_KEY] in ("sora.auth.ModelBackend", "sora.auth.AuthenticationBackend")
    assert client.get(BADGE).status_code == 200


@pytest.mark.parametrize("legacy", sorted(LEGACY_BACKENDS))
def test_sessions_from_before_stay_signed_in(client, alice, legacy):
    """Sessions that name Django's or allauth's backend (made before sora.auth) still sign in."""
    client.cookies["sessionid"] = signed_in_session(alice, legacy)
    response = client.get(BADGE)
    assert response.status_code == 200  # the badge needs a signed-in user: anonymous is redirected
    assert SessionStore(client.cookies["sessionid"].value)[BACKEND_SESSION_KEY] == LEGACY_BACKENDS[legacy]


def test_a_session_naming_an_unlisted_backend_is_anonymous(client, alice):
    client.cookies["sessionid"] = signed_in_session(alice, "somewhere.else.Backend")
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
    response = client.get(BADGE)
    assert response.status_code == 302
    assert not Session.objects.filter(pk=client.cookies["sessionid"].value).exists()  # flushed


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_backends_load_users_as_djangos_does(alice, backend):
    from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

    bob = make_user("bob", is_active=False)
    loaded = backend().get_user(alice.pk)
    assert loaded == DjangoModelBackend().get_user(alice.pk) == alice
    assert loaded.username == "alice" and loaded.password == alice.password
    assert backend().get_user(bob.pk) is None  # inactive: refused, as Django refuses it
    assert backend().get_user(alice.pk + 1000) is None
    assert backend().get_user(str(alice.pk)) == alice  # not an int: the ORM's way, same answer
