"""Assemble every figure a report's page shows: typed ones with their provenance, derived ones
computed from them, and each stated figure checked against its derivation.

Pure: takes validated inputs, returns a :class:`DerivedReport`; nothing here formats or prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Literal

from pipeline.derive import metrics as m
from pipeline.derive.costs import Convention, TierCost, TierPrice, costs_per_mtok, report_convention, scenario_tiers, \
    tier_cost
from pipeline.derive.measured import measured_concurrencies, measured_figures
from pipeline.errors import Location
from pipeline.load.project import Catalogs, Located
from pipeline.load.yaml_source import FieldPath, SourceDocument
from pipeline.models.catalog import Accelerator, Instance, Metric, Model
from pipeline.models.report import (
    Report, ReportModel, Scenario,
)

if TYPE_CHECKING:
    from pipeline.derive.operating import OperatingPoints
    from pipeline.load.measurements import MeasuredPoints

Provenance = Literal["measured", "estimated", "derived"]
FigureKey = tuple[str, str, int, str]
"""(model id, metric id, concurrency, scenario id)."""


@dataclass(frozen=True)
class Value:
    """A figure and where it comes from."""

    value: float
    provenance: Provenance
    """measured (from raw files), estimated (typed by an editor, with a source) or derived (computed)."""
    source: str | None = None
    """Source id, for estimated figures."""
    files: tuple[str, ...] = ()
    """Raw result files, for measured figures."""
    runs: int | None = None
    """How many runs a measured figure reduces (a file may hold several); None for other figures."""
    formula: str | None = None
    """Formula id, for derived figures (see FORMULAS)."""
    approximate: bool = False
    """Published as approximate, or derived from an approximate input."""
    location: Location | None = None
    """Where it was typed, for estimated figures."""
    derived: float | None = None
    """For a stated figure that can also be derived: the derivation."""
    decimals: int = 0
    """Digits the figure is published with."""
    convention: str | None = None
    """For a cost figure: the key of the cost convention it was computed under (derive.costs.Convention)."""
    spread: tuple[float, float] | None = None
    """For a measured figure reducing several runs: the lowest and highest run (min-max)."""

    @property
    def consistent(self) -> bool | None:
        """None when there is nothing to compare; else whether stated and derived agree."""
        if self.derived is None:
            return None
        return m.agrees(self.value, self.derived, self.decimals)


FORMULAS = {
    "relative_to_baseline": "(value - baseline) / baseline",
    "cost_per_mtok": "hourly price / (tokens per second x 3600) x 1,000,000",
    "total_memory": "memory per accelerator x accelerators",
    "price_per_accelerator_hour": "hourly price / accelerators",
    "weights_memory": "parameters x bytes per parameter",
    "scaling_factor": "throughput at highest concurrency / throughput at lowest",
    "share_of_reference": "value / reference value",
    "reduction_versus": "(reference - value) / reference",
    "cost_split": "hourly price / 3600 / (input tokens/s + ratio x output tokens/s) x 1,000,000, x ratio for output",
    "cost_blended": "(mix input x input-token cost + mix output x output-token cost) / (mix input + mix output)",
    "price_after_saving": "headline hourly price x (1 - saving)",
    "tokens_per_s_per_user": "1000 / ITL (ms)",
    "throughput_per_accelerator": "throughput / accelerators",
    "slo_interpolated": "linear between the two measured loads around the limit",
}
"""Formula id -> the formula in words, as shown in props and docs."""


@dataclass(frozen=True)
class Check:
    """A stated figure compared with what the other figures imply."""

    rule: str
    """Lint rule id that reports it (derived-vs-stated, ...)."""
    subject: str
    """What the figure is, in words ("cost_per_mtok of llama4-scout on A")."""
    stated: float
    derived: float
    decimals: int
    """Published precision; the check tolerates half a unit in the last digit."""
    location: Location | None
    path: str
    formula: str

    @property
    def agrees(self) -> bool:
        return m.agrees(self.stated, self.derived, self.decimals)


@dataclass(frozen=True)
class ScenarioFacts:
    """A scenario with its catalogue data and derived hardware figures."""

    scenario: Scenario
    instance: Instance
    accelerator: Accelerator
    price: Value
    total_memory_gb: Value
    price_per_accelerator_hour: Value
    memory_bandwidth_tb_s: Value


@dataclass(frozen=True)
class Bar:
    """One scenario's figure in a comparison."""

    scenario: str
    value: Value
    relative: Value | None
    """Change against the baseline (None for the baseline itself, or when it has no figure)."""
    is_baseline: bool
    is_best: bool


