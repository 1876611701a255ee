"""Props of the metric charts: TTFT, ITL, throughput, cost per token, concurrency."""

from __future__ import annotations

from pipeline.props.models import (
    BarProps, ConcurrencyChartProps, CostChartProps, CostGroupProps, CostRowProps, MetricChartProps,
    MetricGroupProps, PointProps, SeriesProps, TickProps,
)
from pipeline.render.charts_axis import axis_ticks, tick_decimals
from pipeline.render.context import RenderContext
from pipeline.render.props_costs import tier_costs, tier_labels, tiers_shown

def model_heading(ctx: RenderContext, model_id: str, with_input: bool = False) -> str:
    """'Llama 4 Scout' or 'Llama 4 Scout (input 512 tokens)'."""
    name = ctx.model_name(model_id)
    if not with_input:
        return name
    tokens = ctx.loc.number(ctx.report.method.workload.input_tokens)
    return ctx.loc.text("heading.model_with_input", model=name, tokens=tokens)


def metric_chart(ctx: RenderContext, component: str, metric_id: str) -> MetricChartProps | None:
    """Bars of one metric per model, each with its change against the baseline.

    None (no component) when the catalogue has no such metric or the report no figure of it: an
    optional metric (ITL) may be left out of either.
    """
    metric = ctx.derived.catalogs.metrics.get(metric_id)
    if metric is None:
        return None
    groups = []
    for entry in ctx.report.models:
        comparison = ctx.derived.comparisons.get((entry.model, metric_id))
        if comparison is None:
            continue
        bars = [BarProps(
            scenario=bar.scenario, value=bar.value.value, formatted=ctx.format_value(bar.value, metric.unit),
            relative=ctx.relative(bar.relative, metric.direction, bar.is_baseline),
            is_baseline=bar.is_baseline, is_best=bar.is_best,
            provenance=ctx.provenance(bar.value, metric.unit)) for bar in comparison.bars]
        groups.append(MetricGroupProps(
            model=entry.model, heading=model_heading(ctx, entry.model, with_input=metric_id == "ttft"),
            concurrency=comparison.concurrency, best=comparison.best, bars=bars))
    if not groups:
        return None
    unit = ctx.loc.unit_label(metric.unit)
    return MetricChartProps(
        **ctx.envelope(component, ctx.loc.text(f"chart.{metric_id}.title")),
        metric=metric_id, description=ctx.loc.text(f"chart.{metric_id}.description"),
        unit=unit, axis_label=ctx.loc.text("axis.metric_with_unit", metric=ctx.metric_short(metric_id), unit=unit),
        direction=metric.direction, direction_label=ctx.loc.text(f"direction.{metric.direction}"),
        best_label=ctx.loc.text("label.best"),
        columns=metric_columns(ctx, metric_id), groups=groups)


def metric_columns(ctx: RenderContext, metric_id: str) -> dict[str, str]:
    """Headers of a metric's table: scenario, instance, value with unit, relative; spread when runs repeat."""
    metric = ctx.derived.catalogs.metrics[metric_id]
    columns = {
        "scenario": ctx.loc.text("column.scenario"),
        "instance": ctx.loc.text("column.instance"),
        "value": ctx.loc.text("column.metric_with_unit", metric=ctx.metric_short(metric_id),
                              unit=ctx.loc.unit_label(metric.unit)),
        "relative": ctx.loc.text("column.relative"),
    }
    if any(v.spread for (_, k, _, _), v in ctx.derived.figures.items() if k == metric_id):
        columns["spread"] = ctx.loc.text("column.spread")
    return columns


def cost_columns(ctx: RenderContext) -> dict[str, str]:
    """Headers of the cost table; ``tier.<id>`` for each tier shown besides the headline ones, and ``input_cost``
    under the split convention."""
    columns = {
        "scenario": ctx.loc.text("column.scenario"),
        "hourly_price": ctx.loc.text("column.hourly_price"),
        "throughput": ctx.loc.text("column.throughput"),
        "cost": ctx.loc.unit_label("usd_per_mtok"),
        "derived_cost": ctx.loc.text("column.derived_cost"),
        "relative": ctx.loc.text("column.relative"),
    }
    headline = {s.price.pricing_model for s in ctx.report.scenarios}
    for tier in tiers_shown(ctx):
        if tier not in headline:
            columns[f"tier.{tier}"] = ctx.loc.text("column.tier_cost", tier=ctx.loc.text(f"tier.{tier}"))
    if ctx.derived.convention.tokens == "split":
        columns["input_cost"] = ctx.loc.text("column.input_cost")
    return columns


