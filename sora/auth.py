"""Authentication backends that load the signed-in user through a prepared query.

Django's ModelBackend.get_user runs `User.objects.get(pk=...)` on every signed-in request; the
ORM's work for that one indexed row costs several times the SQL. These are Django's ModelBackend
and allauth's backend with only that read prepared (sora.prepared): who may sign in, and how,
is theirs unchanged.
"""

from __future__ import annotations

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

from .prepared import prepared_models

# Sessions record the backend that signed the user in; those made before these existed name
# Django's or allauth's (sora.sessions maps them to these on load).
LEGACY_BACKENDS = {
    "django.contrib.auth.backends.ModelBackend": "sora.auth.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": "sora.auth.AuthenticationBackend",
}


def _user_query(*, pk: int):
    UserModel = get_user_model()
    return UserModel._default_manager.filter(pk=pk)


class _PreparedGetUser:
    def get_user(self, user_id) -> AbstractBaseUser | None:
        if not isinstance(user_id, int) or isinstance(user_id, bool):
            return super().get_user(user_id)  # a custom user model's key: the ORM's way
        found = prepared_models("sora.auth.user", _user_query, pk=user_id)
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_PreparedGetUser, backends.ModelBackend):
    pass


class AuthenticationBackend(_PreparedGetUser, allauth_backends.AuthenticationBackend):
    pass
