"""Reports that take their figures from raw benchmark files (``measurements:``).

The shipped report llama31-8b-gpu-sweep is checked against what a careful reader computes from
its raw files with nothing but ``json``; small throwaway reports check mixing typed and measured
figures, and every problem a measurement can have, message for message.
"""

from __future__ import annotations

import glob
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.build import check
from pipeline.derive.measured import reduce_runs
from pipeline.cli import main
from pipeline.load.project import ProjectPaths
from tests.project import ROOT, make_project

SWEEP = ROOT / "data" / "reports" / "llama31-8b-gpu-sweep.yaml"
RAW = "data/raw/llama31-8b-gpu-sweep"
MODEL = "llama3.1-8b-instruct"

BASE = """\
id: demo
title: {zh: 演示, en: Demo, ko: 데모}
date: 2026-03-16
authors: [site-data tests]
method:
  basis: measured
  runs_per_point: 3
  statistic: median
  workload: {input_tokens: 512, output_tokens: 128}
  precision: bf16
  region: us-east-1
baseline: A
scenarios:
  - id: A
    instance: g5.xlarge
    short_label: g5/A10G
    role: {zh: 基准, en: Baseline, ko: 기준}
    color: "#64748b"
    price: {hourly: 1.006, pricing_model: on-demand, region: us-east-1, source: aws-ec2-on-demand-pricing, as_of: 2026-03-16}
  - id: C
    instance: g6e.xlarge
    short_label: g6e/L40S
    role: {zh: 大显存, en: Large memory, ko: 대용량 메모리}
    color: "#f59e0b"
    price: {hourly: 1.861, pricing_model: on-demand, region: us-east-1, source: aws-ec2-on-demand-pricing, as_of: 2026-03-16}
models:
  - model: llama3.1-8b-instruct
operating_point: {concurrency: 16}
"""
"""A report without figures; each test appends its results or measurements (from line 29 on)."""

A_FILES = "raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.json"
C_FILES = "raw/llama31-8b-gpu-sweep/g6e.xlarge/guidellm/*/benchmarks.json"


def measurements(*entries: str) -> str:
    return "measurements:\n" + "".join(entries)


def entry(scenario: str, files: str, extra: str = "") -> str:
    return f"  - model: {MODEL}\n    scenario: {scenario}\n    files: [{files}]\n{extra}"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project with the shipped catalogues and raw files and no report yet."""
    return make_project(tmp_path / "project", [])


def write_report(project: Path, body: str) -> Path:
    path = project / "data" / "reports" / "demo.yaml"
    path.write_text(BASE + body, encoding="utf-8")
    return path


def validate(project: Path, capsys) -> tuple[int, str]:
    status = main(["--root", str(project), "validate"])
    return status, capsys.readouterr().err


def figures(project: Path) -> dict:
    """(model, metric, concurrency, scenario) -> Value of the project's only report."""
    return check(ProjectPaths(project)).derived[0].figures


# -- the shipped report ---------------------------------------------------------------------

