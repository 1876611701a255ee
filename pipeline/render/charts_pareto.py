"""The static chart of a ParetoChart: throughput per instance against per-user speed, per scenario.

Every load of a scenario is a point; its Pareto front is the line through the loads no other load
beats on both axes; the highest load meeting the report's SLO is ringed. Both axes start at zero.
"""

from __future__ import annotations

import math

from pipeline.props.models import ParetoChartProps
from pipeline.render.charts_draw import (
    FAINT, GRID, HEADING, INK, LABEL, MUTED, NOTE, SUBTITLE, TITLE, WIDTH, line_ems, title_block, wrap_notes,
)
from pipeline.render.charts_plot import (
    PlotArea, auto_ticks, grid, line_legend, line_legend_room, plain_labels, spines, x_ticks, y_label, y_ticks,
)
from pipeline.render.charts_scene import Scene, ems
from pipeline.render.charts_text import wrap

AXES = 3.6
"""Height of the plot in inches."""
LEFT, RIGHT = 1.0, 1.9
"""Room for the y ticks and label, and (at least) for the legend right of the plot, in inches."""
LABEL_PAD = 4.0
"""Points between an axis's tick labels and its label."""


def _diameter(area: float) -> float:
    """A scatter marker's diameter in points, from its area in square points (matplotlib's ``s``)."""
    return math.sqrt(area)


def draw_pareto(props: ParetoChartProps, family: str) -> Scene:
    """Points per load, the front per scenario, the SLO points ringed; the legend names each scenario."""
    # Lines of 7.4 inches of text at 15, 10 and 8 points, measured in the chart's font.
    title = wrap(props.title, line_ems(TITLE), ems(family, "bold"))
    description = wrap(props.description, line_ems(SUBTITLE), ems(family))
    notes = wrap_notes(([props.slo.statement] if props.slo else []) + props.footnotes, family)
    head = 0.25 + 0.3 * len(title) + 0.22 * len(description) + 0.45
    foot = 0.75 + 0.17 * len(notes) + 0.1
    scene = Scene(WIDTH, head + AXES + foot, family)
    y = title_block(scene, title, description)
    scene.text(0.3, y + 0.1, props.heading, HEADING, INK, weight="bold", va="top")

    scenarios = {s.id: s for s in props.scenarios}
    slo = {p.scenario: p for p in props.slo.points} if props.slo else {}
    top_x = max([0.0] + [p.per_user.value for s in props.series for p in s.points])
    top_y = max([0.0] + [p.throughput.value for s in props.series for p in s.points])
    right = max(RIGHT, line_legend_room(scene, [scenarios[s.scenario].label for s in props.series], NOTE))
    area = PlotArea(LEFT, head, WIDTH - LEFT - right, AXES, (0, top_x * 1.08 or 1), (0, top_y * 1.08 or 1))
    x_marks = plain_labels(auto_ticks(area.x_range[1], area.width, NOTE, True), props.digits)
    y_marks = plain_labels(auto_ticks(area.y_range[1], area.height, NOTE, False), props.digits)
    grid(scene, area, GRID, xs=[t for t, _ in x_marks], ys=[t for t, _ in y_marks])
    at = area.clip()
    fronts, rings, legend = [], [], []
    for series in props.series:
        color, label = scenarios[series.scenario].color, scenarios[series.scenario].label
        points = {p.concurrency: p for p in series.points}
        for p in series.points:
            scene.circle(area.x(p.per_user.value), area.y(p.throughput.value), _diameter(14), fill=color, alpha=0.45,
                         clip=at)
        front = [points[c] for c in series.front if c in points]
        fronts.append(([(area.x(p.per_user.value), area.y(p.throughput.value)) for p in front], color))
        legend.append((label, {"color": color, "linewidth": 2.0, "markersize": 4.0}))
        scene.texts.append(label)
        met = slo.get(series.scenario)
        if met is not None and met.status == "measured" and met.concurrency is not None:
            ringed = points.get(int(met.concurrency.value))
            if ringed is not None:
                rings.append((area.x(ringed.per_user.value), area.y(ringed.throughput.value), color))
    for line, color in fronts:  # above every scenario's points, as their zorder had it
        if line:
            scene.line(line, color, 2.0, round_joins=True, clip=at)
        for x, y in line:
            scene.circle(x, y, 4.0, fill=color, stroke=color, stroke_width=1.0, clip=at)
    for x, y, color in rings:
        scene.circle(x, y, _diameter(110), stroke=color, stroke_width=1.6, clip=at)
    spines(scene, area, ("left", "bottom"))
    lowest = x_ticks(scene, area, x_marks, NOTE, MUTED)
    leftmost = y_ticks(scene, area, y_marks, NOTE, MUTED)
    scene.text(area.left + area.width / 2, lowest + LABEL_PAD / 72, props.x_label, LABEL, MUTED, ha="center", va="top")
    y_label(scene, area, props.y_label, LABEL, MUTED, leftmost, pad=LABEL_PAD)
    if props.series:
        line_legend(scene, legend, area, NOTE)
    y = head + AXES + 0.75
    for line in notes:
        scene.text(0.3, y, line, NOTE, FAINT, va="top")
        y += 0.17
    return scene
