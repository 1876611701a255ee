"""GuideLLM (0.5-era and <= 0.3) and LLMPerf (summary, nested summaries, individual responses)."""

import json
import math
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from tests.ingest.ingest_helpers import RAW, facts, ingest_clean, metrics, statistics, value

GUIDELLM_05 = f"{RAW}/guidellm/v0.5/benchmarks.json"
GUIDELLM_03 = f"{RAW}/guidellm/v0.3/benchmarks.json"
LLMPERF_SUMMARY = f"{RAW}/llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_summary.json"
LLMPERF_RESPONSES = f"{RAW}/llmperf/meta-llama-Llama-3.1-8B-Instruct_550_150_individual_responses.json"
LLMPERF_NESTED = f"{RAW}/llmperf/by-concurrency/mistral-7b-instruct-v0.3.json"

GUIDELLM_PERCENTILES = {"p0.1", "p1", "p5", "p10", "p25", "p75", "p90", "p95", "p99", "p99.9"}
LLMPERF_STATS = {"mean", "median", "std", "min", "max", "p25", "p75", "p90", "p95", "p99"}


def test_guidellm_05_one_run_per_benchmark_with_strategy_load():
    table = ingest_clean(GUIDELLM_05)  # a negative cooldown_duration is not a problem
    assert sorted(set(table.run)) == [0, 1, 2]
    loads = [(facts(table, run)["concurrency"], facts(table, run)["request_rate"]) for run in (0, 1, 2)]
    # synchronous; throughput (all at once, up to max_concurrency); constant 4.2 req/s
    assert loads == [(1.0, None), (128.0, math.inf), (None, 4.2)]
    first = facts(table, 0)
    assert (first["tool"], first["tool_version"], first["model"]) == (
        "guidellm", "0.5.0.dev0", "meta-llama/Llama-3.1-8B-Instruct")
    # request_totals (26) excludes warmup/cooldown, unlike requests_made (30).
    assert (first["completed"], first["failed"]) == (26, 0)


def test_guidellm_05_figures_units_and_percentile_names():
    table = ingest_clean(GUIDELLM_05)
    assert value(table, "ttft", "median") == pytest.approx(66.029062)
    assert value(table, "ttft", "std") == pytest.approx(13.809186)
    assert value(table, "ttft", "p0.1") == pytest.approx(43.437045)  # p001
    assert value(table, "ttft", "p99.9") == pytest.approx(97.091736)  # p999
    assert statistics(table, "ttft") == {"mean", "median", "std", "min", "max"} | GUIDELLM_PERCENTILES
    # request_latency is in seconds.
    assert value(table, "e2e_latency", "mean") == pytest.approx(1595.733)
    assert value(table, "e2e_latency", "p99") == pytest.approx(1679.649)
    # GuideLLM's per-request formulas: inter_token_latency_ms = decode time / (N - 1) -> itl,
    # time_per_output_token_ms = decode time / N -> tpot; neither includes TTFT, so tpot <= itl.
    # With the median output of 124 tokens, the medians differ by the factor 123/124.
    assert value(table, "itl", "median") == pytest.approx(12.380461)
    assert value(table, "tpot", "median") == pytest.approx(12.380461 * 123 / 124, abs=1e-6)
    assert value(table, "tpot", "p99") < value(table, "itl", "p99")
    assert "e2e_per_output_token" not in metrics(table)


def test_guidellm_sampled_requests_follow_guidellm_formulas():
    """Each sampled request's ITL and TPOT are its decode time (latency - TTFT) over N - 1 and N tokens."""
    for path in (GUIDELLM_05, GUIDELLM_03):
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for benchmark in data["benchmarks"]:
            for request in benchmark["requests"]["successful"]:
                n = request["output_tokens"]
                decode_ms = request["request_latency"] * 1000 - request["time_to_first_token_ms"]
                assert request["inter_token_latency_ms"] == pytest.approx(decode_ms / (n - 1), abs=1e-5)
                assert request["time_per_output_token_ms"] == pytest.approx(decode_ms / n, abs=1e-5)


def test_guidellm_rates_keep_only_the_overall_mean_not_instantaneous_stats():
    table = ingest_clean(GUIDELLM_05)
    for metric in ("request_throughput", "output_throughput", "total_throughput"):
        assert statistics(table, metric, 1) == {"mean"}
    assert value(table, "request_throughput", "mean", 2) == pytest.approx(4.2)
    assert value(table, "output_throughput", "mean", 1) == pytest.approx(1448.609353)
    assert table[table.unit == "requests/s"].value.max() < 100  # never the 116508 req/s burst


