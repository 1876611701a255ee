"""Draw one static chart from its props: SVG and PNG bytes.

Every piece of text comes from the props (titles, labels, formatted values, provenance
labels, notes): nothing is formatted or translated here. Layout is computed in inches
from the content, so a chart grows with its bars and notes and never depends on a
layout engine's guesses. The layout is a scene (:mod:`pipeline.render.charts_scene`), written as
SVG and painted as PNG by :mod:`pipeline.render.charts_paint`; this module imports matplotlib's
font and raster code through them: import it only to draw.
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import matplotlib.style

from pipeline.props.models import (
    ConcurrencyChartProps, CostChartProps, Envelope, MetricChartProps, ParetoChartProps, ProvenanceProps,
)
from pipeline.render.charts_fonts import ChartFont, missing_glyphs, register
from pipeline.render.charts_paint import scene_png, scene_svg
from pipeline.render.charts_plot import PlotArea, patch_legend, spines, y_ticks
from pipeline.render.charts_scene import Scene, ems, rounded_rectangle
from pipeline.render.charts_text import em_width, wrap

WIDTH = 8.0
"""Figure width in inches."""

INK, MUTED, FAINT, GRID = "#111827", "#4b5563", "#6b7280", "#e5e7eb"
BETTER, WORSE, BEST = "#047857", "#b91c1c", "#92400e"
BADGE = {"estimated": ("#fef3c7", "#d97706"), "measured": ("#d1fae5", "#059669"), "derived": ("#dbeafe", "#2563eb")}

TITLE, SUBTITLE, HEADING, LABEL, VALUE, NOTE = 15.0, 10.0, 11.5, 10.0, 9.5, 8.0
"""Font sizes in points."""

Draw = Callable[[Envelope, str], Scene]
"""A drawer: props and the chart font's family in, the laid-out scene out."""


