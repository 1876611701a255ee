"""The only code that touches site-data/: all or nothing, even when killed; unchanged files untouched.

Every output is rendered in memory first. A write then builds the complete new tree beside the
output folder, in ``.site-data.staging-<pid>``: unchanged files are hard links to the current ones
(same inode, so their mtimes stay), new and changed files are written. The complete tree is
renamed to ``.site-data.ready-<pid>`` and switched with ``site-data/`` in one atomic exchange
(``renameat2(RENAME_EXCHANGE)``; where the kernel lacks it, two renames that the next run rolls
forward). Readers therefore see the old tree or the new one, never a mix, and nothing temporary is
ever inside ``site-data/``; a build killed at any point leaves leftovers only beside it, which the
next build removes (or, after a half-done fallback switch, completes) before reading anything.

Builds hold the output lock (:mod:`pipeline.output_lock`) while they plan and write, so two builds
never interleave. A failure at any step removes the staged tree and reports E091.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from pipeline.errors import BuildFailed, Location, Problem, fail
from pipeline.output_lock import output_lock, real_output, sibling


@dataclass
class WritePlan:
    """What a build would do to the output folder."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def is_current(self) -> bool:
        """True when the folder already holds exactly these outputs."""
        return not (self.added or self.changed or self.removed)


def check_output_path(relative: str) -> PurePosixPath:
    """Refuse any output path that could land outside the output folder."""
    path = PurePosixPath(relative)
    if not relative or path.is_absolute() or any(part in ("..", ".", "") for part in relative.split("/")) \
            or "\\" in relative or ":" in relative or "\0" in relative:
        raise _refuse(relative)
    return path


def merge_outputs(outputs: dict[str, bytes], new: Iterable[tuple[str, bytes]], source: str) -> None:
    """Add ``new`` (path relative to site-data/, bytes) to ``outputs``, refusing any path given twice.

    A repeated path (two tables with one id, a component named like a table) would otherwise keep
    only the last producer's bytes; every clash is reported (E095, naming ``source``) and nothing is added.
    """
    staged: dict[str, bytes] = {}
    clashes: list[str] = []
    for path, data in new:
        if path in outputs or path in staged:
            clashes.append(path)
        staged[path] = data
    if clashes:
        raise BuildFailed("render", [Problem(
            "E095", f"two outputs would be written to site-data/{path}", Location(source),
            hint="give each report, component and table its own id or name") for path in sorted(set(clashes))])
    outputs.update(staged)


def _refuse(relative: str):
    return fail("E090", f"refusing to write '{relative}': output paths must stay inside the output folder",
                location=Location(f"site-data/{relative}" if relative and not relative.startswith("/") else relative),
                hint="report, locale, table and component ids may not contain '/', '\\\\', ':', '..' "
                     "or start with '/'", stage="write")


def plan_writes(outputs: dict[str, bytes], out_dir: Path, keep: Callable[[str], bool] | None = None) -> WritePlan:
    """Compare rendered outputs with the folder's current content.

    Files not among ``outputs`` are to be removed, unless ``keep(relative path)`` says this build
    does not manage them (the charts, in a build that skips them). Symlinks inside the folder are
    never followed: a symlinked folder on an output's path is refused, a symlink (or anything but
    a regular file) where an output goes is replaced.
    """
    with output_lock(out_dir):  # also finishes or undoes a killed write before reading the folder
        listing = _listing(out_dir)
    plan = WritePlan()
    folded: dict[str, str] = {}
    for relative in sorted(outputs):
        check_output_path(relative)
        # Two outputs differing only in case are one file on macOS and Windows.
        other = folded.setdefault(relative.casefold(), relative)
        if other != relative:
            raise fail("E090", f"'{relative}' and '{other}' differ only in upper/lower case",
                       location=Location(f"site-data/{relative}"),
                       hint="they would overwrite each other on macOS and Windows; rename one of the ids",
                       stage="write")
        parts = relative.split("/")
        if any("/".join(parts[:n]) in listing.others for n in range(1, len(parts))):
            raise _refuse(relative)  # a symlinked folder inside site-data/ (it may point anywhere)
        if relative in listing.files:
            same = _read(out_dir / relative) == outputs[relative]
            (plan.unchanged if same else plan.changed).append(relative)
        elif relative in listing.others:
            plan.changed.append(relative)
        else:
            plan.added.append(relative)
    for relative in sorted(listing.files | listing.others):
        if relative not in outputs and not (keep and keep(relative)):
            plan.removed.append(relative)
    return plan


@dataclass
class _Listing:
    files: set[str] = field(default_factory=set)
    """Regular files, relative to the folder."""
    others: set[str] = field(default_factory=set)
    """Symlinks (to files or folders, dangling or looping) and special files: never followed."""


