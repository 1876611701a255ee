"""GuideLLM ``benchmarks.json``: the 0.5-era layout and the older (<= 0.3) one.

GuideLLM cannot reliably re-load its own older files, so they are read as plain
JSON here, never through GuideLLM's models. Each entry of ``benchmarks`` is one
run (run index = position in the list). Only the ``successful`` part of each
metric is read.

Semantics, per the formulas in GuideLLM's own per-request statistics:

- ``inter_token_latency_ms`` is (last token time - first token time) /
  (output tokens - 1): the mean gap between tokens after the first one. It is
  read as ``itl`` (RAW-FORMATS' mapping); for a stream of one token per chunk it
  equals vLLM's pooled ITL and its TPOT.
- ``time_per_output_token_ms`` is (last token time - first token time) /
  output tokens. Its docstring says it includes the first token, but the
  formula does not include TTFT; it is read as ``tpot`` (slightly below the
  ITL, by a factor (N - 1) / N).
- ``request_latency`` is in seconds.
- For the ``*_per_second`` metrics only ``mean`` is the run's overall rate; the
  other statistics describe instantaneous rates (one published file shows a
  max of 116508 req/s), so they are not emitted.

Older files lack ``p50`` in ``percentiles`` but still carry ``median``.
``cooldown_duration`` may be negative; it is not used. Counts come from
``request_totals``, which already excludes warmup and cooldown requests.
"""

from __future__ import annotations

import math
import re

from pipeline.ingest.source import Source
from pipeline.ingest.tidy import MS_PER_S, Run, dig, load_value, percentile_from_fraction_digits, text_value

# metric key -> (canonical metric, is an overall rate, factor to the canonical unit)
METRICS: dict[str, tuple[str, bool, float]] = {
    "time_to_first_token_ms": ("ttft", False, 1.0),
    "inter_token_latency_ms": ("itl", False, 1.0),
    "time_per_output_token_ms": ("tpot", False, 1.0),
    "request_latency": ("e2e_latency", False, MS_PER_S),
    "prompt_token_count": ("input_tokens", False, 1.0),
    "output_token_count": ("output_tokens", False, 1.0),
    "requests_per_second": ("request_throughput", True, 1.0),
    "output_tokens_per_second": ("output_throughput", True, 1.0),
    "tokens_per_second": ("total_throughput", True, 1.0),
}
_STATS = {"mean": "mean", "median": "median", "std_dev": "std", "min": "min", "max": "max"}
_PERCENTILE_RE = re.compile(r"^p(\d+)$")


def parse_guidellm(data: dict, source: Source) -> list[Run]:
    """Read every benchmark of a GuideLLM report, one run each."""
    version = text_value(dig(data, "metadata", "guidellm_version"))
    default_model = text_value(dig(data, "args", "model"))
    runs = []
    for index, benchmark in enumerate(data["benchmarks"]):
        where = f"benchmarks[{index}]"
        if not isinstance(benchmark, dict) or not isinstance(benchmark.get("metrics"), dict):
            source.error("E079", "benchmark is not an object with 'metrics'; skipped", path=where,
                         hint="the report may be damaged; re-run or re-export it")
            continue
        runs.append(_benchmark_run(benchmark, index, version, default_model, source, where))
    return runs


def _benchmark_run(benchmark: dict, index: int, version: str | None, default_model: str | None,
                   source: Source, where: str) -> Run:
    # 0.5-era keeps the strategy under `config`, older files under `args`.
    strategy = dig(benchmark, "config", "strategy") or dig(benchmark, "args", "strategy")
    concurrency, rate = strategy_load(strategy if isinstance(strategy, dict) else {})
    model = (text_value(dig(benchmark, "config", "backend", "model"))
             or text_value(dig(benchmark, "worker", "backend_model")) or default_model)
    run = Run("guidellm", version, index, model=model, concurrency=concurrency,
              request_rate=rate, where=where)
    metrics = benchmark["metrics"]
    totals = metrics.get("request_totals") or benchmark.get("request_totals")
    if isinstance(totals, dict):
        run.completed = run.count(totals.get("successful"), "request_totals.successful")
        # Incomplete requests were cut off at the end of the run: neither completed nor failed.
        run.failed = run.count(totals.get("errored"), "request_totals.errored")
    for name, (metric, rate_metric, scale) in METRICS.items():
        part = dig(metrics, name, "successful")
        if isinstance(part, dict):
            _add_distribution(run, part, metric, name, scale, rate_metric)
    return run


def strategy_load(strategy: dict) -> tuple[float, float]:
    """``(concurrency, request_rate)`` of a GuideLLM scheduling strategy.

    synchronous: one request at a time; concurrent: ``streams`` at a time;
    throughput: everything at once (rate ``inf``) up to ``max_concurrency``;
    constant / poisson: ``rate`` requests per second.
    """
    kind = strategy.get("type_")
    concurrency = load_value(strategy.get("max_concurrency"))
    if kind == "synchronous":
        return 1.0, math.nan
    if kind == "concurrent":
        return load_value(strategy.get("streams")), math.nan
    if kind == "throughput":
        return concurrency, math.inf
    return concurrency, load_value(strategy.get("rate"), allow_inf=True)


def _add_distribution(run: Run, part: dict, metric: str, name: str, scale: float,
                      rate_metric: bool) -> None:
    prefix = f"metrics.{name}.successful"
    if rate_metric:
        run.add(metric, "mean", part.get("mean"), scale=scale, source=f"{prefix}.mean")
        return
    for key, statistic in _STATS.items():
        run.add(metric, statistic, part.get(key), scale=scale, source=f"{prefix}.{key}")
    percentiles = part.get("percentiles")
    if isinstance(percentiles, dict):
        for key, value in percentiles.items():
            match = _PERCENTILE_RE.match(key)
            if match:
                run.add(metric, percentile_from_fraction_digits(match.group(1)), value,
                        scale=scale, source=f"{prefix}.percentiles.{key}")
