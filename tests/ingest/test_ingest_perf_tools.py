"""AIPerf (early, schema 1.3, sweep aggregate) and GenAI-Perf (old and new builds)."""

import json
import math
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from tests.ingest.ingest_helpers import RAW, facts, ingest_clean, metrics, statistics, value

AIPERF_EARLY = f"{RAW}/aiperf/early/profile_export_aiperf.json"
AIPERF_13 = f"{RAW}/aiperf/schema-1.3/profile_export_aiperf.json"
AIPERF_SWEEP = f"{RAW}/aiperf/sweep/profile_export_aiperf_sweep.json"
GENAI_OLD = f"{RAW}/genai-perf/old-build/profile_export_genai_perf.json"
GENAI_NEW = f"{RAW}/genai-perf/new-build/profile_export_genai_perf.json"

NEW_PERCENTILES = {"p1", "p5", "p10", "p25", "p75", "p90", "p95", "p99"}  # p50 becomes `median`
DISTRIBUTION = {"mean", "median", "std", "min", "max"} | NEW_PERCENTILES


def test_aiperf_early_build_with_nulls_and_loadgen_concurrency():
    table = ingest_clean(AIPERF_EARLY)  # null goodput / error counts are not problems
    assert facts(table) == {
        "tool": "aiperf", "tool_version": None, "file": AIPERF_EARLY, "model": "Qwen/Qwen3-0.6B",
        "concurrency": 10.0, "request_rate": None, "completed": 100, "failed": None,
    }
    assert value(table, "ttft", "mean") == pytest.approx(44.591046)
    assert value(table, "ttft", "median") == pytest.approx(39.817824)
    assert value(table, "ttft", "p1") == pytest.approx(21.798354)
    # inter_token_latency is per request (TPOT); inter_chunk_latency is the pooled gaps (ITL).
    assert value(table, "tpot", "median") == pytest.approx(6.939174)
    assert value(table, "itl", "median") == pytest.approx(6.929317)
    assert value(table, "itl", "max") == pytest.approx(12.10921)
    assert value(table, "output_throughput", "mean") == pytest.approx(1376.161761)
    assert value(table, "request_throughput", "mean") == pytest.approx(6.879433)
    assert value(table, "per_user_output_throughput", "median") == pytest.approx(144.109361)
    assert statistics(table, "ttft") == DISTRIBUTION
    assert statistics(table, "output_throughput") == {"mean"}
    assert "request_goodput" not in metrics(table)


def test_aiperf_schema_1_3_reads_the_profiling_phase_not_warmup():
    table = ingest_clean(AIPERF_13)
    assert facts(table) == {
        "tool": "aiperf", "tool_version": "0.10.0", "file": AIPERF_13,
        "model": "meta-llama/Llama-3.1-8B-Instruct",
        "concurrency": 32.0,  # the warmup phase ran at 4
        "request_rate": None, "completed": 198, "failed": 2,
    }
    assert value(table, "ttft", "median") == pytest.approx(247.673926)
    assert value(table, "e2e_latency", "p99") == pytest.approx(4179.336507)
    assert value(table, "total_throughput", "mean") == pytest.approx(16375.075968)
    # Token blocks keep their `sum`; `count` is never a statistic.
    assert value(table, "output_tokens", "sum") == 28560.0
    assert value(table, "input_tokens", "sum") == 198062.0
    assert "sum" not in statistics(table, "ttft")
    assert "count" not in set(table.statistic)


def test_aiperf_sweep_gives_one_run_per_combination_with_means_and_percentiles_only():
    table = ingest_clean(AIPERF_SWEEP)
    assert sorted(set(table.run)) == [0, 1, 2]
    assert [facts(table, run)["concurrency"] for run in (0, 1, 2)] == [1.0, 8.0, 32.0]
    assert facts(table, 0)["tool_version"] == "0.10.0"
    assert facts(table, 0)["model"] == "meta-llama/Llama-3.1-8B-Instruct"
    assert facts(table, 2)["completed"] == 60
    assert value(table, "ttft", "mean", 1) == pytest.approx(65.255849)
    assert value(table, "ttft", "median", 1) == pytest.approx(60.118887)
    assert value(table, "output_throughput", "mean", 2) == pytest.approx(2486.758134)
    # std/min/max/cv/ci of the aggregate describe trials, not requests: not emitted.
    assert statistics(table, "ttft", 0) == {"mean", "median", "p90", "p99"}
    assert statistics(table, "output_throughput", 0) == {"mean"}


def test_genai_perf_old_build_flat_config_and_per_request_throughput():
    table = ingest_clean(GENAI_OLD)
    assert facts(table) == {
        "tool": "genai-perf", "tool_version": None, "file": GENAI_OLD, "model": "llama-3-8b-instruct",
        "concurrency": 4.0, "request_rate": None, "completed": None, "failed": None,
    }
    assert statistics(table, "ttft") == {"mean", "median", "std", "min", "max", "p25", "p75", "p90", "p95",
                                         "p99"}
    assert value(table, "ttft", "median") == pytest.approx(50.016729)
    assert value(table, "tpot", "p99") == pytest.approx(11.958574)  # inter_token_latency
    assert value(table, "e2e_latency", "mean") == pytest.approx(1827.008123)
    assert value(table, "per_user_output_throughput", "mean") == pytest.approx(85.792687)
    assert value(table, "output_tokens", "median") == 155.0
    # GenAI-Perf has no pooled chunk-gap metric.
    assert "itl" not in metrics(table)


def test_genai_perf_new_build_nested_config_per_user_throughput_and_request_count():
    table = ingest_clean(GENAI_NEW)
    assert facts(table) == {
        "tool": "genai-perf", "tool_version": None, "file": GENAI_NEW,
        "model": "meta-llama/Llama-3.1-8B-Instruct", "concurrency": 16.0, "request_rate": None,
        "completed": 96,  # request_count.avg, lower than the 100 asked
        "failed": None,
    }
    assert statistics(table, "ttft") == DISTRIBUTION
    assert value(table, "per_user_output_throughput", "median") == pytest.approx(72.764527)
    assert value(table, "request_throughput", "mean") == pytest.approx(7.483999)
    # telemetry_stats (GPU power, utilisation) are not serving metrics.
    assert metrics(table) == {"ttft", "tpot", "e2e_latency", "output_throughput",
                              "per_user_output_throughput", "request_throughput", "input_tokens",
                              "output_tokens"}


def test_units_written_in_a_block_are_converted(tmp_path):
    data = json.loads(Path(AIPERF_13).read_text())
    data["time_to_first_token"] = {"unit": "sec", "avg": 0.25, "p50": 0.2}
    data["request_throughput"] = {"unit": "requests/min", "avg": 120.0}
    path = tmp_path / "units.json"
    path.write_text(json.dumps(data))
    table = ingest_clean(str(path))
    assert value(table, "ttft", "mean") == 250.0
    assert value(table, "ttft", "median") == 200.0
    assert value(table, "request_throughput", "mean") == 2.0


def test_unknown_unit_skips_the_metric_with_a_warning(tmp_path):
    data = json.loads(Path(AIPERF_13).read_text())
    data["time_to_first_token"]["unit"] = "furlongs"
    path = tmp_path / "odd-unit.json"
    path.write_text(json.dumps(data))
    result = ingest([path])
    assert [(p.code, p.severity, p.path, p.message) for p in result.problems] == [
        ("E076", "warning", "time_to_first_token", "unexpected unit 'furlongs' for time_to_first_token; "
         "metric skipped")]
    assert "ttft" not in metrics(result.table)
    assert not math.isnan(value(result.table, "tpot", "mean"))
