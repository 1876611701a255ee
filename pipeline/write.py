"""The only code that touches site-data/: all or nothing, unchanged files untouched.

Every output is rendered in memory first. Writing then goes in two phases: each new or
changed file is written to a temporary file beside its target (if any write fails, the
temporaries are removed and site-data/ is as it was); then each temporary is renamed over
its target and files no longer produced are deleted.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.errors import Location, Problem, fail


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
    if path.is_absolute() or not path.parts or any(part in ("..", ".", "") for part in path.parts) \
            or "\\" in relative or ":" in relative:
        raise fail("E090", f"refusing to write '{relative}': output paths must stay inside the output folder",
                   hint="report, locale and component ids may not contain '/', '..' or drive letters", stage="write")
    return path


def plan_writes(outputs: dict[str, bytes], out_dir: Path) -> WritePlan:
    """Compare rendered outputs with the folder's current content."""
    plan = WritePlan()
    for relative in sorted(outputs):
        check_output_path(relative)
        target = out_dir / relative
        if not target.is_file():
            plan.added.append(relative)
        elif target.read_bytes() != outputs[relative]:
            plan.changed.append(relative)
        else:
            plan.unchanged.append(relative)
    if out_dir.is_dir():
        for existing in sorted(p for p in out_dir.rglob("*") if p.is_file() or p.is_symlink()):
            relative = existing.relative_to(out_dir).as_posix()
            if relative not in outputs:
                plan.removed.append(relative)
    return plan


def apply_writes(plan: WritePlan, outputs: dict[str, bytes], out_dir: Path) -> None:
    """Carry out ``plan``; on failure before the rename phase nothing has changed."""
    staged: list[tuple[Path, Path]] = []
    try:
        for relative in plan.added + plan.changed:
            target = out_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(outputs[relative])
            os.chmod(temporary, 0o644)
            staged.append((Path(temporary), target))
    except OSError as exc:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise fail("E091", f"cannot write the output: {exc.strerror or exc}",
                   location=Location(str(getattr(exc, 'filename', '') or out_dir)),
                   hint="check free disk space and permissions; site-data/ was left unchanged", stage="write") from None
    for temporary, target in staged:
        os.replace(temporary, target)
    for relative in plan.removed:
        (out_dir / relative).unlink(missing_ok=True)
    _remove_empty_folders(out_dir)


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
