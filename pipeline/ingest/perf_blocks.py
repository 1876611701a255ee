"""Metric blocks shared by GenAI-Perf and AIPerf: ``{"unit": "ms", "avg": .., "p99": .., ...}``.

Both tools write one block per metric with its unit inside. The unit is read
rather than assumed, so a block in seconds or nanoseconds is converted and a
block in a unit we do not know is skipped with a warning instead of being stored
wrong.
"""

from __future__ import annotations

from pipeline.ingest.source import Source
from pipeline.ingest.tidy import METRIC_UNITS, MS, REQUESTS_PER_S, TOKENS, TOKENS_PER_S, Run, percentile_key

# Factor from each spelling of a unit to the canonical unit of the metric.
_UNIT_SCALES: dict[str, dict[str, float]] = {
    MS: {"ms": 1.0, "millisecond": 1.0, "milliseconds": 1.0, "s": 1000.0, "sec": 1000.0,
         "second": 1000.0, "seconds": 1000.0, "us": 1e-3, "µs": 1e-3, "ns": 1e-6},
    TOKENS_PER_S: {"tokens/sec": 1.0, "tokens/s": 1.0, "tokens/second": 1.0,
                   "tokens/sec/user": 1.0, "tokens/s/user": 1.0, "tokens/sec/request": 1.0,
                   "tokens/min": 1 / 60},
    REQUESTS_PER_S: {"requests/sec": 1.0, "requests/s": 1.0, "requests/second": 1.0,
                     "req/s": 1.0, "requests/min": 1 / 60},
    TOKENS: {"tokens": 1.0, "token": 1.0},
}
_STATS = {"avg": "mean", "std": "std", "min": "min", "max": "max"}


def unit_scale(metric: str, unit: object) -> float | None:
    """Factor turning values in ``unit`` into ``metric``'s canonical unit; None if unknown.

    A block without a unit is taken to be in the canonical unit, which is what
    both tools document for every metric read here.
    """
    if unit is None:
        return 1.0
    if not isinstance(unit, str):
        return None
    return _UNIT_SCALES[METRIC_UNITS[metric]].get(unit.strip().lower())


def add_block(run: Run, block: object, metric: str, name: str, source: Source, *,
              rate: bool = False, prefix: str = "") -> None:
    """Add the statistics of metric block ``name`` to ``run`` as ``metric``.

    ``rate``: the block is an overall rate (throughput); only its ``avg`` is read.
    ``prefix`` is the block's field path prefix for messages (``metrics.``).
    """
    if block is None:
        return  # early AIPerf writes null for metrics it did not measure
    where = f"{run.where}.{prefix}{name}" if run.where else f"{prefix}{name}"
    if not isinstance(block, dict):
        source.error("E079", f"metric block {name!r} is not an object; skipped", path=where,
                     hint="the file may have been edited by hand; re-export it from the tool")
        return
    scale = unit_scale(metric, block.get("unit"))
    if scale is None:
        source.warn("E076", f"unexpected unit {block.get('unit')!r} for {name}; metric skipped",
                    path=where, hint=f"expected a unit convertible to {METRIC_UNITS[metric]}")
        return
    if rate:
        run.add(metric, "mean", block.get("avg"), scale=scale, source=f"{prefix}{name}.avg")
        return
    for key, value in block.items():
        statistic = _STATS.get(key) or percentile_key(key)
        if statistic is None and key == "sum" and METRIC_UNITS[metric] == TOKENS:
            statistic = "sum"
        if statistic is not None:
            run.add(metric, statistic, value, scale=scale, source=f"{prefix}{name}.{key}")


def block_count(run: Run, block: object, name: str) -> int | None:
    """A request count stored as a block (``{"avg": 50}``) or, in some builds, a bare number."""
    if isinstance(block, dict):
        block = block.get("avg", block.get("mean"))
    return run.count(block, name)
