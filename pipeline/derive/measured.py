"""Measured figures: the runs a report's raw files hold, reduced to one figure per point.

Pure: takes what the load stage read (:class:`~pipeline.load.measurements.MeasuredPoints`) and
returns :class:`~pipeline.derive.report.Value` objects with ``measured`` provenance, each listing
its files and its number of runs, so lint can hold it against the report's method.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Iterable

from pipeline.load.yaml_source import SourceDocument
from pipeline.models.catalog import Metric
from pipeline.models.report import Report

if TYPE_CHECKING:
    from pipeline.derive.report import FigureKey, Value
    from pipeline.load.measurements import MeasuredPoints


def reduce_runs(values: list[float], statistic: str) -> float:
    """One figure from repeated runs: their median (the middle one, or the mean of the two middle) or mean."""
    if statistic == "mean":
        return statistics.fmean(values)
    return statistics.median(values)


def run_spread(values: list[float]) -> tuple[float, float] | None:
    """The lowest and highest of repeated runs; None for a single run (nothing spreads)."""
    return (min(values), max(values)) if len(values) > 1 else None


def measured_figures(report: Report, document: SourceDocument, measured: Iterable[MeasuredPoints],
                     metrics: dict[str, Metric]) -> dict[FigureKey, Value]:
    """(model, metric, concurrency, scenario) -> the runs' values reduced with ``method.statistic``.

    Each figure is located at the ``files`` of its measurements entry, lists the files its runs
    came from (in reading order) and counts its runs.
    """
    from pipeline.derive.report import Value  # derive.report imports this module

    figures: dict[FigureKey, Value] = {}
    for points in measured:
        location = document.locate(("measurements", points.index, "files"))
        for (metric, concurrency), samples in points.samples.items():
            values = [s.value for s in samples]
            figures[(points.model, metric, concurrency, points.scenario)] = Value(
                reduce_runs(values, report.method.statistic), "measured",
                files=tuple(dict.fromkeys(s.file for s in samples)), runs=len(samples), location=location,
                decimals=metrics[metric].decimals if metric in metrics else 0, spread=run_spread(values))
    return figures


def measured_concurrencies(figures: dict[FigureKey, Value], model: str, metric: str) -> list[int]:
    """Every concurrency at which ``metric`` of ``model`` was measured on some scenario, increasing."""
    return sorted({c for (m, k, c, _), v in figures.items() if m == model and k == metric
                   and v.provenance == "measured"})