def test_guidellm_03_older_layout_without_p50():
    table = ingest_clean(GUIDELLM_03)
    assert sorted(set(table.run)) == [0, 1]
    assert [facts(table, run)["concurrency"] for run in (0, 1)] == [4.0, 16.0]
    first = facts(table, 0)
    assert (first["tool_version"], first["model"], first["completed"], first["failed"]) == (
        None, "Qwen/Qwen2.5-7B-Instruct", 40, 0)
    # No p50 in the file: the median comes from `median`.
    assert value(table, "ttft", "median") == pytest.approx(77.301844)
    assert value(table, "ttft", "median", 1) == pytest.approx(108.504053)
    assert value(table, "e2e_latency", "p99", 1) == pytest.approx(1283.334)
    assert value(table, "request_throughput", "mean", 1) == pytest.approx(13.555931)
    assert statistics(table, "ttft") == {"mean", "median", "std", "min", "max"} | GUIDELLM_PERCENTILES


def test_llmperf_summary_seconds_per_minute_and_string_min_max():
    table = ingest_clean(LLMPERF_SUMMARY)  # error_code_frequency "{429.0: 3}" is tolerated
    assert facts(table) == {
        "tool": "llmperf", "tool_version": "2023-08-31", "file": LLMPERF_SUMMARY,
        "model": "meta-llama/Llama-3.1-8B-Instruct", "concurrency": 8.0, "request_rate": None,
        "completed": 120, "failed": 3,
    }
    assert value(table, "ttft", "median") == pytest.approx(137.0855)  # quantiles_p50 0.1370855 s
    assert value(table, "ttft", "p99") == pytest.approx(248.47418000000002)
    assert value(table, "e2e_latency", "max") == pytest.approx(5035.146)
    assert value(table, "request_throughput", "mean") == pytest.approx(2.0)  # 120 per minute
    assert value(table, "output_throughput", "mean") == pytest.approx(301.3666666666667)
    assert value(table, "input_tokens", "min") == 421.0  # "421"
    assert value(table, "output_tokens", "max") == 165.0  # "165"
    # LLMPerf's inter_token_latency includes TTFT: it is not itl.
    assert value(table, "e2e_per_output_token", "median") == pytest.approx(27.537142045454543)
    assert "itl" not in metrics(table) and "tpot" not in metrics(table)
    assert statistics(table, "ttft") == LLMPERF_STATS
    assert statistics(table, "per_user_output_throughput") == LLMPERF_STATS


def test_llmperf_summaries_nested_by_concurrency():
    table = ingest_clean(LLMPERF_NESTED)
    assert sorted(set(table.run)) == [0, 1]
    assert [facts(table, run)["concurrency"] for run in (0, 1)] == [1.0, 16.0]
    assert value(table, "ttft", "median", 1) == pytest.approx(154.6305)
    assert value(table, "request_throughput", "mean", 1) == pytest.approx(206.86228792858026 / 60)


def test_llmperf_individual_responses_reduced_over_successful_requests():
    rows = json.loads(Path(LLMPERF_RESPONSES).read_text())
    ok = sorted(r["ttft_s"] * 1000 for r in rows if r["error_code"] is None)
    table = ingest_clean(LLMPERF_RESPONSES)
    assert facts(table) == {
        "tool": "llmperf", "tool_version": None, "file": LLMPERF_RESPONSES, "model": None,
        "concurrency": None, "request_rate": None, "completed": 7, "failed": 1,
    }
    assert len(ok) == 7
    # The errored row's zero latencies are not averaged in.
    assert value(table, "ttft", "mean") == pytest.approx(sum(ok) / 7)
    assert value(table, "ttft", "min") == pytest.approx(ok[0])
    assert value(table, "ttft", "median") == pytest.approx(ok[3])
    assert value(table, "ttft", "p25") == pytest.approx(ok[1] + 0.5 * (ok[2] - ok[1]))  # position 1.5
    assert statistics(table, "ttft") == LLMPERF_STATS
    assert metrics(table) == {"ttft", "e2e_latency", "e2e_per_output_token", "per_user_output_throughput",
                              "input_tokens", "output_tokens"}


def test_llmperf_summary_with_no_completed_request_is_excluded(tmp_path):
    data = json.loads(Path(LLMPERF_SUMMARY).read_text())
    data.update(results_num_completed_requests=0, results_number_errors=123,
                results_num_completed_requests_per_min=0.0)
    path = tmp_path / "all-429.json"
    path.write_text(json.dumps(data))
    result = ingest([path])
    assert result.table.empty
    assert [(p.code, p.message) for p in result.problems] == [
        ("E073", "every request failed (123 failed, 0 completed); run excluded")]