def cost_chart(ctx: RenderContext, component: str = "CostPerTokenChart") -> CostChartProps | None:
    """Cost per 1M tokens: as published, derived, and against the baseline; None when no cost can be derived."""
    metric = ctx.derived.catalogs.metrics["cost_per_mtok"]
    throughput_unit = ctx.derived.catalogs.metrics["output_throughput"].unit
    groups = []
    for entry in ctx.report.models:
        comparison = ctx.derived.comparisons.get((entry.model, "cost_per_mtok"))
        if comparison is None:
            continue
        rows = []
        for bar in comparison.bars:
            facts = ctx.derived.scenario(bar.scenario)
            throughput = ctx.derived.figure(entry.model, "output_throughput", bar.scenario)
            derived_value = bar.value.derived if bar.value.derived is not None else bar.value.value
            derived_cost = type(bar.value)(derived_value, "derived", formula=ctx.derived.convention.formula,
                                           approximate=facts.price.approximate, decimals=metric.decimals,
                                           convention=ctx.derived.convention.key)
            rows.append(CostRowProps(
                scenario=bar.scenario,
                hourly_price=ctx.figure(facts.price, "usd"),
                throughput=ctx.figure(throughput, throughput_unit),
                cost=ctx.figure(bar.value, metric.unit, ctx.cost_context()),
                derived_cost=ctx.figure(derived_cost, metric.unit),
                relative=ctx.relative(bar.relative, metric.direction, bar.is_baseline),
                is_baseline=bar.is_baseline, is_best=bar.is_best,
                tiers=tier_costs(ctx, ctx.derived.tier_costs.get((entry.model, bar.scenario), []), metric.unit)))
        groups.append(CostGroupProps(model=entry.model, heading=model_heading(ctx, entry.model),
                                     concurrency=comparison.concurrency, best=comparison.best, rows=rows,
                                     note=_disagreement_note(ctx, entry.model, rows)))
    if not groups:
        return None
    return CostChartProps(
        **ctx.envelope(component, ctx.loc.text("chart.cost_per_mtok.title"), [ctx.prices_as_of()]),
        description=ctx.loc.text("chart.cost_per_mtok.description"),
        convention=cost_convention(ctx), prices_as_of=ctx.prices_as_of(), unit=ctx.loc.unit_label(metric.unit), direction="lower",
        direction_label=ctx.loc.text("direction.lower"), best_label=ctx.loc.text("label.best"),
        columns=cost_columns(ctx), groups=groups, convention_key=ctx.derived.convention.key,
        tiers_shown=tiers_shown(ctx), tier_labels=tier_labels(ctx))


def cost_convention(ctx: RenderContext) -> str:
    """How cost per 1M tokens is computed here, in the reader's language."""
    point = ctx.report.operating_point
    return ctx.loc.text(f"cost.convention.{ctx.derived.convention.tokens}",
                        concurrency=ctx.loc.number(point.concurrency), **ctx.convention_params())


def _disagreement_note(ctx: RenderContext, model: str, rows: list[CostRowProps]) -> str | None:
    """A sentence naming the scenarios whose published cost disagrees with its derivation."""
    bad = [r.scenario for r in rows if r.cost.provenance.consistent is False]
    if not bad:
        return None
    return ctx.loc.text("cost.note.disagreement", model=ctx.model_name(model), scenarios=ctx.loc.join(bad),
                        context=ctx.cost_context())


def value_ticks(ctx: RenderContext, values: list[float], unit: str) -> list[TickProps]:
    """Round value-axis ticks from zero past the largest value, formatted for the locale."""
    ticks = axis_ticks(max(values, default=0.0))
    return [TickProps(value=t, formatted=ctx.format(t, unit, tick_decimals(ticks))) for t in ticks]


def concurrency_chart(ctx: RenderContext, component: str = "ConcurrencyChart",
                      metric_id: str | None = None) -> ConcurrencyChartProps | None:
    """A metric over rising concurrency, one line per scenario: the sweep of ``metric_id``, else the
    report's throughput sweep, else its first; None without one."""
    if metric_id is not None:
        sweep = next((s for s in ctx.derived.sweeps if s.metric.id == metric_id), None)
    else:
        sweep = next((s for s in ctx.derived.sweeps if s.metric.id == "output_throughput"),
                     ctx.derived.sweeps[0] if ctx.derived.sweeps else None)
    if sweep is None:
        return None
    # The catalogue's description speaks of throughput; another metric's sweep is named as what it is.
    description = ctx.loc.text("chart.concurrency.description") if sweep.metric.id == "output_throughput" else \
        ctx.loc.text("chart.concurrency.description_of", metric=ctx.metric_name(sweep.metric.id))
    unit = ctx.loc.unit_label(sweep.metric.unit)
    series = []
    for line in sweep.series:
        series.append(SeriesProps(
            scenario=line.scenario,
            points=[PointProps(concurrency=c, value=v.value, formatted=ctx.format_value(v, sweep.metric.unit))
                    for c, v in line.points],
            scaling=ctx.figure(line.scaling, "", formatted=ctx.loc.ratio(line.scaling.value)),
            provenance=ctx.provenance(line.points[0][1], sweep.metric.unit)))
    return ConcurrencyChartProps(
        **ctx.envelope(component, ctx.loc.text("chart.concurrency.title")),
        description=description, model=sweep.model, heading=model_heading(ctx, sweep.model), metric=sweep.metric.id,
        x_label=ctx.loc.text("axis.concurrency"),
        y_label=ctx.loc.text("axis.metric_with_unit", metric=ctx.metric_short(sweep.metric.id), unit=unit),
        unit=unit, direction=sweep.metric.direction,
        direction_label=ctx.loc.text(f"direction.{sweep.metric.direction}"),
        ticks=value_ticks(ctx, [v.value for line in sweep.series for _, v in line.points], sweep.metric.unit),
        concurrency=sweep.concurrencies, best_at_peak=sweep.best_at_peak, best_label=ctx.loc.text("label.best"),
        scaling_label=ctx.loc.text("label.scaling", low=ctx.loc.number(sweep.concurrencies[0]),
                                   high=ctx.loc.number(sweep.concurrencies[-1])),
        columns={"concurrency": ctx.loc.text("column.concurrency")}, series=series)
