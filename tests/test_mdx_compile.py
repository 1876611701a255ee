"""Every generated MDX table compiles under the real MDX 3 compiler and reads as intended.

tools/mdx-check (Node: @mdx-js/mdx 3 + remark-gfm, as Docusaurus uses them) compiles each
file, runs it, renders it with React's server renderer and reports the text of every table
cell. Each cell must read exactly as the label it was made from, hostile labels included
(``<5ms``, ``{x}``, ``a|b``, ``<!-- -->``, ``</script>``, a bare URL): an MDX escape that
loses or alters a character shows up here, not on the published site.

Install the Node side with ``make node-deps`` (``make test`` does it).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

import pipeline.render.report as render_report_module
import pipeline.render.general as render_general_module
from pipeline.build import build
from pipeline.load.project import ProjectPaths
from pipeline.models.report import STANDARD_COMPONENTS
from pipeline.props.models import COMPONENTS
from pipeline.render.tables import Table
from tests.project import GOLDEN_OUTPUT, ROOT, golden_reports, make_project

METRIC_COMPONENTS = {c.name for c in STANDARD_COMPONENTS if c.kind == "metric_bars"}

TOOL = ROOT / "tools" / "mdx-check"
SCRIPT = TOOL / "mdx-check.mjs"
SITE_DATA = ROOT / "site-data"


def run_mdx_check(*paths: Path) -> tuple[int, dict]:
    """Run the Node checker on ``paths``; its exit status and its JSON report."""
    if not (TOOL / "node_modules" / "@mdx-js" / "mdx").is_dir():
        pytest.fail("the MDX compiler is not installed; run `make node-deps` (make test does it)")
    # Paths inside the repository are passed relative to it, and come back as such.
    args = [p.relative_to(ROOT).as_posix() if ROOT in p.parents else str(p) for p in paths]
    done = subprocess.run(["node", str(SCRIPT), *args], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.stdout, f"mdx-check printed nothing; stderr: {done.stderr}"
    return done.returncode, json.loads(done.stdout)


def expected_tables(root: Path, monkeypatch) -> dict[str, Table]:
    """Output path -> the table the pipeline rendered into it, from an in-memory build of ``root``."""
    seen: list[Table] = []
    original = render_report_module.render_table

    def recording(env, table, source_file):
        seen.append(table)
        return original(env, table, source_file)

    with monkeypatch.context() as patch:
        patch.setattr(render_report_module, "render_table", recording)
        patch.setattr(render_general_module, "render_table", recording)  # benchmark reports' tables
        outputs = build(ProjectPaths(root)).outputs
    by_name: dict[str, Table] = {}
    mdx_paths = [p for p in outputs if p.endswith(".mdx")]
    # The renderers emit tables in order, one report and locale after another.
    for path, table in zip(mdx_paths, seen, strict=True):
        assert path.endswith(f"/tables/{table.name}.mdx")
        by_name[path] = table
    return by_name


@pytest.fixture(scope="module")
def golden_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("golden") / "project", golden_reports())


@pytest.fixture(scope="module")
def compiled() -> dict:
    status, report = run_mdx_check(SITE_DATA, GOLDEN_OUTPUT)
    assert status == 0 and report["errors"] == {}, f"MDX that does not compile or run: {report['errors']}"
    return report["files"]


def _rows(table: Table) -> list[list[str]]:
    return [[c.label for c in table.columns]] + [list(map(str, row)) for row in table.rows]


def test_every_generated_mdx_file_was_compiled(compiled):
    on_disk = sorted(p.relative_to(ROOT).as_posix() for folder in (SITE_DATA, GOLDEN_OUTPUT)
                     for p in folder.rglob("*.mdx"))
    assert len(on_disk) > 20
    assert sorted(compiled) == on_disk


@pytest.mark.parametrize("which", ["site-data", "golden"])
def test_every_cell_reads_as_its_label(compiled, which, golden_project, monkeypatch):
    root, folder = (ROOT, SITE_DATA) if which == "site-data" else (golden_project, GOLDEN_OUTPUT)
    tables = expected_tables(root, monkeypatch)
    assert tables, "the build rendered no tables"
    for relative, table in sorted(tables.items()):
        key = (folder / relative).relative_to(ROOT).as_posix()
        assert key in compiled, f"{key} is produced by the build but missing on disk; run `make site-data`"
        seen = compiled[key]
        assert seen["tables"] == [_rows(table)], f"{key}: the cells a reader sees differ from the labels"
        # Notes are compared as one text: consecutive bare lines reach the reader as one run of text.
        assert "\n".join(seen["blocks"]) == "\n".join(map(str, table.notes)), f"{key}: the notes a reader sees differ"


def test_tables_show_the_numbers_the_charts_show(compiled):
    """The formatted figures in each metric table are the ones in the chart's props file."""
    checked = 0
    for props_file in sorted(GOLDEN_OUTPUT.rglob("*.json")) + sorted(SITE_DATA.rglob("*.json")):
        component = props_file.stem
        if component not in METRIC_COMPONENTS:
            continue
        props = COMPONENTS[component].model_validate_json(props_file.read_bytes())
        for group in props.groups:
            mdx = props_file.parent / "tables" / f"{props.metric.replace('_', '-')}-{group.model}.mdx"
            rows = compiled[mdx.relative_to(ROOT).as_posix()]["tables"][0][1:]
            shown = {row[0]: row for row in rows}
            for bar in group.bars:
                assert bar.formatted in shown[bar.scenario], f"{mdx}: {bar.scenario} shows {shown[bar.scenario]}"
                assert bar.relative.formatted in shown[bar.scenario]
                checked += 1
    assert checked > 50


