"""L050, L051, L052: figures a page needs but the report lacks, and measurements on too few runs."""

from __future__ import annotations

from pipeline.derive.report import DerivedReport
from pipeline.lint.base import LintFinding, figure_finding, finding

TIMING_METRICS = ("ttft", "itl", "output_throughput")
"""Metrics whose presence says a model was run on a scenario."""


def completeness(derived: DerivedReport) -> list[LintFinding]:
    """Missing baselines, costs that cannot be derived, measured figures from too few runs."""
    return _missing_baseline(derived) + _missing_cost(derived) + _too_few_runs(derived)


def _missing_baseline(derived: DerivedReport) -> list[LintFinding]:
    base = derived.report.baseline
    found = []
    for (model, metric_id), comparison in sorted(derived.comparisons.items()):
        if comparison.metric.derived or any(b.is_baseline for b in comparison.bars):
            continue  # a derived metric lacks the baseline only when an input does, which is reported
        first = comparison.bars[0].scenario
        found.append(figure_finding(
            derived, "L050", (model, metric_id, comparison.concurrency, first),
            f"{metric_id} of {model} at concurrency {comparison.concurrency} has figures for "
            f"{', '.join(b.scenario for b in comparison.bars)} but none for the baseline {base}: "
            "no change against the baseline can be shown",
            f"add {base}'s figure, or change the report's baseline"))
    for i, sweep in enumerate(derived.report.sweeps):
        for j, point in enumerate(sweep.points):
            if base in point.values:
                continue
            at = f"{sweep.metric} of {sweep.model} at concurrency {point.concurrency}"
            found.append(finding(
                derived, "L050", ("sweeps", i, "points", j, "values"),
                f"{at} has figures for {', '.join(point.values)} but none for the baseline {base}" if point.values
                else f"{at} has no figures, not even for the baseline {base}",
                f"add {base}'s figure at concurrency {point.concurrency}" if point.values
                else f"add the figures taken at concurrency {point.concurrency}, or remove the point"))
    return found


def _missing_cost(derived: DerivedReport) -> list[LintFinding]:
    point = derived.report.operating_point
    found = []
    for entry in derived.report.models:
        for facts in derived.scenarios:
            sid = facts.scenario.id
            if (entry.model, "cost_per_mtok", point.concurrency, sid) in derived.figures:
                continue
            stated = _stated_cost(derived, entry.model, sid)
            if stated is not None:
                found.append(finding(
                    derived, "L051", stated,
                    f"the stated cost per 1M tokens of {entry.model} on {sid} cannot be checked or shown: there is "
                    f"no output_throughput at the operating point (concurrency {point.concurrency})",
                    f"add {sid}'s throughput at concurrency {point.concurrency}, or remove the stated cost"))
                continue
            ran = sorted((k for k in derived.figures if k[0] == entry.model and k[3] == sid
                          and k[1] in TIMING_METRICS), key=lambda k: (k[2], TIMING_METRICS.index(k[1])))
            if ran:
                found.append(figure_finding(
                    derived, "L051", ran[0],
                    f"{entry.model} has figures on {sid} but no cost per 1M tokens: there is no output_throughput "
                    f"at the operating point (concurrency {point.concurrency}) to divide the hourly price by",
                    f"add {sid}'s throughput at concurrency {point.concurrency}"))
    return found


def _stated_cost(derived: DerivedReport, model: str, sid: str):
    for i, result in enumerate(derived.report.results):
        if result.model == model and sid in result.stated.get("cost_per_mtok", {}):
            return ("results", i, "stated", "cost_per_mtok", sid)
    return None


def _too_few_runs(derived: DerivedReport) -> list[LintFinding]:
    method = derived.report.method
    found = []
    for key, value in sorted(derived.figures.items()):
        # A raw file may hold several runs; without a count, each file is one run.
        runs = getattr(value, "runs", None)
        runs = len(value.files) if runs is None else runs
        if value.provenance != "measured" or runs >= method.runs_per_point:
            continue
        model, metric, concurrency, sid = key
        found.append(figure_finding(
            derived, "L052", key,
            f"{metric} of {model} on {sid} at concurrency {concurrency} comes from {runs} run(s), "
            f"but the method declares the {method.statistic} of {method.runs_per_point}",
            "ingest the missing runs' result files, or lower method.runs_per_point to what was run"))
    return found
