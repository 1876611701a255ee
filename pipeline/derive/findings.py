"""Compute the numbers behind each key finding, and check the figures the report published.

A finding's text is written later from these numbers (templates in the i18n catalogues),
so the page's prose cannot disagree with its tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.derive import metrics as m
from pipeline.derive.report import Check, DerivedReport
from pipeline.models.report import (
    BalanceFinding, CostAdvantageFinding, Finding, LeaderFinding, NoteFinding, ScalingFinding,
)


@dataclass(frozen=True)
class FindingFacts:
    """A finding with its computed numbers."""

    finding: Finding
    index: int
    """Position in the report's findings list."""
    numbers: dict[str, float] = field(default_factory=dict)
    """Computed figures the text quotes (fractions for shares, raw values otherwise)."""
    checks: list[Check] = field(default_factory=list)
    """Published figures of the finding compared with the computed ones."""

    @property
    def consistent(self) -> bool | None:
        return None if not self.checks else all(c.agrees for c in self.checks)


def derive_findings(derived: DerivedReport) -> list[FindingFacts]:
    """The numbers of every finding of the report, in order."""
    return [_facts(derived, i, f) for i, f in enumerate(derived.report.findings)]


def _facts(derived: DerivedReport, index: int, finding: Finding) -> FindingFacts:
    if isinstance(finding, CostAdvantageFinding):
        return _cost_advantage(derived, index, finding)
    if isinstance(finding, LeaderFinding):
        return _leader(derived, index, finding)
    if isinstance(finding, BalanceFinding):
        return _balance(derived, index, finding)
    if isinstance(finding, ScalingFinding):
        return _scaling(derived, index, finding)
    assert isinstance(finding, NoteFinding)
    return FindingFacts(finding, index)


def _check(derived: DerivedReport, index: int, field_path: tuple, subject: str, stated: float, computed: float,
           decimals: int, formula: str, rule: str = "finding-vs-data") -> Check:
    path = ("findings", index) + field_path
    return Check(rule, subject, stated, computed, decimals, derived.document.locate(path),
                 derived.document.shown(path), formula)


def _cost_advantage(derived: DerivedReport, index: int, finding: CostAdvantageFinding) -> FindingFacts:
    versus = finding.versus or derived.report.baseline
    costs = derived.values(finding.model, "cost_per_mtok", finding.scenarios + [versus])
    reductions = [m.reduction_versus(costs[s], costs[versus]) for s in finding.scenarios if s in costs]
    if versus not in costs or not reductions:
        return FindingFacts(finding, index)
    numbers = {"low": min(reductions), "high": max(reductions), "versus_cost": costs[versus]}
    checks = []
    if finding.stated is not None:
        for end in ("low", "high"):
            checks.append(_check(derived, index, ("stated", end),
                                 f"{end} end of the cost advantage of {', '.join(finding.scenarios)} over {versus}",
                                 getattr(finding.stated, end), numbers[end] * 100, 0, "reduction_versus"))
    return FindingFacts(finding, index, numbers, checks)


def _leader(derived: DerivedReport, index: int, finding: LeaderFinding) -> FindingFacts:
    numbers, checks = {}, []
    for j, metric_id in enumerate(finding.metrics):
        comparison = derived.comparisons.get((finding.model, metric_id))
        if comparison is None:
            continue
        values = {b.scenario: b.value.value for b in comparison.bars}
        if finding.scenario not in values:
            continue
        numbers[metric_id] = values[finding.scenario]
        best_value = values[comparison.best]
        # A leader claim holds when the scenario's value is the best value (ties allowed).
        checks.append(_check(derived, index, ("metrics", j), f"{finding.scenario} leads on {metric_id}",
                             values[finding.scenario], best_value, comparison.metric.decimals,
                             "best_of", rule="finding-vs-data"))
    return FindingFacts(finding, index, numbers, checks)


def _balance(derived: DerivedReport, index: int, finding: BalanceFinding) -> FindingFacts:
    versus = finding.versus or derived.report.baseline
    pair = [finding.scenario, versus]
    throughput = derived.values(finding.model, "output_throughput", pair)
    cost = derived.values(finding.model, "cost_per_mtok", pair)
    if len(throughput) < 2 or len(cost) < 2:
        return FindingFacts(finding, index)
    numbers = {"throughput_share": m.share_of_reference(throughput[finding.scenario], throughput[versus]),
               "cost_share": m.share_of_reference(cost[finding.scenario], cost[versus])}
    checks = []
    if finding.stated is not None:
        checks.append(_check(derived, index, ("stated", "throughput_pct"),
                             f"{finding.scenario}'s share of {versus}'s throughput",
                             finding.stated.throughput_pct, numbers["throughput_share"] * 100, 0, "share_of_reference"))
        checks.append(_check(derived, index, ("stated", "cost_pct"),
                             f"{finding.scenario}'s share of {versus}'s cost per token",
                             finding.stated.cost_pct, numbers["cost_share"] * 100, 0, "share_of_reference"))
    return FindingFacts(finding, index, numbers, checks)


def _scaling(derived: DerivedReport, index: int, finding: ScalingFinding) -> FindingFacts:
    sweep = next((s for s in derived.sweeps if s.model == finding.model and s.metric.id == "output_throughput"), None)
    if sweep is None:
        return FindingFacts(finding, index)
    value = derived.figures.get((finding.model, "output_throughput", finding.concurrency, finding.scenario))
    other = derived.figures.get((finding.model, "output_throughput", finding.concurrency, finding.versus))
    if value is None or other is None:
        return FindingFacts(finding, index)
    numbers = {"value": value.value, "versus_value": other.value,
               "ratio": m.share_of_reference(value.value, other.value)}
    # How much each grew from the sweep's lowest load: 'scales better' is a comparison of these.
    low = sweep.concurrencies[0]
    start = derived.figures.get((finding.model, "output_throughput", low, finding.scenario))
    other_start = derived.figures.get((finding.model, "output_throughput", low, finding.versus))
    if start is not None and other_start is not None and low < finding.concurrency:
        numbers.update(low_concurrency=low, scaling=m.scaling_factor(value.value, start.value),
                       versus_scaling=m.scaling_factor(other.value, other_start.value))
    checks = []
    if finding.stated_ratio is not None:
        checks.append(_check(derived, index, ("stated_ratio",),
                             f"throughput of {finding.scenario} over {finding.versus} at concurrency {finding.concurrency}",
                             finding.stated_ratio, numbers["ratio"], 1, "share_of_reference"))
    return FindingFacts(finding, index, numbers, checks)
