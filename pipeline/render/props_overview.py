"""Props of the descriptive components: overview, infrastructure, model specifications."""

from __future__ import annotations

from decimal import Decimal

from pipeline.derive.report import Value
from pipeline.props.models import (
    HighlightProps, InfraChartProps, InfraRowProps, LabelValueProps, ModelColumnProps, ModelSpecChartProps,
    OverviewChartProps, SpecCellProps, SpecRowProps,
)
from pipeline.render.context import RenderContext

HIGHLIGHT_METRICS = ("ttft", "output_throughput", "cost_per_mtok")
"""Metrics the overview shows the best scenario of, in order."""


def overview_chart(ctx: RenderContext, component: str = "MLOverviewChart") -> OverviewChartProps:
    """Best scenario per headline metric of the first model, and a one-sentence summary."""
    model = ctx.report.models[0].model
    highlights = []
    for metric_id in HIGHLIGHT_METRICS:
        comparison = ctx.derived.comparisons.get((model, metric_id))
        if comparison is None:
            continue
        bar = next(b for b in comparison.bars if b.scenario == comparison.best)
        highlights.append(HighlightProps(
            metric=metric_id, label=ctx.metric_name(metric_id), scenario=bar.scenario,
            formatted=ctx.loc.quantity(bar.value.value, comparison.metric.unit, comparison.metric.decimals,
                                       bar.value.approximate),
            caption=ctx.loc.text(f"metric.{metric_id}.best"),
            provenance=ctx.provenance(bar.value, comparison.metric.unit, ctx.cost_context())))
    return OverviewChartProps(**ctx.envelope(component, ctx.loc.text("chart.overview.title")),
                              summary=summary(ctx, model), model=model, highlights=highlights)


def summary(ctx: RenderContext, model: str) -> str:
    """One sentence from the data: fastest, highest throughput, cheapest against the baseline."""
    best = {k[1]: c for k, c in ctx.derived.comparisons.items() if k[0] == model}
    if not {"ttft", "output_throughput", "cost_per_mtok"} <= best.keys():
        return ctx.loc.text("overview.summary.short", model=ctx.model_name(model),
                            scenarios=ctx.loc.number(len(ctx.derived.scenarios)))

    def shown(metric_id: str) -> tuple[str, str, Value]:
        comparison = best[metric_id]
        bar = next(b for b in comparison.bars if b.scenario == comparison.best)
        return bar.scenario, ctx.loc.quantity(bar.value.value, comparison.metric.unit, comparison.metric.decimals,
                                              bar.value.approximate), bar

    fastest, ttft, _ = shown("ttft")
    top, throughput, _ = shown("output_throughput")
    cheapest, cost, cost_bar = shown("cost_per_mtok")
    # Two clauses, each a template of its own: which one depends on the data, not on the language.
    leaders = ctx.loc.text("overview.summary.same_leader" if fastest == top else "overview.summary.leaders",
                           fastest=ctx.scenario_label(fastest), ttft=ttft, top=ctx.scenario_label(top),
                           throughput=throughput)
    if cost_bar.relative is None and not cost_bar.is_baseline:
        return ctx.loc.text("overview.summary.short", model=ctx.model_name(model),
                            scenarios=ctx.loc.number(len(ctx.derived.scenarios)))  # no baseline cost to compare
    if cost_bar.relative is None:
        cost_clause = ctx.loc.text("overview.summary.cost_baseline", cheapest=ctx.scenario_label(cheapest), cost=cost)
    else:
        cost_clause = ctx.loc.text("overview.summary.cost", cheapest=ctx.scenario_label(cheapest), cost=cost,
                                   saving=ctx.loc.percent(-cost_bar.relative.value),
                                   baseline=ctx.scenario_label(ctx.report.baseline))
    return ctx.loc.text("overview.summary", model=ctx.model_name(model), leaders=leaders, cost=cost_clause)


