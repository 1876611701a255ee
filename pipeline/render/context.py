"""What every renderer of one report in one locale works from, and the pieces they share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel

from pipeline.derive.findings import FindingFacts
from pipeline.derive.report import DerivedReport, Value
from pipeline.lint import LintResult
from pipeline.localize import Localizer
from pipeline.props.models import (
    SCHEMA_VERSION, ConventionProps, DigitsProps, FigureProps, PlausibilityProps, ProvenanceProps, RelativeProps, ScenarioProps,
    SourceProps, SpreadProps,
)


@dataclass
class RenderContext:
    """A derived report seen through one locale."""

    derived: DerivedReport
    findings: list[FindingFacts]
    loc: Localizer
    lint: LintResult | None = None
    """The report's lint findings; a figure's provenance lists those about it."""

    @property
    def report(self):
        return self.derived.report

    # -- labels ---------------------------------------------------------------

    @cached_property
    def scenarios(self) -> list[ScenarioProps]:
        return [ScenarioProps(
            id=f.scenario.id, short_label=f.scenario.short_label,
            label=self.loc.text("scenario.label", id=f.scenario.id, short_label=f.scenario.short_label),
            instance=f.instance.id, role=self.loc.pick(f.scenario.role), color=f.scenario.color,
        ) for f in self.derived.scenarios]

    def scenario_label(self, sid: str) -> str:
        return next(s.label for s in self.scenarios if s.id == sid)

    def model_name(self, model_id: str) -> str:
        return self.derived.catalogs.models[model_id].name

    def metric_name(self, metric_id: str) -> str:
        return self.loc.text(f"metric.{metric_id}.name")

    def metric_short(self, metric_id: str) -> str:
        return self.loc.text(f"metric.{metric_id}.short")

    def envelope(self, component: str, title: str, extra_footnotes: list[str] | None = None) -> dict:
        """The fields every props file starts with."""
        notes = list(extra_footnotes or [])
        if self.report.method.disclaimer is not None:
            notes.append(self.loc.pick(self.report.method.disclaimer))
        return dict(schema_version=SCHEMA_VERSION, report=self.report.id, locale=self.loc.id,
                    component=component, title=title, scenarios=self.scenarios, footnotes=notes)

    # -- numbers --------------------------------------------------------------

    def format(self, value: float, unit: str, decimals: int = 0, approximate: bool = False) -> str:
        """A value in a metric unit ('ms', 'tokens/s', 'usd_per_mtok') without the unit word."""
        if unit in ("usd_per_mtok", "usd_per_hour", "usd"):
            return self.loc.usd(value, decimals, approximate)
        text = self.loc.number(value, decimals)
        return self.loc.approx(text) if approximate else text

    def format_value(self, value: Value, unit: str) -> str:
        return self.format(value.value, unit, value.decimals, value.approximate)

    def provenance(self, value: Value, unit: str = "", context: str = "") -> ProvenanceProps:
        """Where a figure comes from, for the reader."""
        # Several components show the same figure: its provenance is made once. The entry holds the
        # value itself, so that its id cannot be reused by another while this context lives.
        key = (id(value), unit, context)
        if key not in self._provenances:
            self._provenances[key] = (value, self._provenance(value, unit, context))
        return self._provenances[key][1]

    @cached_property
    def _provenances(self) -> dict[tuple[int, str, str], tuple[Value, ProvenanceProps]]:
        return {}

    def _provenance(self, value: Value, unit: str, context: str) -> ProvenanceProps:
        source = self._source_props(value.source) if value.source is not None else None
        derived_formatted = note = None
        if value.derived is not None:
            derived_formatted = self.format(value.derived, unit, value.decimals, value.approximate)
            if not value.consistent:
                note = self.loc.text("provenance.stated_disagrees", stated=self.format_value(value, unit),
                                     derived=derived_formatted, context=context)
        return ProvenanceProps(
            kind=value.provenance, label=self.loc.text(f"provenance.{value.provenance}"), source=source,
            files=list(value.files), runs=value.runs,
            formula=self.loc.text(f"formula.{value.formula}") if value.formula else None,
            approximate=value.approximate, derived_value=value.derived, derived_formatted=derived_formatted,
            consistent=value.consistent, note=note, plausibility=self.plausibility(value),
            convention=self.convention_props() if value.convention is not None else None,
            spread=self.spread(value, unit))

    def _source_props(self, source_id: str) -> SourceProps | None:
        # A page cites a few sources many times: each is made once (props are immutable).
        if source_id not in self._sources:
            s = self.derived.catalogs.sources.get(source_id)
            self._sources[source_id] = None if s is None else SourceProps(
                id=s.id, title=s.title, publisher=s.publisher, url=s.url)
        return self._sources[source_id]

    @cached_property
    def _sources(self) -> dict[str, SourceProps | None]:
        return {}

    def convention_props(self) -> ConventionProps:
        """The report's cost convention, for the provenance of its cost figures."""
        return self._convention_props

    @cached_property
    def _convention_props(self) -> ConventionProps:
        convention = self.derived.convention
        label = self.loc.text(f"cost.convention_label.{convention.tokens}", **self.convention_params())
        return ConventionProps(key=convention.key, tokens=convention.tokens, label=label)

    def convention_params(self) -> dict[str, str]:
        """The convention's mix and ratio, formatted for its sentences ({{ input }}:{{ output }}, {{ ratio }})."""
        convention = self.derived.convention
        mix = convention.mix or (0, 0)
        shown = lambda v: self.loc.number(v, 0 if float(v).is_integer() else 1)  # noqa: E731
        return {"input": shown(mix[0]), "output": shown(mix[1]), "ratio": shown(convention.ratio or 0)}

    def spread(self, value: Value, unit: str) -> SpreadProps | None:
        """Min-max of a measured figure's runs, formatted; None for a single run or a typed figure."""
        if value.spread is None:
            return None
        low, high = value.spread
        return SpreadProps(low=low, high=high, formatted=self.loc.range(
            self.format(low, unit, value.decimals), self.format(high, unit, value.decimals)),
            method=self.loc.text("spread.min_max", runs=self.loc.number(value.runs or 0)))

    def plausibility(self, value: Value) -> list[PlausibilityProps]:
        """The lint findings about a figure, waived or not, for the reader."""
        return plausibility_props(self.loc, self.lint, value, self._plausibility_made)

    @cached_property
    def _plausibility_made(self) -> dict[tuple[str, bool], PlausibilityProps]:
        return {}

    def figure(self, value: Value, unit: str, context: str = "", formatted: str | None = None) -> FigureProps:
        return FigureProps(value=value.value, formatted=formatted or self.format_value(value, unit),
                           provenance=self.provenance(value, unit, context))

    def relative(self, relative: Value | None, direction: str, is_baseline: bool) -> RelativeProps:
        if relative is None:
            word = self.loc.text("relative.baseline") if is_baseline else self.loc.text("relative.none")
            return RelativeProps(value=None, formatted=word, better=None)
        better = relative.value < 0 if direction == "lower" else relative.value > 0
        return RelativeProps(value=relative.value, formatted=self.loc.signed_percent(relative.value),
                             better=better if relative.value != 0 else None)

    def value_range(self, values: list[Value], unit: str, decimals: int | None = None) -> str:
        """The lowest to the highest of ``values``, approximate when either end is ('~$0.52–$0.85')."""
        low, high = min(values, key=lambda v: v.value), max(values, key=lambda v: v.value)
        shown = [self.format(v.value, unit, v.decimals if decimals is None else decimals) for v in (low, high)]
        return self.loc.range(*shown, approximate=low.approximate or high.approximate)

    def prices_as_of(self) -> str:
        """When the hourly prices were read: one date, or each date with the scenarios priced on it."""
        by_date: dict = {}
        for scenario in self.report.scenarios:
            by_date.setdefault(scenario.price.as_of, []).append(scenario.id)
        if len(by_date) == 1:
            return self.loc.text("price.as_of", dates=self.loc.date(next(iter(by_date))))
        dates = [self.loc.text("price.as_of.scenarios", date=self.loc.date(day), scenarios=self.loc.join(ids))
                 for day, ids in sorted(by_date.items())]
        return self.loc.text("price.as_of", dates=self.loc.join(dates))

    def cost_context(self) -> str:
        """Operating point of cost, as a phrase for notes."""
        point = self.report.operating_point
        return self.loc.text(f"cost.context.{self.derived.convention.tokens}",
                             concurrency=self.loc.number(point.concurrency), **self.convention_params())

    # -- figures computed over a group of scenarios -------------------------

    def group_figure(self, model: str, metric_id: str, measure: str, scenarios: list[str]) -> str:
        """'$0.52-$0.85' (range) or '67-83%' (share of the baseline) over ``scenarios``."""
        metric = self.derived.catalogs.metrics[metric_id]
        values = self.derived.values(model, metric_id, scenarios)
        if not values:
            return self.loc.text("relative.none")
        if measure == "range":
            figures = [v for v in (self.derived.figure(model, metric_id, s) for s in scenarios) if v is not None]
            return self.value_range(figures, metric.unit, metric.decimals)
        baseline = self.derived.values(model, metric_id, [self.report.baseline])
        if not baseline:
            return self.loc.text("relative.none")
        shares = [v / baseline[self.report.baseline] for v in values.values()]
        return self.loc.percent_range(self.loc.number(min(shares) * 100), self.loc.number(max(shares) * 100))