@dataclass(frozen=True)
class Comparison:
    """One metric of one model across scenarios, at one concurrency."""

    model: str
    metric: Metric
    concurrency: int
    bars: list[Bar]
    best: str


@dataclass(frozen=True)
class SweepSeries:
    """One scenario's values over concurrency."""

    scenario: str
    points: list[tuple[int, Value]]
    scaling: Value
    """Highest-load value over lowest-load value."""


@dataclass(frozen=True)
class SweepFacts:
    """A concurrency sweep of one metric of one model."""

    model: str
    metric: Metric
    concurrencies: list[int]
    series: list[SweepSeries]
    best_at_peak: str


@dataclass(frozen=True)
class ModelFacts:
    """A model with the report's statements about it and derived memory needs."""

    entry: ReportModel
    model: Model
    context_tokens: Value
    """As stated by the report when it says so, else the model card's."""
    weights_gb: dict[str, Value]
    """Precision -> weight memory."""
    minimum_hardware: Value | None = None
    """The report's minimum footprint (its accelerator count) as a figure, located where it is typed."""


@dataclass
class DerivedReport:
    """Everything the renderers need for one report."""

    report: Report
    document: SourceDocument
    catalogs: Catalogs
    scenarios: list[ScenarioFacts]
    models: list[ModelFacts]
    figures: dict[FigureKey, Value]
    comparisons: dict[tuple[str, str], Comparison]
    sweeps: list[SweepFacts]
    checks: list[Check] = field(default_factory=list)
    convention: Convention = Convention("output")
    """The cost convention every cost figure of the report is computed under."""
    tiers: dict[str, list[TierPrice]] = field(default_factory=dict)
    """Scenario id -> its price tiers, the headline first."""
    tier_costs: dict[tuple[str, str], list[TierCost]] = field(default_factory=dict)
    """(model, scenario) -> cost per 1M tokens of every tier at the operating point."""
    operating: list[OperatingPoints] = field(default_factory=list)
    """Pareto fronts and SLO points of the sweeps, per model."""

    def scenario(self, sid: str) -> ScenarioFacts:
        return next(s for s in self.scenarios if s.scenario.id == sid)

    def model(self, model_id: str) -> ModelFacts:
        return next(mf for mf in self.models if mf.model.id == model_id)

    def figure(self, model: str, metric: str, sid: str, concurrency: int | None = None) -> Value | None:
        """A figure at the report's operating point (or the given concurrency)."""
        c = self.report.operating_point.concurrency if concurrency is None else concurrency
        return self.figures.get((model, metric, c, sid))

    def values(self, model: str, metric: str, scenarios: list[str] | None = None) -> dict[str, float]:
        """Scenario -> value at the operating point, for the scenarios that have one."""
        ids = scenarios if scenarios is not None else [s.scenario.id for s in self.scenarios]
        found = {sid: self.figure(model, metric, sid) for sid in ids}
        return {sid: v.value for sid, v in found.items() if v is not None}


def derive_report(located: Located[Report], catalogs: Catalogs,
                  measured: Iterable[MeasuredPoints] = ()) -> DerivedReport:
    """Compute every derived figure of a validated, reference-checked report.

    ``measured`` is what the raw files of the report's ``measurements`` hold (load stage);
    their runs become measured figures beside the typed ones.
    """
    report, document = located.value, located.document
    checks: list[Check] = []
    scenarios = [_scenario_facts(report, document, catalogs, i) for i in range(len(report.scenarios))]
    figures = _typed_figures(report, document, catalogs)
    measured = list(measured)
    figures.update(measured_figures(report, document, measured, catalogs.metrics))
    convention = report_convention(report)
    _derive_costs(report, document, catalogs, scenarios, figures, checks, convention)
    derived = DerivedReport(report, document, catalogs, scenarios,
                            [_model_facts(report, document, catalogs, e) for e in report.models],
                            figures, {}, [], checks, convention)
    derived.tiers = {f.scenario.id: scenario_tiers(report, i, f, document) for i, f in enumerate(scenarios)}
    derived.tier_costs = _tier_costs(derived)
    derived.comparisons = _comparisons(derived)
    derived.sweeps = [_sweep_facts(derived, i) for i in range(len(report.sweeps))]
    from pipeline.derive.operating import operating_points  # it reads a DerivedReport
    derived.operating = operating_points(derived, measured)
    return derived


