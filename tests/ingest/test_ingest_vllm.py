"""vLLM serve, sweep and offline files: every key version and quirk, figures checked against the files."""

import json
import math
from pathlib import Path

import pytest

from tests.ingest.ingest_helpers import RAW, facts, ingest_clean, metrics, statistics, value
from pipeline.errors import Location, Problem
from pipeline.ingest import ingest

VLLM = f"{RAW}/vllm"
V2024 = f"{VLLM}/2024/vllm-infqps-Llama-2-7b-chat-hf-20240812-143015.json"
V2025_04 = f"{VLLM}/2025-04/serving_llama8B_tp1_sharegpt_qps_4_concurrency_16.json"
V2025_04_JSONL = f"{VLLM}/2025-04/qwen-append-result.json"
V2026 = f"{VLLM}/2026/sglang-infqps-concurrency64-Llama-3.1-8B-Instruct-20260304-091500.json"
V2026_ALL_FAILED = f"{VLLM}/2026/vllm-16qps-concurrency32-Llama-3.1-70B-Instruct-20260305-120000.json"
FORK_TRIMMED = f"{VLLM}/fork-2025/deepseek-r1-distill-8b-qps2-trimmed.json"
NAN_FILE = f"{VLLM}/quirks/nan-and-infinity.json"
KILLED_JSONL = f"{VLLM}/quirks/append-result-killed-mid-write.jsonl"
SWEEP = f"{VLLM}/sweep/20260310-140000/SERVE--max_num_seqs=128-BENCH--max_concurrency=8"
LATENCY = f"{VLLM}/offline/latency_llama8B_tp1.json"
THROUGHPUT = f"{VLLM}/offline/throughput_llama8B_tp1.json"

LATENCY_METRICS = {"ttft", "tpot", "itl"}


def test_2024_file_with_best_of_and_string_inf_rate():
    table = ingest_clean(V2024)
    assert facts(table) == {
        "tool": "vllm", "tool_version": None, "file": V2024, "model": "meta-llama/Llama-2-7b-chat-hf",
        "concurrency": None, "request_rate": math.inf, "completed": 6,
        "failed": 0,  # num_prompts 6 - completed 6: the 2024 files have no `failed`
    }
    assert value(table, "ttft", "mean") == pytest.approx(135.15933333333334)
    assert value(table, "ttft", "median") == pytest.approx(132.7605)
    assert value(table, "ttft", "p99") == pytest.approx(167.17100000000002)
    assert value(table, "tpot", "median") == pytest.approx(12.048510808270674)
    assert value(table, "itl", "median") == pytest.approx(12.354000000000001)
    assert value(table, "request_throughput", "mean") == pytest.approx(6.894023915368963)
    assert value(table, "output_throughput", "mean") == pytest.approx(292.99601640318093)
    assert value(table, "input_tokens", "sum") == 2074
    assert value(table, "output_tokens", "sum") == 255
    # input_throughput has no canonical metric, and 2024 files have no total_token_throughput.
    assert metrics(table) == LATENCY_METRICS | {"request_throughput", "output_throughput",
                                                "input_tokens", "output_tokens"}
    assert statistics(table, "ttft") == {"mean", "median", "std", "p99"}


def test_april_2025_file_with_colon_goodput_key_and_extra_percentiles():
    table = ingest_clean(V2025_04)
    assert facts(table)["concurrency"] == 16.0
    assert facts(table)["request_rate"] == 4.0
    # A local model path is kept as written; normalising it is not ingest's call.
    assert facts(table)["model"] == "/data/models/Meta-Llama-3.1-8B-Instruct"
    # `median_` and `p50_` are the same figure: one `median` row, no `p50`.
    assert statistics(table, "ttft") == {"mean", "median", "std", "p90", "p99", "p99.9"}
    assert value(table, "ttft", "median") == pytest.approx(102.4935)
    assert value(table, "ttft", "p99.9") == pytest.approx(199.18089799999998)
    assert value(table, "itl", "p90") == pytest.approx(23.6792)
    assert value(table, "total_throughput", "mean") == pytest.approx(1600.060435991214)
    # "request_goodput:" is null here (no --goodput), so no goodput row.
    assert "request_goodput" not in metrics(table)


def test_colon_goodput_key_is_read_when_it_has_a_value(tmp_path):
    data = json.loads(Path(V2025_04).read_text())
    data["request_goodput:"] = 3.25
    path = tmp_path / "goodput.json"
    path.write_text(json.dumps(data))
    assert value(ingest_clean(str(path)), "request_goodput", "mean") == 3.25


def test_2026_file_with_failures_label_metadata_and_e2el():
    table = ingest_clean(V2026)
    assert facts(table) == {
        "tool": "vllm", "tool_version": None, "file": V2026, "model": "meta-llama/Llama-3.1-8B-Instruct",
        "concurrency": 64.0, "request_rate": math.inf, "completed": 8, "failed": 2,
    }
    assert value(table, "e2e_latency", "median") == pytest.approx(535.857)
    assert value(table, "e2e_latency", "p99") == pytest.approx(780.7890100000001)
    # max_output_tokens_per_s is a one-second peak, not the run's throughput.
    assert statistics(table, "output_throughput") == {"mean"}
    assert value(table, "output_throughput", "mean") == pytest.approx(365.4931341216001)
    assert metrics(table) == LATENCY_METRICS | {"e2e_latency", "request_throughput", "output_throughput",
                                                "total_throughput", "input_tokens", "output_tokens"}


