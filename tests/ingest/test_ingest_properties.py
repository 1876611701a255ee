"""Invariants checked over generated inputs (Hypothesis)."""

import itertools
import json
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import ingest
from pipeline.ingest.decode import parse_bytes
from pipeline.ingest.guidellm import parse_guidellm
from pipeline.ingest.llmperf import summary_run
from pipeline.ingest.source import Source
from pipeline.ingest.tidy import Run, percentile_from_fraction_digits, percentile_statistic

seconds = st.floats(min_value=1e-6, max_value=1e5, allow_nan=False, allow_infinity=False)
rates = st.one_of(st.just("inf"), st.floats(min_value=0.1, max_value=500, allow_nan=False))


def vllm_run(rate, ttft_ms: float) -> dict:
    """A minimal but complete vLLM serve result object."""
    return {"date": "20250417-101502", "backend": "vllm", "model_id": "m", "num_prompts": 10,
            "request_rate": rate, "max_concurrency": None, "duration": 5.0, "completed": 10,
            "request_throughput": 2.0, "mean_ttft_ms": ttft_ms, "median_ttft_ms": ttft_ms}


@settings(max_examples=40, deadline=None)
@given(runs=st.lists(st.tuples(rates, seconds), min_size=1, max_size=8),
       blank_after=st.lists(st.booleans(), min_size=8, max_size=8))
def test_json_lines_with_n_records_gives_n_runs_numbered_by_line(runs, blank_after):
    lines, numbers = [], []
    for (rate, ttft), blank in zip(runs, blank_after):
        lines.append(json.dumps(vllm_run(rate, ttft)))
        numbers.append(len(lines))
        if blank:
            lines.append("")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "runs.json")
        path.write_text("\n".join(lines))
        result = ingest([path])
    assert result.problems == []
    table = result.table
    # One record is a plain JSON file (run 0); several are JSON Lines (run = line number).
    expected = [0] if len(runs) == 1 else numbers
    assert sorted(set(table.run)) == expected
    medians = table[table.statistic == "median"].sort_values("run").value.tolist()
    assert medians == pytest.approx([ttft for _, ttft in runs])


@given(value=seconds)
def test_seconds_become_milliseconds(value):
    summary = {"results_ttft_s_quantiles_p50": value, "results_end_to_end_latency_s_max": str(value)}
    run = summary_run(summary, 0)
    assert run.values[("ttft", "median")] == pytest.approx(value * 1000, rel=1e-15)
    assert run.values[("e2e_latency", "max")] / 1000 == pytest.approx(value, rel=1e-15)


@given(per_minute=st.floats(min_value=0.01, max_value=1e6, allow_nan=False))
def test_per_minute_becomes_per_second(per_minute):
    run = summary_run({"results_num_completed_requests_per_min": per_minute}, 0)
    assert run.values[("request_throughput", "mean")] * 60 == pytest.approx(per_minute, rel=1e-15)


@given(latency=seconds)
def test_guidellm_request_latency_seconds_become_milliseconds(latency):
    part = {"mean": latency, "median": latency, "percentiles": {"p99": latency}}
    report = {"benchmarks": [{"metrics": {"request_latency": {"successful": part}}}]}
    [run] = parse_guidellm(report, Source("x"))
    assert run.values == pytest.approx(
        {("e2e_latency", "mean"): latency * 1000, ("e2e_latency", "median"): latency * 1000,
         ("e2e_latency", "p99"): latency * 1000})


@given(percent=st.decimals(min_value=0, max_value=100, places=3).map(float))
def test_percentile_names_read_back_as_their_value(percent):
    name = percentile_statistic(percent)
    assert name.startswith("p")
    assert float(name[1:]) == pytest.approx(percent, abs=1e-9)
    assert not name.endswith(".0")


@pytest.mark.parametrize(("digits", "name"), [
    ("001", "p0.1"), ("01", "p1"), ("05", "p5"), ("10", "p10"), ("25", "p25"), ("50", "p50"),
    ("75", "p75"), ("90", "p90"), ("95", "p95"), ("99", "p99"), ("999", "p99.9"),
])
def test_guidellm_percentile_keys(digits, name):
    assert percentile_from_fraction_digits(digits) == name


@given(median=seconds, p50=seconds)
def test_a_stated_median_wins_over_p50_in_any_order(median, p50):
    for order in itertools.permutations([("median", median), ("p50", p50)]):
        run = Run("t", None, 0)
        for statistic, value in order:
            run.add("ttft", statistic, value)
        assert run.values == {("ttft", "median"): median}


@given(p50=seconds)
def test_p50_alone_is_the_median(p50):
    run = Run("t", None, 0)
    run.add("ttft", "p50", p50)
    assert run.values == {("ttft", "median"): p50}


@settings(max_examples=30, deadline=None)
@given(bad=st.lists(st.sampled_from(["mean_ttft_ms", "median_ttft_ms", "p99_itl_ms", "request_throughput",
                                     "output_throughput", "mean_tpot_ms"]), unique=True, max_size=5),
       literal=st.sampled_from(["NaN", "Infinity", "-Infinity"]))
def test_non_finite_numbers_never_reach_the_table(bad, literal):
    data = vllm_run(4.0, 120.0) | {"p99_itl_ms": 30.0, "output_throughput": 900.0, "mean_tpot_ms": 11.0}
    text = json.dumps(data)
    for key in bad:
        text = text.replace(f'"{key}": {json.dumps(data[key])}', f'"{key}": {literal}')
    documents, problems = parse_bytes(text.encode(), "x.json")  # the stdlib fallback reads the literals
    assert problems == [] and len(documents) == 1
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "x.json")
        path.write_text(text)
        result = ingest([path])
    assert all(math.isfinite(v) for v in result.table.value)
    expected = [("E075", f"NaN/Infinity treated as missing: {', '.join(k for k in data if k in bad)}")]
    assert [(p.code, p.message) for p in result.problems] == (expected if bad else [])


def test_a_run_with_only_non_finite_numbers_is_excluded(tmp_path):
    data = vllm_run(4.0, 120.0)
    text = json.dumps(data).replace("120.0", "NaN")
    text = text.replace('"request_throughput": 2.0', '"request_throughput": NaN')
    path = tmp_path / "all-nan.json"
    path.write_text(text)
    result = ingest([path])
    assert result.table.empty
    assert [(p.code, p.message) for p in result.problems] == [
        ("E075", "NaN/Infinity treated as missing: request_throughput, mean_ttft_ms, median_ttft_ms"),
        ("E077", "no metrics found; run excluded")]


raw_values = st.one_of(st.floats(), st.integers(-10**400, 10**400), st.none(), st.booleans(),
                       st.sampled_from(["12", " 3.5 ", "N/A", "nan", ""]), st.just([1]))
figure_keys = st.tuples(st.sampled_from(["ttft", "itl"]), st.sampled_from(["median", "p50", "mean", "p99"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(figure_keys, raw_values, st.sampled_from(["a", "b", "c"])), max_size=12))
def test_add_all_is_add_in_turn(figures):
    together, one_by_one = Run("vllm", None, 0), Run("vllm", None, 0)
    together.add_all(figures)
    for (metric, statistic), raw, source in figures:
        one_by_one.add(metric, statistic, raw, source=source)
    assert list(together.values.items()) == list(one_by_one.values.items())
    assert (together.non_finite, together.invalid, together._from_p50) == (
        one_by_one.non_finite, one_by_one.invalid, one_by_one._from_p50)
