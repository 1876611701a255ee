"""The public API: detection, inputs (files, folders, globs), problems, table shape, order, summary."""

import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.errors import Location, Problem
from pipeline.ingest.mixed import ingest_all
from pipeline.ingest import (
    COLUMNS, FORMATS, INGEST_CODES, METRIC_UNITS, detect_format, format_summary, ingest,
)
from pipeline.ingest import runner
from pipeline.ingest.decode import read_documents
from tests.ingest.ingest_helpers import RAW, ingest_clean

DAMAGED_HINT = ("the file looks truncated or damaged; copy it again from the benchmark run, "
                "or leave it out of the inputs")


@pytest.mark.parametrize(("path", "expected"), [
    ("vllm/2024/vllm-infqps-Llama-2-7b-chat-hf-20240812-143015.json", "vllm-serve"),
    ("vllm/fork-2025/deepseek-r1-distill-8b-qps2-trimmed.json", "vllm-serve"),
    ("vllm/2025-04/serving_llama8B_tp1_sharegpt_qps_4_concurrency_16.json", "vllm-serve"),
    ("vllm/2026/sglang-infqps-concurrency64-Llama-3.1-8B-Instruct-20260304-091500.json", "vllm-serve"),
    ("vllm/sweep/20260310-140000/SERVE--max_num_seqs=128-BENCH--max_concurrency=8/summary.json",
     "vllm-sweep-summary"),
    ("vllm/offline/latency_llama8B_tp1.json", "vllm-latency"),
    ("vllm/offline/throughput_llama8B_tp1.json", "vllm-throughput"),
    ("aiperf/early/profile_export_aiperf.json", "aiperf"),
    ("aiperf/schema-1.3/profile_export_aiperf.json", "aiperf"),
    ("aiperf/sweep/profile_export_aiperf_sweep.json", "aiperf-sweep"),
    ("genai-perf/old-build/profile_export_genai_perf.json", "genai-perf"),
    ("genai-perf/new-build/profile_export_genai_perf.json", "genai-perf"),
    ("guidellm/v0.5/benchmarks.json", "guidellm"),
    ("guidellm/v0.3/benchmarks.json", "guidellm"),
    ("llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json", "llmperf-summary"),
    ("llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_individual_responses.json", "llmperf-responses"),
    ("llmperf/by-concurrency/mistral-7b-instruct-v0.3.json", "llmperf-summaries"),
    ("broken/unknown-format.json", None),
])
def test_detect_format_from_content(path, expected):
    documents, problems = read_documents(Path(RAW, path), path)
    assert problems == []
    assert detect_format(documents[0].data) == expected
    assert expected is None or expected in FORMATS


@pytest.mark.parametrize("obj", [None, 3, "text", [], [1, 2], {}, {"completed": 3}, [{"a": 1}]])
def test_detect_format_returns_none_for_anything_else(obj):
    assert detect_format(obj) is None


def test_detection_ignores_the_file_name(tmp_path):
    renamed = tmp_path / "leaderboard-entry-007.dat"
    original = Path(RAW, "llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json")
    renamed.write_bytes(original.read_bytes())
    assert set(ingest_clean(str(renamed)).tool) == {"llmperf"}


def test_damaged_empty_and_unknown_files_give_exact_problems():
    result = ingest([f"{RAW}/broken"])
    assert result.table.empty
    assert result.problems == [
        Problem("E071", "file is empty", Location(f"{RAW}/broken/empty.json"), hint=DAMAGED_HINT),
        Problem("E071", "not valid JSON: Expecting ',' delimiter",
                Location(f"{RAW}/broken/truncated-serve-result.json", 1, 901), hint=DAMAGED_HINT),
        Problem("E072", "unrecognised benchmark format: a JSON object with keys report, generated_by, charts",
                Location(f"{RAW}/broken/unknown-format.json"),
                hint="supported: vLLM bench serve/latency/throughput and sweep summaries, AIPerf, "
                     "GenAI-Perf, GuideLLM, LLMPerf"),
    ]


def test_a_surrogate_pair_is_text_and_a_lone_half_is_a_located_problem(tmp_path):
    paired, lone = tmp_path / "paired.json", tmp_path / "lone.json"
    paired.write_bytes(b'{"model_id": "m\\ud83d\\ude00", "a": 1}')  # an emoji, escaped as JSON allows
    lone.write_bytes(b'{\n  "model_id": "m\\ud83d x"\n}')
    assert not any(p.code == "E071" for p in ingest([paired]).problems)
    [problem] = ingest([lone]).problems
    assert problem.format().splitlines()[0] == (
        f"{lone}:2:17: error[E071] not valid JSON text: \\ud83d is half of a UTF-16 surrogate pair, alone")


