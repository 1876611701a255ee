"""Draw one static chart from its props: SVG and PNG bytes.

Every piece of text comes from the props (titles, labels, formatted values, provenance
labels, notes): nothing is formatted or translated here. Layout is computed in inches
from the content, so a chart grows with its bars and notes and never depends on a
layout engine's guesses. This module imports matplotlib (its object API: no pyplot, no figure
manager); import it only to draw.
"""

from __future__ import annotations

import io
import locale
import math
from dataclasses import dataclass, field

import matplotlib
import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.offsetbox import AnnotationBbox, HPacker, TextArea  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402
from PIL import Image

from pipeline.props.models import (  # noqa: E402
    ConcurrencyChartProps, CostChartProps, Envelope, MetricChartProps, ParetoChartProps, ProvenanceProps,
)
from pipeline.render.charts_canvas import ChartCanvas, rasterise
from pipeline.render.charts_fonts import FALLBACK_FAMILY, ChartFont, missing_glyphs, register  # noqa: E402
from pipeline.render.charts_text import em_width, wrap  # noqa: E402

WIDTH = 8.0
"""Figure width in inches."""
PNG_DPI = 150
SVG_SALT = "site-data"
"""Fixed ``svg.hashsalt``: element ids in the SVG are then the same on every run."""
TEXT_LANGUAGE = "und"
"""The language matplotlib's text shaping (libraqm, HarfBuzz) is told. Unset, HarfBuzz takes the
process's LC_CTYPE, and Noto Sans CJK's ``locl`` feature then swaps digits and punctuation for
Korean or Chinese forms: the same chart had other bytes under LANG=ko_KR.UTF-8. "und" (undetermined)
asks for no language-specific forms, which is what every machine drew under LANG=C."""

INK, MUTED, FAINT, GRID = "#111827", "#4b5563", "#6b7280", "#e5e7eb"
BETTER, WORSE, BEST = "#047857", "#b91c1c", "#92400e"
BADGE = {"estimated": ("#fef3c7", "#d97706"), "measured": ("#d1fae5", "#059669"), "derived": ("#dbeafe", "#2563eb")}

TITLE, SUBTITLE, HEADING, LABEL, VALUE, NOTE = 15.0, 10.0, 11.5, 10.0, 9.5, 8.0
"""Font sizes in points."""


@dataclass
class Drawn:
    """A finished figure and every string drawn on it (for the glyph check)."""

    figure: Figure
    texts: list[str] = field(default_factory=list)


_shaping_pinned = False


def _pin_shaping_language() -> None:
    """Make HarfBuzz's default language "C" for this process, whatever LC_CTYPE the user has.

    matplotlib passes ``text.language`` when it draws text but not when it measures it
    (``get_text_width_height_descent``), and HarfBuzz then shapes with the language of LC_CTYPE:
    Korean or Chinese digit and punctuation forms, other widths, another layout. HarfBuzz reads
    LC_CTYPE once, on its first use, and keeps it: so LC_CTYPE is "C" for that first use only and
    restored at once (nothing else runs meanwhile; numbers are never formatted through it).
    """
    global _shaping_pinned
    if _shaping_pinned:
        return
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    current = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        FT2Font(font_manager.findfont(FALLBACK_FAMILY, fallback_to_default=True)).set_text("0", 0.0)
    finally:
        locale.setlocale(locale.LC_CTYPE, current)
    _shaping_pinned = True


