"""Units agree: the metrics the pipeline computes with are in the units its formulas assume.

Cost per 1M tokens divides an hourly price in USD by a throughput in tokens per second;
a catalogue that declared output_throughput in ms would make every cost silently wrong.
"""

from __future__ import annotations

from typing import NamedTuple

from pipeline.errors import Problem
from pipeline.load.project import Catalogs


class Expected(NamedTuple):
    """What the pipeline's formulas assume of one metric."""

    unit: str
    derived: bool
    required: bool
    direction: str


PIPELINE_METRICS: dict[str, Expected] = {
    "ttft": Expected("ms", False, False, "lower"),
    "itl": Expected("ms", False, False, "lower"),
    "output_throughput": Expected("tokens/s", False, True, "higher"),
    "cost_per_mtok": Expected("usd_per_mtok", True, True, "lower"),
}
"""Metric id -> what its formulas assume (unit, derived or typed, required, better direction)."""

_WHY = {
    "ttft": "the TTFT chart and the throughput check read it in milliseconds",
    "itl": "the ITL chart and the throughput check read it in milliseconds",
    "output_throughput": "cost per 1M tokens divides the hourly price by it",
    "cost_per_mtok": "the pipeline computes it as hourly USD / (tokens per second x 3600) x 1,000,000",
}


def _pack_derived() -> set[str]:
    """Metrics the domain packs derive (for benchmark reports)."""
    from pipeline.packs import derivations_for

    return {d.metric for d in derivations_for(("networking", "llm-serving"))}


def check_metric_units(catalogs: Catalogs) -> list[Problem]:
    """Problems with the units and ``derived`` flags of data/catalog/metrics.yaml."""
    document = catalogs.documents.get("metrics")
    if document is None or "metrics" in catalogs.failed:
        return []
    problems: list[Problem] = []

    def add(message: str, path: tuple, hint: str) -> None:
        problems.append(Problem("E050", message, document.locate(path), document.shown(path), hint))

    entries = list(catalogs.metrics.values())
    for i, metric in enumerate(entries):
        expected = PIPELINE_METRICS.get(metric.id)
        if expected is None:
            if metric.derived and metric.id not in _pack_derived():
                add(f"'{metric.id}' is marked derived, but the pipeline has no formula for it",
                    ("metrics", i, "derived"), f"derived metrics are: "
                    f"{', '.join(k for k, v in PIPELINE_METRICS.items() if v.derived)}; set derived: false and "
                    f"type its figures in the reports")
            continue
        unit, derived = expected.unit, expected.derived
        if metric.unit != unit:
            add(f"'{metric.id}' must be in {unit}, not {metric.unit}: {_WHY[metric.id]}",
                ("metrics", i, "unit"), f"set unit: {unit} (and convert its figures in the reports)")
        if metric.direction != expected.direction:
            add(f"'{metric.id}' is better when {expected.direction}, not {metric.direction}",
                ("metrics", i, "direction"), f"set direction: {expected.direction}")
        if metric.derived != derived:
            add(f"'{metric.id}' {'is' if derived else 'is not'} derived by the pipeline",
                ("metrics", i, "derived"), f"set derived: {'true' if derived else 'false'}")
    for metric_id, expected in PIPELINE_METRICS.items():
        if expected.required and metric_id not in catalogs.metrics:
            derived = ", derived: true" if expected.derived else ""
            add(f"the catalogue has no '{metric_id}' metric, which the charts need", ("metrics",),
                f"add  - {{id: {metric_id}, unit: {expected.unit}, direction: {expected.direction}{derived}}}  "
                f"to the list")
    return problems
