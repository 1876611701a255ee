"""An edit's build renders only the reports whose inputs changed; the others' files stay as they are."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

import pipeline.build
import pipeline.render.general
from pipeline.build_cache import CACHE_FILE, input_state
from pipeline.cli import main
from tests.project import ROOT, golden_reports, make_project

LLM, NET = "consistent-demo", "net-demo"
"""The golden fixture reports: an LLM-serving report and a benchmark (networking) report."""
SWEEP = ROOT / "data" / "reports" / "llama31-8b-gpu-sweep.yaml"
"""The shipped report that reads raw files (no fixture report does)."""


@pytest.fixture()
def rendered(monkeypatch) -> set[str]:
    """Ids of the reports the builds in this test render (props and tables, in any locale)."""
    ids: set[str] = set()

    def spy(real):
        def render(ctx, *args, **kwargs):
            ids.add(ctx.report.id)
            return real(ctx, *args, **kwargs)
        return render

    monkeypatch.setattr(pipeline.build, "render_report", spy(pipeline.build.render_report))
    monkeypatch.setattr(pipeline.render.general, "render_benchmark", spy(pipeline.render.general.render_benchmark))
    return ids


def built_project(target: Path, reports: list[Path], capsys) -> Path:
    root = make_project(target, reports)
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    return root


@pytest.fixture()
def built(tmp_path: Path, capsys) -> Path:
    return built_project(tmp_path / "project", golden_reports(), capsys)


def build(root: Path, capsys, *args: str) -> str:
    assert main(["--root", str(root), "build", *args]) == 0
    return capsys.readouterr().out


def files_of(root: Path, report: str) -> dict[str, tuple[bytes, int]]:
    """Each output file of ``report``: its bytes and inode (a file kept as it was keeps its inode)."""
    folder = root / "site-data" / report
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def edit_llm_report(root: Path, ttft: int = 90) -> None:
    """Scout's TTFT on A (100 in the fixture) set to ``ttft``."""
    report = root / "data" / "reports" / f"{LLM}.yaml"
    text, count = re.subn(r"ttft: \{A: \d+,", f"ttft: {{A: {ttft},", report.read_text(encoding="utf-8"), count=1)
    assert count == 1
    report.write_text(text, encoding="utf-8")


def assert_as_a_full_render_gives(root: Path, capsys) -> None:
    """``build --check`` renders every report and compares: nothing may differ."""
    assert main(["--root", str(root), "build", "--check"]) == 0
    assert capsys.readouterr().out.startswith("site-data is current")


def test_an_edit_of_one_report_keeps_the_others_files_as_they_are(built, capsys, rendered):
    before = files_of(built, NET)
    edit_llm_report(built)
    out = build(built, capsys)
    assert rendered == {LLM}
    assert " 0 updated" not in out
    assert files_of(built, NET) == before  # same bytes, same files (not even written again)
    rendered.clear()
    assert_as_a_full_render_gives(built, capsys)
    assert rendered == {LLM, NET}  # --check trusts no record


def test_the_record_then_holds_the_kept_reports_outputs(built, capsys, rendered):
    edit_llm_report(built)
    build(built, capsys)
    edit_llm_report(built, ttft=100)  # back as it was: only that report renders again
    rendered.clear()
    build(built, capsys)
    assert rendered == {LLM}
    record = json.loads((built / CACHE_FILE).read_text(encoding="utf-8"))
    assert sorted(record["reports"]) == [LLM, NET]
    assert {p.split("/")[0] for p in record["outputs"]} == {LLM, NET}
    assert "(no input changed)" in build(built, capsys)


@pytest.mark.parametrize("damage", ["edit", "delete"])
def test_a_hand_made_change_to_a_kept_reports_output_renders_it_again(built, capsys, rendered, damage):
    table = built / "site-data" / NET / "en" / "tables" / "SummaryTable.mdx"
    original = table.read_bytes()
    if damage == "edit":
        table.write_bytes(original + b"\nedited by hand\n")
    else:
        table.unlink()
    edit_llm_report(built)
    assert main(["--root", str(built), "build", "--check"]) == 1
    assert f"site-data/{NET}/en/tables/SummaryTable.mdx" in capsys.readouterr().err
    rendered.clear()
    build(built, capsys)
    assert rendered == {LLM, NET}
    assert table.read_bytes() == original
    assert_as_a_full_render_gives(built, capsys)


def test_an_output_added_by_hand_is_removed_and_the_report_kept(built, capsys, rendered):
    stray = built / "site-data" / NET / "en" / "Stray.json"
    stray.write_text("{}", encoding="utf-8")
    edit_llm_report(built)
    out = build(built, capsys)
    assert rendered == {LLM} and "1 deleted" in out and not stray.exists()


