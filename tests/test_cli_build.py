"""End-to-end: the CLI builds a project; one changed number changes exactly what depends on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.editor_edits import confirm_stale_waivers
from tests.project import FROZEN_REPORT, ROOT, make_project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


def build(root: Path, *args: str) -> int:
    return main(["--root", str(root), "build", *args])


def test_build_writes_every_component_and_table_in_every_locale(project, capsys):
    assert build(project) == 0
    out = capsys.readouterr().out
    shipped = len(list((ROOT / "data" / "reports").glob("*.yaml")))
    assert out.startswith(f"built {shipped} report(s) in 3 locale(s) (zh, en, ko): ")
    files = snapshot(project / "site-data")
    for locale in ("zh", "en", "ko"):
        for component in ("MLOverviewChart", "InfraComparisonChart", "ModelSpecChart", "TtftChart", "ItlChart",
                          "InferenceThroughputChart", "ConcurrencyChart", "CostPerTokenChart",
                          "KeyFindingsMLChart", "MLRecommendationChart"):
            assert f"llama4-fm-serving/{locale}/{component}.json" in files
        assert f"llama4-fm-serving/{locale}/tables/ttft-llama4-scout.mdx" in files
    for path, data in files.items():
        if path.endswith((".json", ".mdx")):
            assert data.endswith(b"\n") and not data.endswith(b"\n\n"), path
            data.decode("utf-8")


def test_second_build_changes_nothing(project, capsys):
    assert build(project) == 0
    before = {p: p.stat().st_mtime_ns for p in (project / "site-data").rglob("*") if p.is_file()}
    assert build(project) == 0
    assert "0 created, 0 updated, 0 deleted" in capsys.readouterr().out
    assert before == {p: p.stat().st_mtime_ns for p in (project / "site-data").rglob("*") if p.is_file()}


def test_changing_one_number_changes_exactly_what_depends_on_it(tmp_path, capsys):
    project = make_project(tmp_path / "project", [FROZEN_REPORT])  # its figures, not the editors' current ones
    assert build(project) == 0
    before = snapshot(project / "site-data")
    report = project / "data" / "reports" / "llama4-fm-serving.yaml"
    text = report.read_text(encoding="utf-8")
    assert "ttft: {A: 120, B: 280" in text
    report.write_text(text.replace("ttft: {A: 120, B: 280", "ttft: {A: 100, B: 280"), encoding="utf-8")
    # The new TTFT changes the figures of the waived latency-vs-throughput findings: the waiver goes stale
    # until the editor confirms it, which changes the report, not what the pages show.
    assert main(["--root", str(project), "validate"]) == 1
    assert confirm_stale_waivers(report, capsys.readouterr().err) == [7]
    assert build(project) == 0
    after = snapshot(project / "site-data")
    changed = sorted(p for p in after if before.get(p) != after[p])
    assert sorted(before) == sorted(after)
    # Scout's TTFT appears in its chart and table, the overview's highlight and summary,
    # the 'leader' finding and the latency-sensitive recommendation; nothing else quotes it.
    dependent_stems = {"TtftChart", "ttft-llama4-scout", "MLOverviewChart", "KeyFindingsMLChart",
                       "MLRecommendationChart"}
    expected = sorted(p for p in after if p.startswith("llama4-fm-serving/")
                      and Path(p).name.split(".")[0] in dependent_stems)
    assert changed == expected
    for locale in ("zh", "en", "ko"):
        table = after[f"llama4-fm-serving/{locale}/tables/ttft-llama4-scout.mdx"].decode()
        assert '{"100"}' in table and '{"+180%"}' in table and '{"+250%"}' in table  # 280/100, 350/100
        assert "120" not in table


def test_output_is_identical_under_other_time_zones_and_languages(project, tmp_path):
    assert build(project) == 0
    first = snapshot(project / "site-data")
    other = make_project(tmp_path / "other")
    env = {**os.environ, "TZ": "Pacific/Chatham", "LANG": "ko_KR.UTF-8", "LC_ALL": "C", "PYTHONHASHSEED": "123"}
    run = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(other), "build"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert snapshot(other / "site-data") == first


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main([]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["--root", str(tmp_path), "build"]) == 2
    assert "no data/ folder" in capsys.readouterr().err


def test_python_dash_m_and_help_list_every_command():
    run = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0
    for command in ("build", "validate", "lint", "ingest", "schema"):
        assert command in run.stdout
