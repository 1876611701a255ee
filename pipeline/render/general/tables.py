"""Builders of the table kinds (figures across columns; matrices of marks and texts) and their MDX form."""

from __future__ import annotations

from pipeline.models.components import Matrix, MatrixParams, ValueTableParams
from pipeline.props.general import (
    MatrixCellProps, MatrixProps, MatrixRowProps, TableCellProps, TableColumnProps, TableRowProps, ValueTableProps,
)
from pipeline.render.general.bars import best_of, compare
from pipeline.render.general.context import GeneralContext
from pipeline.render.tables import Column as MdxColumn, Table as MdxTable


def value_table_body(ctx: GeneralContext, spec: ValueTableParams) -> dict:
    """Columns and rows of a value table (shared by the component and the table partial)."""
    columns = spec.columns
    if columns is None:
        from pipeline.models.components import Column

        columns = [Column(id=s.id, scenario=s.id) for s in ctx.report.scenarios]
    heads = []
    for column in columns:
        if column.label is not None:
            label = ctx.loc.pick(column.label)
        elif column.change is not None:
            label = ctx.loc.text(f"table.column.{column.measure}")
        else:
            label = ctx.scenario_label(column.scenario)
            if column.at:
                label = ctx.loc.text("general.scenario_at", scenario=label, at=ctx.at_label(column.at))
        heads.append(TableColumnProps(id=column.id, label=label,
                                      kind="change" if column.change is not None else "figure"))
    rows = []
    for row in spec.rows:
        if row.texts is not None:
            cells = [TableCellProps(text=ctx.loc.pick(t), figure=None, change=None, best=False) for t in row.texts]
            rows.append(TableRowProps(label=ctx.selection_label(row.metric, row.statistic, row.at, row.label),
                                      metric=None, cells=cells))
            continue
        figures = {}
        for column in columns:
            if column.change is None:
                figures[column.id] = ctx.derived.figure(row.metric, column.scenario, row.statistic,
                                                        {**row.at, **column.at})
        view = ctx.derived.metrics[row.metric]
        best = best_of(list(figures.values()), view.lower_is_better) if spec.best else None
        cells = []
        for column in columns:
            if column.change is not None:
                start, end = (figures[c] for c in column.change)
                change = ctx.change(compare(column.id, row.measure or column.measure, start, end))
                cells.append(TableCellProps(text=change.formatted, figure=None, change=change, best=False))
            else:
                value = ctx.value(figures[column.id])
                cells.append(TableCellProps(text=value.formatted, figure=value, change=None,
                                            best=figures[column.id] is best))
        rows.append(TableRowProps(label=ctx.selection_label(row.metric, row.statistic, row.at, row.label),
                                  metric=row.metric, cells=cells))
    return dict(columns=heads, row_heading=ctx.loc.text("table.column.metric"), rows=rows)


def value_table(ctx: GeneralContext, component) -> ValueTableProps:
    """Props of a ``value_table`` component."""
    return ValueTableProps(**ctx.envelope(component), **value_table_body(ctx, component))


def matrix_body(ctx: GeneralContext, spec: MatrixParams) -> dict:
    """Columns and rows of a matrix (shared by the component and the table partial)."""
    rows, plain = [], []
    for row in spec.rows:
        cells, words = [], []
        for cell in row.cells:
            mark_label = ctx.loc.text(f"mark.{cell.mark}") if cell.mark else None
            quoted = {f"figure{k + 1}": cell_figure(ctx, f) for k, f in enumerate(cell.figures)}
            text = ctx.loc.pick(cell.text, **quoted) if cell.text else (mark_label or "")
            cells.append(MatrixCellProps(mark=cell.mark, mark_label=mark_label, text=text))
            # In a table without icons a mark and a text read together: "Not supported: ENA driver".
            words.append(ctx.loc.text("format.labelled", label=mark_label, text=text)
                         if mark_label and cell.text else text)
        rows.append(MatrixRowProps(label=ctx.loc.pick(row.label), cells=cells, highlight=row.highlight))
        plain.append([rows[-1].label] + words)
    return dict(row_heading=ctx.loc.text("table.column.item"),
                columns=[ctx.loc.pick(c) for c in spec.columns], rows=rows, plain_rows=plain)


def cell_figure(ctx: GeneralContext, spec) -> str:
    """The formatted figure a cell quotes: a comparison, one scenario's figure, or a range over scenarios."""
    if spec.comparison is not None:
        return ctx.change(ctx.derived.comparisons[spec.comparison]).formatted
    if spec.scenario is not None:
        return ctx.value(ctx.derived.figure(spec.metric, spec.scenario, spec.statistic, spec.at)).formatted
    figures = [ctx.derived.figure(spec.metric, s, spec.statistic, spec.at)
               for s in ctx.derived.scenario_ids(spec.scenarios)]
    known = sorted((f for f in figures if f.number is not None), key=lambda f: f.number)
    if not known:
        return ctx.not_measured()
    low, high = ctx.value(known[0]), ctx.value(known[-1])
    return ctx.loc.range(low.number, high.formatted) if low.formatted != high.formatted else low.formatted


def matrix(ctx: GeneralContext, component: Matrix) -> MatrixProps:
    """Props of a ``matrix`` component."""
    body = matrix_body(ctx, component)
    body.pop("plain_rows")
    return MatrixProps(**ctx.envelope(component), **body)


def mdx_value_table(name: str, body: dict, notes: list[str]) -> MdxTable:
    """A value table as an MDX partial: the row heading, then a column per figure or change."""
    columns = [MdxColumn(body["row_heading"])] + [MdxColumn(c.label, True) for c in body["columns"]]
    # The row heading names the unit, so figure cells show the number alone (as the page's tables do).
    rows = [[row.label] + [cell.figure.number if cell.figure is not None else cell.text for cell in row.cells]
            for row in body["rows"]]
    return MdxTable(name, columns, rows, notes)


def mdx_matrix(name: str, body: dict, notes: list[str]) -> MdxTable:
    """A matrix as an MDX partial: marks in words, so the table reads without icons."""
    columns = [MdxColumn(body["row_heading"])] + [MdxColumn(c) for c in body["columns"]]
    return MdxTable(name, columns, body["plain_rows"], notes)
