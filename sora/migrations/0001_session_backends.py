"""Sessions signed in before this release name the backends that sora/auth.py held
("sora.auth.ModelBackend", "sora.auth.AuthenticationBackend"). Django signs out a session whose
backend is not in AUTHENTICATION_BACKENDS, so this rewrites them to Django's and allauth's own,
which those were thin subclasses of: everyone stays signed in across the upgrade.

Session data is signed and compressed, so each row is decoded to be read; rows that need no
change are left alone.
"""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations

RENAMED = {
    "sora.auth.ModelBackend": "django.contrib.auth.backends.ModelBackend",
    "sora.auth.AuthenticationBackend": "allauth.account.auth_backends.AuthenticationBackend",
}
BATCH = 500


def sessions_rename_backends(apps, schema_editor) -> int:
    """Rewrite the backend path of every stored session named in RENAMED; returns how many."""
    Session = apps.get_model("sessions", "Session")
    sessions = Session.objects.using(schema_editor.connection.alias).order_by("session_key")
    store = SessionStore()  # for decode/encode only: every engine signs with the same salt
    count, last = 0, ""
    # In batches by key, each read whole before it is written (SQLite's cursors don't isolate a
    # read from writes to the same table).
    while batch := list(sessions.filter(session_key__gt=last)[:BATCH]):
        last = batch[-1].session_key
        changed = []
        for session in batch:
            data = store.decode(session.session_data)
            backend = data.get(BACKEND_SESSION_KEY)
            if backend in RENAMED:
                data[BACKEND_SESSION_KEY] = RENAMED[backend]
                session.session_data = store.encode(data)
                changed.append(session)
        sessions.bulk_update(changed, ["session_data"])
        count += len(changed)
    return count


class Migration(migrations.Migration):
    dependencies = [("sessions", "0001_initial")]

    operations = [
        # Backwards: nothing to undo, the old code read Django's and allauth's paths too.
        migrations.RunPython(sessions_rename_backends, migrations.RunPython.noop),
    ]