def careful_reader() -> dict[tuple[str, int, str], float]:
    """(metric, concurrency, scenario) -> median of the three runs, read with json and sorted() only.

    The report takes each run's median TTFT, its median per-request ITL (vLLM's and AIPerf's
    TPOT, GuideLLM's inter_token_latency) and its overall output rate.
    """
    runs: dict[tuple[str, int, str], list[float]] = {}

    def add(metric: str, concurrency: int, scenario: str, value: float) -> None:
        runs.setdefault((metric, concurrency, scenario), []).append(value)

    for path in glob.glob(f"{ROOT}/{RAW}/g5.xlarge/vllm/*.json"):
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        c = run["max_concurrency"]
        add("ttft", c, "A", run["median_ttft_ms"])
        add("itl", c, "A", run["median_tpot_ms"])
        add("output_throughput", c, "A", run["output_throughput"])
    for path in glob.glob(f"{ROOT}/{RAW}/g6.xlarge/aiperf/*/profile_export_aiperf.json"):
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        c = run["input_config"]["phases"][0]["concurrency"]
        add("ttft", c, "B", run["time_to_first_token"]["p50"])
        add("itl", c, "B", run["inter_token_latency"]["p50"])
        add("output_throughput", c, "B", run["output_token_throughput"]["avg"])
    for path in glob.glob(f"{ROOT}/{RAW}/g6e.xlarge/guidellm/*/benchmarks.json"):
        for benchmark in json.loads(Path(path).read_text(encoding="utf-8"))["benchmarks"]:
            c = benchmark["config"]["strategy"]["streams"]
            metrics = benchmark["metrics"]
            add("ttft", c, "C", metrics["time_to_first_token_ms"]["successful"]["median"])
            add("itl", c, "C", metrics["inter_token_latency_ms"]["successful"]["median"])
            add("output_throughput", c, "C", metrics["output_tokens_per_second"]["successful"]["mean"])
    assert all(len(values) == 3 for values in runs.values())
    return {key: sorted(values)[1] for key, values in runs.items()}


@pytest.fixture(scope="module")
def shipped():
    """The shipped project checked once: (checked inputs, the sweep report's DerivedReport)."""
    checked = check(ProjectPaths(ROOT), report_files=[SWEEP])
    return checked, checked.derived[0]


def test_second_report_figures_are_the_medians_of_its_raw_files(shipped):
    _, derived = shipped
    expected = careful_reader()
    measured = {(metric, c, sid): v.value for (model, metric, c, sid), v in derived.figures.items()
                if v.provenance == "measured"}
    assert len(expected) == 3 * 3 * 7  # metrics x scenarios x concurrencies
    assert measured == expected


def test_second_report_figures_list_their_files_and_runs(shipped):
    _, derived = shipped
    ttft = derived.figures[(MODEL, "ttft", 32, "A")]
    assert (ttft.provenance, ttft.runs, ttft.source) == ("measured", 3, None)
    assert ttft.files == tuple(f"{RAW}/g5.xlarge/vllm/vllm-infqps-concurrency32-Llama-3.1-8B-Instruct-"
                               f"20260310-{hour}0500.json" for hour in (11, 12, 13))
    # GuideLLM keeps a whole sweep in one file: three runs, three files, every concurrency.
    itl = derived.figures[(MODEL, "itl", 4, "C")]
    assert itl.files == tuple(f"{RAW}/g6e.xlarge/guidellm/run{n}/benchmarks.json" for n in (1, 2, 3))
    assert itl.runs == 3
    assert str(ttft.location) == "data/reports/llama31-8b-gpu-sweep.yaml:82:12"


def test_second_report_derives_cost_and_sweep_from_measured_figures(shipped):
    _, derived = shipped
    expected = careful_reader()
    for sid, hourly in (("A", 1.006), ("B", 0.8048), ("C", 1.861)):
        cost = derived.figures[(MODEL, "cost_per_mtok", 32, sid)]
        assert cost.provenance == "derived"
        assert cost.value == pytest.approx(hourly / (expected[("output_throughput", 32, sid)] * 3600) * 1e6,
                                           rel=1e-12)
    sweep = derived.sweeps[0]
    assert sweep.concurrencies == [1, 2, 4, 8, 16, 32, 64]
    assert [s.scenario for s in sweep.series] == ["A", "B", "C"]
    assert sweep.best_at_peak == "C"


def test_second_report_builds_clean(shipped):
    checked, _ = shipped
    assert checked.problems == []
    assert [w for result in checked.lint.values() for w in result.waived] == []


