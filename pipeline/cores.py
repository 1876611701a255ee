"""How many cores a build may use, and whether work can go to forked processes."""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1
"""Linux prctl(2) option: the signal a process receives when its parent dies."""


def available() -> int:
    """The cores this process may run on (its CPU affinity where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork(workers: int | None = None) -> bool:
    """Whether to hand work to other processes: two cores or more (``workers``, else those available),
    and Linux. Forking is what makes them cheap, with no re-import of the pipeline; only Linux forks
    safely."""
    return (workers if workers is not None else available()) >= 2 and sys.platform == "linux"


def die_with(parent: int) -> None:
    """In a forked process: have the kernel kill it when ``parent`` (the build) dies (Linux prctl
    PR_SET_PDEATHSIG); exit now if the build died before the request took effect."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux: the caller's other ways still stop it
        pass
    if os.getppid() != parent:
        os._exit(0)