@pytest.mark.parametrize("shared", [
    "i18n/ko/LC_MESSAGES/site-data.po",   # a catalogue of messages
    "templates/mdx/table.mdx.j2",          # the tables' template
    "data/catalog/instances.yaml",         # a catalogue of data
    "i18n/locales.yaml",
])
def test_a_change_to_a_shared_input_renders_every_report(built, capsys, rendered, shared):
    path = built / shared
    comment = "{# reviewed #}" if shared.endswith(".j2") else "# reviewed\n"
    path.write_text(comment + path.read_text(encoding="utf-8"), encoding="utf-8")
    build(built, capsys)
    assert rendered == {LLM, NET}
    assert_as_a_full_render_gives(built, capsys)


def test_force_renders_every_report(built, capsys, rendered):
    build(built, capsys, "--force")
    assert rendered == {LLM, NET}


def test_a_record_without_report_keys_renders_every_report(built, capsys, rendered):
    record_file = built / CACHE_FILE
    record = json.loads(record_file.read_text(encoding="utf-8"))
    del record["reports"]
    record_file.write_text(json.dumps(record), encoding="utf-8")
    edit_llm_report(built)
    build(built, capsys)
    assert rendered == {LLM, NET}


def test_an_output_outside_every_reports_folder_means_nothing_is_reused(built, capsys, rendered):
    record_file = built / CACHE_FILE
    record = json.loads(record_file.read_text(encoding="utf-8"))
    (built / "site-data" / "index.json").write_text("{}", encoding="utf-8")
    record["outputs"]["index.json"] = hashlib.sha256(b"{}").hexdigest()
    record_file.write_text(json.dumps(record), encoding="utf-8")
    edit_llm_report(built)
    build(built, capsys)
    assert rendered == {LLM, NET}


def test_a_new_report_renders_alone(tmp_path, capsys, rendered):
    root = built_project(tmp_path / "project", [p for p in golden_reports() if p.stem == LLM], capsys)
    before = files_of(root, LLM)
    (root / "data" / "reports" / f"{NET}.yaml").write_bytes((ROOT / "tests/fixtures/golden/net-demo.yaml").read_bytes())
    rendered.clear()
    build(root, capsys)
    assert rendered == {NET}
    assert files_of(root, LLM) == before
    assert_as_a_full_render_gives(root, capsys)


def test_a_raw_file_renders_only_the_report_that_reads_it(tmp_path, capsys, rendered):
    root = built_project(tmp_path / "project", [*golden_reports(), SWEEP], capsys)
    raw = sorted((root / "data" / "raw" / SWEEP.stem).rglob("*.json"))[0]
    raw.write_bytes(raw.read_bytes() + b"\n")  # the same figures: the files' bytes are what count
    rendered.clear()
    build(root, capsys)
    assert rendered == {SWEEP.stem}
    assert_as_a_full_render_gives(root, capsys)


def test_a_raw_file_no_report_reads_renders_every_report(tmp_path, capsys, rendered):
    root = built_project(tmp_path / "project", golden_reports(), capsys)
    (root / "data" / "raw" / "notes.txt").write_text("not read by any report\n", encoding="utf-8")
    rendered.clear()
    build(root, capsys)
    assert rendered == {LLM, NET}  # no report claims it: it counts as shared, to be safe


def test_a_report_key_covers_the_shared_inputs_and_the_reports_own_files(tmp_path):
    root = tmp_path / "project"
    for name, text in {"data/reports/a.yaml": "a", "data/reports/b.yaml": "b", "data/catalog/x.yaml": "x",
                       "i18n/en.po": "en", "templates/t.j2": "t"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    real = {name: os.path.realpath(root / "data" / "reports" / f"{name}.yaml") for name in "ab"}
    owned = {"a": {real["a"]}, "b": {real["b"]}}

    def keys() -> tuple[str | None, str | None]:
        found = input_state(root, strict=False).report_keys(owned)
        return found["a"], found["b"]

    a, b = keys()
    assert a and b and a != b
    (root / "data/reports/b.yaml").write_text("b2", encoding="utf-8")
    assert keys() == (a, keys()[1]) and keys()[1] != b
    for shared in ("data/catalog/x.yaml", "i18n/en.po", "templates/t.j2"):
        before = keys()
        (root / shared).write_text("changed " + shared, encoding="utf-8")
        after = keys()
        assert after[0] != before[0] and after[1] != before[1]
    state = input_state(root, strict=False)
    assert state.report_keys({**owned, "a": {real["a"], str(root / "data/raw/new.json")}})["a"] is None
    assert input_state(root, strict=True).report_keys(owned)["a"] != state.report_keys(owned)["a"]