def _listing(out_dir: Path) -> _Listing:
    found = _Listing()
    if not out_dir.is_dir():
        return found
    for directory, subdirs, names in os.walk(out_dir):  # os.walk does not follow symlinked folders
        base = Path(directory)
        for name in subdirs + names:
            path = base / name
            relative = path.relative_to(out_dir).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                found.files.add(relative)
            elif not stat.S_ISDIR(mode):
                found.others.add(relative)
    return found


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


Fault = Callable[[str], None]
"""Called with the name of each step of a write before it is taken (tests inject failures and kills)."""


def apply_writes(plan: WritePlan, outputs: dict[str, bytes], out_dir: Path, *, fault: Fault | None = None) -> None:
    """Carry out ``plan``: ``out_dir`` ends as the complete new tree or, on any failure, exactly as it was.

    ``fault`` is a test hook called before every step (see :data:`Fault`).
    """
    if plan.is_current:
        return
    current = [""]

    def step(name: str) -> None:
        current[0] = name
        if fault is not None:
            fault(name)

    with output_lock(out_dir):
        real = real_output(out_dir)
        staging = sibling(real, "staging", str(os.getpid()))
        try:
            step("begin")
            _fill(staging, real, plan, outputs, step)
            ready = sibling(real, "ready", str(os.getpid()))
            step("ready")
            os.rename(staging, ready)
            staging = ready
            step("switch")
            _switch(ready, real, step)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            relative = current[0].partition(" ")[2]
            where = Location(f"{out_dir.name}/{relative}" if relative else out_dir.name)
            raise fail("E091", f"cannot write the output: {exc.strerror or exc}", location=where,
                       hint="check free disk space and permissions; site-data/ was left unchanged",
                       stage="write") from None


def _fill(staging: Path, real: Path, plan: WritePlan, outputs: dict[str, bytes], step: Fault) -> None:
    """Build the complete new tree in ``staging``: links to unchanged and kept files, new bytes for the rest."""
    written = set(plan.added) | set(plan.changed)
    dropped = set(plan.removed) | written
    listing = _listing(real)
    os.mkdir(staging)
    made = {staging}

    def folder_of(target: Path) -> None:
        missing = []
        for folder in target.parents:
            if folder in made:
                break
            missing.append(folder)
        for folder in reversed(missing):
            os.mkdir(folder)
            made.add(folder)

    for relative in sorted((listing.files | listing.others) - dropped):
        step(f"link {relative}")
        target = staging / relative
        folder_of(target)
        source = real / relative
        if relative in listing.others:
            if source.is_symlink():  # a kept symlink stays a symlink, never followed
                os.symlink(os.readlink(source), target)
            continue
        try:
            os.link(source, target)
        except OSError:  # no hard links on this file system: a copy with its times does as well
            shutil.copy2(source, target)
    for relative in sorted(written):
        step(f"write {relative}")
        target = staging / relative
        folder_of(target)
        _write_bytes(target, outputs[relative])


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(data)
    os.chmod(path, 0o644)


def _switch(ready: Path, real: Path, step: Fault) -> None:
    """Put the complete tree ``ready`` in place of ``real``, atomically where the kernel allows."""
    if not real.exists():
        os.rename(ready, real)
        return
    if _exchange(ready, real):
        step("discard")  # ``ready`` now holds the previous tree
        shutil.rmtree(ready, ignore_errors=True)
        return
    # No atomic exchange: two renames. Killed between them, the next run puts ``ready`` in place.
    old = sibling(real, "old", str(os.getpid()))
    os.rename(real, old)
    try:
        step("switch-second")
        os.rename(ready, real)
    except OSError:
        os.rename(old, real)
        raise
    step("discard")
    shutil.rmtree(old, ignore_errors=True)


EXCHANGE = True
"""Use the atomic exchange when the kernel has it (tests turn it off to exercise the fallback)."""


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unavailable."""
    if not EXCHANGE or sys.platform != "linux":
        return False
    import ctypes  # only when writing: keeps the no-op build's imports light

    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # file system or kernel without it
        return False
    raise OSError(error, os.strerror(error), str(b))


def display(path: Path, out_dir: Path) -> str:
    """``path`` as ``site-data/...`` when inside the output folder."""
    try:
        return f"{out_dir.name}/{path.relative_to(out_dir).as_posix()}"
    except ValueError:
        return path.as_posix()


def describe(plan: WritePlan) -> list[Problem]:
    """The plan as problems, for ``build --check``: each file that is stale."""
    items = [("added", "would be created"), ("changed", "is out of date"), ("removed", "would be deleted")]
    return [Problem("E092", f"{what}", Location(f"site-data/{rel}"),
                    hint="run `make site-data` and commit the result")
            for attr, what in items for rel in getattr(plan, attr)]
