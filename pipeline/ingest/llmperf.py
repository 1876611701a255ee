"""LLMPerf (``token_benchmark_ray.py``): ``*_summary.json`` and ``*_individual_responses.json``.

Summary keys are flattened as ``results_<metric>_<stat>``, in seconds. Semantics:

- ``inter_token_latency_s`` is, per request, the sum of all gaps *including* TTFT
  divided by the output tokens, so it is ``e2e_per_output_token``, not ``itl``.
- ``request_output_throughput_token_per_s`` is what one request saw:
  ``per_user_output_throughput``.
- The request rate is written per minute; LLMPerf has no target rate, its load
  knob is ``num_concurrent_requests``.
- ``*_min``/``*_max`` of the token counts are strings (converted here);
  ``error_code_frequency`` is a ``str(dict)`` such as ``"{429.0: 130}"``, not read:
  the error count is in ``number_errors``.

Statistics cover successful requests only. The individual-responses file is
reduced the way LLMPerf reduces it (mean, sample std, min, max, linear
quantiles over successful requests); it names no model and no concurrency.
"""

from __future__ import annotations

import math
import re

from pipeline.ingest.source import Source
from pipeline.ingest.tidy import MS_PER_S, S_PER_MIN, Run, load_value, percentile_key, text_value

# LLMPerf metric name -> (canonical metric, factor to the canonical unit)
METRICS: dict[str, tuple[str, float]] = {
    "ttft_s": ("ttft", MS_PER_S),
    "end_to_end_latency_s": ("e2e_latency", MS_PER_S),
    "inter_token_latency_s": ("e2e_per_output_token", MS_PER_S),
    "request_output_throughput_token_per_s": ("per_user_output_throughput", 1.0),
    "number_input_tokens": ("input_tokens", 1.0),
    "number_output_tokens": ("output_tokens", 1.0),
}
_SUMMARY_KEY_RE = re.compile(
    r"^results_(?P<metric>.+?)_(?P<stat>mean|min|max|stddev|quantiles_p\d+(?:\.\d+)?)$")
_STATS = {"mean": "mean", "min": "min", "max": "max", "stddev": "std"}
_QUANTILES = (0.25, 0.5, 0.75, 0.9, 0.95, 0.99)  # the ones LLMPerf's summary reports


def parse_summary(data: dict, source: Source) -> list[Run]:
    """Read one LLMPerf summary as one run."""
    return [summary_run(data, source.run)]


def parse_summaries(data: dict, source: Source) -> list[Run]:
    """Read summaries nested in an object keyed by concurrency (``{"1": {...}, "8": {...}}``).

    Runs are numbered in the object's key order; a summary without
    ``num_concurrent_requests`` takes its concurrency from its key.
    """
    runs = []
    for index, (key, summary) in enumerate(data.items()):
        run = summary_run(summary, index)
        run.where = key
        if math.isnan(run.concurrency):
            run.concurrency = load_value(key)
        runs.append(run)
    return runs


def summary_run(data: dict, run_index: int) -> Run:
    """One LLMPerf summary dict as a :class:`Run`."""
    run = Run("llmperf", text_value(data.get("version")), run_index,
              model=text_value(data.get("model")),
              concurrency=load_value(data.get("num_concurrent_requests")))
    run.completed = run.count(data.get("results_num_completed_requests"), "results_num_completed_requests")
    run.failed = run.count(data.get("results_number_errors"), "results_number_errors")
    for key, value in data.items():
        match = _SUMMARY_KEY_RE.match(key)
        if match is None or match.group("metric") not in METRICS:
            continue
        metric, scale = METRICS[match.group("metric")]
        stat = match.group("stat")
        statistic = _STATS.get(stat) or percentile_key(stat.removeprefix("quantiles_"))
        run.add(metric, statistic, value, scale=scale, source=key)
    run.add("output_throughput", "mean", data.get("results_mean_output_throughput_token_per_s"),
            source="results_mean_output_throughput_token_per_s")
    run.add("request_throughput", "mean", data.get("results_num_completed_requests_per_min"),
            scale=1 / S_PER_MIN, source="results_num_completed_requests_per_min")
    return run


def parse_responses(data: list, source: Source) -> list[Run]:
    """Reduce an individual-responses list to one run's statistics over successful requests."""
    run = Run("llmperf", None, source.run)
    ok = [row for row in data if row.get("error_code") is None and not row.get("error_msg")]
    run.completed = len(ok)
    run.failed = len(data) - len(ok)
    for name, (metric, scale) in METRICS.items():
        values = []
        for index, row in enumerate(ok):
            value = run.number(row.get(name), f"[{index}].{name}")
            if value is not None:
                values.append(value * scale)
        for statistic, value in describe_sample(values).items():
            run.add(metric, statistic, value)
    return [run]


def describe_sample(values: list[float]) -> dict[str, float]:
    """mean, std (sample, as pandas), min, max and LLMPerf's quantiles (linear interpolation)."""
    if not values:
        return {}
    import statistics  # with the random and fractions it loads, 4 ms of every ingest's start-up otherwise

    ordered = sorted(values)
    result = {"mean": statistics.fmean(ordered), "min": ordered[0], "max": ordered[-1]}
    if len(ordered) > 1:
        result["std"] = statistics.stdev(ordered)
    for q in _QUANTILES:
        result[f"p{round(q * 100):d}"] = _quantile(ordered, q)
    return result


def _quantile(ordered: list[float], q: float) -> float:
    """Linear-interpolation quantile of sorted values (numpy's and pandas' default)."""
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
