"""Derive a benchmark report: its figures (typed, measured, derived by its packs), comparisons, deployments.

Pure: the validated report, the catalogues and what its raw files hold in; a
:class:`DerivedBenchmark` out. Every later stage reads figures from here and never computes one.
"""

from __future__ import annotations

import statistics as stats
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from pipeline.derive.figures import Compared, Coords, Figure, FigureKey, coords, missing
from pipeline.load.yaml_source import SourceDocument
from pipeline.models.benchmark import Comparison, NodeGroup, Report
from pipeline.models.catalog import Instance, Metric, Unit
from pipeline.packs import derivations_for


@dataclass(frozen=True)
class MetricView:
    """A catalogue metric as one report shows it."""

    metric: Metric
    unit: Unit
    decimals: int
    """The report's decimals, else the catalogue's."""

    @property
    def id(self) -> str:
        return self.metric.id

    @property
    def lower_is_better(self) -> bool:
        return self.metric.direction == "lower"


@dataclass(frozen=True)
class Deployment:
    """What a scenario runs on, with the totals that follow from the catalogue."""

    groups: tuple[tuple[NodeGroup, Instance], ...]
    hourly: Figure | None
    """Sum of the groups' prices (derived), or the scenario's own price (estimated); None without prices."""

    @property
    def instances(self) -> int:
        return sum(group.count for group, _ in self.groups)

    @property
    def network_gbps(self) -> float | None:
        """The smallest network bandwidth of any instance: what one flow between two of them can reach."""
        rates = [instance.network_gbps for _, instance in self.groups]
        return min(rates) if rates else None


@dataclass(frozen=True)
class Observed:
    """One value the raw files of a measurements entry hold, already in a unit the units catalogue knows."""

    entry: int
    """Index of the measurements entry."""
    metric: str
    statistic: str
    value: float
    unit: str
    at: Coords
    file: str
    run: int


@dataclass
class DerivedBenchmark:
    """A benchmark report with every figure it shows."""

    report: Report
    document: SourceDocument
    metrics: dict[str, MetricView]
    """Report metrics by id, in page order."""
    units: dict[str, Unit]
    figures: dict[FigureKey, Figure]
    comparisons: dict[str, Compared]
    deployments: dict[str, Deployment]
    sources: Mapping[str, object] = field(default_factory=dict)
    """Source catalogue entries by id."""

    @property
    def planned(self) -> bool:
        """A plan: no results yet, every cell 'not measured yet'."""
        return self.report.method.basis == "planned"

    def figure(self, metric: str, scenario: str, statistic: str = "value",
               at: Mapping[str, float | str] | None = None) -> Figure:
        """The figure, or a 'not measured' one."""
        key = FigureKey(metric, statistic, scenario, coords(at or {}))
        found = self.figures.get(key)
        return found if found is not None else missing(key, self.metrics[metric].decimals)

    def scenario_ids(self, subset: Iterable[str] | None = None) -> list[str]:
        """Scenario ids in page order (``subset`` in its own order)."""
        return list(subset) if subset is not None else [s.id for s in self.report.scenarios]


def derive_benchmark(report: Report, document: SourceDocument, catalogs, observed: list[Observed] = ()) -> \
        DerivedBenchmark:
    """Every figure of ``report``: typed, measured (``observed``), derived by its packs; comparisons."""
    views = {m.metric: _view(m.metric, m.decimals, catalogs) for m in report.metrics}
    figures: dict[FigureKey, Figure] = {}
    figures.update(_typed(report, document, views))
    figures.update(_measured(report, document, views, catalogs.units, observed))
    deployments = {s.id: _deployment(report, s, catalogs, document) for s in report.scenarios}
    for derivation in derivations_for(report.packs):
        if derivation.metric in views:
            figures.update(derivation.apply(figures, views[derivation.metric], deployments))
    compared = {}
    for index, comparison in enumerate(report.comparisons):
        for item in _compare(report, document, index, comparison, figures, views):
            compared[item.id] = item
    return DerivedBenchmark(report, document, views, dict(catalogs.units), figures, compared, deployments,
                            dict(catalogs.sources))


def _view(metric_id: str, decimals: int | None, catalogs) -> MetricView:
    metric = catalogs.metrics[metric_id]
    return MetricView(metric, catalogs.units[metric.unit], metric.decimals if decimals is None else decimals)