def infra_chart(ctx: RenderContext, component: str = "InfraComparisonChart") -> InfraChartProps:
    """Each scenario's instance, accelerators, memory, network and price."""
    rows = []
    for f in ctx.derived.scenarios:
        acc, inst = f.accelerator, f.instance
        per_chip = Value(acc.memory_gb, "estimated", source=acc.source)
        network = Value(inst.network_gbps, "estimated", source=inst.source)
        interconnect = inst.interconnect.name if inst.interconnect.bandwidth_gb_s is None else ctx.loc.text(
            "infra.interconnect_with_bandwidth", name=inst.interconnect.name,
            bandwidth=_as_written(ctx, inst.interconnect.bandwidth_gb_s, "gb_s"))
        rows.append(InfraRowProps(
            scenario=f.scenario.id, instance=inst.id,
            accelerators=ctx.loc.text("infra.accelerators", count=ctx.loc.number(inst.accelerator_count),
                                      vendor=acc.vendor, name=acc.name),
            accelerator_count=inst.accelerator_count, accelerator_kind=acc.kind,
            memory_per_accelerator=ctx.figure(per_chip, "", formatted=_as_written(ctx, acc.memory_gb, "gb")),
            memory_type=acc.memory_type,
            total_memory=ctx.figure(f.total_memory_gb, "", formatted=ctx.loc.quantity(f.total_memory_gb.value, "gb")),
            memory_bandwidth=ctx.figure(f.memory_bandwidth_tb_s, "", formatted=_as_written(
                ctx, acc.memory_bandwidth_tb_s, "tb_s")),
            network=ctx.figure(network, "", formatted=_as_written(ctx, inst.network_gbps, "gbps")),
            interconnect=interconnect,
            hourly_price=ctx.figure(f.price, "usd"),
            price_per_accelerator_hour=ctx.figure(f.price_per_accelerator_hour, "usd"),
            role=ctx.loc.pick(f.scenario.role)))
    columns = {key: ctx.loc.text(f"infra.column.{key}") for key in (
        "scenario", "instance", "accelerators", "memory_per_accelerator", "memory_type", "total_memory",
        "memory_bandwidth", "network", "interconnect", "hourly_price", "price_per_accelerator_hour", "role")}
    return InfraChartProps(**ctx.envelope(component, ctx.loc.text("chart.infra.title")), columns=columns,
                           rows=rows, environment_title=ctx.loc.text("infra.environment.title"),
                           environment=environment(ctx))


def _decimals(value: float) -> int:
    """Fraction digits a catalogue figure was written with (3.35 -> 2, 1.555 -> 3, 12.5 -> 1, 1e-06 -> 6).

    Read from the shortest text that gives the float back, which Python writes in scientific
    notation below 1e-4 and from 1e16; Decimal reads both forms.
    """
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _as_written(ctx: RenderContext, value: float, unit: str) -> str:
    """A catalogue figure with its unit, to the digits the catalogue gives (12.5 Gbps, not 13 Gbps)."""
    return ctx.loc.quantity(value, unit, decimals=_decimals(value))


def environment(ctx: RenderContext) -> list[LabelValueProps]:
    """The test environment as label/value pairs."""
    method = ctx.report.method
    items = [LabelValueProps(label=ctx.loc.text("environment.region"), value=method.region if method.placement is None
                             else ctx.loc.text("format.with_note", value=method.region,
                                               note=ctx.loc.pick(method.placement)))]
    for sw in method.software:
        notes = []
        if sw.note is not None:
            notes.append(ctx.loc.pick(sw.note))
        if sw.scenarios:
            notes.append(ctx.loc.text("environment.scenarios", scenarios=ctx.loc.join(sw.scenarios)))
        value = sw.version if not notes else ctx.loc.text("format.with_note", value=sw.version,
                                                           note=ctx.loc.text("format.separator").join(notes))
        items.append(LabelValueProps(label=sw.name, value=value))
    items.append(LabelValueProps(label=ctx.loc.text("environment.precision"),
                                 value=ctx.loc.text(f"precision.{method.precision}")))
    items.append(LabelValueProps(label=ctx.loc.text("environment.workload"), value=ctx.loc.text(
        "environment.workload.value", input=ctx.loc.number(method.workload.input_tokens),
        output=ctx.loc.number(method.workload.output_tokens))))
    items.append(LabelValueProps(label=ctx.loc.text("environment.method"), value=ctx.loc.plural(
        f"environment.method.{method.statistic}", method.runs_per_point, runs=ctx.loc.number(method.runs_per_point))))
    items.append(LabelValueProps(label=ctx.loc.text("environment.basis"),
                                 value=ctx.loc.text(f"environment.basis.{method.basis}")))
    return items


