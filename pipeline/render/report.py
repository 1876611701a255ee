"""Render one derived report in one locale: props JSON for each component, MDX tables."""

from __future__ import annotations

from typing import Callable

from jinja2 import Environment

from pipeline.models.report import LlmComponent

from pipeline.props.models import Envelope
from pipeline.render.charts import CHART_KINDS, ChartPlanner
from pipeline.render.context import RenderContext, props_json
from pipeline.render.props_findings import findings_chart, recommendation_chart
from pipeline.render.props_metrics import concurrency_chart, cost_chart, metric_chart
from pipeline.render.props_overview import infra_chart, model_spec_chart, overview_chart
from pipeline.render.props_pareto import pareto_chart
from pipeline.render.tables import (
    Table, concurrency_table, cost_tables, metric_tables, render_table, slo_tables, tradeoff_tables,
)
from pipeline.write import merge_outputs


BUILDERS: dict[str, Callable[[RenderContext, LlmComponent], Envelope | None]] = {
    "overview": lambda ctx, c: overview_chart(ctx, c.name),
    "infrastructure": lambda ctx, c: infra_chart(ctx, c.name),
    "model_spec": lambda ctx, c: model_spec_chart(ctx, c.name),
    "metric_bars": lambda ctx, c: metric_chart(ctx, c.name, c.metric),
    "concurrency_sweep": lambda ctx, c: concurrency_chart(ctx, c.name, c.metric),
    "cost": lambda ctx, c: cost_chart(ctx, c.name),
    "pareto": lambda ctx, c: pareto_chart(ctx, c.name),
    "findings": lambda ctx, c: findings_chart(ctx, c.name),
    "recommendations": lambda ctx, c: recommendation_chart(ctx, c.name),
}
"""LLM component kind -> the builder of its props (None when the report lacks its data)."""

TABLES: dict[str, Callable[[RenderContext, Envelope], list[Table]]] = {
    "metric_bars": lambda ctx, props: metric_tables(props),
    "cost": lambda ctx, props: cost_tables(props),
    "concurrency_sweep": lambda ctx, props: [concurrency_table(props, ctx.loc.number)],
    "pareto": lambda ctx, props: slo_tables(props),
}
"""Kinds whose props are also MDX tables -> the tables."""

def render_props(ctx: RenderContext) -> dict[str, Envelope]:
    """Component name -> its props, in the page's order (a component without data is left out)."""
    props = {c.name: BUILDERS[c.kind](ctx, c) for c in ctx.report.page_components}
    return {name: p for name, p in props.items() if p is not None}


def render_report(ctx: RenderContext, env: Environment, charts: ChartPlanner | None = None) -> dict[str, bytes]:
    """Relative output path -> bytes, for one report in one locale; its static charts go to ``charts``."""
    base = f"{ctx.report.id}/{ctx.loc.id}"
    source_file = ctx.derived.document.file
    props = render_props(ctx)
    serialized = {name: props_json(p) for name, p in props.items()}
    components = [c for c in ctx.report.page_components if c.name in props]
    if charts is not None:
        charts.add(base, props, ctx.loc.locale, serialized,
                   wanted=[c.name for c in components if c.kind in CHART_KINDS])
    outputs = [(f"{base}/{name}.json", data) for name, data in serialized.items()]
    tables = [table for c in components if c.kind in TABLES and c.tables for table in TABLES[c.kind](ctx, props[c.name])]
    tables += tradeoff_tables(ctx)
    outputs += [(f"{base}/tables/{table.name}.mdx", render_table(env, table, source_file)) for table in tables]
    merged: dict[str, bytes] = {}
    merge_outputs(merged, outputs, source_file)  # two tables of one name: refused, not overwritten
    return merged
