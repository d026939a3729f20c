"""Hooks through which other apps take part in feed actions; `feed` imports none of them.

- ``post_publishing``: sent inside ``post_publish``'s transaction, with ``post`` and ``user``,
  before a draft becomes public. A receiver raises ``PublishRefused`` to keep it a draft (e.g. a
  cameo's owner withdrew consent after the video was made); the message is shown to the user.
"""

from django.core.exceptions import PermissionDenied
from django.dispatch import Signal

post_publishing = Signal()


class PublishRefused(PermissionDenied):
    """A receiver of ``post_publishing`` refuses; the message says why, for the creator."""