def test_measured_props_say_where_each_figure_comes_from(shipped):
    from pipeline.derive.findings import derive_findings
    from pipeline.localize import Localizer, babel_locale
    from pipeline.render.context import RenderContext
    from pipeline.render.props_metrics import metric_chart

    checked, derived = shipped
    en = next(loc for loc in checked.inputs.locales if loc.id == "en")
    ctx = RenderContext(derived, derive_findings(derived), Localizer(en, babel_locale(en),
                                                                     checked.inputs.translations["en"]))
    bar = metric_chart(ctx, "InferenceThroughputChart", "output_throughput").groups[0].bars[2]
    assert (bar.scenario, bar.formatted) == ("C", "868")
    assert bar.value == careful_reader()[("output_throughput", 32, "C")]
    assert (bar.provenance.kind, bar.provenance.label, bar.provenance.runs) == ("measured", "Measured", 3)
    assert bar.provenance.files == [f"{RAW}/g6e.xlarge/guidellm/run{n}/benchmarks.json" for n in (1, 2, 3)]


def test_raw_files_are_what_the_generator_writes():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_raw_example
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert make_raw_example.main(["--check"]) == 0


# -- mixing, and counting runs ---------------------------------------------------------------

def test_a_report_mixes_typed_and_measured_figures(project, capsys):
    with (project / "data" / "catalog" / "sources.yaml").open("a", encoding="utf-8") as stream:
        stream.write("  - {id: team-notes, title: Team benchmark notes, publisher: site-data tests}\n")
    write_report(project, "results:\n"
                          f"  - model: {MODEL}\n    concurrency: 16\n    source: team-notes\n"
                          "    metrics: {ttft: {A: 700}, itl: {A: 45}, output_throughput: {A: 320}}\n"
                          + measurements(entry("C", C_FILES)))
    assert validate(project, capsys) == (0, "")
    found = figures(project)
    typed, measured = found[(MODEL, "ttft", 16, "A")], found[(MODEL, "ttft", 16, "C")]
    assert (typed.provenance, typed.source, typed.files, typed.runs) == ("estimated", "team-notes", (), None)
    assert (measured.provenance, measured.runs) == ("measured", 3)
    assert measured.value == careful_reader()[("ttft", 16, "C")]
    # Cost per token is derived alike from a typed and a measured throughput.
    assert found[(MODEL, "cost_per_mtok", 16, "A")].value == pytest.approx(1.006 / (320 * 3600) * 1e6)
    assert found[(MODEL, "cost_per_mtok", 16, "C")].value == pytest.approx(
        1.861 / (careful_reader()[("output_throughput", 16, "C")] * 3600) * 1e6)
    # Only C was measured, and only at the points its files hold.
    assert {k[2] for k, v in found.items() if v.provenance == "measured"} == {1, 2, 4, 8, 16, 32, 64}
    assert not any(k[3] == "A" for k, v in found.items() if v.provenance == "measured")


def test_fewer_runs_than_the_method_declares_is_a_finding(project, capsys):
    two_runs = '"raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*concurrency16-*-20260310-1[12]0400.json"'
    write_report(project, measurements(entry("A", two_runs), entry("C", C_FILES)))
    status, err = validate(project, capsys)
    assert status == 0
    assert err == (
        "data/reports/demo.yaml:32:12: warning[L052] measurements[0].itl.16: itl of llama3.1-8b-instruct "
        "on A at concurrency 16 comes from 2 run(s), but the method declares the median of 3\n"
        "  hint: ingest the missing runs' result files, or lower method.runs_per_point to what was run\n"
        "data/reports/demo.yaml:32:12: warning[L052] measurements[0].output_throughput.16: output_throughput "
        "of llama3.1-8b-instruct on A at concurrency 16 comes from 2 run(s), but the method declares the median of 3\n"
        "  hint: ingest the missing runs' result files, or lower method.runs_per_point to what was run\n"
        "data/reports/demo.yaml:32:12: warning[L052] measurements[0].ttft.16: ttft of llama3.1-8b-instruct "
        "on A at concurrency 16 comes from 2 run(s), but the method declares the median of 3\n"
        "  hint: ingest the missing runs' result files, or lower method.runs_per_point to what was run\n")
    value = figures(project)[(MODEL, "ttft", 16, "A")]
    assert value.runs == 2 and len(value.files) == 2


