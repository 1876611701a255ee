"""Plot areas, axes and legends on a scene: the parts every chart drawer shares.

Sizes follow matplotlib's defaults, which the charts were first drawn with: 0.8-point spines and grid
lines, 3.5-point ticks and tick pads, legends with 0.7-em keys. Axes that carry no ticks in their
props (the generic kinds' value axes, the Pareto chart's) get matplotlib's choice of round steps
for the room the axis has, written as plain numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.render.charts_axis import round_step, tick_decimals
from pipeline.render.charts_scene import Scene

if TYPE_CHECKING:
    from pipeline.props.models import DigitsProps

SPINE, SPINE_WIDTH = "#9ca3af", 0.8
TICK_LENGTH, TICK_PAD, TICK_WIDTH = 3.5, 3.5, 0.8
"""Points."""
GRID_WIDTH = 0.8
SIDE_ROOM = 3.0
"""The most inches row labels or a legend beside a plot may take: a longer label runs off the chart
instead of squeezing the plot to nothing."""
KEY_HEIGHT, KEY_GAP, LINE_KEY, COLUMN_GAP, ROW_GAP = 0.7, 0.8, 2.0, 2.0, 0.5
"""Legends, in ems: a key's height, key to label, a line key's length, between columns and rows."""
LEGEND_GAP, LEGEND_PAD = 0.5, 0.4
"""Ems between a plot and its legend, and around the legend's entries."""


@dataclass(frozen=True)
class PlotArea:
    """A rectangle of the chart (inches from the top-left) showing data ``x_range`` by ``y_range``.

    ``y_range`` runs bottom to top; give it high-to-low for a y axis that grows downwards.
    """

    left: float
    top: float
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def x(self, value: float) -> float:
        """Inches from the chart's left edge of data ``value``."""
        low, high = self.x_range
        return self.left + (value - low) / (high - low) * self.width

    def y(self, value: float) -> float:
        """Inches from the chart's top edge of data ``value``."""
        low, high = self.y_range
        return self.bottom - (value - low) / (high - low) * self.height

    def clip(self) -> tuple[float, float, float, float]:
        """The area in points, as a shape's clip."""
        return (self.left * 72, self.top * 72, self.right * 72, self.bottom * 72)


def spines(scene: Scene, area: PlotArea, sides: tuple[str, ...]) -> None:
    """The axes' edge lines on ``sides`` (left, bottom, right, top)."""
    ends = {"left": [(area.left, area.bottom), (area.left, area.top)],
            "bottom": [(area.left, area.bottom), (area.right, area.bottom)],
            "right": [(area.right, area.bottom), (area.right, area.top)],
            "top": [(area.left, area.top), (area.right, area.top)]}
    for side in sides:
        scene.line(ends[side], SPINE, SPINE_WIDTH)


def grid(scene: Scene, area: PlotArea, color: str, *, xs: list[float] = (), ys: list[float] = ()) -> None:
    """Grid lines across the area at data ``xs`` (vertical) and ``ys`` (horizontal)."""
    for value in xs:
        scene.line([(area.x(value), area.bottom), (area.x(value), area.top)], color, GRID_WIDTH)
    for value in ys:
        scene.line([(area.left, area.y(value)), (area.right, area.y(value))], color, GRID_WIDTH)


def x_ticks(scene: Scene, area: PlotArea, ticks: list[tuple[float, str]], size: float, color: str, *,
            length: float = TICK_LENGTH, tick_color: str | None = None) -> float:
    """Tick marks under the area and their labels centred beneath; the inches the labels reach down to."""
    lowest = area.bottom
    for value, label in ticks:
        x = area.x(value)
        if length:
            scene.line([(x, area.bottom), (x, area.bottom + length / 72)], tick_color or color, TICK_WIDTH)
        box = scene.text(x, area.bottom + (length + TICK_PAD) / 72, label, size, color, ha="center", va="top")
        lowest = max(lowest, box[3])
    return lowest


def y_ticks(scene: Scene, area: PlotArea, ticks: list[tuple[float, str]], size: float, color: str, *,
            length: float = TICK_LENGTH, pad: float = TICK_PAD, tick_color: str | None = None) -> float:
    """Tick marks left of the area and their labels right-aligned before them; the leftmost label's
    left edge, in inches."""
    leftmost = area.left
    for value, label in ticks:
        y = area.y(value)
        if length:
            scene.line([(area.left - length / 72, y), (area.left, y)], tick_color or color, TICK_WIDTH)
        box = scene.text(area.left - (length + pad) / 72, y, label, size, color, ha="right", va="center_baseline")
        leftmost = min(leftmost, box[0])
    return leftmost