def model_spec_chart(ctx: RenderContext, component: str = "ModelSpecChart") -> ModelSpecChartProps:
    """The report's models side by side."""
    facts = [ctx.derived.model(e.model) for e in ctx.report.models]
    dash = ctx.loc.text("label.not_available")
    rows: list[SpecRowProps] = []

    def row(key: str, cells: list[SpecCellProps]) -> None:
        rows.append(SpecRowProps(key=key, label=ctx.loc.text(f"model.row.{key}"), cells=cells))

    def text_cell(text: str | None, value: Value | None = None) -> SpecCellProps:
        return SpecCellProps(formatted=text if text is not None else dash,
                             provenance=ctx.provenance(value) if value is not None else None)

    billions = lambda v: ctx.loc.text("format.billions", value=ctx.loc.number(v, _decimals(v)))  # noqa: E731
    row("parameters_total", [text_cell(billions(f.model.parameters_total_b)) for f in facts])
    row("parameters_active", [text_cell(ctx.loc.text("model.active_per_token", value=billions(
        f.model.parameters_active_b))) for f in facts])
    row("architecture", [text_cell(_architecture(ctx, f.model)) for f in facts])
    row("active_experts", [text_cell(ctx.loc.text("model.experts_per_token", count=ctx.loc.number(
        f.model.experts.active_per_token)) if f.model.experts else None) for f in facts])
    row("context", [text_cell(ctx.loc.text("unit.tokens.value", value=ctx.loc.compact(f.context_tokens.value)),
                              f.context_tokens) for f in facts])
    row("dimensions", [text_cell(" / ".join(ctx.loc.number(v) for v in (
        f.model.hidden_dim, f.model.layers, f.model.attention_heads, f.model.kv_heads))
        if None not in (f.model.hidden_dim, f.model.layers, f.model.attention_heads, f.model.kv_heads) else None)
        for f in facts])
    row("position_encoding", [text_cell(f.model.position_encoding) for f in facts])
    for precision in ("bf16", "fp8"):
        row(f"weights_{precision}", [text_cell(ctx.loc.quantity(f.weights_gb[precision].value, "gb"),
                                               f.weights_gb[precision]) for f in facts])
    row("minimum_hardware", [text_cell(_footprint(ctx, f.entry.minimum_hardware), _stated_footprint(ctx, f))
                             for f in facts])
    row("serving_context", [text_cell(_serving_context(ctx, f.entry.serving_context)) for f in facts])
    row("fp8_checkpoint", [text_cell(ctx.loc.text("label.yes" if f.model.fp8_checkpoint else "label.no"))
                           for f in facts])
    return ModelSpecChartProps(
        **ctx.envelope(component, ctx.loc.text("chart.model_spec.title")),
        models=[ModelColumnProps(id=f.model.id, name=f.model.name) for f in facts],
        property_label=ctx.loc.text("model.column.property"), rows=rows)


def _architecture(ctx: RenderContext, model) -> str:
    if model.architecture == "dense" or model.experts is None:
        return ctx.loc.text("model.architecture.dense")
    return ctx.loc.text("model.architecture.moe", routed=ctx.loc.number(model.experts.routed),
                        shared=ctx.loc.number(model.experts.shared))


def _footprint(ctx: RenderContext, deployment) -> str | None:
    if deployment is None:
        return None
    acc = ctx.derived.catalogs.accelerators[deployment.accelerator]
    return ctx.loc.text("model.footprint", count=ctx.loc.number(deployment.count), name=acc.name,
                        memory=ctx.loc.quantity(acc.memory_gb, "gb"),
                        precision=ctx.loc.text(f"precision.{deployment.precision}"))


def _stated_footprint(ctx: RenderContext, facts) -> Value | None:
    """The report's minimum footprint as a figure, so its provenance carries the lint findings about it."""
    return facts.minimum_hardware


def _serving_context(ctx: RenderContext, serving) -> str | None:
    if serving is None:
        return None
    acc = ctx.derived.catalogs.accelerators[serving.accelerator]
    tokens = ctx.loc.compact(serving.max_context_tokens)
    return ctx.loc.text("model.serving_context", tokens=ctx.loc.approx(tokens) if serving.approximate else tokens,
                        count=ctx.loc.number(serving.count), name=acc.name, engine=serving.engine)