def test_problem_text_names_the_file_line_and_column():
    result = ingest([f"{RAW}/broken/truncated-serve-result.json"])
    assert result.problems[0].format().splitlines()[0] == (
        f"{RAW}/broken/truncated-serve-result.json:1:901: error[E071] not valid JSON: "
        "Expecting ',' delimiter")


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfe{}", "not UTF-8 text (invalid byte at offset 0)"),
    (b"  \n\n ", "file is empty"),
    (b'{"a": 1}}', "not valid JSON: Extra data"),
    (b'{"model_id": "bad\\ud800name", "completed": 3}',
     "not valid JSON text: \\ud800 is half of a UTF-16 surrogate pair, alone"),
    (b'{"model_id": "bad\\uDC00", "completed": 3}',
     "not valid JSON text: \\uDC00 is half of a UTF-16 surrogate pair, alone"),
])
def test_undecodable_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert [p.message for p in ingest([path]).problems] == [message]


@pytest.mark.parametrize(("content", "message"), [
    ("[1, 2]", "unrecognised benchmark format: a JSON list of 2 item(s)"),
    ('"hello"', "unrecognised benchmark format: a JSON string"),
    ("{}", "unrecognised benchmark format: an empty JSON object"),
    ('{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}',
     "unrecognised benchmark format: a JSON object with keys a, b, c, d, e, ..."),
])
def test_unknown_json_values(tmp_path, content, message):
    path = tmp_path / "other.json"
    path.write_text(content)
    assert [(p.code, p.message) for p in ingest([path]).problems] == [("E072", message)]


def test_json_lines_records_must_be_single_runs(tmp_path):
    line = Path(RAW, "guidellm/v0.3/benchmarks.json").read_text().replace("\n", "")
    path = tmp_path / "appended.jsonl"
    path.write_text(line + "\n" + line + "\n")
    problems = ingest([path]).problems
    assert [(p.code, p.location.line, p.message) for p in problems] == [
        ("E072", 1, "a guidellm document cannot be a JSON Lines record"),
        ("E072", 2, "a guidellm document cannot be a JSON Lines record")]


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + Path(RAW, "vllm/offline/throughput_llama8B_tp1.json").read_bytes())
    assert set(ingest_clean(str(path)).metric) == {"request_throughput", "total_throughput"}


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.json"
    path.write_text("{}")

    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    assert ingest([path]).problems == [Problem(
        "E070", "cannot read file: Permission denied", Location(path.as_posix()),
        hint="check that the path exists and is readable")]


def test_parser_failure_on_an_unforeseen_shape_is_a_problem_not_a_traceback(monkeypatch):
    def broken(data, source):
        raise TypeError("'NoneType' object is not subscriptable")

    monkeypatch.setitem(runner.PARSERS, "vllm-latency", broken)
    result = ingest([f"{RAW}/vllm/offline/latency_llama8B_tp1.json"])
    assert [(p.code, p.message) for p in result.problems] == [
        ("E079", "unexpected structure in vllm-latency file "
                 "(TypeError: 'NoneType' object is not subscriptable)")]


def test_damaged_entries_inside_a_recognised_file_are_skipped_with_an_error(tmp_path):
    report = json.loads(Path(RAW, "guidellm/v0.3/benchmarks.json").read_text())
    report["benchmarks"].insert(1, "truncated")
    report["benchmarks"][0]["metrics"]["time_to_first_token_ms"] = None  # a null block is just missing
    guidellm = tmp_path / "benchmarks.json"
    guidellm.write_text(json.dumps(report))
    export = json.loads(Path(RAW, "aiperf/early/profile_export_aiperf.json").read_text())
    export["request_latency"] = [1, 2, 3]
    aiperf = tmp_path / "profile_export_aiperf.json"
    aiperf.write_text(json.dumps(export))
    result = ingest([tmp_path])
    assert [(p.code, p.severity, p.path, p.message) for p in result.problems] == [
        ("E079", "error", "benchmarks[1]", "benchmark is not an object with 'metrics'; skipped"),
        ("E079", "error", "request_latency", "metric block 'request_latency' is not an object; skipped"),
    ]
    table = result.table
    assert sorted(set(table[table.tool == "guidellm"].run)) == [0, 2]  # runs keep their list position
    assert "ttft" not in set(table[(table.tool == "guidellm") & (table.run == 0)].metric)
    assert "e2e_latency" not in set(table[table.tool == "aiperf"].metric)