def y_label(scene: Scene, area: PlotArea, label: str, size: float, color: str, left_of: float,
            pad: float = 4.0) -> None:
    """The y axis's label, turned to read upwards, ``pad`` points left of ``left_of`` inches."""
    scene.text(left_of - pad / 72, area.top + area.height / 2, label, size, color, ha="center", va="bottom",
               angle=90)


def auto_ticks(high: float, length: float, label_size: float, horizontal: bool) -> list[float]:
    """Round-step ticks from 0 to at most ``high`` for an axis ``length`` inches long: matplotlib's
    default choice (steps of 1, 2, 2.5, 5 x 10^k, as many as fit labels of ``label_size``)."""
    bins = max(1, min(9, math.floor(length * 72 / (label_size * (3 if horizontal else 2)))))
    if not high > 0:
        return [0.0]
    step = round_step(high / bins)
    return [round(i * step, 10) for i in range(int(high / step * (1 + 1e-9)) + 1)]


def plain_labels(ticks: list[float], digits: DigitsProps) -> list[tuple[float, str]]:
    """Ticks written with the fraction digits that tell them apart (0.5, 1.0, 1.5), grouped in thousands
    with the reader's symbols (the props' ``digits``), as the figures beside them are."""
    decimals = tick_decimals(ticks)
    return [(t, grouped(f"{t:.{decimals}f}", digits.group, digits.decimal)) for t in ticks]


def grouped(number: str, group: str, decimal: str) -> str:
    """``number`` as Python writes it ('-12345.5') with ``group`` between thousands and ``decimal``
    before the fraction ('-12,345.5')."""
    sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
    whole, _, fraction = number.partition(".")
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)]
    return sign + group.join(parts) + (decimal + fraction if fraction else "")


def patch_legend(scene: Scene, entries: list[tuple[str, dict]], left: float, top: float, columns: int,
                 size: float, handle_length: float = 1.6) -> None:
    """Coloured keys and their labels from (left, top) inches, filled column by column, as fig.legend."""
    _legend(scene, entries, left, top, columns, size, handle_length, _patch_key)


def line_legend(scene: Scene, entries: list[tuple[str, dict]], area: PlotArea, size: float) -> None:
    """A line-and-marker key per entry, one column, right of the plot ``area`` (as an axes legend)."""
    pad = (LEGEND_GAP + LEGEND_PAD) * size / 72
    _legend(scene, entries, area.right + pad, area.top + pad, 1, size, LINE_KEY, _line_key)


def line_legend_room(scene: Scene, labels: list[str], size: float) -> float:
    """Inches :func:`line_legend` takes right of its plot, with the chart's 0.3-inch margin after it (at
    most SIDE_ROOM)."""
    widest = max((scene.text_width(label, size) for label in labels), default=0.0)
    return min(SIDE_ROOM, (LEGEND_GAP + 2 * LEGEND_PAD + LINE_KEY + KEY_GAP) * size / 72 + widest + 0.3)


def _patch_key(scene: Scene, left: float, bottom: float, width: float, height: float, style: dict) -> None:
    edge = style.get("edgecolor")
    edge = None if edge == "none" else edge
    scene.rect(left, bottom - height, width, height, fill=style.get("facecolor"), stroke=edge,
               stroke_width=1.0 if edge else 0.0, hatch=style.get("hatch"))


def _line_key(scene: Scene, left: float, bottom: float, width: float, height: float, style: dict) -> None:
    middle = bottom - height / 2
    scene.line([(left, middle), (left + width, middle)], style["color"], style.get("linewidth", 1.5),
               round_joins=True)
    scene.circle(left + width / 2, middle, style.get("markersize", 6.0), fill=style["color"], stroke=style["color"],
                 stroke_width=1.0)


def _legend(scene: Scene, entries: list[tuple[str, dict]], left: float, top: float, columns: int, size: float,
            handle_length: float, key) -> None:
    em = size / 72
    per_column = math.ceil(len(entries) / columns)
    x = left
    for start in range(0, len(entries), per_column):
        column = entries[start:start + per_column]
        y, widest = top, 0.0
        for text, style in column:
            ascent, descent = scene.line_height(text, size)
            baseline = y + max(ascent, KEY_HEIGHT * em)
            key(scene, x, baseline, handle_length * em, KEY_HEIGHT * em, style)
            box = scene.text(x + (handle_length + KEY_GAP) * em, baseline, text, size, style.get("text", "#111827"))
            widest = max(widest, box[2] - x)
            y = baseline + descent + ROW_GAP * em
        x += widest + COLUMN_GAP * em


__all__ = ["PlotArea", "spines", "grid", "x_ticks", "y_ticks", "y_label", "auto_ticks", "plain_labels", "grouped",
           "patch_legend", "line_legend", "line_legend_room"]