def test_runs_appended_to_one_file_count_one_by_one(project, capsys):
    # vllm bench serve --append-result writes one JSON line per run into one file.
    lines = [json.dumps(json.loads(Path(p).read_text(encoding="utf-8")))
             for p in sorted(glob.glob(f"{ROOT}/{RAW}/g5.xlarge/vllm/*concurrency16-*.json"))]
    (project / "data" / "raw" / "appended.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # One pattern may be written without brackets.
    write_report(project, measurements(entry("A", "raw/appended.jsonl").replace("[raw/appended.jsonl]",
                                                                               "raw/appended.jsonl"),
                                       entry("C", C_FILES)))
    assert "    files: raw/appended.jsonl\n" in (project / "data" / "reports" / "demo.yaml").read_text(encoding="utf-8")
    assert validate(project, capsys) == (0, "")
    value = figures(project)[(MODEL, "ttft", 16, "A")]
    assert (value.files, value.runs) == (("data/raw/appended.jsonl",), 3)
    assert value.value == careful_reader()[("ttft", 16, "A")]


def test_mean_of_runs_when_the_method_says_so(project, capsys):
    write_report(project, measurements(entry("A", A_FILES), entry("C", C_FILES)))
    report = project / "data" / "reports" / "demo.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("statistic: median", "statistic: mean"),
                      encoding="utf-8")
    assert validate(project, capsys) == (0, "")
    runs = [json.loads(Path(p).read_text(encoding="utf-8"))["output_throughput"]
            for p in sorted(glob.glob(f"{ROOT}/{RAW}/g5.xlarge/vllm/*concurrency8-*.json"))]
    assert figures(project)[(MODEL, "output_throughput", 8, "A")].value == pytest.approx(sum(runs) / 3, rel=1e-15)


@given(st.lists(st.floats(min_value=0.001, max_value=1e6), min_size=1, max_size=9), st.randoms())
def test_the_median_of_runs_ignores_their_order_and_lies_among_them(values, rng):
    shuffled = list(values)
    rng.shuffle(shuffled)
    median = reduce_runs(values, "median")
    assert reduce_runs(shuffled, "median") == median
    assert min(values) <= median <= max(values)
    if len(values) % 2:
        assert median in values  # an odd number of runs: the median is one of them, never an average


# -- problems, located at the line naming the files ------------------------------------------

def test_a_glob_matching_nothing_is_an_error_at_its_line(project, capsys):
    write_report(project, measurements(entry("A", "raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.jsn")))
    assert validate(project, capsys) == (1, (
        "data/reports/demo.yaml:32:13: error[E070] measurements[0].files[0]: no files match "
        "'raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.jsn' (looked in data/raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*.jsn)\n"
        "  hint: check the pattern; it is relative to data/ (raw/<report id>/...)\n"
        "1 error(s), 0 warning(s); nothing was written\n"))


def test_a_missing_file_and_a_path_outside_data_are_errors(project, capsys):
    write_report(project, measurements(entry("A", "raw/nope.json, ../secrets/run.json, /tmp/run.json")))
    status, err = validate(project, capsys)
    assert status == 1
    assert err == (
        "data/reports/demo.yaml:32:13: error[E070] measurements[0].files[0]: no such file or folder: data/raw/nope.json\n"
        "  hint: check the path; it is relative to data/ (raw/<report id>/...)\n"
        "data/reports/demo.yaml:32:28: error[E030] measurements[0].files[1]: '../secrets/run.json' must be a path "
        "inside data/, relative to it, with '/' between folders\n"
        "  hint: write it as data/ sees it, e.g. raw/<report id>/g5/*.json; raw files belong in the repository "
        "so every build reads the same ones\n"
        "data/reports/demo.yaml:32:49: error[E030] measurements[0].files[2]: '/tmp/run.json' must be a path "
        "inside data/, relative to it, with '/' between folders\n"
        "  hint: write it as data/ sees it, e.g. raw/<report id>/g5/*.json; raw files belong in the repository "
        "so every build reads the same ones\n"
        "3 error(s), 0 warning(s); nothing was written\n")


