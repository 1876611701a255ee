"""The components an LLM-serving report declares (``components:``): names, kinds and their metrics."""

from __future__ import annotations

from typing import Iterable

from pipeline.models.report import Report
from pipeline.validate.checker import Checker


def check_components(check: Checker, report: Report, metrics: Iterable[str] | None) -> None:
    """Each component's name is unique, and a metric_bars component names a catalogue metric.

    ``metrics`` are the catalogue's metric ids (None when the catalogue did not load).
    """
    if report.components is None:
        return
    check.unique("component", [(c.name, ("components", i, "name")) for i, c in enumerate(report.components)])
    for i, component in enumerate(report.components):
        path = ("components", i)
        if component.kind == "metric_bars" and component.metric is None:
            check.add("E046", "a metric_bars component needs the metric it shows", path,
                      "add metric: <id> (ttft, itl, output_throughput, ...)")
        elif component.metric is not None and component.kind not in ("metric_bars", "concurrency_sweep"):
            check.add("E046", f"a {component.kind} component takes no metric", path + ("metric",), "remove metric:")
        elif component.metric is not None:
            check.ref("metric", component.metric, metrics, path + ("metric",), "data/catalog/metrics.yaml")
