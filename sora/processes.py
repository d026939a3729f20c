"""Helpers for the child processes `make run` supervises."""

import ctypes
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Run in the child before exec: the kernel sends SIGTERM if the launcher itself dies.

    Without it, a launcher killed with SIGKILL would leave orphaned servers holding the ports.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
