"""What every builder of a generic component needs: the derived report, one locale, and the shared props.

Builders ask this context for labels and for figures as props; it asks the :class:`Localizer`
for every string and number, so no builder knows a language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from pipeline.derive.benchmark import DerivedBenchmark, MetricView
from pipeline.derive.figures import Compared, Figure, coords
from pipeline.lint import LintResult
from pipeline.localize import Localizer
from pipeline.models.components import ComponentBase
from pipeline.props.general import (
    GENERAL_SCHEMA_VERSION, AxisProps, ChangeProps, GeneralProvenanceProps, ScenarioLabelProps, ValueProps,
)
from pipeline.props.models import SourceProps
from pipeline.render.context import digits_props, plausibility_props


@dataclass
class GeneralContext:
    """One benchmark report in one locale."""

    derived: DerivedBenchmark
    loc: Localizer
    lint: LintResult | None = None

    @property
    def report(self):
        return self.derived.report

    # -- labels ------------------------------------------------------------------------

    def scenario_label(self, scenario_id: str) -> str:
        """'A: VPC CNI'."""
        scenario = self._scenario(scenario_id)
        return self.loc.text("general.scenario_label", id=scenario.id, label=self.short_label(scenario))

    def short_label(self, scenario) -> str:
        """The scenario's compact label in this locale ('ENI+튜닝')."""
        label = scenario.short_label
        return label if isinstance(label, str) else self.loc.pick(label)

    def _scenario(self, scenario_id: str):
        return next(s for s in self.report.scenarios if s.id == scenario_id)

    def metric_name(self, metric_id: str) -> str:
        return self.loc.text(f"metric.{metric_id}.name")

    def unit_label(self, view: MetricView) -> str:
        return self.loc.text("unit.percent.label") if view.unit.format == "percent" else \
            self.loc.text(f"unit.{view.unit.id}.label")

    def level_label(self, dimension_id: str, value) -> str:
        """A coordinate as printed: the level's own label, else its number with the dimension's unit."""
        dimension = next(d for d in self.report.dimensions if d.id == dimension_id)
        for level in dimension.levels:
            if coords({"x": level.value}) == coords({"x": value}):
                if level.label is not None:
                    return self.loc.pick(level.label)
                break
        if isinstance(value, str):
            return value
        decimals = 0 if float(value).is_integer() else 2
        unit = self.derived.units.get(dimension.unit) if dimension.unit else None
        if unit is None:
            return self.loc.number(value, decimals)
        return self.loc.measure(value, unit.id, unit.format, decimals)

    def at_label(self, at: Mapping) -> str:
        """'QPS level 1,000, 4 services' (empty for no coordinates)."""
        parts = [self.level_label(k, v) if self._counted(k, v) else
                 self.loc.text("general.at", dimension=self.loc.pick(self._dimension(k).label),
                               level=self.level_label(k, v)) for k, v in coords(at)]
        return self.loc.text("format.separator").join(parts)

    def _counted(self, dimension_id: str, value) -> bool:
        # A count names what it counts ("4 services"): its dimension's name would say it twice.
        dimension = self._dimension(dimension_id)
        unit = self.derived.units.get(dimension.unit) if dimension.unit else None
        return unit is not None and unit.dimension == "count" and not isinstance(value, str) and not any(
            level.label is not None and coords({"x": level.value}) == coords({"x": value}) for level in dimension.levels)

    def _dimension(self, dimension_id: str):
        return next(d for d in self.report.dimensions if d.id == dimension_id)

    def statistic_label(self, statistic: str) -> str:
        return "" if statistic == "value" else self.loc.text(f"statistic.{statistic.replace('.', '_')}")

    def selection_label(self, metric_id: str, statistic: str, at: Mapping, given=None, unit: bool = True) -> str:
        """A heading: the editor's label, or 'HTTP latency p99, QPS level 1,000 (ms)'."""
        if given is not None:
            return self.loc.pick(given)
        name = self.metric_name(metric_id)
        if statistic != "value":
            name = self.loc.text("general.metric_statistic", metric=name, statistic=self.statistic_label(statistic))
        if at:
            name = self.loc.text("general.metric_at", metric=name, at=self.at_label(at))
        if unit:
            name = self.loc.text("general.metric_with_unit", metric=name,
                                 unit=self.unit_label(self.derived.metrics[metric_id]))
        return name

    def direction_label(self, view: MetricView) -> str:
        return self.loc.text("direction.lower" if view.lower_is_better else "direction.higher")

    # -- figures -------------------------------------------------------------------------

    def value(self, figure: Figure) -> ValueProps:
        """A figure as props: number, formatted with and without its unit, provenance."""
        view = self.derived.metrics.get(figure.key.metric)
        unit_id, unit_format = (view.unit.id, view.unit.format) if view else ("usd_per_hour", "usd")
        if figure.value is not None:
            formatted = self.loc.measure(figure.value, unit_id, unit_format, figure.decimals, figure.approximate)
            number = self.loc.bare(figure.value, unit_format, figure.decimals, figure.approximate)
        elif figure.low is not None and figure.high is not None:
            low = self.loc.bare(figure.low, unit_format, figure.decimals)
            high = self.loc.bare(figure.high, unit_format, figure.decimals)
            number = self.loc.range(low, high)
            formatted = number if unit_format != "number" else self.loc.text(f"unit.{unit_id}.value", value=number)
            if figure.approximate:
                formatted, number = self.loc.approx(formatted), self.loc.approx(number)
        else:
            formatted = number = self.absent(figure)
        return ValueProps(value=figure.number, low=figure.low, high=figure.high, formatted=formatted,
                          number=number, provenance=self.provenance(figure))

    def absent(self, *figures: Figure) -> str:
        """What a cell without a figure says: 'n/a' when the figure does not apply, else 'not measured'."""
        if any(f.provenance == "not_applicable" for f in figures):
            return self.loc.text("figure.not_applicable")
        return self.not_measured()

    def not_measured(self) -> str:
        return self.loc.text("figure.not_measured_yet" if self.derived.planned else "figure.not_measured")

    def provenance(self, figure: Figure) -> GeneralProvenanceProps:
        source = self.derived.sources.get(figure.source) if figure.source else None
        return GeneralProvenanceProps(
            kind=figure.provenance, label=self.loc.text(f"provenance.{figure.provenance}"),
            source=SourceProps(id=source.id, title=source.title, publisher=source.publisher, url=source.url)
            if source else None,
            files=list(figure.files), runs=figure.runs,
            formula=self.loc.text(figure.formula) if figure.formula else None,
            approximate=figure.approximate, plausibility=plausibility_props(self.loc, self.lint, figure))

    def change(self, compared: Compared) -> ChangeProps:
        """A comparison as props, with its sentence."""
        view = self.derived.metrics[compared.reference.key.metric]
        value = compared.value
        if value is None:
            formatted = self.absent(compared.reference, compared.subject)
        elif compared.measure == "ratio":
            formatted = self.loc.ratio(value, 1)
        elif compared.measure == "difference":
            sign = "+" if value > 0 else ""
            formatted = sign + self.loc.measure(value, view.unit.id, view.unit.format, view.decimals)
        else:
            formatted = self.loc.change(value)
        better = None
        if value is not None and compared.reference.number != compared.subject.number:
            improved = compared.subject.number < compared.reference.number
            better = improved if view.lower_is_better else not improved
        reference, subject = self._end_label(compared.reference, compared.subject), \
            self._end_label(compared.subject, compared.reference)
        sentence = self.loc.text("change.sentence", reference=reference, subject=subject,
                                 from_value=self.value(compared.reference).formatted,
                                 to_value=self.value(compared.subject).formatted, change=formatted)
        stated = None
        if compared.stated is not None:
            stated = self.loc.ratio(compared.stated, 1) if compared.measure == "ratio" else \
                self.loc.signed_percent(compared.stated / 100, 0 if float(compared.stated).is_integer() else 1)
        return ChangeProps(measure=compared.measure, value=value, formatted=formatted, better=better,
                           reference=reference, subject=subject, sentence=sentence, stated=stated)

    def _end_label(self, figure: Figure, other: Figure) -> str:
        # Name the scenario, and the coordinates where the two ends differ (A, 4 services -> A, 1,000).
        label = self.scenario_label(figure.key.scenario)
        differ = {k: v for k, v in figure.key.at if dict(other.key.at).get(k) != v}
        return self.loc.text("general.scenario_at", scenario=label, at=self.at_label(differ)) if differ else label

    def axis(self, view: MetricView, numbers: list[float | None], extra: list[float] = ()) -> AxisProps:
        """A value axis from zero to a round number above every figure."""
        top = max([n for n in numbers if n is not None] + list(extra) + [0.0])
        return AxisProps(min=0.0, max=nice_ceiling(top), label=self.unit_label(view), digits=digits_props(self.loc))

    # -- the envelope --------------------------------------------------------------------

    def envelope(self, component: ComponentBase) -> dict:
        """The fields every props file starts with."""
        return dict(
            schema_version=GENERAL_SCHEMA_VERSION, report=self.report.id, locale=self.loc.id,
            component=component.name, kind=component.kind, title=self.loc.pick(component.title),
            description=self.loc.pick(component.description) if component.description else None,
            notes=[self.loc.pick(n) for n in component.notes], footnotes=self.footnotes(),
            scenarios=self.scenarios())

    def footnotes(self) -> list[str]:
        method = self.report.method
        notes = [self.loc.text(f"footnote.basis.{method.basis}")]
        if method.basis != "planned":
            notes.append(self.loc.text("footnote.runs.single") if method.runs_per_point == 1 else
                         self.loc.text("footnote.runs.many", runs=self.loc.number(method.runs_per_point),
                                       statistic=self.loc.text(f"statistic.{method.statistic}")))
        if method.disclaimer:
            notes.append(self.loc.pick(method.disclaimer))
        return notes

    def scenarios(self) -> list[ScenarioLabelProps]:
        out = []
        for s in self.report.scenarios:
            deployment = self.derived.deployments[s.id]
            groups = [self.loc.text("deployment.group", count=self.loc.number(g.count), instance=g.instance)
                      for g, _ in deployment.groups]
            out.append(ScenarioLabelProps(
                id=s.id, short_label=self.short_label(s), label=self.scenario_label(s.id), role=self.loc.pick(s.role),
                color=s.color, deployment=self.loc.text("deployment.plus").join(groups) if groups else None,
                hourly_price=self.value(deployment.hourly) if deployment.hourly else None))
        return out


def nice_ceiling(value: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^n) at or above ``value``; 1 for zero."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value * (1 - 1e-12):
            return float(step * magnitude)
    return float(10 * magnitude)
