"""All or nothing under failures, SIGKILL at every step and at random times, and overlapping builds.

After any of these, ``site-data/`` holds the old tree or the complete new one, nothing temporary is
inside it, and once the next build has taken the lock nothing is left beside it either.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import write
from pipeline.build import build
from pipeline.cli import main
from pipeline.load.project import ProjectPaths
from pipeline.errors import BuildFailed
from pipeline.output_lock import output_lock
from tests.project import ROOT, golden_reports, make_project
from tests.writer.worker import TREES, read_tree

OLD, NEW = TREES["A"], TREES["B"]


def seed(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def steps_of_a_write(tmp_path: Path, *, exchange: bool, monkeypatch) -> list[str]:
    """The names of the steps a write from OLD to NEW takes."""
    monkeypatch.setattr(write, "EXCHANGE", exchange)
    folder = tmp_path / "count"
    seed(folder, OLD)
    steps: list[str] = []
    write.apply_writes(write.plan_writes(NEW, folder), NEW, folder, fault=steps.append)
    assert read_tree(folder) == NEW
    return steps


def beside(folder: Path) -> list[str]:
    """What sits beside the output folder apart from its lock and the spare folders (which hold no file)."""
    spare = folder.parent / f".{folder.name}.spare"
    assert not [p for p in spare.rglob("*") if not p.is_dir()], "a file in the spare folders"
    return sorted(p.name for p in folder.parent.iterdir()
                  if p.name.startswith(f".{folder.name}.") and p.name not in (f".{folder.name}.lock", spare.name))


def no_temporaries_inside(folder: Path) -> None:
    if folder.exists():
        assert not [p for p in folder.rglob(".*")], "a temporary file inside the output folder"


def worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.writer.worker", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(proc: subprocess.Popen, timeout: float = 60) -> str:
    """Wait for ``proc``; its stderr."""
    return proc.communicate(timeout=timeout)[1].decode()


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_a_failure_before_any_step_leaves_the_old_tree_and_nothing_beside_it(tmp_path, monkeypatch, exchange):
    steps = steps_of_a_write(tmp_path, exchange=exchange, monkeypatch=monkeypatch)
    assert steps[0] == "begin" and steps[-1] == "discard" and len(steps) == len(NEW) + 1 + 4 - (1 if exchange else 0)
    for n, name in enumerate(steps):
        if name == "discard":
            continue  # past the switch: the new tree is in place and a failure cannot happen any more
        folder = tmp_path / f"out-{n}"
        seed(folder, OLD)

        def fault(step: str, name=name) -> None:
            if step == name:
                raise OSError(errno.ENOSPC, "No space left on device")

        with pytest.raises(BuildFailed) as caught:
            write.apply_writes(write.plan_writes(NEW, folder), NEW, folder, fault=fault)
        assert caught.value.problems[0].code == "E091"
        assert read_tree(folder) == OLD, f"a failure at {name!r} changed the folder"
        assert beside(folder) == [], f"a failure at {name!r} left {beside(folder)}"


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_sigkill_at_every_step_leaves_the_old_or_the_new_tree(tmp_path, monkeypatch, exchange):
    steps = steps_of_a_write(tmp_path, exchange=exchange, monkeypatch=monkeypatch)
    # Every step around the switch, and a sample of the per-file steps (each kind, first and last).
    per_file = [s for s in steps if " " in s]
    chosen = [s for s in steps if " " not in s] + per_file[:2] + per_file[len(per_file) // 2::17] + per_file[-2:]
    flag = [] if exchange else ["--no-exchange"]
    outcomes = {}
    procs = {}
    for name in chosen:
        folder = tmp_path / f"kill-{len(procs)}"
        seed(folder, OLD)
        procs[name] = (folder, worker("kill-at", str(folder), name, "B", *flag))
    for name, (folder, proc) in procs.items():
        err = finish(proc)
        assert proc.returncode == -signal.SIGKILL, err
        no_temporaries_inside(folder)
        seen = read_tree(folder) if folder.exists() else None
        if exchange or name != "switch-second":
            assert seen in (OLD, NEW), f"killed at {name!r}: a mixed tree"
        with output_lock(folder):  # what the next build does first
            pass
        after = read_tree(folder)
        assert after in (OLD, NEW), f"killed at {name!r}: a mixed tree after recovery"
        assert beside(folder) == [], f"killed at {name!r}: {beside(folder)} left after recovery"
        outcomes[name] = "new" if after == NEW else "old"
    # Before the switch the old tree stays; from the switch on, the new one is published.
    assert outcomes["begin"] == outcomes["ready"] == outcomes["switch"] == "old"
    assert outcomes["discard"] == "new"
    if not exchange:
        assert outcomes["switch-second"] == "new"  # rolled forward: the complete tree was ready


def test_sigkill_at_random_moments_of_repeated_writes(tmp_path):
    """A real SIGKILL at 24 random moments of a process writing B, A, B, ... as fast as it can."""
    rng = random.Random(15)
    states = {"A": 0, "B": 0}
    for attempt in range(24):
        folder = tmp_path / f"loop-{attempt}"
        seed(folder, OLD)
        proc = subprocess.Popen([sys.executable, "-m", "tests.writer.worker", "loop", str(folder), "B", "A"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.random() * 0.2)  # a write of this tree takes ~5 ms: anywhere in one of them
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        no_temporaries_inside(folder)
        seen = read_tree(folder)
        assert seen in (OLD, NEW), f"attempt {attempt}: a mixed tree"
        with output_lock(folder):
            pass
        assert read_tree(folder) == seen and beside(folder) == []
        states["A" if seen == OLD else "B"] += 1
    assert states["A"] and states["B"], f"the kills all landed on one state: {states}"


def test_overlapping_writers_never_interleave(tmp_path):
    folder = tmp_path / "shared"
    seed(folder, OLD)
    procs = [worker("overlap", str(folder), name, "15") for name in ("A", "B", "C")]
    for proc in procs:
        err = finish(proc, 120)
        assert proc.returncode == 0, err
    assert read_tree(folder) in (TREES["A"], TREES["B"], TREES["C"])
    assert beside(folder) == []


def test_a_second_build_waits_for_the_first_then_gives_up_with_e093(tmp_path):
    folder = tmp_path / "held"
    seed(folder, OLD)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from pipeline.output_lock import output_lock\n"
                               f"with output_lock(Path({str(folder)!r})):\n print('held', flush=True); time.sleep(30)"],
                              cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        waited = []
        start = time.monotonic()
        with pytest.raises(BuildFailed) as caught:
            with output_lock(folder, wait=0.3, on_wait=lambda: waited.append(1)):
                pass
        assert time.monotonic() - start >= 0.3 and waited == [1]
        [problem] = caught.value.problems
        assert (problem.code, problem.message, problem.hint) == (
            "E093", "another build is writing held/ and did not finish within 0.3 s",
            "wait for the other build (or stop it) and run this one again")
    finally:
        holder.kill()
        holder.communicate()
    with output_lock(folder, wait=5):  # the kernel released the dead holder's lock
        pass


def test_a_cli_build_waits_while_another_holds_the_output(tmp_path):
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    target = root / "site-data" / "consistent-demo" / "en" / "TtftChart.json"
    target.write_bytes(b"stale\n")
    with output_lock(root / "site-data"):
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "build", "--no-charts"],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = proc.stderr.readline()
        assert line == b"site-data: another build is writing site-data/; waiting for it to finish\n"
        assert target.read_bytes() == b"stale\n", "the second build wrote while the first held the lock"
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert target.read_bytes() != b"stale\n"


def test_a_cli_build_killed_at_random_moments_leaves_old_or_new(tmp_path):
    """The real thing: `site-data build --no-charts` SIGKILLed at 6 moments; the next build repairs."""
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    out = root / "site-data"
    old = read_tree(out)
    report = root / "data" / "reports" / "consistent-demo.yaml"
    text = report.read_text(encoding="utf-8")
    rng = random.Random(7)
    outcomes = []
    for attempt in range(6):
        report.write_text(text.replace("Consistency demo report", f"Consistency demo report {attempt}", 1),
                          encoding="utf-8")
        new = build(ProjectPaths(root), charts=False).outputs
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "build", "--no-charts"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3 + rng.random() * 1.5)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        no_temporaries_inside(out)
        seen = read_tree(out)
        assert seen in (old, new), f"attempt {attempt}: a mixed tree"
        outcomes.append(seen == new)
        old = seen
    report.write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    assert beside(out) == []
