"""Draw the static chart of a generic component (bars, grouped bars, lines) from its props.

Every string comes from the props; nothing is formatted or translated here. Axes start at zero
(the props' axis), so a 4 % difference looks like one. The chart is a scene laid out in inches
from its content (:mod:`pipeline.render.charts_scene`).
"""

from __future__ import annotations

from pipeline.props.general import AxisProps, BarPanelProps, BarsProps, GeneralEnvelope, GroupedBarsProps, LinesProps, SectionProps
from pipeline.render.charts_draw import (
    FAINT, GRID, HEADING, INK, MUTED, NOTE, SUBTITLE, TITLE, VALUE, WIDTH, line_ems, render_scene, title_block,
    wrap_notes,
)
from pipeline.render.charts_fonts import ChartFont
from pipeline.render.charts_plot import (
    SIDE_ROOM, TICK_LENGTH, TICK_PAD, PlotArea, auto_ticks, grid, line_legend, line_legend_room, plain_labels, spines, x_ticks, y_label, y_ticks,
)
from pipeline.render.charts_scene import Scene, ems
from pipeline.render.charts_text import wrap

ROW = 0.34
"""Height of one bar row in inches."""
LEFT, RIGHT = 1.9, 1.6
"""Room for labels left of the bars and values (or a legend, at least) right of them, in inches."""
HATCH = "#000000"
"""The hatch of a flagged bar without an edge of its own (matplotlib's default hatch colour)."""
MARGIN = 0.05
"""Share of the data's span left free at each end of an axis the props give no limits for."""


