"""The static chart of a ParetoChart: throughput per instance against per-user speed, per scenario.

Every load of a scenario is a point; its Pareto front is the line through the loads no other load
beats on both axes; the highest load meeting the report's SLO is ringed. Both axes start at zero.
"""

from __future__ import annotations

from matplotlib.figure import Figure

from pipeline.props.models import ParetoChartProps
from pipeline.render.charts_draw import (
    FAINT, GRID, HEADING, LABEL, MUTED, NOTE, SUBTITLE, TITLE, WIDTH, Drawn, title_block,
)
from pipeline.render.charts_text import wrap

AXES = 3.6
"""Height of the plot in inches."""
LEFT, RIGHT = 1.0, 1.9
"""Room for the y ticks and label, and for the legend right of the plot, in inches."""


def _ems(points: float) -> float:
    return (WIDTH - 0.6) * 72 / points


def draw_pareto(props: ParetoChartProps) -> Drawn:
    """Points per load, the front per scenario, the SLO points ringed; the legend names each scenario."""
    # Lines in ems of their font size: 7.4 inches of text at 15, 10 and 8 points.
    title, description = wrap(props.title, _ems(TITLE)), wrap(props.description, _ems(SUBTITLE))
    notes = [line for note in ([props.slo.statement] if props.slo else []) + props.footnotes
             for line in wrap(note, _ems(NOTE))]
    head = 0.25 + 0.3 * len(title) + 0.22 * len(description) + 0.45
    foot = 0.75 + 0.17 * len(notes) + 0.1
    total = head + AXES + foot
    fig = Figure(figsize=(WIDTH, total))  # outside pyplot: nothing registers it, nothing must close it
    drawn = Drawn(fig)
    y = title_block(fig, title, description, total)
    fig.text(0.3 / WIDTH, (y - 0.1) / total, props.heading, fontsize=HEADING, fontweight="bold", va="top")
    drawn.texts += title + description + notes + [props.heading, props.x_label, props.y_label]

    ax = fig.add_axes((LEFT / WIDTH, foot / total, (WIDTH - LEFT - RIGHT) / WIDTH, AXES / total))
    scenarios = {s.id: s for s in props.scenarios}
    slo = {p.scenario: p for p in props.slo.points} if props.slo else {}
    top_x = top_y = 0.0
    for series in props.series:
        color, label = scenarios[series.scenario].color, scenarios[series.scenario].label
        points = {p.concurrency: p for p in series.points}
        ax.scatter([p.per_user.value for p in series.points], [p.throughput.value for p in series.points],
                   s=14, color=color, alpha=0.45, linewidths=0, zorder=2)
        front = [points[c] for c in series.front if c in points]
        ax.plot([p.per_user.value for p in front], [p.throughput.value for p in front], color=color, linewidth=2,
                marker="o", markersize=4, label=label, zorder=3)
        drawn.texts.append(label)
        met = slo.get(series.scenario)
        if met is not None and met.status == "measured" and met.concurrency is not None:
            at = points.get(int(met.concurrency.value))
            if at is not None:
                ax.scatter([at.per_user.value], [at.throughput.value], s=110, facecolors="none", edgecolors=color,
                           linewidths=1.6, zorder=4)
        top_x = max([top_x] + [p.per_user.value for p in series.points])
        top_y = max([top_y] + [p.throughput.value for p in series.points])
    ax.set_xlim(0, top_x * 1.08 or 1)
    ax.set_ylim(0, top_y * 1.08 or 1)
    ax.grid(color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=NOTE, colors=MUTED)
    ax.set_xlabel(props.x_label, fontsize=LABEL, color=MUTED)
    ax.set_ylabel(props.y_label, fontsize=LABEL, color=MUTED)
    if props.series:
        ax.legend(fontsize=NOTE, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    y = foot - 0.75
    for line in notes:
        fig.text(0.3 / WIDTH, y / total, line, fontsize=NOTE, color=FAINT, va="top")
        y -= 0.17
    return drawn
