"""Props of the prose components: key findings and recommendations, written from computed figures."""

from __future__ import annotations

from pipeline.derive.findings import FindingFacts
from pipeline.models.report import NoteFinding, WorkloadRecommendation
from pipeline.props.models import (
    FindingProps, FindingsChartProps, RatingProps, RecommendationChartProps, ScenarioCardProps, WorkloadProps,
)
from pipeline.render.context import RenderContext


def findings_chart(ctx: RenderContext, component: str = "KeyFindingsMLChart") -> FindingsChartProps:
    """One card per finding; its text is a catalogue template filled with the computed figures."""
    return FindingsChartProps(**ctx.envelope(component, ctx.loc.text("chart.findings.title")),
                              findings=[finding(ctx, facts) for facts in ctx.findings])


def finding(ctx: RenderContext, facts: FindingFacts) -> FindingProps:
    """A finding card."""
    f = facts.finding
    if isinstance(f, NoteFinding):
        return FindingProps(kind=f.kind, title=ctx.loc.pick(f.title), text=ctx.loc.pick(f.text), scenario=None,
                            stated=None, consistent=None, note=None)
    params = _finding_params(ctx, facts)
    if not params:
        text = ctx.loc.text("finding.no_data", model=ctx.model_name(f.model))
        return FindingProps(kind=f.kind, title=text, text=text, scenario=getattr(f, "scenario", None),
                            stated=None, consistent=None, note=None)
    stated = _stated(ctx, facts)
    note = None
    if facts.consistent is False:
        note = ctx.loc.text("finding.stated_disagrees", stated=stated, computed=params["computed"])
    title = ctx.loc.text(f"finding.{f.kind}.title", **params)
    # A scaling finding quotes each side's growth under load when the sweep has it from its lowest point.
    text_id = "finding.scaling.text_at_load" if f.kind == "scaling" and "scaling" not in params else \
        f"finding.{f.kind}.text"
    text = ctx.loc.text(text_id, **params)
    return FindingProps(kind=f.kind, title=title, text=text, scenario=getattr(f, "scenario", None) or (
        f.scenarios[0] if hasattr(f, "scenarios") else None), stated=stated, consistent=facts.consistent, note=note)


def _finding_params(ctx: RenderContext, facts: FindingFacts) -> dict[str, str]:
    """Formatted figures a finding's templates may quote; empty when the data lacks them."""
    f, n, loc = facts.finding, facts.numbers, ctx.loc
    if not n:
        return {}
    label = ctx.scenario_label
    if f.kind == "cost_advantage":
        versus = f.versus or ctx.report.baseline
        costs = [v for v in (ctx.derived.figure(f.model, "cost_per_mtok", s) for s in f.scenarios) if v is not None]
        low, high = loc.number(n["low"] * 100), loc.number(n["high"] * 100)
        span = loc.percent_range(low, high)
        return dict(range=span, scenarios=loc.join([label(s) for s in f.scenarios]), versus=label(versus),
                    cost_range=ctx.value_range(costs, "usd_per_mtok"),
                    versus_value=ctx.format_value(ctx.derived.figure(f.model, "cost_per_mtok", versus), "usd_per_mtok"),
                    model=ctx.model_name(f.model), computed=span)
    if f.kind == "leader":
        items = []
        for metric_id in f.metrics:
            if metric_id in n:
                metric = ctx.derived.catalogs.metrics[metric_id]
                comparison = ctx.derived.comparisons[(f.model, metric_id)]
                quoted = next(b.value for b in comparison.bars if b.scenario == f.scenario)
                items.append(loc.text(f"metric.{metric_id}.best_with_value", value=loc.quantity(
                    n[metric_id], metric.unit, metric.decimals, quoted.approximate)))
        return dict(scenario=label(f.scenario), accelerator=ctx.derived.scenario(f.scenario).accelerator.name,
                    items=loc.join(items), model=ctx.model_name(f.model), computed=loc.join(items))
    if f.kind == "balance":
        versus = f.versus or ctx.report.baseline
        throughput, cost = loc.percent(n["throughput_share"]), loc.percent(n["cost_share"])
        return dict(scenario=label(f.scenario), accelerator=ctx.derived.scenario(f.scenario).accelerator.name,
                    versus=label(versus), versus_accelerator=ctx.derived.scenario(versus).accelerator.name,
                    throughput_share=throughput, cost_share=cost, model=ctx.model_name(f.model),
                    computed=loc.text("finding.balance.pair", throughput_share=throughput, cost_share=cost))
    if f.kind == "scaling":
        unit = ctx.derived.catalogs.metrics["output_throughput"].unit
        ratio = loc.ratio(n["ratio"])
        growth = {}
        if "scaling" in n:
            growth = dict(low_concurrency=loc.number(n["low_concurrency"]), scaling=loc.ratio(n["scaling"]),
                          versus_scaling=loc.ratio(n["versus_scaling"]))
        at_load = [ctx.derived.figures[(f.model, "output_throughput", f.concurrency, s)] for s in (f.scenario, f.versus)]
        return dict(scenario=label(f.scenario), accelerator=ctx.derived.scenario(f.scenario).accelerator.name,
                    versus=label(f.versus), versus_accelerator=ctx.derived.scenario(f.versus).accelerator.name,
                    ratio=ratio, value=loc.quantity(n["value"], unit, approximate=at_load[0].approximate),
                    versus_value=loc.quantity(n["versus_value"], unit, approximate=at_load[1].approximate),
                    concurrency=loc.number(f.concurrency),
                    model=ctx.model_name(f.model), computed=ratio, **growth)
    return {}


