"""An LLM-serving report's page is the list of components it declares (or the ten standard ones)."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.cli import main
from pipeline.models.report import STANDARD_COMPONENTS
from tests.project import GOLDEN_OUTPUT, GOLDEN_REPORTS, make_project

DEMO = GOLDEN_REPORTS / "consistent-demo.yaml"
DECLARED = "components:\n" + "".join(
    f"  - {{name: {c.name}, kind: {c.kind}" + (f", metric: {c.metric}" if c.metric else "") + "}\n"
    for c in STANDARD_COMPONENTS)


def project(tmp_path: Path, extra: str) -> Path:
    root = make_project(tmp_path / "p", [])
    text = DEMO.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra
    (root / "data" / "reports" / DEMO.name).write_text(text, encoding="utf-8")
    return root


def outputs(root: Path) -> dict[str, bytes]:
    folder = root / "site-data"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_declaring_the_standard_components_changes_no_byte(tmp_path):
    root = project(tmp_path, DECLARED)
    assert main(["--root", str(root), "build"]) == 0
    golden = {p.relative_to(GOLDEN_OUTPUT).as_posix(): p.read_bytes()
              for p in sorted((GOLDEN_OUTPUT / "consistent-demo").rglob("*")) if p.is_file()}
    built = {f"consistent-demo/{k.split('/', 1)[1]}": v for k, v in outputs(root).items()
             if k.startswith("consistent-demo/")}
    assert built == {f"consistent-demo/{k.split('/', 1)[1]}": v for k, v in golden.items()}


def test_a_new_chart_of_an_existing_kind_is_one_line_and_a_left_out_one_is_gone(tmp_path):
    declared = DECLARED.replace("  - {name: ModelSpecChart, kind: model_spec}\n", "") + \
        "  - {name: ThroughputBarsChart, kind: metric_bars, metric: output_throughput, tables: false}\n"
    root = project(tmp_path, declared)
    assert main(["--root", str(root), "build"]) == 0
    files = outputs(root)
    assert not any("ModelSpecChart" in path for path in files)
    for locale in ("zh", "en", "ko"):
        props = json.loads(files[f"consistent-demo/{locale}/ThroughputBarsChart.json"])
        standard = json.loads(files[f"consistent-demo/{locale}/InferenceThroughputChart.json"])
        assert props["component"] == "ThroughputBarsChart"
        assert {k: v for k, v in props.items() if k != "component"} == \
            {k: v for k, v in standard.items() if k != "component"}
        assert f"consistent-demo/{locale}/charts/ThroughputBarsChart.svg" in files


def test_a_metric_bars_component_needs_a_known_metric_and_names_are_unique(tmp_path, capsys):
    declared = DECLARED + "  - {name: TtftChart, kind: metric_bars, metric: ttfb}\n  - {name: NoMetricChart, kind: metric_bars}\n"
    root = project(tmp_path, declared)
    assert main(["--root", str(root), "validate"]) == 1
    err = capsys.readouterr().err
    lines = [line.split("error", 1)[1] for line in err.splitlines() if "error[" in line]
    text = (root / "data" / "reports" / DEMO.name).read_text(encoding="utf-8").splitlines()
    first = text.index("  - {name: TtftChart, kind: metric_bars, metric: ttft}") + 1
    n = len(STANDARD_COMPONENTS)
    assert lines == [
        f"[E042] components[{n}].name: duplicate component id 'TtftChart' (first defined on line {first})",
        f"[E040] components[{n}].metric: unknown metric 'ttfb'",
        f"[E046] components[{n + 1}]: a metric_bars component needs the metric it shows",
    ]