def test_all_failed_run_is_excluded_with_a_warning_not_emitted_as_zero():
    result = ingest([V2026_ALL_FAILED])
    assert result.table.empty
    assert result.problems == [Problem(
        "E073", "every request failed (5 failed, 0 completed); run excluded", Location(V2026_ALL_FAILED),
        hint="the server was probably down or misconfigured; re-run the benchmark or leave this file out",
        severity="warning")]


def test_trimmed_fork_without_throughput_and_old_latency_names():
    table = ingest_clean(FORK_TRIMMED)
    assert metrics(table) == LATENCY_METRICS | {"e2e_latency", "input_tokens", "output_tokens"}
    # The fork's `*_latency_ms` is end-to-end latency.
    assert value(table, "e2e_latency", "mean") == pytest.approx(671.5255000000001)
    assert value(table, "e2e_latency", "median") == pytest.approx(692.5055000000002)
    assert facts(table)["request_rate"] == 2.0
    assert facts(table)["completed"] == 6 and facts(table)["failed"] == 0


def test_json_lines_named_json_gives_one_run_per_line():
    table = ingest_clean(V2025_04_JSONL)
    assert sorted(set(table.run)) == [1, 2, 3]
    assert [facts(table, run)["request_rate"] for run in (1, 2, 3)] == [1.0, 2.0, 8.0]
    assert [value(table, "ttft", "median", run) for run in (1, 2, 3)] == pytest.approx(
        [151.575, 127.713, 127.108])
    assert [value(table, "request_throughput", "mean", run) for run in (1, 2, 3)] == pytest.approx(
        [0.9587126559849458, 2.1562579781545193, 6.279001136499206])
    assert facts(table, 1)["concurrency"] is None  # max_concurrency: null


def test_json_lines_with_a_truncated_last_line_keeps_the_good_lines():
    result = ingest([KILLED_JSONL])
    assert sorted(set(result.table.run)) == [1, 2]
    assert [p.format() for p in result.problems] == [
        f"{KILLED_JSONL}:3:1702: error[E071] line 3 is not valid JSON: Expecting ',' delimiter\n"
        "  hint: the file looks truncated or damaged; copy it again from the benchmark run, "
        "or leave it out of the inputs"]


def test_nan_values_are_missing_and_infinity_rate_means_inf():
    result = ingest([NAN_FILE])
    assert [(p.code, p.severity, p.message) for p in result.problems] == [
        ("E075", "warning", "NaN/Infinity treated as missing: std_itl_ms, p99_itl_ms")]
    table = result.table
    assert statistics(table, "itl") == {"mean", "median"}
    assert value(table, "itl", "median") == pytest.approx(12.0395)
    assert facts(table)["request_rate"] == math.inf  # `"request_rate": Infinity`


def test_sweep_folder_prefers_run_files_and_reads_summary_only_for_missing_runs():
    table = ingest_clean(SWEEP)
    runs = {run: facts(table, run)["file"] for run in sorted(set(table.run))}
    assert runs == {0: f"{SWEEP}/run=0.json", 1: f"{SWEEP}/run=1.json", 2: f"{SWEEP}/summary.json"}
    assert [value(table, "ttft", "median", run) for run in (0, 1, 2)] == pytest.approx(
        [145.9185, 88.2585, 145.957])
    # Each run once: run 0 and 1 are not repeated from summary.json.
    assert len(table[(table.metric == "ttft") & (table.statistic == "median")]) == 3


def test_sweep_summary_alone_gives_all_its_runs():
    table = ingest_clean(f"{SWEEP}/summary.json")
    assert sorted(set(table.run)) == [0, 1, 2]
    assert set(table.file) == {f"{SWEEP}/summary.json"}
    assert value(table, "ttft", "median", 1) == pytest.approx(88.2585)
    assert facts(table, 2)["concurrency"] == 8.0


def test_sweep_run_file_alone_takes_its_run_number():
    table = ingest_clean(f"{SWEEP}/run=1.json")
    assert set(table.run) == {1}


def test_benchmark_latency_in_seconds_becomes_batch_latency_in_ms():
    table = ingest_clean(LATENCY)
    assert facts(table) == {"tool": "vllm", "tool_version": None, "file": LATENCY, "model": None,
                            "concurrency": None, "request_rate": None, "completed": None, "failed": None}
    assert value(table, "batch_latency", "mean") == pytest.approx(1928.1435000000002)
    assert value(table, "batch_latency", "median") == pytest.approx(1939.343)  # percentiles["50"]
    assert value(table, "batch_latency", "p10") == pytest.approx(1877.1651999999999)
    assert value(table, "batch_latency", "p99") == pytest.approx(1973.00084)
    assert statistics(table, "batch_latency") == {"mean", "median", "p10", "p25", "p75", "p90", "p99"}
    assert set(table.unit) == {"ms"}


def test_benchmark_throughput_reads_requests_and_input_plus_output_tokens_per_second():
    table = ingest_clean(THROUGHPUT)
    assert value(table, "request_throughput", "mean") == pytest.approx(20.74030399602815)
    assert value(table, "total_throughput", "mean") == pytest.approx(13273.794557458015)
    assert metrics(table) == {"request_throughput", "total_throughput"}
    assert facts(table)["completed"] == 1000
    assert facts(table)["failed"] is None
