"""One build at a time per output folder, and recovery from a build that was killed.

The lock is an advisory ``flock`` on ``.<folder>.lock`` beside the output folder (not inside it:
nothing but outputs lives there). The kernel releases it when its holder dies, even by SIGKILL,
so a crashed build never leaves a stale lock. The lock is re-entrant within one process: the
CLI holds it for a whole build (the no-op check, the chart cache read, plan and write) and the
writer takes it again around each write.

Taking the lock first finishes or undoes whatever a killed build left beside the folder (see
:func:`recover`), so nothing reads the output before it is whole again.

Standard library only: the no-op build takes the lock before any heavy import.
"""

from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from pipeline.errors import Location, fail

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: builds are not serialised there
    fcntl = None

WAIT_SECONDS = 300.0
"""How long a second build waits for the first before it gives up."""

_STAGING, _READY, _OLD = "staging", "ready", "old"
"""Suffixes of the sibling folders a write uses: being filled, complete, the replaced tree."""

_held: dict[str, tuple[int, int]] = {}
"""Real path of a locked folder -> (lock file descriptor, nesting depth) in this process."""


def real_output(out_dir: Path) -> Path:
    """The output folder with symlinks resolved (a symlinked site-data/ is switched where it really is)."""
    return Path(os.path.realpath(out_dir))


def sibling(out_dir: Path, kind: str, tag: str = "") -> Path:
    """``.<name>.<kind>[-tag]`` beside the (real) output folder: same file system, so renames are atomic."""
    real = real_output(out_dir)
    return real.parent / f".{real.name}.{kind}{'-' + tag if tag else ''}"


@contextmanager
def output_lock(out_dir: Path, *, wait: float = WAIT_SECONDS,
                on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the output folder's lock; wait for another build up to ``wait`` seconds, then fail (E093).

    ``on_wait`` is called once if the lock is busy (the CLI says that it waits).
    """
    real = real_output(out_dir)
    key = str(real)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    fd = _acquire(real, wait, on_wait)
    _held[key] = (fd, 1)
    try:
        recover(real)
        yield
    finally:
        del _held[key]
        if fd >= 0:
            os.close(fd)  # closing the descriptor releases the flock


def _acquire(real: Path, wait: float, on_wait: Callable[[], None] | None) -> int:
    if fcntl is None:
        return -1
    lock_file = sibling(real, "lock")
    try:
        if not real.parent.is_dir():
            real.parent.mkdir(parents=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise fail("E091", f"cannot write the output: {exc.strerror or exc}", location=Location(lock_file.name),
                   hint="check free disk space and permissions; site-data/ was left unchanged", stage="write") from None
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            pass
        if time.monotonic() >= deadline:
            os.close(fd)
            raise fail("E093", f"another build is writing {real.name}/ and did not finish within {wait:g} s",
                       location=Location(real.name),
                       hint="wait for the other build (or stop it) and run this one again", stage="write")
        if not told and on_wait is not None:
            on_wait()
            told = True
        time.sleep(0.05)


def recover(out_dir: Path) -> None:
    """Finish or undo a write that was killed; call with the lock held.

    A write fills ``.<name>.staging-<pid>``, renames it to ``.<name>.ready-<pid>`` once complete, then
    switches it with the output folder. If the output folder is missing, the switch was cut in half
    (the fallback without an atomic exchange): a ready tree is complete, so it is put in place (roll
    forward), else the old tree goes back (roll back). Every other leftover sibling is discarded.
    """
    real = real_output(out_dir)
    parent = real.parent
    prefix = f".{real.name}."
    try:
        names = sorted(n for n in os.listdir(parent) if n.startswith(prefix))
    except OSError:
        return
    leftovers = [parent / n for n in names if n[len(prefix):].split("-", 1)[0] in (_STAGING, _READY, _OLD)]
    if not leftovers:
        return
    if not real.exists():
        ready = [p for p in leftovers if p.name[len(prefix):].startswith(_READY)]
        old = [p for p in leftovers if p.name[len(prefix):].startswith(_OLD)]
        for candidate in ready + old:
            os.rename(candidate, real)
            leftovers.remove(candidate)
            break
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