def _stated(ctx: RenderContext, facts: FindingFacts) -> str | None:
    """The figure as the report published it."""
    f, loc = facts.finding, ctx.loc
    if f.kind == "cost_advantage" and f.stated is not None:
        return loc.percent_range(loc.number(f.stated.low), loc.number(f.stated.high))
    if f.kind == "balance" and f.stated is not None:
        return loc.text("finding.balance.pair", throughput_share=loc.percent(f.stated.throughput_pct / 100),
                        cost_share=loc.percent(f.stated.cost_pct / 100))
    if f.kind == "scaling" and f.stated_ratio is not None:
        return loc.ratio(f.stated_ratio)
    return None


def recommendation_chart(ctx: RenderContext, component: str = "MLRecommendationChart") -> RecommendationChartProps:
    """Workloads with the scenarios to run them on and why; a rating card per scenario."""
    recs = ctx.report.recommendations
    workloads = [WorkloadProps(workload=ctx.loc.pick(w.workload), scenarios=list(w.scenarios),
                               rationale=rationale(ctx, w)) for w in recs.workloads]
    cards = [ScenarioCardProps(
        scenario=r.scenario,
        complexity=RatingProps(level=r.complexity, label=ctx.loc.text(f"rating.complexity.{r.complexity}"),
                               note=r.complexity_note),
        performance=RatingProps(level=r.performance, label=ctx.loc.text(f"rating.performance.{r.performance}"),
                                note=None),
        cost=RatingProps(level=r.cost, label=ctx.loc.text(f"rating.cost.{r.cost}"), note=None))
        for r in recs.ratings]
    return RecommendationChartProps(
        **ctx.envelope(component, ctx.loc.text("chart.recommendation.title")),
        columns={key: ctx.loc.text(f"recommendation.column.{key}") for key in ("workload", "scenarios", "rationale")},
        workloads=workloads, cards_title=ctx.loc.text("recommendation.cards.title"),
        rating_labels={key: ctx.loc.text(f"rating.{key}") for key in ("complexity", "performance", "cost")},
        cards=cards)


def rationale(ctx: RenderContext, rec: WorkloadRecommendation) -> str:
    """Why a workload goes to its scenarios, quoting the figures behind each reason."""
    model = rec.model or ctx.report.models[0].model
    loc = ctx.loc
    parts = []
    for reason in rec.because:
        if reason in ctx.derived.catalogs.metrics:
            parts.append(_metric_reason(ctx, model, reason, rec.scenarios))
        elif reason == "balance":
            parts.append(_balance_reason(ctx, model, rec.scenarios[0]))
        elif reason == "throughput_under_load":
            parts.append(_load_reason(ctx, model, rec.scenarios[0]))
        elif reason == "memory_per_accelerator":
            f = ctx.derived.scenario(rec.scenarios[0])
            parts.append(loc.text("rationale.memory", per_accelerator=loc.quantity(f.accelerator.memory_gb, "gb"),
                                  total=loc.quantity(f.total_memory_gb.value, "gb")))
    if rec.note is not None:
        parts.append(loc.pick(rec.note))
    return loc.text("format.separator").join(p for p in parts if p)


def _metric_reason(ctx: RenderContext, model: str, metric_id: str, scenarios: list[str]) -> str:
    comparison = ctx.derived.comparisons.get((model, metric_id))
    if comparison is None:
        return ""
    metric = comparison.metric
    values = {b.scenario: b.value for b in comparison.bars}
    quoted = [s for s in scenarios if s in values]
    if len(quoted) == 1 and quoted[0] == comparison.best:
        v = values[quoted[0]]
        return ctx.loc.text(f"metric.{metric_id}.best_with_value",
                            value=ctx.loc.quantity(v.value, metric.unit, metric.decimals, v.approximate))
    listed = ctx.loc.join([ctx.loc.text("format.scenario_value", scenario=s, value=ctx.loc.quantity(
        values[s].value, metric.unit, metric.decimals, values[s].approximate)) for s in quoted])
    return ctx.loc.text("rationale.metric_values", metric=ctx.metric_short(metric_id), values=listed)


def _balance_reason(ctx: RenderContext, model: str, sid: str) -> str:
    base = ctx.report.baseline
    throughput = ctx.derived.values(model, "output_throughput", [sid, base])
    cost = ctx.derived.values(model, "cost_per_mtok", [sid, base])
    if len(throughput) < 2 or len(cost) < 2:
        return ""
    return ctx.loc.text("rationale.balance", throughput_share=ctx.loc.percent(throughput[sid] / throughput[base]),
                        cost_share=ctx.loc.percent(cost[sid] / cost[base]), versus=ctx.scenario_label(base))


def _load_reason(ctx: RenderContext, model: str, sid: str) -> str:
    # The throughput sweep, whichever sweeps come before it (a TTFT sweep says nothing of throughput).
    sweep = next((s for s in ctx.derived.sweeps if s.model == model and s.metric.id == "output_throughput"), None)
    if sweep is None:
        return ""
    peak = sweep.concurrencies[-1]
    values = {line.scenario: line.points[-1][1] for line in sweep.series if line.points[-1][0] == peak}
    if sid not in values:
        return ""
    base = ctx.report.baseline
    share = ctx.loc.percent(values[sid].value / values[base].value) if base in values else \
        ctx.loc.text("relative.none")
    return ctx.loc.text("rationale.throughput_under_load", value=ctx.loc.quantity(
        values[sid].value, sweep.metric.unit, approximate=values[sid].approximate),
        concurrency=ctx.loc.number(peak), share=share, versus=ctx.scenario_label(base))
