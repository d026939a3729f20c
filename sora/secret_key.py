"""The secret key of an install that was given none: made once, kept in the var folder."""

import os
import secrets
import stat
import tempfile
from pathlib import Path


def secret_key_ensure(path: Path) -> str:
    """Read the key at `path`, creating it (readable by its owner only) on first use.

    The web server and the worker load the settings at the same moment: the key is written to a
    private temporary file and linked into place, so a reader never sees a half-written key and
    the process that loses the race reads the winner's.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(50) + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)  # copied in with a looser mode; sessions and cursors are signed with it
    key = path.read_text().strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it (a new key is made) or set SECRET_KEY.")
    return key
