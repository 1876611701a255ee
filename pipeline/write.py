"""The only code that touches site-data/: all or nothing, even when killed; unchanged files untouched.

A write builds the complete new tree beside the output folder, in ``.site-data.staging-<pid>``:
new and changed files are written there as the build renders them (:class:`StagedWrite`; a build
thus holds one report's outputs at a time, not the site's), then unchanged files become hard links
to the current ones (same inode, so their mtimes stay). Only once every output is staged is the tree
renamed to ``.site-data.ready-<pid>`` and switched with ``site-data/`` in one atomic exchange
(``renameat2(RENAME_EXCHANGE)``; where the kernel lacks it, two renames that the next run rolls
forward). Readers therefore see the old tree or the new one, never a mix, and nothing temporary is
ever inside ``site-data/``; a build killed at any point leaves leftovers only beside it, which the
next build removes (or, after a half-done fallback switch, completes) before reading anything. The
replaced tree's folders, emptied of files, stay beside it as ``.site-data.spare``: the next write stages
into them instead of making and removing every folder again (:mod:`pipeline.spare_folders`).

Builds hold the output lock (:mod:`pipeline.output_lock`) while they plan and write, so two builds
never interleave. A failure at any step removes the staged tree and reports E091.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Collection, Iterable

from pipeline.errors import BuildFailed, Location, Problem, fail
from pipeline.output_lock import output_lock, real_output, sibling
from pipeline.spare_folders import SPARE, keep_folders, remove_empty_folders, take_spare


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
    pairs = list(new)
    claim_paths(outputs, [path for path, _ in pairs], source)
    outputs.update(pairs)


def claim_paths(claimed: Collection[str], new: list[str], source: str) -> None:
    """Refuse (E095, naming ``source``) any of ``new`` already ``claimed`` or listed twice in ``new``.

    A build that streams its outputs keeps only their paths here, not their bytes.
    """
    seen: set[str] = set()
    clashes = set()
    for path in new:
        if path in claimed or path in seen:
            clashes.add(path)
        seen.add(path)
    if clashes:
        raise BuildFailed("render", [Problem(
            "E095", f"two outputs would be written to site-data/{path}", Location(source),
            hint="give each report, component and table its own id or name") for path in sorted(clashes)])


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
    with StagedWrite(out_dir, keep=keep, dry_run=True) as staged:
        staged.add_all((relative, outputs[relative]) for relative in sorted(outputs))
    return staged.plan


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
    removed = set(plan.removed)
    with StagedWrite(out_dir, keep=lambda relative: relative not in removed, fault=fault) as staged:
        staged.add_all((relative, outputs[relative]) for relative in sorted(outputs))


class StagedWrite:
    """A write fed output by output, so that a build need not hold every output in memory.

    Each new or changed output goes into the staging tree as it comes (unchanged ones are only
    compared); leaving the ``with`` block links the unchanged and kept files into it and switches it
    with the output folder. The folder is thus replaced all or nothing: an exception inside the block
    (a failed render, E091, an interrupt) discards the staged tree and leaves it as it was. With
    ``dry_run`` (``build --check``) nothing is staged: :attr:`plan` only says what a write would do.
    """

    def __init__(self, out_dir: Path, *, keep: Callable[[str], bool] | None = None, dry_run: bool = False,
                 hashes: bool = False, fault: Fault | None = None):
        self.out_dir = out_dir
        self.plan = WritePlan()
        """Filled as outputs come; complete (and sorted) once the block is left."""
        self.hashes: dict[str, str] | None = {} if hashes else None
        """Output path -> sha256 of its bytes, when asked for (the build record keeps them)."""
        self._keep, self._dry_run, self._fault = keep, dry_run, fault
        self._folded: dict[str, str] = {}
        self._paths: list[str] = []
        self._refused = False
        self._staging: Path | None = None
        self._made: set[Path] = set()
        self._recycled = False
        self._current = ""
        self._locked = ExitStack()

    def __enter__(self) -> StagedWrite:
        # The lock also finishes or undoes a killed write before the folder is read.
        self._locked.enter_context(output_lock(self.out_dir))
        self._real = real_output(self.out_dir)
        self._listing = _listing(self.out_dir)
        return self

    def __exit__(self, kind, error, trace) -> None:
        with self._locked:
            try:
                if kind is None and self._refused:
                    raise self._first_refusal()
                self._finish_plan()
                if kind is None and not self._dry_run and not self.plan.is_current:
                    self._guarded(self._publish)
            finally:
                if self._staging is not None:  # not published: a failure, an interrupt, or a clash
                    shutil.rmtree(self._staging, ignore_errors=True)

    def add_all(self, outputs: Iterable[tuple[str, bytes]]) -> None:
        """:meth:`add` each (relative path, bytes)."""
        for relative, data in outputs:
            self.add(relative, data)

    def add(self, relative: str, data: bytes) -> None:
        """One output (path relative to the folder; each path once): compared, and staged if new or changed."""
        if not self._admit(relative):
            return
        listing = self._listing
        if self.hashes is not None:
            self.hashes[relative] = hashlib.sha256(data).hexdigest()
        if relative in listing.files and _read(self.out_dir / relative) == data:
            self.plan.unchanged.append(relative)
            return
        (self.plan.changed if relative in listing.files or relative in listing.others else self.plan.added).append(relative)
        if not self._dry_run:
            self._guarded(lambda: self._stage(relative, data))

    def current_digest(self, relative: str) -> str | None:
        """The sha256 (hex) of the regular file at ``relative`` in the output folder as it is, or None."""
        if relative not in self._listing.files:
            return None
        data = _read(self.out_dir / relative)
        return None if data is None else hashlib.sha256(data).hexdigest()

    def add_current(self, relative: str, digest: str) -> None:
        """An output whose bytes are those already in the folder (the caller has checked ``digest``
        with :meth:`current_digest`): kept as it is, not read or compared again."""
        if relative not in self._listing.files:
            raise ValueError(f"{relative} is not in {self.out_dir}: only an output on disk can be kept")
        if not self._admit(relative):
            return
        if self.hashes is not None:
            self.hashes[relative] = digest
        self.plan.unchanged.append(relative)

    def _admit(self, relative: str) -> bool:
        """Record ``relative`` as an output; whether it may be written (after a refused path, none is:
        leaving the block reports the first refused path in path order)."""
        self._paths.append(relative)
        if self._refused or self._path_problem(relative, self._folded) is not None:
            self._refused = True
        return not self._refused

    def _path_problem(self, relative: str, folded: dict[str, str]) -> BuildFailed | None:
        """Why ``relative`` may not be written (E090), or None; ``folded`` maps case-folded paths to those seen."""
        try:
            check_output_path(relative)
        except BuildFailed as refused:
            return refused
        # Two outputs differing only in case are one file on macOS and Windows.
        other = folded.setdefault(relative.casefold(), relative)
        if other != relative:
            return fail("E090", f"'{relative}' and '{other}' differ only in upper/lower case",
                        location=Location(f"site-data/{relative}"),
                        hint="they would overwrite each other on macOS and Windows; rename one of the ids",
                        stage="write")
        parts = relative.split("/")
        if any("/".join(parts[:n]) in self._listing.others for n in range(1, len(parts))):
            return _refuse(relative)  # a symlinked folder inside site-data/ (it may point anywhere)
        return None

    def _first_refusal(self) -> BuildFailed:
        folded: dict[str, str] = {}
        return next(p for p in (self._path_problem(r, folded) for r in sorted(self._paths)) if p is not None)

    def _finish_plan(self) -> None:
        listing, plan = self._listing, self.plan
        written = set(self._folded.values())
        plan.removed = sorted(r for r in listing.files | listing.others
                              if r not in written and not (self._keep and self._keep(r)))
        for paths in (plan.added, plan.changed, plan.unchanged):
            paths.sort()

    def _step(self, name: str) -> None:
        self._current = name
        if self._fault is not None:
            self._fault(name)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except OSError as exc:
            relative = self._current.partition(" ")[2]
            where = Location(f"{self.out_dir.name}/{relative}" if relative else self.out_dir.name)
            raise fail("E091", f"cannot write the output: {exc.strerror or exc}", location=where,
                       hint="check free disk space and permissions; site-data/ was left unchanged",
                       stage="write") from None

    def _begin(self) -> Path:
        if self._staging is None:
            staging = sibling(self._real, "staging", str(os.getpid()))
            self._step("begin")
            spare = take_spare(sibling(self._real, SPARE), staging)
            if spare is None:
                os.mkdir(staging)
            self._made, self._recycled = spare or {staging}, spare is not None
            self._staging = staging
        return self._staging

    def _target(self, relative: str) -> Path:
        """``relative`` inside the staging tree, its folders made."""
        target = self._begin() / relative
        missing = []
        for folder in target.parents:
            if folder in self._made:
                break
            missing.append(folder)
        for folder in reversed(missing):
            os.mkdir(folder)
            self._made.add(folder)
        if self._recycled and target in self._made:  # a spare folder where this output's file goes
            shutil.rmtree(target)
            self._made = {folder for folder in self._made if folder != target and target not in folder.parents}
        return target

    def _stage(self, relative: str, data: bytes) -> None:
        self._begin()
        self._step(f"write {relative}")
        _write_bytes(self._target(relative), data)

    def _publish(self) -> None:
        """Link the unchanged and kept files into the staged tree, then put it in place of the folder."""
        listing, real = self._listing, self._real
        dropped = set(self.plan.removed) | set(self.plan.added) | set(self.plan.changed)
        self._begin()  # a write that only removes files stages a tree too
        for relative in sorted((listing.files | listing.others) - dropped):
            self._step(f"link {relative}")
            target = self._target(relative)
            source = real / relative
            if relative in listing.others:
                if source.is_symlink():  # a kept symlink stays a symlink, never followed
                    os.symlink(os.readlink(source), target)
                continue
            try:
                os.link(source, target)
            except OSError:  # no hard links on this file system: a copy with its times does as well
                shutil.copy2(source, target)
        if self._recycled:  # folders of the spare that no output needs: a published tree has no empty one
            remove_empty_folders(self._staging)
        ready = sibling(real, "ready", str(os.getpid()))
        self._step("ready")
        os.rename(self._staging, ready)
        self._staging = ready
        self._step("switch")
        _switch(ready, real, self._step)
        self._staging = None


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
        keep_folders(ready, sibling(real, SPARE))
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
    keep_folders(old, sibling(real, SPARE))


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
