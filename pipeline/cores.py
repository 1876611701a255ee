"""How many cores a build may use, and whether work can go to forked processes."""

from __future__ import annotations

import os
import sys


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