def render_chart(props: Envelope, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """``({'svg': ..., 'png': ...}, characters the font cannot draw)`` for one component's props."""
    return render_scene(_draw, props, font)


def render_scene(draw: Draw, props: Envelope, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """Lay ``props`` out with ``draw`` and encode the scene as SVG and PNG.

    Shared by every chart drawer (LLM-report charts here, generic kinds in charts_general).
    """
    register(font)
    with matplotlib_defaults():
        scene = draw(props, font.family)
        # Checked before encoding: a glyph the font lacks would be drawn as an empty box.
        missing = missing_glyphs(font, scene.texts)
        if missing:
            return {}, missing
        return {"svg": scene_svg(scene), "png": scene_png(scene)}, []


_defaults_in_force = False


@contextmanager
def matplotlib_defaults():
    """matplotlib's own settings inside, not a matplotlibrc of this machine or user (MATPLOTLIBRC,
    ~/.config/matplotlib): font lookup, kerning, hatch widths and Agg's path chunks read them.

    Entering costs ~4 ms, so a batch of charts enters once (``charts._draw_all``); inside, charts enter
    for free. :func:`use_matplotlib_defaults` puts them in force for the rest of a drawing process.
    """
    global _defaults_in_force
    if _defaults_in_force:
        yield
        return
    with matplotlib.style.context("default"):
        _defaults_in_force = True
        try:
            yield
        finally:
            _defaults_in_force = False


def use_matplotlib_defaults() -> None:
    """matplotlib's own settings for the rest of this process (a process that only draws charts)."""
    global _defaults_in_force
    matplotlib.style.use("default")
    _defaults_in_force = True


def title_block(scene: Scene, title: list[str], description: list[str]) -> float:
    """The wrapped title and description at the top of a chart; the inches from the top below them."""
    y = 0.25
    for line in title:
        scene.text(0.3, y, line, TITLE, INK, weight="bold", va="top")
        y += 0.3
    for line in description:
        scene.text(0.3, y, line, SUBTITLE, MUTED, va="top")
        y += 0.22
    return y


def _draw(props: Envelope, family: str) -> Scene:
    if isinstance(props, MetricChartProps):
        return draw_bars(props, _metric_groups(props), family)
    if isinstance(props, CostChartProps):
        return draw_bars(props, _cost_groups(props), family)
    if isinstance(props, ConcurrencyChartProps):
        from pipeline.render.charts_lines import draw_lines  # it builds on this module's constants

        return draw_lines(props, family)
    if isinstance(props, ParetoChartProps):
        from pipeline.render.charts_pareto import draw_pareto  # it builds on this module's constants

        return draw_pareto(props, family)
    raise TypeError(f"no static chart for {type(props).__name__}")


# -- the bars of one group, whatever the chart -------------------------------------------

@dataclass(frozen=True)
class Bar:
    """One bar: a scenario's value, its labels and how to paint it."""

    scenario: str
    value: float
    formatted: str
    relative: str = ""
    better: bool | None = None
    best: bool = False
    derived: bool = False
    """Painted hatched: a figure derived here, shown beside the published one."""


@dataclass(frozen=True)
class Group:
    heading: str
    bars: list[Bar]
    baseline: float | None
    notes: list[str]


def _metric_groups(props: MetricChartProps) -> list[Group]:
    groups = []
    for group in props.groups:
        bars = [Bar(b.scenario, b.value, b.formatted, b.relative.formatted, b.relative.better, b.is_best)
                for b in group.bars]
        baseline = next((b.value for b in group.bars if b.is_baseline), None)
        notes = sorted({b.provenance.note for b in group.bars if b.provenance.note})
        groups.append(Group(group.heading, bars, baseline, notes))
    return groups


def _cost_groups(props: CostChartProps) -> list[Group]:
    groups = []
    for group in props.groups:
        both = any(r.cost.provenance.consistent is False for r in group.rows)
        bars = []
        for r in group.rows:
            bars.append(Bar(r.scenario, r.cost.value, r.cost.formatted, r.relative.formatted, r.relative.better,
                            r.is_best))
            if both:
                bars.append(Bar(r.scenario, r.derived_cost.value, r.derived_cost.formatted, derived=True))
        baseline = next((r.cost.value for r in group.rows if r.is_baseline), None)
        groups.append(Group(group.heading, bars, baseline, [group.note] if group.note else []))
    return groups


def _provenance_of(props: Envelope) -> list[ProvenanceProps]:
    if isinstance(props, MetricChartProps):
        return [b.provenance for g in props.groups for b in g.bars]
    if isinstance(props, CostChartProps):
        return [r.cost.provenance for g in props.groups for r in g.rows]
    if isinstance(props, ConcurrencyChartProps):
        return [s.provenance for s in props.series]
    return []


# -- layout helpers ------------------------------------------------------------------------

class Layout:
    """Blocks stacked top-down in inches."""

    def __init__(self) -> None:
        self.y = 0.0

    def take(self, height: float) -> float:
        """Reserve ``height`` inches below what is taken; return where the block starts."""
        top = self.y
        self.y += height
        return top


def _inches(points: float) -> float:
    return points / 72.0


def label_width(text: str, size: float) -> float:
    """Estimated width of a label in inches (layout decisions made before the scene exists)."""
    return _inches(em_width(text) * size)


BADGE_PAD = 0.35
"""Room around a provenance badge's label, and its corner radius, in ems."""


def draw_header(scene: Scene, props: Envelope, direction: str, direction_label: str, top: float,
            legend: list[tuple[str, dict]] | None = None) -> None:
    """Title, 'lower is better', the provenance badges and an optional legend row."""
    scene.text(0.3, top + 0.42, props.title, TITLE, INK, weight="bold")
    arrow = "↓" if direction == "lower" else "↑"
    scene.text(0.3, top + 0.72, f"{arrow} {direction_label}", SUBTITLE, MUTED)
    scene.texts += [arrow, direction_label]
    kinds: dict[str, str] = {}
    for provenance in _provenance_of(props):
        kinds.setdefault(provenance.kind, provenance.label)
    right = WIDTH - 0.3
    pad = BADGE_PAD * SUBTITLE
    for kind, label in reversed(list(kinds.items())):
        face, edge = BADGE[kind]
        width = scene.text_width(label, SUBTITLE, "bold")
        ascent, descent = scene.line_height(label, SUBTITLE, "bold")
        baseline = top + 0.40
        scene.shape(rounded_rectangle((right - width) * 72 - pad, (baseline - ascent) * 72 - pad,
                                      width * 72 + 2 * pad, (ascent + descent) * 72 + 2 * pad, pad),
                    fill=face, stroke=edge, stroke_width=0.8)
        scene.text(right, baseline, label, SUBTITLE, edge, weight="bold", ha="right")
        right -= label_width(label, SUBTITLE) + 0.35
    if legend:
        patch_legend(scene, legend, 0.3, top + 0.82, _legend_columns(legend), LABEL)


LEGEND_ROW = 0.27


def _legend_columns(legend: list[tuple[str, dict]]) -> int:
    """As many legend entries per row as fit the width (each entry as wide as the widest)."""
    widest = max(label_width(text, LABEL) for text, _ in legend) + 0.55
    return max(1, min(len(legend), int((WIDTH - 0.6) // widest)))


def legend_height(legend: list[tuple[str, dict]] | None) -> float:
    """Extra header height (inches) for legend rows after the first."""
    if not legend:
        return 0.0
    return (math.ceil(len(legend) / _legend_columns(legend)) - 1) * LEGEND_ROW


def draw_notes(scene: Scene, lines: list[str], top: float) -> None:
    """Note lines under a chart, from ``top`` inches down."""
    for index, line in enumerate(lines):
        scene.text(0.3, top + 0.16 + index * 0.17, line, NOTE, FAINT)


def wrap_notes(notes: list[str], family: str) -> list[str]:
    """Notes wrapped to the chart's width, one string per line."""
    return [line for note in notes for line in wrap(note, line_ems(NOTE), ems(family))]


def line_ems(size: float) -> float:
    """How many ems of ``size`` points a line across the chart holds (0.3 inches free on each side)."""
    return (WIDTH - 0.6) * 72 / size


# -- bar charts: TTFT, ITL, throughput, cost per 1M tokens -------------------------------

BAR_ROW = 0.40
HEADING_ROW = 0.36
DERIVED_ROW = 0.30
VALUE_OFFSET, PIECE_GAP, LABEL_PAD = 5.0, 7.0, 1.5
"""Points: from a bar's end to its label, between the label's pieces, and of the white behind it."""


def draw_bars(props: MetricChartProps | CostChartProps, groups: list[Group], family: str) -> Scene:
    """Horizontal bars per model group: value labels, change against the baseline, the best marked."""
    labels = {s.id: s for s in props.scenarios}
    derived = any(b.derived for g in groups for b in g.bars)
    legend = None
    if isinstance(props, CostChartProps) and derived:
        legend = [(props.columns["cost"], {"facecolor": "#9ca3af", "edgecolor": "#6b7280"}),
                  (props.columns["derived_cost"], {"facecolor": "white", "edgecolor": "#6b7280", "hatch": "////"})]
    notes = [n for g in groups for n in g.notes]
    if isinstance(props, CostChartProps):
        notes = [props.convention] + notes
    note_lines = wrap_notes(notes + list(props.footnotes), family)
    axis_label = props.axis_label if isinstance(props, MetricChartProps) else props.unit

    layout = Layout()
    header_top = layout.take((1.05 if legend else 0.88) + legend_height(legend))
    tops = []
    for group in groups:
        layout.take(HEADING_ROW)
        rows = sum(DERIVED_ROW if b.derived else BAR_ROW for b in group.bars)
        tops.append(layout.take(rows))
        layout.take(0.12)
    axis_top = layout.take(0.38)
    notes_top = layout.take(0.1 + 0.17 * len(note_lines) + 0.12)

    scene = Scene(WIDTH, layout.y, family)
    left = max(label_width(labels[b.scenario].label, LABEL) for g in groups for b in g.bars) + 0.45
    plot_width = WIDTH - left - 0.3
    # Scale so that the longest bar plus its label fits: value/xmax * w + label <= w.
    xmax = max(b.value for g in groups for b in g.bars) or 1.0
    for group in groups:
        for bar in group.bars:
            room = plot_width - label_width(_bar_text(bar, props.best_label), VALUE) - 0.2
            xmax = max(xmax, bar.value * plot_width / max(room, 0.5))

    for group, top in zip(groups, tops):
        rows = sum(DERIVED_ROW if b.derived else BAR_ROW for b in group.bars)
        _bar_group(scene, PlotArea(left, top, plot_width, rows, (0, xmax), (rows, 0)), group, labels,
                   props.best_label)
    draw_header(scene, props, props.direction, props.direction_label, header_top, legend)
    for group, top in zip(groups, tops):
        scene.text(0.3, top - 0.12, group.heading, HEADING, INK, weight="bold")
    scene.text(left, axis_top + 0.24, axis_label, LABEL, MUTED)
    draw_notes(scene, note_lines, notes_top)
    return scene


def _bar_text(bar: Bar, best_label: str) -> str:
    parts = [bar.formatted, bar.relative] + ([f"★ {best_label}"] if bar.best else [])
    return "  ".join(p for p in parts if p)


def _bar_group(scene: Scene, area: PlotArea, group: Group, labels: dict, best_label: str) -> None:
    """One group's bars in ``area`` (rows top-down), the baseline dashed, labels left and right."""
    positions, y = [], 0.0
    for bar in group.bars:
        step = DERIVED_ROW if bar.derived else BAR_ROW
        positions.append(y + step / 2)
        y += step
    if group.baseline is not None:
        scene.line([(area.x(group.baseline), area.bottom), (area.x(group.baseline), area.top)], "#9ca3af", 0.9,
                   dashes=(2.7, 2.7))
    for bar, middle in zip(group.bars, positions):
        color = labels[bar.scenario].color
        thickness = (DERIVED_ROW if bar.derived else BAR_ROW) * 0.62
        top, width = area.y(middle) - thickness / 2, area.x(bar.value) - area.left
        if bar.derived:
            scene.rect(area.left, top, width, thickness, fill="#ffffff", stroke=color, stroke_width=1.0, hatch="////",
                       clip=area.clip())
        else:
            scene.rect(area.left, top, width, thickness, fill=color, stroke=INK if bar.best else None,
                       stroke_width=1.4 if bar.best else 0.0, clip=area.clip())
    spines(scene, area, ("left",))
    ticks = []
    for bar, middle in zip(group.bars, positions):
        if not bar.derived:
            ticks.append((middle + (DERIVED_ROW / 2 if _followed_by_derived(group, bar) else 0),
                          labels[bar.scenario].label))
    y_ticks(scene, area, ticks, LABEL, INK, length=0, pad=6)
    for bar, middle in zip(group.bars, positions):
        _value_label(scene, area.x(bar.value) + VALUE_OFFSET / 72, area.y(middle), bar, best_label)


def _value_label(scene: Scene, left: float, middle: float, bar: Bar, best_label: str) -> None:
    """The value, its change and the best mark in a row, centred on ``middle``, on white."""
    pieces = [(bar.formatted, "normal" if bar.derived else "bold", MUTED if bar.derived else INK)]
    if bar.relative:
        pieces.append((bar.relative, "normal", BETTER if bar.better else WORSE if bar.better is False else FAINT))
    if bar.best:
        pieces.append((f"★ {best_label}", "bold", BEST))
    boxes = [scene.line_height(text, VALUE, weight) for text, weight, _ in pieces]
    ascent, descent = max(a for a, _ in boxes), max(d for _, d in boxes)
    widths = [scene.text_width(text, VALUE, weight) for text, weight, _ in pieces]
    total = sum(widths) + PIECE_GAP / 72 * (len(pieces) - 1)
    pad = LABEL_PAD / 72
    # A white box behind the label keeps the dashed baseline from running through it.
    scene.rect(left - pad, middle - (ascent + descent) / 2 - pad, total + 2 * pad, ascent + descent + 2 * pad,
               fill="#ffffff")
    baseline = middle + (ascent - descent) / 2
    x = left
    for (text, weight, color), width in zip(pieces, widths):
        scene.text(x, baseline, text, VALUE, color, weight=weight)
        x += width + PIECE_GAP / 72


def _followed_by_derived(group: Group, bar: Bar) -> bool:
    index = group.bars.index(bar)
    return index + 1 < len(group.bars) and group.bars[index + 1].derived
