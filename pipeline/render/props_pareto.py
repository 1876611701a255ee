"""Props of the ParetoChart: each scenario's loads on the throughput / per-user speed plane, its front,
and the highest load meeting the report's SLO with its cost."""

from __future__ import annotations

from pipeline.derive.operating import OperatingPoints, SloPoint
from pipeline.derive.report import Value
from pipeline.props.models import FigureProps, FrontPointProps, FrontSeriesProps, ParetoChartProps, SloPointProps, SloProps
from pipeline.render.context import RenderContext, digits_props
from pipeline.render.props_metrics import model_heading


def pareto_chart(ctx: RenderContext, component: str = "ParetoChart") -> ParetoChartProps | None:
    """The first model's operating points; None when no scenario has two loads with throughput and ITL."""
    if not ctx.derived.operating:
        return None
    points = ctx.derived.operating[0]
    rate = ctx.loc.unit_label("tokens/s")
    series = []
    for front in points.fronts:
        shown = [FrontPointProps(
            concurrency=p.concurrency, per_user=ctx.figure(p.per_user, "tokens/s"),
            throughput=ctx.figure(p.throughput, "tokens/s"), per_accelerator=ctx.figure(p.per_accelerator, "tokens/s"),
            on_front=p.on_front) for p in front.points]
        on_front = sorted((p for p in front.points if p.on_front), key=lambda p: (p.per_user.value, p.concurrency))
        series.append(FrontSeriesProps(scenario=front.scenario, points=shown, front=[p.concurrency for p in on_front]))
    return ParetoChartProps(
        **ctx.envelope(component, ctx.loc.text("chart.pareto.title")),
        description=ctx.loc.text("chart.pareto.description"), model=points.model,
        heading=model_heading(ctx, points.model),
        x_label=ctx.loc.text("axis.per_user", unit=rate), y_label=ctx.loc.text("axis.throughput_per_instance", unit=rate),
        per_accelerator_label=ctx.loc.text("axis.throughput_per_accelerator", unit=rate),
        front_label=ctx.loc.text("label.pareto_front"), series=series, slo=slo_props(ctx, points),
        digits=digits_props(ctx.loc))


def slo_props(ctx: RenderContext, points: OperatingPoints) -> SloProps | None:
    """The SLO, its method, and one row per scenario."""
    slo = points.slo
    if slo is None:
        return None
    ttft_stat, itl_stat = (ctx.loc.text(f"statistic.{s}") for s in (slo.ttft_statistic, slo.itl_statistic))
    columns = {
        "scenario": ctx.loc.text("column.scenario"),
        "concurrency": ctx.loc.text("column.concurrency"),
        "throughput": ctx.loc.text("column.throughput"),
        "per_accelerator": ctx.loc.text("column.throughput_per_accelerator"),
        "ttft": ctx.loc.text("column.latency_at", metric=ctx.metric_short("ttft"), statistic=ttft_stat),
        "itl": ctx.loc.text("column.latency_at", metric=ctx.metric_short("itl"), statistic=itl_stat),
        "cost": ctx.loc.unit_label("usd_per_mtok"),
        "status": ctx.loc.text("column.slo_status"),
    }
    return SloProps(
        title=ctx.loc.text("slo.title"),
        statement=ctx.loc.text("slo.statement", ttft_statistic=ttft_stat, itl_statistic=itl_stat,
                               ttft=ctx.loc.number(slo.ttft_ms, _digits(slo.ttft_ms)),
                               itl=ctx.loc.number(slo.itl_ms, _digits(slo.itl_ms))),
        ttft_ms=slo.ttft_ms, ttft_statistic=slo.ttft_statistic, itl_ms=slo.itl_ms, itl_statistic=slo.itl_statistic,
        interpolation=slo.interpolation, method=ctx.loc.text(f"slo.method.{slo.interpolation}"), columns=columns,
        points=[_slo_point(ctx, p) for p in points.slo_points])


def _digits(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _slo_point(ctx: RenderContext, point: SloPoint) -> SloPointProps:
    def shown(value: Value | None, unit: str) -> FigureProps | None:
        return ctx.figure(value, unit) if value is not None else None

    status = ctx.loc.text(f"slo.status.{point.status}")
    if point.status in ("measured", "interpolated"):
        status = ctx.loc.text("format.with_note", value=status,
                              note=ctx.loc.text(f"slo.limited.{point.limited_by or 'none'}"))
    elif point.status == "none":
        status = ctx.loc.text("format.with_note", value=status, note=ctx.loc.text(f"slo.limited.{point.limited_by}"))
    return SloPointProps(
        scenario=point.scenario, status=point.status, status_label=status, limited_by=point.limited_by,
        concurrency=shown(point.concurrency, ""), throughput=shown(point.throughput, "tokens/s"),
        per_accelerator=shown(point.per_accelerator, "tokens/s"), ttft=shown(point.ttft, "ms"),
        itl=shown(point.itl, "ms"), cost=shown(point.cost, "usd_per_mtok"))
