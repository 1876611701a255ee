"""Draw the static chart of a generic component (bars, grouped bars, lines) from its props.

Every string comes from the props; nothing is formatted or translated here. Axes start at zero
(the props' axis), so a 4 % difference looks like one. The figure is built with matplotlib's
object API (no pyplot state) and laid out in inches from its content.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from pipeline.props.general import (  # noqa: E402
    BarPanelProps, BarsProps, GeneralEnvelope, GroupedBarsProps, LinesProps, SectionProps,
)
from pipeline.render.charts_draw import (  # noqa: E402
    FAINT, GRID, HEADING, INK, LABEL, MUTED, NOTE, VALUE, WIDTH, Drawn, render_drawn, title_block,
)
from pipeline.render.charts_fonts import ChartFont  # noqa: E402
from pipeline.render.charts_text import wrap  # noqa: E402

ROW = 0.34
"""Height of one bar row in inches."""
LEFT, RIGHT = 1.9, 1.6
"""Room for labels left of the bars and values right of them, in inches."""


def render_general_chart(props: GeneralEnvelope, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """``({'svg': ..., 'png': ...}, characters the font cannot draw)``."""
    return render_drawn(_draw, props, font)


def _draw(props: GeneralEnvelope) -> Drawn:
    if isinstance(props, BarsProps):
        blocks = [(p.title, p.direction_label, len(p.bars)) for p in props.panels]
        return _layout(props, blocks, lambda ax, i, drawn: _panel(ax, props, props.panels[i], drawn))
    if isinstance(props, GroupedBarsProps):
        blocks = [(s.title, s.direction_label, sum(len(g.bars) for g in s.groups) + len(s.groups) - 1)
                  for s in props.sections]
        return _layout(props, blocks, lambda ax, i, drawn: _section(ax, props, props.sections[i], drawn))
    if isinstance(props, LinesProps):
        return _layout(props, [(props.x_label, props.direction_label, 10)],
                       lambda ax, i, drawn: _lines(ax, props, drawn))
    raise TypeError(f"no chart for {type(props).__name__}")


def _layout(props: GeneralEnvelope, blocks: list[tuple[str, str, int]], draw_block) -> Drawn:
    """Title and description on top, one axes per block, notes below; heights from the content."""
    title = wrap(props.title, 60)
    description = wrap(props.description, 95) if props.description else []
    notes = [line for note in props.notes + props.footnotes for line in wrap(note, 120)]
    head = 0.25 + 0.3 * len(title) + 0.22 * len(description) + 0.15
    # Headings wrap, with the direction ('Lower is better') on a line of its own beneath them.
    headings = [wrap(heading, 72) for heading, _, _ in blocks]
    heights = [0.45 + 0.24 * len(lines) + ROW * max(rows, 1) + 0.35
               for lines, (_, _, rows) in zip(headings, blocks)]
    foot = 0.15 + 0.17 * len(notes) + 0.1
    total = head + sum(heights) + foot
    fig = Figure(figsize=(WIDTH, total))
    drawn = Drawn(fig)
    y = title_block(fig, title, description, total)
    drawn.texts += title + description + notes
    y -= 0.15
    for i, (_, direction, _) in enumerate(blocks):
        top = y
        for line in headings[i]:
            fig.text(0.3 / WIDTH, y / total, line, fontsize=HEADING, fontweight="bold", va="top")
            y -= 0.24
        fig.text(0.3 / WIDTH, y / total, direction, fontsize=NOTE, color=FAINT, va="top")
        drawn.texts += headings[i] + [direction]
        y = top
        bottom = y - heights[i] + 0.35
        ax = fig.add_axes((LEFT / WIDTH, bottom / total, (WIDTH - LEFT - RIGHT) / WIDTH,
                           (heights[i] - 0.8) / total))
        draw_block(ax, i, drawn)
        y -= heights[i]
    y -= 0.1
    for line in notes:
        fig.text(0.3 / WIDTH, y / total, line, fontsize=NOTE, color=MUTED, va="top")
        y -= 0.17
    return drawn


def _style_value_axis(ax, axis, horizontal: bool = True) -> None:
    ax.set_xlim(0, axis.max) if horizontal else ax.set_ylim(0, axis.max)
    ax.grid(axis="x" if horizontal else "y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=NOTE)


def _panel(ax, props: BarsProps, panel: BarPanelProps, drawn: Drawn) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    labels = {s.id: s.label for s in props.scenarios}
    n = len(panel.bars)
    for i, bar in enumerate(panel.bars):
        y = n - 1 - i
        value = bar.figure.value
        if value is not None:
            ax.barh(y, value, height=0.62, color=colors[bar.scenario], edgecolor=INK if bar.best else "none",
                    linewidth=1.4 if bar.best else 0, hatch="//" if bar.flag else None)
        text = bar.figure.formatted + (f"  {bar.flag}" if bar.flag else "")
        ax.text(value or 0, y, "  " + text, va="center", fontsize=VALUE, color=INK if value is not None else FAINT,
                fontweight="bold" if bar.best else "normal", clip_on=False)
        drawn.texts += [text, labels[bar.scenario]]
    ax.set_yticks(range(n), [labels[b.scenario] for b in reversed(panel.bars)], fontsize=LABEL)
    ax.set_ylim(-0.6, n - 0.4)
    _style_value_axis(ax, panel.axis)
    if panel.line is not None:
        ax.axvline(panel.line.value, color=INK, linestyle="--", linewidth=1)
        caption = f"{panel.line.label} {panel.line.formatted}"
        ax.text(panel.line.value, n - 0.45, caption, fontsize=NOTE, ha="right", va="bottom", color=INK)
        drawn.texts.append(caption)


def _section(ax, props: GroupedBarsProps, section: SectionProps, drawn: Drawn) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    series = {s.id: s.label for s in section.series}
    alphas = [0.45 + 0.55 * i / max(len(section.series) - 1, 1) for i in range(len(section.series))]
    ticks, labels = [], []
    y = sum(len(g.bars) for g in section.groups) + len(section.groups) - 2
    for group in section.groups:
        for j, bar in enumerate(group.bars):
            value = bar.figure.value
            if value is not None:
                ax.barh(y, value, height=0.7, color=colors[group.scenario], alpha=alphas[j])
            text = bar.figure.formatted
            if group.change is not None and j == len(group.bars) - 1:
                text += f"  ({group.change.formatted})"  # the group's change beside its last bar: no overlap
            ax.text(value or 0, y, "  " + text, va="center", fontsize=VALUE, clip_on=False,
                    color=INK if value is not None else FAINT)
            ticks.append(y)
            label = series[bar.series] if len(section.groups) == 1 else f"{group.label} · {series[bar.series]}"
            labels.append(label)
            drawn.texts += [text, label]
            y -= 1
        y -= 1
    ax.set_yticks(ticks, labels, fontsize=NOTE)
    _style_value_axis(ax, section.axis)


def _lines(ax, props: LinesProps, drawn: Drawn) -> None:
    colors = {s.id: s.color for s in props.scenarios}
    labels = {s.id: s.label for s in props.scenarios}
    xs = list(range(len(props.levels)))
    for line in props.lines:
        points = [(x, p.figure.value) for x, p in zip(xs, line.points) if p.figure.value is not None]
        if points:
            ax.plot([x for x, _ in points], [v for _, v in points], marker="o", color=colors[line.scenario],
                    label=labels[line.scenario], linewidth=2)
        drawn.texts.append(labels[line.scenario])
    ax.set_xticks(xs, [lvl.label for lvl in props.levels], fontsize=NOTE)
    drawn.texts += [lvl.label for lvl in props.levels] + [props.axis.label]
    _style_value_axis(ax, props.axis, horizontal=False)
    ax.set_ylabel(props.axis.label, fontsize=NOTE, color=MUTED)
    if any(p.figure.value is not None for line in props.lines for p in line.points):
        ax.legend(fontsize=NOTE, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
