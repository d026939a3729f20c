"""The hooks through which other apps react to a job; `generation` itself imports none of them.

All are sent with ``sender=Job`` and a ``job`` keyword argument.

- ``job_succeeded``: sent inside the transaction that marks the job done, so a receiver's writes
  (e.g. the draft post) commit or roll back together with the job's result.
- ``job_failed``: sent after a job is marked failed; ``job.error`` holds the reason for the user.
"""

from django.dispatch import Signal

job_succeeded = Signal()
job_failed = Signal()