def digits_props(loc: Localizer) -> DigitsProps:
    """How ``loc``'s reader writes the numbers a chart places itself (axis ticks)."""
    group, decimal = loc.digit_symbols
    return DigitsProps(group=group, decimal=decimal)


def props_json(props: BaseModel) -> bytes:
    """The props as ``json.dumps(props.model_dump(mode="json"), ensure_ascii=False, indent=2)`` would write
    them (a test compares them), by pydantic's own serializer, without making the props' dict first."""
    return props.model_dump_json(indent=2).encode() + b"\n"


def plausibility_props(loc: Localizer, lint: LintResult | None, figure,
                       made: dict[tuple[str, bool], PlausibilityProps] | None = None) -> list[PlausibilityProps]:
    """The lint findings about a figure (of either report model), waived or not, translated for the reader.

    ``made`` keeps the props made so far by (code, waived), for one locale: they hold nothing else, and
    a page repeats a few of them on many figures (props are immutable, so one serves each place).
    """
    if lint is None:
        return []
    made = {} if made is None else made
    found = []
    for f, waived in lint.about(figure):
        props = made.get((f.code, waived))
        if props is None:
            props = made[f.code, waived] = PlausibilityProps(
                code=f.code, title=loc.text(f"lint.{f.code}.title"), note=loc.text(f"lint.{f.code}.note"),
                waived=waived)
        found.append(props)
    return found