def cost_decimals(catalogs: Catalogs) -> int:
    """Digits cost per 1M tokens is shown with."""
    return catalogs.metrics["cost_per_mtok"].decimals if "cost_per_mtok" in catalogs.metrics else 2


def _tier_costs(derived: DerivedReport) -> dict[tuple[str, str], list[TierCost]]:
    report = derived.report
    concurrency = report.operating_point.concurrency
    found: dict[tuple[str, str], list[TierCost]] = {}
    for entry in report.models:
        for facts in derived.scenarios:
            sid = facts.scenario.id
            throughput = derived.figures.get((entry.model, "output_throughput", concurrency, sid))
            if throughput is not None:
                found[(entry.model, sid)] = [
                    tier_cost(derived.convention, price, throughput, report.method.workload,
                              cost_decimals(derived.catalogs)) for price in derived.tiers[sid]]
    return found


def _estimated(value: float, source: str | None, document: SourceDocument, path: FieldPath,
               approximate: bool = False, decimals: int = 0) -> Value:
    return Value(value, "estimated", source=source, approximate=approximate,
                 location=document.locate(path), decimals=decimals)


def _derived(value: float, formula: str, approximate: bool = False, decimals: int = 0) -> Value:
    return Value(value, "derived", formula=formula, approximate=approximate, decimals=decimals)


def _scenario_facts(report: Report, document: SourceDocument, catalogs: Catalogs, i: int) -> ScenarioFacts:
    scenario = report.scenarios[i]
    instance = catalogs.instances[scenario.instance]
    accelerator = catalogs.accelerators[instance.accelerator]
    price = _estimated(scenario.price.hourly, scenario.price.source, document, ("scenarios", i, "price", "hourly"),
                       scenario.price.approximate, decimals=2)
    return ScenarioFacts(
        scenario, instance, accelerator, price,
        total_memory_gb=_derived(m.total_accelerator_memory_gb(accelerator.memory_gb, instance.accelerator_count),
                                 "total_memory"),
        price_per_accelerator_hour=_derived(
            m.cost_per_accelerator_hour_usd(scenario.price.hourly, instance.accelerator_count),
            "price_per_accelerator_hour", scenario.price.approximate, decimals=2),
        memory_bandwidth_tb_s=Value(accelerator.memory_bandwidth_tb_s, "estimated", source=accelerator.source,
                                    decimals=3),
    )


def _typed_figures(report: Report, document: SourceDocument, catalogs: Catalogs) -> dict[FigureKey, Value]:
    figures: dict[FigureKey, Value] = {}
    for i, result in enumerate(report.results):
        for metric, values in result.metrics.items():
            decimals = catalogs.metrics[metric].decimals
            for sid, fig in values.items():
                figures[(result.model, metric, result.concurrency, sid)] = _estimated(
                    fig.value, fig.source or result.source, document, ("results", i, "metrics", metric, sid),
                    fig.approximate, decimals)
    for i, sweep in enumerate(report.sweeps):
        decimals = catalogs.metrics[sweep.metric].decimals
        for j, point in enumerate(sweep.points):
            for sid, fig in point.values.items():
                figures[(sweep.model, sweep.metric, point.concurrency, sid)] = _estimated(
                    fig.value, fig.source or sweep.source, document, ("sweeps", i, "points", j, "values", sid),
                    fig.approximate, decimals)
    return figures


CONVENTION_WORDS = {"output": "output tokens", "total": "total tokens", "blended": "tokens blended at {mix}",
                    "split": "output tokens (split at an output:input ratio of {ratio})"}
"""What a cost counts, in the words of lint messages, per convention."""