def test_hostile_labels_read_exactly_as_written(compiled):
    """The golden report's MDX-hostile texts come through character for character, in every locale."""
    report = yaml.load((golden_reports()[0]).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    table = next(t for t in report["tradeoffs"] if t["id"] == "hostile")
    for locale in ("zh", "en", "ko"):
        cells = compiled[f"tests/golden/consistent-demo/{locale}/tables/tradeoffs-hostile.mdx"]["tables"][0]
        header, first, second = cells
        assert header[1:] == [g["label"][locale] for g in table["groups"]]
        assert [first[0], second[0]] == [r["aspect"][locale] for r in table["rows"]]
        assert second[1:] == [c["text"][locale] for c in table["rows"][1]["cells"]]
        # Cells with a computed figure keep the text around it.
        assert first[1].endswith(" <!-- c -->") and first[2].endswith(" </script>")
    en = compiled["tests/golden/consistent-demo/en/tables/tradeoffs-hostile.mdx"]["tables"][0]
    assert en == [["Aspect", "GPU <b>", "Custom {y}"],
                  ["Cost a|b", "$293.67 <!-- c -->", "$58.70–$162.34 </script>"],
                  ["Link https://example.com", "`code` *em* \\ back", "#1 & < > \" '"]]


def test_the_checker_reports_mdx_that_breaks(tmp_path):
    """The tool itself can fail: raw MDX that trips the compiler or the runtime is reported."""
    (tmp_path / "lt.mdx").write_text("| a |\n| - |\n| <5ms |\n", encoding="utf-8")
    (tmp_path / "expression.mdx").write_text("{name}\n", encoding="utf-8")
    (tmp_path / "pipe.mdx").write_text("| a |\n| - |\n| x a|b |\n", encoding="utf-8")
    status, report = run_mdx_check(tmp_path)
    assert status == 1
    assert sorted(Path(p).name for p in report["errors"]) == ["expression.mdx", "lt.mdx"]
    assert "name is not defined" in report["errors"][str(tmp_path / "expression.mdx")]
    # An unescaped '|' compiles, and silently cuts the cell: the reader sees 'x a', not 'x a|b'.
    assert report["files"][str(tmp_path / "pipe.mdx")]["tables"] == [[["a"], ["x a"]]]


def test_lockfile_installs_on_any_platform():
    """`npm ci` on a fresh Linux machine: no package in the lockfile is tied to an OS or CPU."""
    lock = json.loads((TOOL / "package-lock.json").read_text(encoding="utf-8"))
    manifest = json.loads((TOOL / "package.json").read_text(encoding="utf-8"))
    assert lock["lockfileVersion"] == 3
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]
    tied = sorted(name for name, entry in lock["packages"].items()
                  if entry.get("os") or entry.get("cpu") or entry.get("libc") or entry.get("optional"))
    assert tied == []
