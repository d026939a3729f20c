"""The hooks through which other apps react to a job; `generation` itself imports none of them.

All are sent with ``sender=Job`` and a ``job`` keyword argument.

- ``job_created``: sent inside ``job_create``'s transaction once the row exists, before it is
  queued. A receiver may add likenesses to ``job.spec["references"]`` (and save the job), or
  raise ``JobRefused`` to refuse the request: the transaction rolls back, nothing is created, and
  the caller shows the message.
- ``job_started``: sent by the worker after it claims the job and before it renders. A receiver
  raises ``JobRefused`` to stop it (e.g. a cameo's consent was withdrawn while the job was
  queued): the job fails with that message.
- ``job_succeeded``: sent inside the transaction that marks the job done, so a receiver's writes
  (e.g. the draft post) commit or roll back together with the job's result.
- ``job_failed``: sent after a job is marked failed; ``job.error`` holds the reason for the user.
- ``appeal_decided``: sent with ``sender=Appeal`` and an ``appeal`` keyword once staff allowed a
  refused prompt once or upheld the refusal (``appeal.status``), inside that transaction: the
  person is told.
"""

from django.dispatch import Signal

job_created = Signal()
job_started = Signal()
job_succeeded = Signal()
job_failed = Signal()
appeal_decided = Signal()


class JobRefused(Exception):
    """A receiver of ``job_created`` or ``job_started`` refuses the job; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
