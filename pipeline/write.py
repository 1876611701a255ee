"""The only code that touches site-data/: all or nothing, unchanged files untouched.

Every output is rendered in memory first. Writing then goes in three phases:

1. stage: each new or changed file is written to a temporary file beside its target;
2. commit: the current version of every changed or removed file is kept aside (a hard
   link, so readers never see a file missing), then each temporary is renamed over its
   target and each removed file is renamed away;
3. clean up: the kept-aside versions and emptied folders are deleted.

If anything fails in phases 1 or 2, everything done so far is undone and the folder is
byte for byte as it was (new folders included); only then is the error reported.
Files whose bytes do not change are never opened for writing, so their mtimes stay.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable

from pipeline.errors import Location, Problem, fail

_TEMP_PREFIX = ".site-data-tmp-"
_KEEP_PREFIX = ".site-data-old-"


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


def _refuse(relative: str):
    return fail("E090", f"refusing to write '{relative}': output paths must stay inside the output folder",
                location=Location(f"site-data/{relative}" if relative and not relative.startswith("/") else relative),
                hint="report, locale, table and component ids may not contain '/', '\\\\', ':', '..' "
                     "or start with '/'", stage="write")


def plan_writes(outputs: dict[str, bytes], out_dir: Path, keep: Callable[[str], bool] | None = None) -> WritePlan:
    """Compare rendered outputs with the folder's current content.

    Files not among ``outputs`` are to be removed, unless ``keep(relative path)`` says this build
    does not manage them (the charts, in a build that skips them).
    """
    plan = WritePlan()
    root = out_dir.resolve()
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
        target = out_dir / relative
        if not _inside(target, root):  # a symlinked folder inside site-data/ pointing elsewhere
            raise _refuse(relative)
        if not target.is_file():
            plan.added.append(relative)
        elif target.read_bytes() != outputs[relative]:
            plan.changed.append(relative)
        else:
            plan.unchanged.append(relative)
    if out_dir.is_dir():
        for existing in sorted(p for p in out_dir.rglob("*") if p.is_file() or p.is_symlink()):
            relative = existing.relative_to(out_dir).as_posix()
            if relative not in outputs and not (keep and keep(relative)):
                plan.removed.append(relative)
    return plan


def _inside(target: Path, root: Path) -> bool:
    resolved = target.resolve()
    return resolved == root or root in resolved.parents


def apply_writes(plan: WritePlan, outputs: dict[str, bytes], out_dir: Path) -> None:
    """Carry out ``plan``; if it cannot be carried out completely, leave ``out_dir`` as it was."""
    journal = _Journal(out_dir)
    try:
        for relative in plan.added + plan.changed:
            journal.stage(relative, outputs[relative])
        for relative in plan.changed:
            journal.keep_aside(relative, move=False)
        for relative in plan.removed:
            journal.keep_aside(relative, move=True)
        journal.commit()
    except OSError as exc:
        journal.undo()
        where = getattr(exc, "filename", None) or out_dir
        raise fail("E091", f"cannot write the output: {exc.strerror or exc}",
                   location=Location(display(Path(where), out_dir)),
                   hint="check free disk space and permissions; site-data/ was left unchanged",
                   stage="write") from None
    journal.forget()
    _remove_empty_folders(out_dir)


def display(path: Path, out_dir: Path) -> str:
    """``path`` as ``site-data/...`` when inside the output folder."""
    try:
        return f"{out_dir.name}/{path.relative_to(out_dir).as_posix()}"
    except ValueError:
        return path.as_posix()


class _Journal:
    """Every step of one write, so that it can be undone."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.created_dirs: list[Path] = []
        self.staged: list[tuple[Path, Path]] = []
        """(temporary, target) for each new or changed file."""
        self.kept: list[tuple[Path, Path, bool]] = []
        """(kept-aside copy, original, moved) for each changed or removed file."""
        self.placed: list[Path] = []
        """Targets already renamed into place."""

    def _make_dirs(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            os.mkdir(path)
            self.created_dirs.append(path)

    def stage(self, relative: str, data: bytes) -> None:
        target = self.out_dir / relative
        self._make_dirs(target.parent)
        handle, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=target.parent)
        temporary = Path(name)
        self.staged.append((temporary, target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)

    def keep_aside(self, relative: str, *, move: bool) -> None:
        original = self.out_dir / relative
        keep = original.with_name(f"{_KEEP_PREFIX}{os.getpid()}-{original.name}")
        if move:
            os.replace(original, keep)
        else:
            try:
                os.link(original, keep)
            except OSError:  # no hard links on this file system: a copy does as well
                keep.write_bytes(original.read_bytes())
        self.kept.append((keep, original, move))

    def commit(self) -> None:
        for temporary, target in self.staged:
            os.replace(temporary, target)
            self.placed.append(target)

    def undo(self) -> None:
        """Put everything back; best effort, never raises."""
        placed = set(self.placed)
        for temporary, target in self.staged:
            if target not in placed:
                _quietly(temporary.unlink, missing_ok=True)
        kept = {original: (keep, moved) for keep, original, moved in self.kept}
        for target in self.placed:
            if target not in kept:
                _quietly(target.unlink, missing_ok=True)  # was added
        for original, (keep, moved) in kept.items():
            if moved or original in placed:
                _quietly(os.replace, keep, original)
            else:  # still in place; the kept link is a second name for the same bytes
                _quietly(keep.unlink, missing_ok=True)
        for folder in reversed(self.created_dirs):
            _quietly(folder.rmdir)

    def forget(self) -> None:
        """The write succeeded: delete the kept-aside versions."""
        for keep, _, _ in self.kept:
            _quietly(keep.unlink, missing_ok=True)


def _quietly(action, *args, **kwargs) -> None:
    try:
        action(*args, **kwargs)
    except OSError:
        pass


def _remove_empty_folders(out_dir: Path) -> None:
    if not out_dir.is_dir():
        return
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def describe(plan: WritePlan) -> list[Problem]:
    """The plan as problems, for ``build --check``: each file that is stale."""
    items = [("added", "would be created"), ("changed", "is out of date"), ("removed", "would be deleted")]
    return [Problem("E092", f"{what}", Location(f"site-data/{rel}"),
                    hint="run `make site-data` and commit the result")
            for attr, what in items for rel in getattr(plan, attr)]