def _typed(report: Report, document: SourceDocument, views: dict[str, MetricView]) -> dict[FigureKey, Figure]:
    found = {}
    for i, block in enumerate(report.figures):
        view = views[block.metric]
        for scenario, item in block.values.items():
            key = FigureKey(block.metric, block.statistic, scenario, coords(block.at))
            path = ("figures", i, "values", scenario)
            known = item.value is not None or (item.low is not None and item.high is not None)
            found[key] = Figure(
                key, item.value, block.basis if known else "not_applicable" if item.not_applicable else "missing",
                view.decimals if block.decimals is None else block.decimals, item.low, item.high,
                item.approximate, item.source or block.source, location=document.locate(path),
                path=document.shown(path))
    return found


def convert(value: float, unit: Unit, into: Unit) -> float:
    """A value from one unit into another of the same dimension (µs -> ms, bit/s -> Gbps)."""
    return value * unit.scale / into.scale


def _measured(report: Report, document: SourceDocument, views: dict[str, MetricView], units: dict[str, Unit],
              observed: Iterable[Observed]) -> dict[FigureKey, Figure]:
    samples: dict[FigureKey, list[Observed]] = {}
    for item in observed:
        samples.setdefault(FigureKey(item.metric, item.statistic, report.measurements[item.entry].scenario,
                                     item.at), []).append(item)
    found = {}
    for key, items in samples.items():
        view = views[key.metric]
        values = [convert(o.value, units[o.unit], view.unit) for o in items]
        # Repeated runs reduce with the method's statistic; a single run is itself.
        value = stats.mean(values) if report.method.statistic == "mean" else stats.median(values)
        entry = items[0].entry
        path = ("measurements", entry)
        found[key] = Figure(key, value, "measured", view.decimals,
                            files=tuple(sorted({o.file for o in items})), runs=len(items),
                            location=document.locate(path),
                            path=f"{document.shown(path)}.{key.metric}.{key.statistic}" + "".join(
                                f".{k}={_shown(v)}" for k, v in key.at))
    return found


def _shown(value: float | str) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _deployment(report: Report, scenario, catalogs, document: SourceDocument) -> Deployment:
    groups = scenario.deployment if scenario.deployment is not None else report.deployment
    pairs = tuple((g, catalogs.instances[g.instance]) for g in groups if g.instance in catalogs.instances)
    index = next(i for i, s in enumerate(report.scenarios) if s.id == scenario.id)
    hourly = None
    key = FigureKey("hourly_price", "value", scenario.id)
    if scenario.price is not None:
        path = ("scenarios", index, "price", "hourly")
        hourly = Figure(key, scenario.price.hourly, "estimated", 2, approximate=scenario.price.approximate,
                        source=scenario.price.source, location=document.locate(path), path=document.shown(path))
    elif pairs and all(g.price is not None for g, _ in pairs):
        path = ("scenarios", index, "deployment") if scenario.deployment is not None else ("deployment",)
        hourly = Figure(key, sum(g.count * g.price.hourly for g, _ in pairs), "derived", 2,
                        approximate=any(g.price.approximate for g, _ in pairs), formula="formula.deployment_price",
                        location=document.locate(path), path=document.shown(path))
    return Deployment(pairs, hourly)


def _compare(report: Report, document: SourceDocument, index: int, comparison: Comparison,
             figures: dict[FigureKey, Figure], views: dict[str, MetricView]) -> list[Compared]:
    ends = comparison.chain or [comparison.from_ or report.baseline, comparison.to]
    view = views[comparison.metric]
    base = FigureKey(comparison.metric, comparison.statistic, "", coords(comparison.at))
    path = ("comparisons", index)
    out = []
    for i, (start, end) in enumerate(zip(ends, ends[1:])):
        start = _endpoint(start)
        end = _endpoint(end)
        reference = _get(figures, base.moved(scenario=start[0]).with_at(start[1]), view)
        subject = _get(figures, base.moved(scenario=end[0]).with_at(end[1]), view)
        ident = f"{comparison.id}.{i}" if comparison.chain else comparison.id
        out.append(Compared(ident, comparison.measure, reference, subject,
                            measure_value(comparison.measure, reference.number, subject.number),
                            comparison.stated if not comparison.chain else None,
                            document.locate(path), document.shown(path)))
    return out


def _endpoint(end) -> tuple[str, dict]:
    return (end, {}) if isinstance(end, str) else (end.scenario, end.at)


def _get(figures: dict[FigureKey, Figure], key: FigureKey, view: MetricView) -> Figure:
    return figures.get(key) or missing(key, view.decimals)


def measure_value(measure: str, reference: float | None, subject: float | None) -> float | None:
    """change: (subject - reference) / reference; ratio: subject / reference; difference: subject - reference."""
    if reference is None or subject is None:
        return None
    if measure == "difference":
        return subject - reference
    if reference == 0:
        return None
    return subject / reference if measure == "ratio" else (subject - reference) / reference
