"""Render a benchmark report in one locale: the props of each declared component, its MDX tables.

Each component kind has one builder (``BUILDERS``); a report lists its components by name and
kind, so a new component of an existing kind needs a declaration in the data, not code.
"""

from __future__ import annotations

from typing import Callable

from jinja2 import Environment

from pipeline.props.general import GeneralEnvelope
from pipeline.render.charts import ChartPlanner
from pipeline.render.context import props_json
from pipeline.write import merge_outputs
from pipeline.render.general import bars, cards, tables
from pipeline.render.general.context import GeneralContext
from pipeline.render.tables import render_table

BUILDERS: dict[str, Callable[[GeneralContext, object], GeneralEnvelope]] = {
    "bars": bars.bars,
    "grouped_bars": bars.grouped_bars,
    "lines": bars.lines,
    "value_table": tables.value_table,
    "kpi_cards": cards.kpi_cards,
    "text_cards": cards.text_cards,
    "matrix": tables.matrix,
    "findings": cards.findings,
    "recommendations": cards.recommendations,
}
"""Component kind -> the builder of its props."""

CHART_KINDS = ("bars", "grouped_bars", "lines")
"""Kinds that can also be drawn as static charts."""


def render_props(ctx: GeneralContext) -> dict[str, GeneralEnvelope]:
    """Component name -> its props, in page order."""
    return {c.name: BUILDERS[c.kind](ctx, c) for c in ctx.report.components}


def render_benchmark(ctx: GeneralContext, env: Environment, charts: ChartPlanner | None = None) -> dict[str, bytes]:
    """Relative output path -> bytes for one report in one locale; static charts go to ``charts``."""
    base = f"{ctx.report.id}/{ctx.loc.id}"
    props = render_props(ctx)
    serialized = {name: props_json(p) for name, p in props.items()}
    outputs = {f"{base}/{name}.json": data for name, data in serialized.items()}
    if charts is not None:
        drawn = [c.name for c in ctx.report.components if c.kind in CHART_KINDS and c.chart]
        charts.add(base, props, ctx.loc.locale, serialized, wanted=drawn)
    source_file = ctx.derived.document.file
    # Validate refuses two tables of one id (E042); a repeated path is still refused, never overwritten.
    merge_outputs(outputs, ((f"{base}/tables/{t.name}.mdx", render_table(env, t, source_file))
                            for t in mdx_tables(ctx, props)), source_file)
    return outputs


def mdx_tables(ctx: GeneralContext, props: dict[str, GeneralEnvelope]) -> list:
    """The report's table partials, then the components asked to be tables too."""
    found = []
    for spec in ctx.report.tables:
        notes = ([ctx.loc.pick(spec.title)] if spec.title else []) + [ctx.loc.pick(n) for n in spec.notes]
        if spec.kind == "matrix":
            found.append(tables.mdx_matrix(spec.id, tables.matrix_body(ctx, spec), notes))
        else:
            found.append(tables.mdx_value_table(spec.id, tables.value_table_body(ctx, spec), notes))
    for component in ctx.report.components:
        if getattr(component, "table", False):
            notes = [ctx.loc.pick(n) for n in component.notes]
            if component.kind == "matrix":
                found.append(tables.mdx_matrix(component.name, tables.matrix_body(ctx, component), notes))
            else:
                body = props[component.name]
                found.append(tables.mdx_value_table(component.name, dict(
                    row_heading=body.row_heading, columns=body.columns, rows=body.rows), notes))
    return found
