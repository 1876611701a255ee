"""Run one hostile case in-process: lay it over a copy of its base project, run the command, report."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipeline.cli import main
from tests.hostile.cases import Case
from tests.project import ROOT, make_project

BASE_REPORT = ROOT / "tests" / "bad_inputs" / "base-report.yaml"
CNI_REPORT = ROOT / "tests" / "fixtures" / "cni-page" / "cni-performance-comparison.yaml"
"""A general report read from raw files through a field map (frozen, so data edits never move the cases)."""
SWEEP_REPORT = ROOT / "data" / "reports" / "llama31-8b-gpu-sweep.yaml"


def make_bases(folder: Path) -> dict[str, Path]:
    """The base projects, each with its site-data/ built (without charts: faster, and enough to see changes)."""
    bases = {"demo": make_project(folder / "demo", []), "sweep": make_project(folder / "sweep", [SWEEP_REPORT]),
             "cni": make_project(folder / "cni", [CNI_REPORT])}
    shutil.copy(BASE_REPORT, bases["demo"] / "data" / "reports" / "demo.yaml")
    for root in bases.values():
        status, _, err = run(root, ["build", "--no-charts"])
        assert status == 0, err
    return bases


def run(root: Path, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["--root", str(root), *args])
    return status, out.getvalue(), err.getvalue()


def lay_out(case: Case, root: Path) -> None:
    for edit in case.edits:
        kind, path = edit[0], root / edit[1]
        if kind == "sub":
            text = path.read_text(encoding="utf-8")
            assert edit[2] in text, f"{case.name}: {edit[2]!r} is not in {edit[1]}"
            path.write_text(text.replace(edit[2], edit[3], 1), encoding="utf-8")
        elif kind == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            data = edit[2] if isinstance(edit[2], bytes) else edit[2].encode("utf-8")
            path.write_bytes(data)
        elif kind == "append":
            with path.open("a", encoding="utf-8") as stream:
                stream.write(edit[2])
        elif kind == "delete":
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        elif kind == "symlink":
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(edit[2].replace("{root}", str(root)), path)
        elif kind == "mkdir":
            path.mkdir(parents=True, exist_ok=True)
        else:
            raise ValueError(kind)


def snapshot(folder: Path) -> dict[str, tuple]:
    found = {}
    for directory, subdirs, names in os.walk(folder):
        for name in subdirs + names:
            path = Path(directory, name)
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else os.readlink(path) \
                if path.is_symlink() else None
            found[path.relative_to(folder).as_posix()] = (data, info.st_mtime_ns if data is not None else 0)
    return found


@dataclass
class Outcome:
    """What one command did with a case."""

    command: str
    status: int
    first: str
    """The first line printed (stderr, else stdout), with the project's path written {root}."""
    unchanged: bool
    """site-data/ byte for byte and mtime for mtime as before (always, for a failing command)."""
    output: str


def run_case(case: Case, bases: dict[str, Path], tmp: Path) -> list[Outcome]:
    """The case under its command and, unless it is accepted, under ``build --no-charts`` too."""
    root = tmp / "project"
    shutil.copytree(bases[case.base], root, symlinks=True)
    lay_out(case, root)
    outcomes = []
    commands = [list(case.command)] + ([["build", "--no-charts"]] if case.build and case.command[0] != "build" else [])
    for args in commands:
        before = snapshot(root / "site-data")
        status, out, err = run(root, args)
        text = (err or out).replace(str(root), "{root}").replace(str(tmp), "{tmp}")
        first = next((line for line in text.splitlines() if line.strip()), "")
        outcomes.append(Outcome(" ".join(args), status, first, snapshot(root / "site-data") == before,
                                (out + err).replace(str(root), "{root}")))
    return outcomes
