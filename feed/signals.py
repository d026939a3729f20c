"""Hooks through which other apps take part in feed actions; `feed` imports none of them.

- ``post_publishing``: sent inside ``post_publish``'s transaction, with ``post`` and ``user``,
  before a draft becomes public. A receiver raises ``PublishRefused`` to keep it a draft (e.g. a
  cameo's owner withdrew consent after the video was made); the message is shown to the user.
- ``account_exporting``: sent by the worker while it builds a person's data export, with ``user``
  and ``archive`` (a ``feed.archive.ExportArchive``), before anything is written. A receiver adds
  what its app keeps of that person: sections of ``archive.data`` (data.json), annotations on
  ``archive.videos``, and files or texts under a folder of its own (``archive.add_file``).
- ``account_deleting``: sent inside ``account_delete``'s transaction, with ``user``, before the
  account and everything that cascades from it are deleted. A receiver removes what its app must
  remove itself (files after the commit, rows that PROTECT others); raising rolls it all back.
"""

from django.core.exceptions import PermissionDenied
from django.dispatch import Signal

post_publishing = Signal()
account_exporting = Signal()
account_deleting = Signal()


class PublishRefused(PermissionDenied):
    """A receiver of ``post_publishing`` refuses; the message says why, for the creator."""