def render_general_chart(props: GeneralEnvelope, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """``({'svg': ..., 'png': ...}, characters the font cannot draw)``."""
    return render_scene(_draw, props, font)


def _draw(props: GeneralEnvelope, family: str) -> Scene:
    if isinstance(props, BarsProps):
        blocks = [(p.title, p.direction_label, len(p.bars)) for p in props.panels]
        return _layout(props, family, blocks, lambda scene, area, i: _panel(scene, area, props, props.panels[i]))
    if isinstance(props, GroupedBarsProps):
        blocks = [(s.title, s.direction_label, sum(len(g.bars) for g in s.groups) + len(s.groups) - 1)
                  for s in props.sections]
        return _layout(props, family, blocks,
                       lambda scene, area, i: _section(scene, area, props, props.sections[i]))
    if isinstance(props, LinesProps):
        return _layout(props, family, [(props.x_label, props.direction_label, 10)],
                       lambda scene, area, i: _lines(scene, area, props))
    raise TypeError(f"no chart for {type(props).__name__}")


def _layout(props: GeneralEnvelope, family: str, blocks: list[tuple[str, str, int]], draw_block) -> Scene:
    """Title and description on top, one plot per block, notes below; heights from the content."""
    title = wrap(props.title, line_ems(TITLE), ems(family, "bold"))
    description = wrap(props.description, line_ems(SUBTITLE), ems(family)) if props.description else []
    notes = wrap_notes(props.notes + props.footnotes, family)
    head = 0.25 + 0.3 * len(title) + 0.22 * len(description) + 0.15
    # Headings wrap, with the direction ('Lower is better') on a line of its own beneath them.
    headings = [wrap(heading, line_ems(HEADING), ems(family, "bold")) for heading, _, _ in blocks]
    heights = [0.45 + 0.24 * len(lines) + ROW * max(rows, 1) + 0.35
               for lines, (_, _, rows) in zip(headings, blocks)]
    foot = 0.15 + 0.17 * len(notes) + 0.1
    scene = Scene(WIDTH, head + sum(heights) + foot, family)
    y = title_block(scene, title, description) + 0.15
    for i, (_, direction, _) in enumerate(blocks):
        line_y = y
        for line in headings[i]:
            scene.text(0.3, line_y, line, HEADING, INK, weight="bold", va="top")
            line_y += 0.24
        scene.text(0.3, line_y, direction, NOTE, FAINT, va="top")
        below = 0.24 * (len(headings[i]) - 1)  # the plot starts under the heading's last line
        draw_block(scene, (y + 0.45 + below, heights[i] - 0.8 - below), i)
        y += heights[i]
    y += 0.1
    for line in notes:
        scene.text(0.3, y, line, NOTE, MUTED, va="top")
        y += 0.17
    return scene


def _value_axis(scene: Scene, area: PlotArea, axis: AxisProps, horizontal: bool = True) -> list[tuple[float, str]]:
    """Grid lines at round steps along the value axis (from 0 to the props' maximum); its ticks, written
    as the reader's locale writes numbers."""
    high = area.x_range[1] if horizontal else area.y_range[1]
    ticks = plain_labels(auto_ticks(high, area.width if horizontal else area.height, NOTE, horizontal), axis.digits)
    grid(scene, area, GRID, **({"xs": [t for t, _ in ticks]} if horizontal else {"ys": [t for t, _ in ticks]}))
    return ticks


def _left(scene: Scene, labels: list[str]) -> float:
    """Where the plot starts: LEFT, or further right (up to SIDE_ROOM) when a row's label needs the room."""
    widest = max((scene.text_width(label, NOTE) for label in labels), default=0.0)
    return max(LEFT, min(SIDE_ROOM, 0.3 + widest + (TICK_LENGTH + TICK_PAD) / 72))


def _axes(scene: Scene, area: PlotArea, x: list[tuple[float, str]], y: list[tuple[float, str]]) -> float:
    """The left and bottom spines and both axes' ticks; the leftmost y label's left edge."""
    spines(scene, area, ("left", "bottom"))
    x_ticks(scene, area, x, NOTE, MUTED)
    return y_ticks(scene, area, y, NOTE, INK)


def _panel(scene: Scene, box: tuple[float, float], props: BarsProps, panel: BarPanelProps) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    labels = {s.id: s.label for s in props.scenarios}
    n = len(panel.bars)
    left = _left(scene, [labels[b.scenario] for b in panel.bars])
    area = PlotArea(left, box[0], WIDTH - left - RIGHT, box[1], (0, panel.axis.max), (-0.6, n - 0.4))
    ticks = _value_axis(scene, area, panel.axis)
    for i, bar in enumerate(panel.bars):
        y, value = n - 1 - i, bar.figure.value
        if value is not None:
            scene.rect(area.left, area.y(y + 0.31), area.x(value) - area.left, area.y(y - 0.31) - area.y(y + 0.31),
                       fill=colors[bar.scenario], stroke=INK if bar.best else HATCH if bar.flag else None,
                       stroke_width=1.4 if bar.best else 0.0, hatch="//" if bar.flag else None, clip=area.clip())
    _axes(scene, area, ticks, [(n - 1 - i, labels[b.scenario]) for i, b in enumerate(panel.bars)])
    for i, bar in enumerate(panel.bars):
        value = bar.figure.value
        text = bar.figure.formatted + (f"  {bar.flag}" if bar.flag else "")
        scene.text(area.x(value or 0), area.y(n - 1 - i), "  " + text, VALUE, INK if value is not None else FAINT,
                   weight="bold" if bar.best else "normal", va="center")
        scene.texts.append(text)
    if panel.line is not None:
        x = area.x(panel.line.value)
        scene.line([(x, area.bottom), (x, area.top)], INK, 1.0, dashes=(3.7, 1.6))
        scene.text(x, area.y(n - 0.45), f"{panel.line.label} {panel.line.formatted}", NOTE, INK, ha="right",
                   va="bottom")


def _section(scene: Scene, box: tuple[float, float], props: GroupedBarsProps, section: SectionProps) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    series = {s.id: s.label for s in section.series}
    alphas = [0.45 + 0.55 * i / max(len(section.series) - 1, 1) for i in range(len(section.series))]
    rows, y = [], sum(len(g.bars) for g in section.groups) + len(section.groups) - 2
    for group in section.groups:
        for j, bar in enumerate(group.bars):
            text = bar.figure.formatted
            if group.change is not None and j == len(group.bars) - 1:
                text += f"  ({group.change.formatted})"  # the group's change beside its last bar: no overlap
            label = series[bar.series] if len(section.groups) == 1 else f"{group.label} · {series[bar.series]}"
            rows.append((y, bar.figure.value, colors[group.scenario], alphas[j], text, label))
            y -= 1
        y -= 1
    # No limits in the props for the rows: the drawn bars' extent and a margin, as matplotlib chose.
    drawn = [y for y, value, *_ in rows if value is not None] or [y for y, *_ in rows]
    low, high = min(drawn) - 0.35, max(drawn) + 0.35
    margin = (high - low) * MARGIN
    left = _left(scene, [label for *_, label in rows])
    area = PlotArea(left, box[0], WIDTH - left - RIGHT, box[1], (0, section.axis.max), (low - margin, high + margin))
    ticks = _value_axis(scene, area, section.axis)
    for y, value, color, alpha, _, _ in rows:
        if value is not None:
            scene.rect(area.left, area.y(y + 0.35), area.x(value) - area.left, area.y(y - 0.35) - area.y(y + 0.35),
                       fill=color, alpha=alpha, clip=area.clip())
    _axes(scene, area, ticks, [(y, label) for y, *_, label in rows])
    for y, value, _, _, text, _ in rows:
        scene.text(area.x(value or 0), area.y(y), "  " + text, VALUE, INK if value is not None else FAINT, va="center")
        scene.texts.append(text)


def _lines(scene: Scene, box: tuple[float, float], props: LinesProps) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    labels = {s.id: s.label for s in props.scenarios}
    last = len(props.levels) - 1
    span = max(last, 1)
    right = max(RIGHT, line_legend_room(scene, [labels[line.scenario] for line in props.lines], NOTE))
    area = PlotArea(LEFT, box[0], WIDTH - LEFT - right, box[1], (-span * MARGIN, last + span * MARGIN),
                    (0, props.axis.max))
    ticks = _value_axis(scene, area, props.axis, horizontal=False)
    drawn = []
    for line in props.lines:
        points = [(area.x(x), area.y(p.figure.value)) for x, p in enumerate(line.points) if p.figure.value is not None]
        if points:
            scene.line(points, colors[line.scenario], 2.0, round_joins=True, clip=area.clip())
            for x, y in points:
                scene.circle(x, y, 6.0, fill=colors[line.scenario], stroke=colors[line.scenario], stroke_width=1.0,
                             clip=area.clip())
            drawn.append((labels[line.scenario], {"color": colors[line.scenario], "linewidth": 2.0}))
        scene.texts.append(labels[line.scenario])
    leftmost = _axes(scene, area, [(x, lvl.label) for x, lvl in enumerate(props.levels)], ticks)
    y_label(scene, area, props.axis.label, NOTE, MUTED, leftmost)
    if drawn:
        line_legend(scene, drawn, area, NOTE)
