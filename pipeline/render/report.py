"""Render one derived report in one locale: props JSON for each component, MDX tables."""

from __future__ import annotations

from jinja2 import Environment

from pipeline.props.models import Envelope
from pipeline.render.charts import ChartPlanner
from pipeline.render.context import RenderContext, to_json_bytes
from pipeline.render.props_findings import findings_chart, recommendation_chart
from pipeline.render.props_metrics import METRIC_COMPONENTS, concurrency_chart, cost_chart, metric_chart
from pipeline.render.props_overview import infra_chart, model_spec_chart, overview_chart
from pipeline.render.props_pareto import pareto_chart
from pipeline.render.tables import (
    concurrency_table, cost_tables, metric_tables, render_table, slo_tables, tradeoff_tables,
)
from pipeline.write import merge_outputs


def render_props(ctx: RenderContext) -> dict[str, Envelope]:
    """Component name -> its props, in the page's order."""
    props: dict[str, Envelope | None] = {
        "MLOverviewChart": overview_chart(ctx),
        "InfraComparisonChart": infra_chart(ctx),
        "ModelSpecChart": model_spec_chart(ctx),
        **{name: metric_chart(ctx, name) for name in METRIC_COMPONENTS},
        "ConcurrencyChart": concurrency_chart(ctx),
        "CostPerTokenChart": cost_chart(ctx),
        "ParetoChart": pareto_chart(ctx),
        "KeyFindingsMLChart": findings_chart(ctx),
        "MLRecommendationChart": recommendation_chart(ctx),
    }
    return {name: p for name, p in props.items() if p is not None}


def render_report(ctx: RenderContext, env: Environment, charts: ChartPlanner | None = None) -> dict[str, bytes]:
    """Relative output path -> bytes, for one report in one locale; its static charts go to ``charts``."""
    base = f"{ctx.report.id}/{ctx.loc.id}"
    source_file = ctx.derived.document.file
    props = render_props(ctx)
    serialized = {name: to_json_bytes(p.model_dump(mode="json")) for name, p in props.items()}
    if charts is not None:
        charts.add(base, props, ctx.loc.locale, serialized)
    outputs = [(f"{base}/{name}.json", data) for name, data in serialized.items()]
    tables = []
    for name in METRIC_COMPONENTS:
        if name in props:  # a builder declines when its metric has no figures
            tables += metric_tables(props[name])
    if "CostPerTokenChart" in props:
        tables += cost_tables(props["CostPerTokenChart"])
    if "ConcurrencyChart" in props:
        tables.append(concurrency_table(props["ConcurrencyChart"], ctx.loc.number))
    if "ParetoChart" in props:
        tables += slo_tables(props["ParetoChart"])
    tables += tradeoff_tables(ctx)
    outputs += [(f"{base}/tables/{table.name}.mdx", render_table(env, table, source_file)) for table in tables]
    merged: dict[str, bytes] = {}
    merge_outputs(merged, outputs, source_file)  # two tables of one name: refused, not overwritten
    return merged