def test_an_all_failed_run_is_left_out_with_a_warning(project, capsys):
    folder = project / "data" / "raw" / "a16"
    folder.mkdir()
    for path in glob.glob(f"{ROOT}/{RAW}/g5.xlarge/vllm/*concurrency16-*.json"):
        shutil.copy(path, folder)
    failed = {"model_id": "meta-llama/Llama-3.1-8B-Instruct", "max_concurrency": 16, "request_rate": "inf",
              "duration": 30.0, "completed": 0, "failed": 160, "output_throughput": 0.0,
              "median_ttft_ms": 0.0, "median_tpot_ms": 0.0}
    (folder / "server-down.json").write_text(json.dumps(failed), encoding="utf-8")
    write_report(project, measurements(entry("A", "raw/a16"), entry("C", C_FILES)))
    status, err = validate(project, capsys)
    assert status == 0
    assert err == (
        "data/reports/demo.yaml:32:13: warning[E073] measurements[0].files[0]: data/raw/a16/server-down.json: "
        "every request failed (160 failed, 0 completed); run excluded\n"
        "  hint: the server was probably down or misconfigured; re-run the benchmark or leave this file out\n")
    value = figures(project)[(MODEL, "ttft", 16, "A")]
    assert value.runs == 3 and "data/raw/a16/server-down.json" not in value.files
    assert value.value == careful_reader()[("ttft", 16, "A")]


def test_runs_without_a_concurrency_are_left_out(project, capsys):
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "guidellm" / "v0.5" / "benchmarks.json",
                project / "data" / "raw" / "guidellm-sweep.json")
    write_report(project, measurements(entry("A", A_FILES), entry(
        "C", "raw/guidellm-sweep.json", "    metrics: [ttft]\n")))
    status, err = validate(project, capsys)
    assert status == 0
    lines = err.splitlines()
    assert lines[6:8] == [
        "data/reports/demo.yaml:35:13: warning[E031] measurements[1].files[0]: data/raw/guidellm-sweep.json: run 2 "
        "has no concurrency limit (request rate 4.2/s); it cannot be placed on the report's concurrency axis "
        "and is left out",
        "  hint: run the benchmark with a fixed concurrency (vLLM --max-concurrency, AIPerf --concurrency, "
        "GuideLLM --rate-type concurrent), or leave this file out"]
    # The synchronous run (concurrency 1) and the throughput run (up to 128) are kept, one run each.
    assert {k[2] for k, v in figures(project).items() if k[3] == "C" and k[1] == "ttft"} == {1, 128}


def test_runs_of_another_model_are_an_error_unless_the_server_name_is_given(project, capsys):
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "guidellm" / "v0.3" / "benchmarks.json",
                project / "data" / "raw" / "qwen.json")
    write_report(project, measurements(entry("A", A_FILES), entry("C", "raw/qwen.json")))
    status, err = validate(project, capsys)
    assert status == 1
    assert err.splitlines()[:2] == [
        "data/reports/demo.yaml:35:13: error[E032] measurements[1].files[0]: data/raw/qwen.json: run 0 is of model "
        "'Qwen/Qwen2.5-7B-Instruct', not 'meta-llama/Llama-3.1-8B-Instruct' (llama3.1-8b-instruct)",
        "  hint: point files at llama3.1-8b-instruct's results; if the server gave the model another name, "
        "set served_model: Qwen/Qwen2.5-7B-Instruct"]
    write_report(project, measurements(entry("A", A_FILES), entry(
        "C", "raw/qwen.json", "    served_model: Qwen/Qwen2.5-7B-Instruct\n")))
    status, err = validate(project, capsys)
    # Now the runs are read, and lint finds the 7B model's speed impossible for an 8B one on an L40S.
    assert "E032" not in err
    assert "error[L030] measurements[1].itl.4: ITL of llama3.1-8b-instruct on C at concurrency 4: stated 14 ms" in err


