"""The writer: all or nothing, unchanged files untouched, nothing outside the output folder."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from pipeline import write
from pipeline.cli import main
from pipeline.errors import BuildFailed
from pipeline.models.common import Id, LocaleId
from pipeline.write import apply_writes, check_output_path, plan_writes
from tests.project import golden_reports, make_project

OLD = 1_600_000_000_000_000_000
"""An mtime (ns) no write could produce: set on files, it shows whether they were rewritten."""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under ``folder``: bytes and mtime (folders: None)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else (None, 0)
    return found


def seed(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, ns=(OLD, OLD))


CURRENT = {"r/en/Same.json": b"same\n", "r/en/Changed.json": b"old\n", "r/en/Gone.json": b"gone\n",
           "r/zh/tables/gone.mdx": b"gone\n"}
NEW = {"r/en/Same.json": b"same\n", "r/en/Changed.json": b"new\n", "r/ko/New.json": b"new\n",
       "r/ko/tables/new.mdx": b"| x |\n"}


def test_plan_sorts_files_into_added_changed_removed_unchanged(tmp_path):
    seed(tmp_path, CURRENT)
    plan = plan_writes(NEW, tmp_path)
    assert plan.added == ["r/ko/New.json", "r/ko/tables/new.mdx"]
    assert plan.changed == ["r/en/Changed.json"]
    assert plan.removed == ["r/en/Gone.json", "r/zh/tables/gone.mdx"]
    assert plan.unchanged == ["r/en/Same.json"]
    assert not plan.is_current


def test_a_write_replaces_changed_files_removes_old_ones_and_leaves_the_rest(tmp_path):
    seed(tmp_path, CURRENT)
    apply_writes(plan_writes(NEW, tmp_path), NEW, tmp_path)
    after = snapshot(tmp_path)
    assert {k: v[0] for k, v in after.items() if v[0] is not None} == NEW
    assert after["r/en/Same.json"][1] == OLD, "an unchanged file was rewritten"
    assert after["r/en/Changed.json"][1] != OLD
    assert "r/zh" not in after, "a folder left empty was kept"
    assert plan_writes(NEW, tmp_path).is_current


def test_a_write_into_a_missing_folder_creates_it(tmp_path):
    out = tmp_path / "site-data"
    apply_writes(plan_writes(NEW, out), NEW, out)
    assert {k: v[0] for k, v in snapshot(out).items() if v[0] is not None} == NEW


def test_leftovers_of_an_interrupted_write_are_removed(tmp_path):
    seed(tmp_path, {**NEW, "r/en/.site-data-tmp-abc123": b"half", "r/en/.site-data-old-99-Changed.json": b"x"})
    plan = plan_writes(NEW, tmp_path)
    assert plan.removed == ["r/en/.site-data-old-99-Changed.json", "r/en/.site-data-tmp-abc123"]
    apply_writes(plan, NEW, tmp_path)
    assert sorted(k for k, v in snapshot(tmp_path).items() if v[0] is not None) == sorted(NEW)


class Faults:
    """Make the ``fail_at``-th file-system operation of a write raise 'No space left on device'."""

    OPERATIONS = [(os, "mkdir"), (write, "_write_bytes"), (os, "chmod"), (os, "rename"),
                  (write, "_exchange")]

    def __init__(self, monkeypatch, fail_at: int | None):
        self.calls = 0
        self.fail_at = fail_at
        for module, name in self.OPERATIONS:
            monkeypatch.setattr(module, name, self._wrap(getattr(module, name)))

    def _wrap(self, real):
        def operation(*args, **kwargs):
            self.calls += 1
            if self.calls == self.fail_at:
                raise OSError(errno.ENOSPC, "No space left on device", str(args[0]) if args else None)
            return real(*args, **kwargs)
        return operation


def _operations_of_a_write(tmp_path, monkeypatch) -> int:
    out = tmp_path / "count"
    seed(out, CURRENT)
    with monkeypatch.context() as patch:
        faults = Faults(patch, None)
        apply_writes(plan_writes(NEW, out), NEW, out)
    shutil.rmtree(out)
    return faults.calls


def test_a_failure_at_any_step_of_a_write_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    total = _operations_of_a_write(tmp_path, monkeypatch)
    # a spare tree looked for (none yet), the staging folder and 4 below it; 3 files written and made
    # readable; the complete tree renamed to ready, then exchanged with the folder (a failed hard link
    # falls back to a copy); last, after the switch, the replaced tree's folders kept as the spare
    assert total == 15
    for fail_at in range(1, total):
        out = tmp_path / f"out-{fail_at}"
        seed(out, CURRENT)
        before = snapshot(out)
        with monkeypatch.context() as patch:
            Faults(patch, fail_at)
            with pytest.raises(BuildFailed) as caught:
                apply_writes(plan_writes(NEW, out), NEW, out)
        assert snapshot(out) == before, f"failing operation {fail_at} of {total} changed the folder"
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(f".out-{fail_at}.")) == \
            [f".out-{fail_at}.lock"], "a failed write left something beside the folder"
        [problem] = caught.value.problems
        assert problem.code == "E091"
        assert problem.message == "cannot write the output: No space left on device"
        assert problem.hint == "check free disk space and permissions; site-data/ was left unchanged"


def test_a_failure_to_keep_the_spare_folders_only_removes_them(tmp_path, monkeypatch):
    total = _operations_of_a_write(tmp_path, monkeypatch)
    out = tmp_path / "out"
    seed(out, CURRENT)
    with monkeypatch.context() as patch:
        Faults(patch, total)  # the rename of the replaced tree to the spare, after the switch
        apply_writes(plan_writes(NEW, out), NEW, out)
    assert {relative: data for relative, (data, _) in snapshot(out).items() if data is not None} == NEW
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")) == [".out.lock"]


def test_the_next_write_stages_into_the_spare_folders_and_keeps_none_empty(tmp_path):
    out = tmp_path / "out"
    seed(out, CURRENT)
    apply_writes(plan_writes(NEW, out), NEW, out)
    spare = tmp_path / ".out.spare"
    assert sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*")) == [
        "r", "r/en", "r/zh", "r/zh/tables"]  # the replaced tree's folders, no file
    (spare / "r" / "en" / "stray.json").write_text("{}", encoding="utf-8")  # put there since: not published
    for relative in ("r/en/Gone.json/x", "r/en/Same.json"):  # folders where a written and a linked file go
        (spare / relative).mkdir(parents=True)
    (spare / "r" / "ko" / "deep").mkdir(parents=True)
    apply_writes(plan_writes(CURRENT, out), CURRENT, out)
    assert {relative: data for relative, (data, _) in snapshot(out).items()} == {
        **CURRENT, "r": None, "r/en": None, "r/zh": None, "r/zh/tables": None}  # no r/ko/ left empty
    assert sorted(p.relative_to(spare).as_posix() for p in spare.rglob("*")) == [
        "r", "r/en", "r/ko", "r/ko/tables"]


def test_without_hard_links_the_old_version_is_kept_as_a_copy(tmp_path, monkeypatch):
    seed(tmp_path, CURRENT)

    def no_links(source, destination):
        raise OSError(errno.EPERM, "Operation not permitted", str(source))

    monkeypatch.setattr(os, "link", no_links)
    apply_writes(plan_writes(NEW, tmp_path), NEW, tmp_path)
    assert {k: v[0] for k, v in snapshot(tmp_path).items() if v[0] is not None} == NEW


def test_a_failed_write_through_the_cli_reports_and_changes_nothing(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build"]) == 0
    target = root / "site-data" / "consistent-demo" / "en" / "TtftChart.json"
    target.write_bytes(b"stale\n")
    for path in (root / "site-data").rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    before = snapshot(root / "site-data")
    capsys.readouterr()
    real_write = write._write_bytes

    def full_disk(path, data):
        if path.name == "TtftChart.json":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_write(path, data)

    monkeypatch.setattr(write, "_write_bytes", full_disk)
    assert main(["--root", str(root), "build"]) == 1
    err = capsys.readouterr().err
    assert err == ("site-data/consistent-demo/en/TtftChart.json: error[E091] cannot write the output: "
                   "No space left on device\n"
                   "  hint: check free disk space and permissions; site-data/ was left unchanged\n"
                   "1 error(s), 0 warning(s); nothing was written\n")
    assert snapshot(root / "site-data") == before


def test_an_unchanged_build_touches_nothing(tmp_path, capsys):
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build"]) == 0
    for path in (root / "site-data").rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    before = snapshot(root / "site-data")
    files = len(before) - _folders(before)
    capsys.readouterr()
    # A full build over unchanged inputs (--force), then the no-op build: neither touches a file.
    assert main(["--root", str(root), "build", "--force"]) == 0
    assert snapshot(root / "site-data") == before
    assert capsys.readouterr().out.endswith(f"0 created, 0 updated, 0 deleted, {files} unchanged; 0 warning(s)\n")
    assert main(["--root", str(root), "build"]) == 0
    assert snapshot(root / "site-data") == before
    assert capsys.readouterr().out.endswith(f"0 created, 0 updated, 0 deleted, {files} unchanged; 0 warning(s)"
                                            " (no input changed)\n")


def _folders(snap: dict) -> int:
    return sum(1 for data, _ in snap.values() if data is None)


@pytest.mark.parametrize("relative", [
    "../outside.json", "r/../../outside.json", "/etc/passwd", "r//x.json", "./r/x.json", "r/./x.json",
    "r\\..\\x.json", "C:/x.json", "r/x.json\0", "", "r/..", "..",
])
def test_output_paths_outside_the_folder_are_refused(relative):
    with pytest.raises(BuildFailed) as caught:
        check_output_path(relative)
    [problem] = caught.value.problems
    assert (problem.code, problem.message) == (
        "E090", f"refusing to write '{relative}': output paths must stay inside the output folder")


def test_a_refused_path_writes_nothing(tmp_path):
    seed(tmp_path, CURRENT)
    before = snapshot(tmp_path)
    with pytest.raises(BuildFailed):
        plan_writes({**NEW, "r/../../escape.json": b"x"}, tmp_path)
    assert snapshot(tmp_path) == before
    assert not (tmp_path.parent / "escape.json").exists()


def test_a_symlinked_folder_pointing_outside_is_refused(tmp_path):
    out, elsewhere = tmp_path / "site-data", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "r").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BuildFailed) as caught:
        plan_writes({"r/en/x.json": b"x"}, out)
    assert caught.value.problems[0].code == "E090"
    assert list(elsewhere.iterdir()) == []


def test_outputs_differing_only_in_case_are_refused(tmp_path):
    with pytest.raises(BuildFailed) as caught:
        plan_writes({"r/en/a.json": b"1", "r/en/A.json": b"2"}, tmp_path)
    assert caught.value.problems[0].message == "'r/en/a.json' and 'r/en/A.json' differ only in upper/lower case"


@pytest.mark.parametrize("value", ["../x", "a/b", "/abs", "..", ".hidden", "A", "a b", "a\\b", "c:x", ""])
def test_ids_that_name_files_cannot_hold_path_syntax(value):
    """The first layer: ids that become file or folder names are refused by the models."""
    with pytest.raises(ValidationError):
        TypeAdapter(Id).validate_python(value)
    with pytest.raises(ValidationError):
        TypeAdapter(LocaleId).validate_python(value)


def test_a_report_id_with_a_slash_is_refused_before_anything_is_written(tmp_path, capsys):
    report = golden_reports()[0].read_text(encoding="utf-8").replace("id: consistent-demo", "id: ../escape", 1)
    root = make_project(tmp_path / "project", [])
    (root / "data" / "reports" / "consistent-demo.yaml").write_text(report, encoding="utf-8")
    assert main(["--root", str(root), "build"]) == 1
    assert "error[E024] id: '../escape' is not valid here" in capsys.readouterr().err
    assert not (root / "site-data").exists() and not (root / "escape").exists()


def test_outputs_staged_one_by_one_appear_only_when_the_whole_tree_is_switched(tmp_path):
    seed(tmp_path / "out", CURRENT)
    out = tmp_path / "out"
    before = snapshot(out)
    with write.StagedWrite(out) as staged:
        for relative in sorted(NEW):
            staged.add(relative, NEW[relative])
            assert snapshot(out) == before, "a staged output reached the folder before the switch"
    assert {k: v[0] for k, v in snapshot(out).items() if v[0] is not None} == NEW
    assert staged.plan.added == ["r/ko/New.json", "r/ko/tables/new.mdx"]
    assert staged.plan.removed == ["r/en/Gone.json", "r/zh/tables/gone.mdx"]


def test_a_build_failing_after_some_outputs_were_staged_leaves_the_folder_and_nothing_beside_it(tmp_path):
    out = tmp_path / "out"
    seed(out, CURRENT)
    before = snapshot(out)

    def rendered():
        yield "r/ko/New.json", b"new\n"
        yield "r/en/Changed.json", b"new\n"
        raise BuildFailed("localize", [])  # a report further on fails

    with pytest.raises(BuildFailed):
        with write.StagedWrite(out) as staged:
            staged.add_all(rendered())
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_a_dry_run_stages_nothing_and_says_what_a_write_would_do(tmp_path):
    out = tmp_path / "out"
    seed(out, CURRENT)
    before = snapshot(out)
    with write.StagedWrite(out, dry_run=True, hashes=True) as staged:
        staged.add_all(sorted(NEW.items()))
    assert snapshot(out) == before and sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
    assert staged.plan == plan_writes(NEW, out)
    assert sorted(staged.hashes) == sorted(NEW)