def render_chart(props: Envelope, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """``({'svg': ..., 'png': ...}, characters the font cannot draw)`` for one component's props."""
    return render_drawn(_draw, props, font)


def render_drawn(draw, props, font: ChartFont) -> tuple[dict[str, bytes], list[str]]:
    """Draw ``props`` with ``draw`` in the charts' fixed style and encode SVG and PNG deterministically.

    Shared by every chart drawer (LLM-report charts here, generic kinds in charts_general), so the
    settings that make bytes reproducible live in one place.
    """
    _pin_shaping_language()
    register(font)
    style = {
        "font.family": [font.family, FALLBACK_FAMILY], "font.size": LABEL, "text.parse_math": False,
        "svg.fonttype": "path", "svg.hashsalt": SVG_SALT, "axes.unicode_minus": False,
        "text.language": TEXT_LANGUAGE,
        "text.color": INK, "axes.edgecolor": "#9ca3af", "axes.labelcolor": INK,
        "xtick.color": MUTED, "ytick.color": INK, "figure.facecolor": "white", "savefig.facecolor": "white",
    }
    # matplotlib's own defaults underneath, not a matplotlibrc of this machine or user (MATPLOTLIBRC,
    # ~/.config/matplotlib): any setting not fixed here would otherwise follow the environment.
    with matplotlib.style.context("default"), matplotlib.rc_context(style):
        drawn = draw(props)
        canvas = ChartCanvas(drawn.figure)  # text laid out once; the PNG painted from the SVG's drawing
        # Checked before drawing: matplotlib would draw an empty box and only warn.
        missing = missing_glyphs(font, drawn.texts)
        if missing:
            return {}, missing
        svg = io.BytesIO()
        # No date, no software version: the same props give the same bytes on any day and machine.
        drawn.figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = encode_png(canvas)
    return {"svg": svg.getvalue(), "png": png}, []


def title_block(fig: Figure, title: list[str], description: list[str], total: float) -> float:
    """The wrapped title and description at the top of a figure ``total`` inches high; the y below them."""
    y = total - 0.25
    for line in title:
        fig.text(0.3 / WIDTH, y / total, line, fontsize=TITLE, fontweight="bold", va="top")
        y -= 0.3
    for line in description:
        fig.text(0.3 / WIDTH, y / total, line, fontsize=SUBTITLE, color=MUTED, va="top")
        y -= 0.22
    return y


PNG_COMPRESSION = 1
"""zlib level of the PNG: fixed, so the bytes depend on the pixels and Pillow's zlib only."""


def encode_png(canvas: ChartCanvas) -> bytes:
    """The chart's drawing, as its SVG was laid out, painted by Agg at ``PNG_DPI``: an opaque RGB PNG
    (no text chunks, no time).

    The layout is the SVG's, so the figure is not laid out a second time at the PNG's resolution (half
    the time a chart took); text is painted from the same glyph outlines the SVG holds. The image is the
    size ``savefig(dpi=PNG_DPI)`` gives. Agg paints RGBA, but the figure's opaque white background makes
    every alpha 255, so the fourth channel carries nothing: dropped, the image compresses faster into
    fewer bytes.
    """
    width, height = (int(inches * PNG_DPI) for inches in canvas.figure.get_size_inches())
    agg = rasterise(canvas.svg_drawing, width, height, PNG_DPI)
    image = Image.frombuffer("RGBA", (width, height), agg.buffer_rgba(), "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="png", compress_level=PNG_COMPRESSION, dpi=(PNG_DPI, PNG_DPI))
    return out.getvalue()


def _draw(props: Envelope) -> Drawn:
    if isinstance(props, MetricChartProps):
        return draw_bars(props, _metric_groups(props))
    if isinstance(props, CostChartProps):
        return draw_bars(props, _cost_groups(props))
    if isinstance(props, ConcurrencyChartProps):
        return draw_lines(props)
    if isinstance(props, ParetoChartProps):
        from pipeline.render.charts_pareto import draw_pareto  # it builds on this module's constants

        return draw_pareto(props)
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
    """Blocks stacked top-down in inches; converted to figure coordinates once the height is known."""

    def __init__(self) -> None:
        self.y = 0.0

    def take(self, height: float) -> float:
        """Reserve ``height`` inches below what is taken; return where the block starts."""
        top = self.y
        self.y += height
        return top


def _inches(points: float) -> float:
    return points / 72.0


def _label_width(text: str, size: float) -> float:
    """Estimated width of a label in inches."""
    return _inches(em_width(text) * size)


def _header(fig: Figure, props: Envelope, direction: str, direction_label: str, height: float, drawn: Drawn,
            top: float, legend: list[tuple[str, dict]] | None = None) -> None:
    """Title, 'lower is better', the provenance badge and an optional legend row."""
    def fy(inches: float) -> float:
        return 1 - inches / height

    fig.text(0.3 / WIDTH, fy(top + 0.42), props.title, fontsize=TITLE, fontweight="bold", va="baseline")
    arrow = "↓" if direction == "lower" else "↑"
    fig.text(0.3 / WIDTH, fy(top + 0.72), f"{arrow} {direction_label}", fontsize=SUBTITLE, color=MUTED,
             va="baseline")
    drawn.texts += [props.title, arrow, direction_label]
    kinds: dict[str, str] = {}
    for provenance in _provenance_of(props):
        kinds.setdefault(provenance.kind, provenance.label)
    x = 1 - 0.3 / WIDTH
    for kind, label in reversed(list(kinds.items())):
        face, edge = BADGE[kind]
        fig.text(x, fy(top + 0.40), label, fontsize=SUBTITLE, ha="right", va="baseline", color=edge,
                 fontweight="bold", bbox={"boxstyle": "round,pad=0.35", "fc": face, "ec": edge, "lw": 0.8})
        x -= (_label_width(label, SUBTITLE) + 0.35) / WIDTH
        drawn.texts.append(label)
    if legend:
        handles = [Patch(label=text, **style) for text, style in legend]
        fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.3 / WIDTH, fy(top + 0.82)),
                   ncol=_legend_columns(legend), frameon=False, fontsize=LABEL, handlelength=1.6, borderaxespad=0,
                   borderpad=0)
        drawn.texts += [text for text, _ in legend]