def test_every_code_has_one_severity(tmp_path):
    result = ingest([RAW, "missing.json", tmp_path])
    for problem in result.problems:
        assert INGEST_CODES[problem.code].endswith(f"({problem.severity})"), problem


def test_missing_paths_and_empty_globs():
    result = ingest(["no/such/file.json", "no/such/*.json"])
    assert result.problems == [
        Problem("E070", "no files match this pattern", Location("no/such/*.json"),
                hint="check the pattern; quote it so the shell does not expand it"),
        Problem("E070", "no such file or directory", Location("no/such/file.json"),
                hint="check the path; it is taken relative to the working directory"),
    ]


def test_directory_walk_is_recursive_sorted_and_json_only(tmp_path):
    source = Path(RAW, "vllm/offline/throughput_llama8B_tp1.json").read_bytes()
    for name in ("b/z.json", "a/y.jsonl", "a/deeper/x.JSON", "a/notes.txt", "c.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(source)
    table = ingest_clean(str(tmp_path))
    root = tmp_path.as_posix()
    assert list(dict.fromkeys(table.file)) == [
        f"{root}/a/deeper/x.JSON", f"{root}/a/y.jsonl", f"{root}/b/z.json"]


def test_directory_without_json_files_warns(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here")
    assert ingest([tmp_path]).problems == [Problem(
        "E078", "directory holds no .json or .jsonl files", Location(tmp_path.as_posix()),
        hint="point at the folder the benchmark tool wrote its results to", severity="warning")]


def test_explicit_file_is_read_whatever_its_extension(tmp_path):
    path = tmp_path / "results.txt"
    path.write_bytes(Path(RAW, "vllm/offline/throughput_llama8B_tp1.json").read_bytes())
    assert set(ingest_clean(str(path)).file) == {path.as_posix()}


def test_glob_patterns_expand_recursively():
    table = ingest_clean(f"{RAW}/**/profile_export_*.json")
    assert sorted(set(table.file)) == [
        f"{RAW}/aiperf/early/profile_export_aiperf.json",
        f"{RAW}/aiperf/schema-1.3/profile_export_aiperf.json",
        f"{RAW}/aiperf/sweep/profile_export_aiperf_sweep.json",
        f"{RAW}/genai-perf/new-build/profile_export_genai_perf.json",
        f"{RAW}/genai-perf/old-build/profile_export_genai_perf.json",
    ]


def test_a_file_reached_twice_is_read_once():
    path = f"{RAW}/guidellm/v0.3/benchmarks.json"
    once = ingest_clean(path)
    twice = ingest_clean(f"{RAW}/guidellm", path, f"./{path}")
    v05 = twice[twice.file != path]
    pd.testing.assert_frame_equal(twice[twice.file == path].reset_index(drop=True), once)
    assert set(v05.file) == {f"{RAW}/guidellm/v0.5/benchmarks.json"}


def test_whole_fixture_tree_problems():
    # The tree also holds iperf3, fortio and k6 files, which the mixed reader (site-data ingest) reads.
    result = ingest_all([RAW])
    assert {o.tool for o in result.observations} == {"iperf3", "fortio", "k6"}
    assert [(p.location.file.removeprefix(f"{RAW}/"), p.location.line, p.code, p.severity)
            for p in result.problems] == [
        ("broken/empty.json", None, "E071", "error"),
        ("broken/truncated-serve-result.json", 1, "E071", "error"),
        ("broken/unknown-format.json", None, "E072", "error"),
        ("cli-failed/server-down.json", None, "E073", "warning"),
        ("vllm/2026/vllm-16qps-concurrency32-Llama-3.1-70B-Instruct-20260305-120000.json", None, "E073",
         "warning"),
        ("vllm/quirks/append-result-killed-mid-write.jsonl", 3, "E071", "error"),
        ("vllm/quirks/nan-and-infinity.json", None, "E075", "warning"),
    ]
    assert set(result.table.tool) == {"vllm", "aiperf", "genai-perf", "guidellm", "llmperf"}
    assert len(result.table.groupby(["file", "run"])) == 33


def test_table_columns_dtypes_and_units():
    table = ingest_clean(f"{RAW}/guidellm", f"{RAW}/llmperf", f"{RAW}/aiperf")
    assert tuple(table.columns) == COLUMNS
    assert {column: str(dtype) for column, dtype in table.dtypes.items()} == {
        "tool": "object", "tool_version": "object", "file": "object", "run": "int64", "model": "object",
        "concurrency": "float64", "request_rate": "float64", "metric": "object", "statistic": "object",
        "value": "float64", "unit": "object", "completed": "Int64", "failed": "Int64"}
    assert all(table.unit == table.metric.map(METRIC_UNITS))
    assert table.value.notna().all()
    assert None in set(table.tool_version)  # kept as None, not NaN


def test_order_is_deterministic_and_independent_of_input_order():
    parts = [f"{RAW}/vllm", f"{RAW}/llmperf", f"{RAW}/aiperf", f"{RAW}/guidellm", f"{RAW}/genai-perf"]
    first = ingest(parts)
    second = ingest(list(reversed(parts)))
    pd.testing.assert_frame_equal(first.table, second.table)
    assert first.problems == second.problems
    keys = list(zip(first.table.file, first.table.run, first.table.metric))
    assert keys == sorted(keys)


def test_statistics_sort_in_reading_order():
    table = ingest_clean(f"{RAW}/guidellm/v0.5/benchmarks.json")
    ttft = table[(table.run == 0) & (table.metric == "ttft")]
    assert list(ttft.statistic) == ["mean", "median", "std", "min", "max", "p0.1", "p1", "p5", "p10", "p25",
                                    "p75", "p90", "p95", "p99", "p99.9"]


def test_progress_is_reported_per_file():
    calls = []
    ingest([f"{RAW}/genai-perf", f"{RAW}/broken"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_empty_input():
    result = ingest([])
    assert result.problems == [] and result.table.empty
    assert tuple(result.table.columns) == COLUMNS
    assert format_summary(result.table) == "no runs ingested"


def test_format_summary_text():
    # GuideLLM's TPOT (decode time / N) sits below its ITL (decode time / (N - 1)): 13.32 vs 13.55 ms
    # at a median of 59.5 output tokens (factor 58.5 / 59.5), 17.70 vs 18.01 ms at concurrency 16.
    table = ingest_clean(f"{RAW}/guidellm/v0.3/benchmarks.json",
                         f"{RAW}/llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json",
                         f"{RAW}/vllm/offline/throughput_llama8B_tp1.json")
    assert format_summary(table).splitlines() == [
        "4 run(s) from 3 file(s) under tests/fixtures/raw/",
        "file                                                          run  tool                "
        "model                             load  ttft p50 ms  tpot p50 ms  itl p50 ms  out tok/s  ok/failed",
        "guidellm/v0.3/benchmarks.json                                   0  guidellm            "
        "Qwen/Qwen2.5-7B-Instruct          c=4          77.3         13.3        13.5      274.8       40/0",
        "guidellm/v0.3/benchmarks.json                                   1  guidellm            "
        "Qwen/Qwen2.5-7B-Instruct          c=16        108.5         17.7        18.0      813.4       40/0",
        "...erf/meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json    0  llmperf 2023-08-31  "
        "meta-llama/Llama-3.1-8B-Instruct  c=8         137.1            -           -      301.4      120/3",
        "vllm/offline/throughput_llama8B_tp1.json                        0  vllm                "
        "-                                 -               -            -           -          -     1000/?",
    ]


def test_every_code_used_is_documented_and_every_documented_code_is_used():
    source = "\n".join(p.read_text() for p in Path("pipeline/ingest").glob("*.py") if p.name != "__init__.py")
    used = set(re.findall(r'"(E\d{3})"', source))
    assert used == set(INGEST_CODES)
    assert all(re.fullmatch(r"E07\d|E11\d", code) for code in INGEST_CODES)


def test_library_never_prints_or_exits(capsys):
    ingest([RAW])
    assert capsys.readouterr() == ("", "")
    source = "\n".join(p.read_text() for p in Path("pipeline/ingest").glob("*.py"))
    assert not re.search(r"\bprint\(|sys\.exit|\bexit\(", source)


def test_importing_the_package_does_not_import_pandas():
    code = "import sys, pipeline.ingest; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_every_public_function_and_class_has_a_docstring():
    for path in sorted(Path("pipeline/ingest").glob("*.py")):
        module = importlib.import_module(f"pipeline.ingest.{path.stem}" if path.stem != "__init__"
                                         else "pipeline.ingest")
        assert module.__doc__, path
        for name, obj in vars(module).items():
            if (not name.startswith("_") and getattr(obj, "__module__", None) == module.__name__
                    and (inspect.isfunction(obj) or inspect.isclass(obj))):
                assert obj.__doc__, f"{path}: {name}"
