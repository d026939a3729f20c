"""Django's database sessions, read through a prepared query (SESSION_ENGINE = "sora.sessions").

Every signed-in request reads its session: through the ORM that costs about 0.4 ms here, of
which the SQL is a twentieth; prepared (sora.prepared) it costs a quarter of that. Writing,
creating and deleting sessions stay Django's own.
"""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .auth import LEGACY_BACKENDS
from .prepared import prepared_models


def _session_query(*, session_key: str, now):
    return Session.objects.filter(session_key=session_key, expire_date__gt=now)


class SessionStore(db.SessionStore):
    @classmethod
    def get_model_class(cls) -> type[Session]:
        return Session

    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        if not isinstance(key, str):  # unset: nothing to read
            self._session_key = None
            return None
        found = prepared_models("sora.session", _session_query, session_key=key, now=timezone.now())
        if not found:
            self._session_key = None  # as Django does: an unknown or expired key starts afresh
            return None
        return found[0]

    def load(self) -> dict:
        data = super().load()
        # Sessions signed in before sora.auth's backends name Django's and allauth's: the same
        # users, loaded the same way, only faster; without this they would be signed out.
        backend = data.get(BACKEND_SESSION_KEY)
        if backend in LEGACY_BACKENDS:
            data[BACKEND_SESSION_KEY] = LEGACY_BACKENDS[backend]
        return data