LEGEND_ROW = 0.27


def _legend_columns(legend: list[tuple[str, dict]]) -> int:
    """As many legend entries per row as fit the width (each entry as wide as the widest)."""
    widest = max(_label_width(text, LABEL) for text, _ in legend) + 0.55
    return max(1, min(len(legend), int((WIDTH - 0.6) // widest)))


def _legend_height(legend: list[tuple[str, dict]] | None) -> float:
    """Extra header height for legend rows after the first."""
    if not legend:
        return 0.0
    return (math.ceil(len(legend) / _legend_columns(legend)) - 1) * LEGEND_ROW


def _notes(fig: Figure, lines: list[str], top: float, height: float, drawn: Drawn) -> None:
    for index, line in enumerate(lines):
        fig.text(0.3 / WIDTH, 1 - (top + 0.16 + index * 0.17) / height, line, fontsize=NOTE, color=FAINT,
                 va="baseline")
        drawn.texts.append(line)


def _note_lines(notes: list[str]) -> list[str]:
    width_em = (WIDTH - 0.7) * 72 / NOTE
    lines: list[str] = []
    for note in notes:
        lines += wrap(note, width_em)
    return lines


# -- bar charts: TTFT, ITL, throughput, cost per 1M tokens -------------------------------

BAR_ROW = 0.40
HEADING_ROW = 0.36
DERIVED_ROW = 0.30


def draw_bars(props: MetricChartProps | CostChartProps, groups: list[Group]) -> Drawn:
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
    note_lines = _note_lines(notes + list(props.footnotes))
    axis_label = props.axis_label if isinstance(props, MetricChartProps) else props.unit

    layout = Layout()
    header_top = layout.take((1.05 if legend else 0.88) + _legend_height(legend))
    tops = []
    for group in groups:
        layout.take(HEADING_ROW)
        rows = sum(DERIVED_ROW if b.derived else BAR_ROW for b in group.bars)
        tops.append(layout.take(rows))
        layout.take(0.12)
    axis_top = layout.take(0.38)
    notes_top = layout.take(0.1 + 0.17 * len(note_lines) + 0.12)
    height = layout.y

    fig = Figure(figsize=(WIDTH, height))  # outside pyplot: nothing registers it, nothing must close it
    drawn = Drawn(fig)
    _header(fig, props, props.direction, props.direction_label, height, drawn, header_top, legend)

    left = max(_label_width(labels[b.scenario].label, LABEL) for g in groups for b in g.bars) + 0.45
    right = 0.3
    plot_width = WIDTH - left - right
    # Scale so that the longest bar plus its label fits: value/xmax * w + label <= w.
    xmax = max(b.value for g in groups for b in g.bars) or 1.0
    for group in groups:
        for bar in group.bars:
            room = plot_width - _label_width(_bar_text(bar, props.best_label), VALUE) - 0.2
            xmax = max(xmax, bar.value * plot_width / max(room, 0.5))

    for group, top in zip(groups, tops):
        heading_y = 1 - (top - 0.12) / height
        fig.text(0.3 / WIDTH, heading_y, group.heading, fontsize=HEADING, fontweight="bold", va="baseline")
        drawn.texts.append(group.heading)
        rows = sum(DERIVED_ROW if b.derived else BAR_ROW for b in group.bars)
        ax = fig.add_axes((left / WIDTH, 1 - (top + rows) / height, plot_width / WIDTH, rows / height))
        _bar_axes(ax, group, labels, xmax, props.best_label, drawn)
    fig.text(left / WIDTH, 1 - (axis_top + 0.24) / height, axis_label, fontsize=LABEL, color=MUTED,
             va="baseline")
    drawn.texts.append(axis_label)
    _notes(fig, note_lines, notes_top, height, drawn)
    return drawn


def _bar_text(bar: Bar, best_label: str) -> str:
    parts = [bar.formatted, bar.relative] + ([f"★ {best_label}"] if bar.best else [])
    return "  ".join(p for p in parts if p)


def _bar_axes(ax, group: Group, labels: dict, xmax: float, best_label: str, drawn: Drawn) -> None:
    positions, y = [], 0.0
    for bar in group.bars:
        step = DERIVED_ROW if bar.derived else BAR_ROW
        positions.append(y + step / 2)
        y += step
    ax.set_ylim(y, 0)
    ax.set_xlim(0, xmax)
    for bar, middle in zip(group.bars, positions):
        color = labels[bar.scenario].color
        thickness = (DERIVED_ROW if bar.derived else BAR_ROW) * 0.62
        if bar.derived:
            ax.barh(middle, bar.value, height=thickness, color="white", edgecolor=color, hatch="////", linewidth=1.0)
        else:
            ax.barh(middle, bar.value, height=thickness, color=color,
                    edgecolor=INK if bar.best else color, linewidth=1.4 if bar.best else 0)
        pieces = [TextArea(bar.formatted, textprops={"fontsize": VALUE, "fontweight": "bold" if not bar.derived
                                                                                           else "normal",
                                                     "color": INK if not bar.derived else MUTED})]
        drawn.texts.append(bar.formatted)
        if bar.relative:
            tone = BETTER if bar.better else WORSE if bar.better is False else FAINT
            pieces.append(TextArea(bar.relative, textprops={"fontsize": VALUE, "color": tone}))
            drawn.texts.append(bar.relative)
        if bar.best:
            pieces.append(TextArea(f"★ {best_label}", textprops={"fontsize": VALUE, "color": BEST,
                                                                 "fontweight": "bold"}))
            drawn.texts.append(f"★ {best_label}")
        # A white box behind the label keeps the dashed baseline from running through it.
        box = AnnotationBbox(HPacker(children=pieces, sep=7, align="baseline", pad=0), (bar.value, middle),
                             xybox=(5, 0), xycoords="data", boxcoords="offset points", box_alignment=(0, 0.5),
                             frameon=True, pad=0.15, bboxprops={"facecolor": "white", "edgecolor": "none"},
                             annotation_clip=False)
        ax.add_artist(box)
    if group.baseline is not None:
        ax.axvline(group.baseline, color="#9ca3af", linewidth=0.9, linestyle=(0, (3, 3)), zorder=0)
    ticks, names = [], []
    for bar, middle in zip(group.bars, positions):
        if not bar.derived:
            ticks.append(middle + (DERIVED_ROW / 2 if _followed_by_derived(group, bar) else 0))
            names.append(labels[bar.scenario].label)
    ax.set_yticks(ticks, names, fontsize=LABEL)
    drawn.texts += names
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0, pad=6)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_facecolor("none")


def _followed_by_derived(group: Group, bar: Bar) -> bool:
    index = group.bars.index(bar)
    return index + 1 < len(group.bars) and group.bars[index + 1].derived


# -- line chart: throughput over concurrency ---------------------------------------------

AXES_HEIGHT = 3.0
TABLE_ROW = 0.24

def draw_lines(props: ConcurrencyChartProps) -> Drawn:
    """One line per scenario over the concurrency levels; the values in a table under the axis."""
    labels = {s.id: s for s in props.scenarios}
    note_lines = _note_lines(list(props.footnotes))
    legend = [(labels[s.scenario].label, {"facecolor": labels[s.scenario].color, "edgecolor": "none"})
              for s in props.series]
    rows = len(props.series)

    scaling_width = max(_label_width(props.scaling_label, NOTE) * 0.55, 1.05)
    header_lines = len(wrap(props.scaling_label, scaling_width * 72 / NOTE))

    layout = Layout()
    header_top = layout.take(1.08 + _legend_height(legend))
    layout.take(0.42)
    axes_top = layout.take(AXES_HEIGHT)
    layout.take(0.30)
    x_label_top = layout.take(0.34)
    table_top = layout.take(0.12 + 0.15 * header_lines + TABLE_ROW * rows + 0.16)
    notes_top = layout.take(0.1 + 0.17 * len(note_lines) + 0.12)
    height = layout.y

    fig = Figure(figsize=(WIDTH, height))  # outside pyplot: nothing registers it, nothing must close it
    drawn = Drawn(fig)
    _header(fig, props, props.direction, props.direction_label, height, drawn, header_top, legend)
    fig.text(0.3 / WIDTH, 1 - (axes_top - 0.2) / height, props.heading, fontsize=HEADING, fontweight="bold",
             va="baseline")
    drawn.texts.append(props.heading)

    # Room on the left for the table's row labels (bold) before the first column, and for the y ticks and label.
    left = max([_label_width(labels[s.scenario].label, NOTE) * 1.08 + 0.75 for s in props.series]
               + [_label_width(t.formatted, LABEL) + 0.75 for t in props.ticks])
    right = scaling_width + 0.35
    plot_width = WIDTH - left - right
    ax = fig.add_axes((left / WIDTH, 1 - (axes_top + AXES_HEIGHT) / height, plot_width / WIDTH,
                       AXES_HEIGHT / height))
    xs = {c: math.log2(c) for c in props.concurrency}
    span = (min(xs.values()), max(xs.values()))
    pad = max((span[1] - span[0]) * 0.04, 0.1)
    ax.set_xlim(span[0] - pad, span[1] + pad)
    ax.set_ylim(props.ticks[0].value, props.ticks[-1].value)
    for series in props.series:
        color = labels[series.scenario].color
        best = series.scenario == props.best_at_peak
        ax.plot([xs[p.concurrency] for p in series.points], [p.value for p in series.points], color=color,
                linewidth=2.6 if best else 1.8, marker="o", markersize=5 if best else 4, zorder=3 if best else 2)
    _end_labels(ax, props, labels, drawn)
    ax.set_xticks([xs[c] for c in props.concurrency], [str(c) for c in props.concurrency], fontsize=LABEL)
    drawn.texts += [str(c) for c in props.concurrency]
    ax.set_yticks([t.value for t in props.ticks], [t.formatted for t in props.ticks], fontsize=LABEL)
    drawn.texts += [t.formatted for t in props.ticks]
    ax.tick_params(axis="y", length=0, labelcolor=MUTED)
    ax.tick_params(axis="x", length=3)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel(props.y_label, fontsize=LABEL, color=MUTED, labelpad=8)
    drawn.texts.append(props.y_label)
    fig.text((left + plot_width / 2) / WIDTH, 1 - (x_label_top + 0.22) / height, props.x_label, fontsize=LABEL,
             color=MUTED, ha="center", va="baseline")
    drawn.texts.append(props.x_label)
    _value_table(fig, ax, props, labels, xs, table_top, height, left, plot_width, scaling_width, drawn)
    _notes(fig, note_lines, notes_top, height, drawn)
    return drawn


def _end_labels(ax, props: ConcurrencyChartProps, labels: dict, drawn: Drawn) -> None:
    """The scenario id at the end of each line, nudged apart so none overlap, and the best marker."""
    low, high = props.ticks[0].value, props.ticks[-1].value
    points_per_unit = AXES_HEIGHT * 72 / (high - low)
    placed: list[float] = []
    for series in sorted(props.series, key=lambda s: s.points[-1].value):
        end = series.points[-1]
        value = end.value
        y = max(value, placed[-1] + 12 / points_per_unit) if placed else value
        placed.append(y)
        text = series.scenario + (f"  ★ {props.best_label}" if series.scenario == props.best_at_peak else "")
        ax.annotate(text, (math.log2(end.concurrency), value), xytext=(8, (y - value) * points_per_unit),
                    textcoords="offset points", va="center", fontsize=VALUE, fontweight="bold",
                    color=labels[series.scenario].color, annotation_clip=False)
        drawn.texts.append(text)


def _value_table(fig: Figure, ax, props: ConcurrencyChartProps, labels: dict, xs: dict[int, float], top: float,
                 height: float, left: float, plot_width: float, scaling_width: float, drawn: Drawn) -> None:
    """Every formatted value, in a row per scenario aligned under its concurrency level, and the scaling."""
    x_low, x_high = ax.get_xlim()

    def fx(x: float) -> float:
        return (left + (x - x_low) / (x_high - x_low) * plot_width) / WIDTH

    def fy(inches: float) -> float:
        return 1 - inches / height

    scaling_x = (WIDTH - 0.4 - scaling_width / 2) / WIDTH
    header = wrap(props.scaling_label, scaling_width * 72 / NOTE)
    for line_no, line in enumerate(header):
        fig.text(scaling_x, fy(top + 0.14 + line_no * 0.15), line, fontsize=NOTE, color=FAINT, ha="center",
                 va="baseline")
        drawn.texts.append(line)
    rows_top = top + 0.12 + 0.15 * len(header)
    box_height = TABLE_ROW * len(props.series) + 0.08
    fig.add_artist(Rectangle((0.3 / WIDTH, fy(rows_top + box_height)), (WIDTH - 0.6) / WIDTH, box_height / height,
                             transform=fig.transFigure, facecolor="#f9fafb", edgecolor=GRID, linewidth=0.6,
                             zorder=0))
    for index, series in enumerate(props.series):
        y = fy(rows_top + 0.22 + index * TABLE_ROW)
        label = labels[series.scenario].label
        fig.text(0.4 / WIDTH, y, label, fontsize=NOTE, color=labels[series.scenario].color, fontweight="bold",
                 va="baseline")
        drawn.texts.append(label)
        for point in series.points:
            fig.text(fx(xs[point.concurrency]), y, point.formatted, fontsize=NOTE, color=INK, ha="center",
                     va="baseline")
            drawn.texts.append(point.formatted)
        fig.text(scaling_x, y, series.scaling.formatted, fontsize=NOTE, color=INK, ha="center", va="baseline",
                 fontweight="bold")
        drawn.texts.append(series.scaling.formatted)