def _derive_costs(report: Report, document: SourceDocument, catalogs: Catalogs, scenarios: list[ScenarioFacts],
                  figures: dict[FigureKey, Value], checks: list[Check], convention: Convention) -> None:
    """Cost per 1M tokens at the operating point; a stated cost is kept as published and checked."""
    point = report.operating_point
    decimals = cost_decimals(catalogs)
    counted = CONVENTION_WORDS[convention.tokens].format(
        mix=f"{convention.mix[0]:g}:{convention.mix[1]:g}" if convention.mix else "", ratio=f"{convention.ratio or 0:g}")
    stated: dict[tuple[str, str], tuple[Value, int]] = {}
    for i, result in enumerate(report.results):
        for sid, fig in result.stated.get("cost_per_mtok", {}).items():
            stated[(result.model, sid)] = (_estimated(
                fig.value, fig.source or result.source, document, ("results", i, "stated", "cost_per_mtok", sid),
                fig.approximate, decimals), i)
    for entry in report.models:
        for facts in scenarios:
            sid = facts.scenario.id
            throughput = figures.get((entry.model, "output_throughput", point.concurrency, sid))
            if throughput is None:
                continue
            cost, _ = costs_per_mtok(convention, facts.price.value, throughput.value, report.method.workload)
            approximate = facts.price.approximate or throughput.approximate
            key = (entry.model, "cost_per_mtok", point.concurrency, sid)
            if (entry.model, sid) in stated:
                published, index = stated[(entry.model, sid)]
                figures[key] = Value(published.value, "estimated", source=published.source,
                                     approximate=published.approximate, location=published.location,
                                     derived=cost, decimals=decimals, convention=convention.key)
                checks.append(Check(
                    "derived-vs-stated", f"cost per 1M {counted} of {entry.model} on {sid}",
                    published.value, cost, decimals, published.location,
                    f"results[{index}].stated.cost_per_mtok.{sid}", convention.formula))
            else:
                figures[key] = Value(cost, "derived", formula=convention.formula, approximate=approximate,
                                     decimals=decimals, convention=convention.key)


def _model_facts(report: Report, document: SourceDocument, catalogs: Catalogs, entry: ReportModel) -> ModelFacts:
    model = catalogs.models[entry.model]
    index = report.models.index(entry)
    if entry.stated_context_tokens is not None:
        context = _estimated(entry.stated_context_tokens, report.id, document,
                             ("models", index, "stated_context_tokens"))
    else:
        context = Value(model.context_tokens, "estimated", source=model.source)
    weights = {p: _derived(m.weights_gb(model.parameters_total_b, p), "weights_memory")
               for p in ("bf16", "fp8")}
    footprint = entry.minimum_hardware
    stated = None if footprint is None else Value(
        footprint.count, "estimated", location=document.locate(("models", index, "minimum_hardware")))
    return ModelFacts(entry, model, context, weights, stated)


def _comparisons(derived: DerivedReport) -> dict[tuple[str, str], Comparison]:
    report = derived.report
    order = [s.scenario.id for s in derived.scenarios]
    result: dict[tuple[str, str], Comparison] = {}
    concurrency = report.operating_point.concurrency
    for entry in report.models:
        for metric in derived.catalogs.metrics.values():
            values = {sid: derived.figures[(entry.model, metric.id, concurrency, sid)] for sid in order
                      if (entry.model, metric.id, concurrency, sid) in derived.figures}
            if not values:
                continue
            best = m.best_of({k: v.value for k, v in values.items()}, metric.direction, order)
            baseline = values.get(report.baseline)
            bars = []
            for sid, value in values.items():
                relative = None
                if baseline is not None and sid != report.baseline:
                    relative = _derived(m.relative_to_baseline(value.value, baseline.value), "relative_to_baseline",
                                        value.approximate or baseline.approximate)
                bars.append(Bar(sid, value, relative, sid == report.baseline, sid == best))
            result[(entry.model, metric.id)] = Comparison(entry.model, metric, concurrency, bars, best)
    return result


def _sweep_facts(derived: DerivedReport, index: int) -> SweepFacts:
    sweep = derived.report.sweeps[index]
    metric = derived.catalogs.metrics[sweep.metric]
    concurrencies = [p.concurrency for p in sweep.points] if sweep.from_ is None else \
        measured_concurrencies(derived.figures, sweep.model, sweep.metric)
    series = []
    for facts in derived.scenarios:
        sid = facts.scenario.id
        points = [(c, derived.figures[(sweep.model, sweep.metric, c, sid)]) for c in concurrencies
                  if (sweep.model, sweep.metric, c, sid) in derived.figures]
        if len(points) < 2:
            continue
        scaling = _derived(m.scaling_factor(points[-1][1].value, points[0][1].value), "scaling_factor", decimals=1)
        series.append(SweepSeries(sid, points, scaling))
    peak = {s.scenario: s.points[-1][1].value for s in series if s.points[-1][0] == concurrencies[-1]}
    best = m.best_of(peak, metric.direction, [s.scenario for s in series]) if peak else ""
    return SweepFacts(sweep.model, metric, concurrencies, series, best)