def test_a_metric_the_files_lack_is_a_warning_or_an_error_when_listed(project, capsys):
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "llmperf" /
                "meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json", project / "data" / "raw" / "llmperf.json")
    write_report(project, measurements(entry("A", A_FILES), entry("C", "raw/llmperf.json")))
    status, err = validate(project, capsys)
    assert status == 0
    assert err.splitlines()[:2] == [
        "data/reports/demo.yaml:35:12: warning[E033] measurements[1].files: none of the 1 run(s) reports itl (median), "
        "so no itl figure comes from these files",
        "  hint: GenAI-Perf and LLMPerf report no ITL between chunks: set itl_from: tpot, or leave itl out of metrics"]
    write_report(project, measurements(entry("A", A_FILES), entry("C", "raw/llmperf.json", "    metrics: [itl]\n")))
    status, err = validate(project, capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        "data/reports/demo.yaml:36:14: error[E033] measurements[1].metrics: none of the 1 run(s) reports itl (median), "
        "so no itl figure comes from these files")


def test_a_figure_typed_and_measured_is_given_twice(project, capsys):
    write_report(project, "results:\n"
                          f"  - model: {MODEL}\n    concurrency: 16\n    source: aws-ec2-g5\n"
                          "    metrics: {ttft: {C: 250}}\n" + measurements(entry("A", A_FILES), entry("C", C_FILES)))
    status, err = validate(project, capsys)
    assert status == 1
    assert err == (
        "data/reports/demo.yaml:40:12: error[E043] measurements[1].files: ttft of llama3.1-8b-instruct on scenario C "
        "at concurrency 16 comes from these files and from line 33\n"
        "  hint: keep one origin per figure: narrow the files or metrics:, or remove the other figure\n"
        "1 error(s), 0 warning(s); nothing was written\n")


def test_a_sweep_from_measurements_needs_two_concurrencies(project, capsys):
    one_point = "raw/llama31-8b-gpu-sweep/g5.xlarge/vllm/*concurrency16-*.json"
    write_report(project, measurements(entry("A", one_point)) + "sweeps:\n"
                 f"  - {{model: {MODEL}, metric: output_throughput, from: measurements}}\n")
    status, err = validate(project, capsys)
    assert status == 1
    assert err == (
        "data/reports/demo.yaml:34:62: error[E035] sweeps[0].from: output_throughput of llama3.1-8b-instruct is "
        "measured only at concurrency 16; a sweep needs two or more\n"
        "  hint: add measurements: whose files hold runs at several concurrencies, or type the points\n"
        "1 error(s), 0 warning(s); nothing was written\n")


def test_a_report_needs_results_or_measurements(project, capsys):
    write_report(project, "")
    assert validate(project, capsys) == (1, (
        "data/reports/demo.yaml:1:1: error[E021] a report needs 'results' (typed figures), 'measurements' "
        "(raw result files) or both\n"
        "  hint: add results: or measurements: (see the editor's guide in README.md)\n"
        "1 error(s), 0 warning(s); nothing was written\n"))


# -- cost of the feature ------------------------------------------------------------------------

@pytest.mark.parametrize("reports", [["llama4-fm-serving.yaml"], ["llama4-fm-serving.yaml", "llama31-8b-gpu-sweep.yaml"]])
def test_the_build_imports_no_pandas(tmp_path, reports):
    root = make_project(tmp_path / "project", [ROOT / "data" / "reports" / name for name in reports])
    code = ("import sys; from pathlib import Path; from pipeline.build import check; "
            "from pipeline.load.project import ProjectPaths; "
            f"check(ProjectPaths(Path({str(root)!r}))); print('pandas' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, "False\n"), run.stderr
