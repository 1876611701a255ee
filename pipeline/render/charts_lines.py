"""The static chart of a ConcurrencyChart: throughput over concurrency, one line per scenario.

The levels are spaced by their logarithm (1, 2, 4, ... evenly); each line ends in its scenario's id,
nudged apart so none overlap; a table under the axis holds every formatted value and the scaling
from the lowest level to the highest.
"""

from __future__ import annotations

import math

from pipeline.props.models import ConcurrencyChartProps
from pipeline.render.charts_draw import (
    FAINT, GRID, HEADING, INK, LABEL, MUTED, NOTE, VALUE, WIDTH, Layout, draw_header, draw_notes, label_width,
    legend_height, wrap_notes,
)
from pipeline.render.charts_plot import PlotArea, grid, spines, x_ticks, y_label, y_ticks
from pipeline.render.charts_scene import Scene, ems
from pipeline.render.charts_text import wrap

AXES_HEIGHT = 3.0
TABLE_ROW = 0.24


def draw_lines(props: ConcurrencyChartProps, family: str) -> Scene:
    """One line per scenario over the concurrency levels; the values in a table under the axis."""
    labels = {s.id: s for s in props.scenarios}
    note_lines = wrap_notes(list(props.footnotes), family)
    legend = [(labels[s.scenario].label, {"facecolor": labels[s.scenario].color, "edgecolor": "none"})
              for s in props.series]
    rows = len(props.series)

    scaling_width = max(label_width(props.scaling_label, NOTE) * 0.55, 1.05)
    scaling_lines = wrap(props.scaling_label, scaling_width * 72 / NOTE, ems(family))

    layout = Layout()
    header_top = layout.take(1.08 + legend_height(legend))
    layout.take(0.42)
    axes_top = layout.take(AXES_HEIGHT)
    layout.take(0.30)
    x_label_top = layout.take(0.34)
    table_top = layout.take(0.12 + 0.15 * len(scaling_lines) + TABLE_ROW * rows + 0.16)
    notes_top = layout.take(0.1 + 0.17 * len(note_lines) + 0.12)

    scene = Scene(WIDTH, layout.y, family)
    # Room on the left for the table's row labels (bold) before the first column, and for the y ticks and label.
    left = max([label_width(labels[s.scenario].label, NOTE) * 1.08 + 0.75 for s in props.series]
               + [label_width(t.formatted, LABEL) + 0.75 for t in props.ticks])
    plot_width = WIDTH - left - scaling_width - 0.35
    xs = {c: math.log2(c) for c in props.concurrency}
    span = (min(xs.values()), max(xs.values()))
    pad = max((span[1] - span[0]) * 0.04, 0.1)
    area = PlotArea(left, axes_top, plot_width, AXES_HEIGHT, (span[0] - pad, span[1] + pad),
                    (props.ticks[0].value, props.ticks[-1].value))
    _value_table(scene, area, props, labels, xs, table_top, scaling_width, scaling_lines)
    grid(scene, area, GRID, ys=[t.value for t in props.ticks])
    for series in sorted(props.series, key=lambda s: s.scenario == props.best_at_peak):  # the best on top
        color = labels[series.scenario].color
        best = series.scenario == props.best_at_peak
        points = [(area.x(xs[p.concurrency]), area.y(p.value)) for p in series.points]
        scene.line(points, color, 2.6 if best else 1.8, round_joins=True, clip=area.clip())
        for x, y in points:
            scene.circle(x, y, 5 if best else 4, fill=color, stroke=color, stroke_width=1.0, clip=area.clip())
    spines(scene, area, ("bottom",))
    x_ticks(scene, area, [(xs[c], str(c)) for c in props.concurrency], LABEL, MUTED, length=3)
    leftmost = y_ticks(scene, area, [(t.value, t.formatted) for t in props.ticks], LABEL, MUTED, length=0)
    y_label(scene, area, props.y_label, LABEL, MUTED, leftmost, pad=8)
    _end_labels(scene, area, props, labels)
    draw_header(scene, props, props.direction, props.direction_label, header_top, legend)
    scene.text(0.3, axes_top - 0.2, props.heading, HEADING, INK, weight="bold")
    scene.text(left + plot_width / 2, x_label_top + 0.22, props.x_label, LABEL, MUTED, ha="center")
    draw_notes(scene, note_lines, notes_top)
    return scene


def _end_labels(scene: Scene, area: PlotArea, props: ConcurrencyChartProps, labels: dict) -> None:
    """The scenario id at the end of each line, nudged apart so none overlap, and the best marker."""
    low, high = props.ticks[0].value, props.ticks[-1].value
    points_per_unit = AXES_HEIGHT * 72 / (high - low)
    placed: list[float] = []
    for series in sorted(props.series, key=lambda s: s.points[-1].value):
        end = series.points[-1]
        y = max(end.value, placed[-1] + 12 / points_per_unit) if placed else end.value
        placed.append(y)
        text = series.scenario + (f"  ★ {props.best_label}" if series.scenario == props.best_at_peak else "")
        scene.text(area.x(math.log2(end.concurrency)) + 8 / 72, area.y(y), text, VALUE,
                   labels[series.scenario].color, weight="bold", va="center")


def _value_table(scene: Scene, area: PlotArea, props: ConcurrencyChartProps, labels: dict, xs: dict[int, float],
                 top: float, scaling_width: float, header: list[str]) -> None:
    """Every formatted value, in a row per scenario aligned under its concurrency level, and the scaling
    (its column headed by ``header``, the scaling label's lines)."""
    scaling_x = WIDTH - 0.4 - scaling_width / 2
    rows_top = top + 0.12 + 0.15 * len(header)
    scene.rect(0.3, rows_top, WIDTH - 0.6, TABLE_ROW * len(props.series) + 0.08, fill="#f9fafb", stroke=GRID,
               stroke_width=0.6)
    for line_no, line in enumerate(header):
        scene.text(scaling_x, top + 0.14 + line_no * 0.15, line, NOTE, FAINT, ha="center")
    for index, series in enumerate(props.series):
        y = rows_top + 0.22 + index * TABLE_ROW
        scene.text(0.4, y, labels[series.scenario].label, NOTE, labels[series.scenario].color, weight="bold")
        for point in series.points:
            scene.text(area.x(xs[point.concurrency]), y, point.formatted, NOTE, INK, ha="center")
        scene.text(scaling_x, y, series.scaling.formatted, NOTE, INK, ha="center", weight="bold")
