"""L040, L041: a throughput sweep's shape.

Below saturation, adding requests adds throughput, and never more than in proportion:
a request's own rate cannot rise with load (its latencies only grow). A drop is allowed at
saturation (the highest point and beyond), not before a later recovery.
"""

from __future__ import annotations

from pipeline.derive.report import DerivedReport, SweepSeries
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, high, low, number
from pipeline.lint.registry import DIP_MARGIN, SUPERLINEAR_MARGIN


def sweep_sanity(derived: DerivedReport) -> list[LintFinding]:
    """Dips before saturation and superlinear scaling, in every throughput sweep."""
    found = []
    for sweep in derived.sweeps:
        if sweep.metric.unit != "tokens/s":
            continue  # a latency sweep rises with load; these rules are about throughput
        for series in sweep.series:
            found += _dips(derived, sweep.model, sweep.metric.id, series)
            found += _superlinear(derived, sweep.model, sweep.metric.id, series)
    return found


def _dips(derived: DerivedReport, model: str, metric: str, series: SweepSeries) -> list[LintFinding]:
    found = []
    points = series.points
    for j in range(1, len(points) - 1):
        (c_before, before), (c_here, here) = points[j - 1], points[j]
        recovery = max(points[j + 1:], key=lambda p: p[1].value)
        if high(here) >= low(before) * (1 - DIP_MARGIN) or low(recovery[1]) <= high(before):
            continue
        found.append(figure_finding(
            derived, "L040", (model, metric, c_here, series.scenario),
            f"throughput of {model} on {series.scenario} falls from {number(before.value)} tokens/s at concurrency "
            f"{c_before} to {number(here.value)} at {c_here}, then rises to {number(recovery[1].value)} at "
            f"{recovery[0]}: a dip before saturation (tolerance {DIP_MARGIN:.0%} after rounding)",
            f"check the figure at concurrency {c_here}; a dip followed by a recovery is usually a failed, "
            "throttled or mislabelled run",
            related=((model, metric, c_before, series.scenario), (model, metric, recovery[0], series.scenario))))
    return found


def _superlinear(derived: DerivedReport, model: str, metric: str, series: SweepSeries) -> list[LintFinding]:
    found = []
    c_low, lowest = series.points[0]
    for c_here, here in series.points[1:]:
        # The most favourable reading: this point at its low end, the lowest-load point at its high end.
        efficiency = f.scaling_efficiency(low(here), c_here, high(lowest), c_low)
        if efficiency <= 1 + SUPERLINEAR_MARGIN:
            continue
        nominal = f.scaling_efficiency(here.value, c_here, lowest.value, c_low)
        found.append(figure_finding(
            derived, "L041", (model, metric, c_here, series.scenario),
            f"throughput of {model} on {series.scenario} grows {here.value / lowest.value:.2f}x from concurrency "
            f"{c_low} to {c_here} ({c_here / c_low:g}x the requests): scaling efficiency {nominal:.0%}, above 100% "
            f"(tolerance +{SUPERLINEAR_MARGIN:.0%} after rounding)",
            f"a request's own rate cannot rise with load; check this figure and the one at concurrency {c_low}",
            related=((model, metric, c_low, series.scenario),)))
    return found
