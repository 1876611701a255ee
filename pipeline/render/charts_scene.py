"""A chart as a scene: text and shapes placed in inches by the drawers, in painting order.

The drawers (charts_draw, charts_general, charts_pareto) lay every chart out themselves, in inches,
from its content. matplotlib's figure, axes and artist layer only turned that layout into drawing
calls, and it cost four fifths of a chart's time (a figure, its axes, their transforms and text
objects, for each of the ~50 charts of a site). A scene is the layout itself: each shape is a path in
points (1/72 inch, y down from the top-left corner, as in the SVG) with its paint, and each string is
a run of glyphs shaped once. :mod:`pipeline.render.charts_paint` writes a scene as SVG and paints it
as PNG from the same record.

Text is measured and placed as matplotlib placed a ``Text`` (its line box reaches at least the font's
typographic ascent and descent), so the charts look as they did when matplotlib laid them out.
Shaping goes through matplotlib's FreeType and HarfBuzz bindings (``FT2Font``): the fonts, their
fallback chain and the glyph outlines are the ones matplotlib used.
"""

from __future__ import annotations

import locale
import math
import warnings
from dataclasses import dataclass, field

from matplotlib.font_manager import FontProperties, findfont, fontManager, get_font
from matplotlib.ft2font import FT2Font, LoadFlags
from matplotlib.path import Path

from pipeline.render.charts_fonts import FALLBACK_FAMILY

FONT_SCALE = 100.0
"""Size (points, at 72 dpi) glyphs are shaped and traced at; a run is scaled to its own size."""
TEXT_LANGUAGE = "und"
"""The language HarfBuzz shapes with. Unset, it takes the process's LC_CTYPE, and Noto Sans CJK's
``locl`` feature then swaps digits and punctuation for Korean or Chinese forms: the same chart had
other bytes under LANG=ko_KR.UTF-8. "und" (undetermined) asks for no language-specific forms."""

Box = tuple[float, float, float, float]
"""(left, top, right, bottom) in inches."""


@dataclass(frozen=True)
class Shape:
    """A path in points (y down) and how it is painted; absent paint is none."""

    path: Path
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0
    """Stroke width in points."""
    dashes: tuple[float, ...] | None = None
    """On and off lengths in points."""
    hatch: str | None = None
    """matplotlib's hatch notation ('//': diagonal lines, denser with each stroke), drawn in ``stroke``."""
    alpha: float = 1.0
    clip: tuple[float, float, float, float] | None = None
    """(left, top, right, bottom) in points: nothing is painted outside."""
    round_joins: bool = False
    """Lines (plots) join and cap round and square; boxes and bars are mitred."""


@dataclass(frozen=True)
class Glyphs:
    """A string shaped into glyphs, placed at its baseline origin (points, y down)."""

    text: str
    x: float
    y: float
    size: float
    color: str
    glyphs: tuple[tuple[str, float, float], ...]
    """(glyph id, x, y) at FONT_SCALE, y up, for each glyph; the id names the font and the glyph's index."""
    angle: float = 0.0
    """Degrees, counter-clockwise."""


@dataclass
class Scene:
    """A chart ``width`` x ``height`` inches: what is painted, in order, and every string on it."""

    width: float
    height: float
    family: str
    """The chart font's family; DejaVu Sans is its fallback for symbols it lacks."""
    items: list[Shape | Glyphs] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    """Every string drawn (the glyph check reads them)."""

    def shape(self, path: Path, **paint) -> None:
        """Paint ``path`` (already in points) with ``paint`` (see :class:`Shape`)."""
        self.items.append(Shape(path, **paint))

    def rect(self, left: float, top: float, width: float, height: float, **paint) -> None:
        """A rectangle, in inches."""
        self.items.append(Shape(rectangle(left * 72, top * 72, width * 72, height * 72), **paint))

    def line(self, points: list[tuple[float, float]], color: str, width: float, **paint) -> None:
        """A polyline through ``points`` (inches)."""
        path = Path([(x * 72, y * 72) for x, y in points], [Path.MOVETO] + [Path.LINETO] * (len(points) - 1))
        self.items.append(Shape(path, stroke=color, stroke_width=width, **paint))

    def circle(self, x: float, y: float, diameter: float, **paint) -> None:
        """A circle centred on (x, y) inches, ``diameter`` in points."""
        self.items.append(Shape(circle(x * 72, y * 72, diameter / 2), **paint))

    def text(self, x: float, y: float, text: str, size: float, color: str, *, weight: str = "normal",
             ha: str = "left", va: str = "baseline", angle: float = 0.0) -> Box:
        """Place ``text`` at (x, y) inches, aligned as matplotlib aligns a Text; return its line box.

        ``ha``: left, center, right; ``va``: top, center, baseline, center_baseline, bottom. A rotated
        string (``angle`` 90) turns about its alignment point, as matplotlib's 'anchor' mode does.
        """
        self.texts.append(text)
        run = shaped(self.family, weight, text)
        width, ascent, descent = line_box(run, size)
        dx = {"left": 0.0, "center": width / 2, "right": width}[ha]
        dy = {"top": ascent, "baseline": 0.0, "bottom": -descent, "center": (ascent - descent) / 2,
              "center_baseline": ascent / 2}[va]  # from the alignment point down to the baseline
        turn = math.radians(angle)
        cos, sin = math.cos(turn), math.sin(turn)
        # The baseline origin: the point (-dx, dy) of the text's own frame, turned by ``angle``.
        bx = x * 72 - dx * cos + dy * sin
        by = y * 72 + dx * sin + dy * cos
        self.items.append(Glyphs(text, bx, by, size, color, run.glyphs, angle))
        if angle == 90:  # reads upwards: the ascent is on the left
            return ((bx - ascent) / 72, (by - width) / 72, (bx + descent) / 72, by / 72)
        return (bx / 72, (by - ascent) / 72, (bx + width) / 72, (by + descent) / 72)

    def text_width(self, text: str, size: float, weight: str = "normal") -> float:
        """Width of ``text`` in inches, as :meth:`text` would draw it."""
        return line_box(shaped(self.family, weight, text), size)[0] / 72

    def line_height(self, text: str, size: float, weight: str = "normal") -> tuple[float, float]:
        """Ascent and descent of ``text``'s line box, in inches."""
        _, ascent, descent = line_box(shaped(self.family, weight, text), size)
        return ascent / 72, descent / 72


def ems(family: str, weight: str = "normal"):
    """A string's width in ems of its size in ``family``, from its characters' advances: for wrapping
    text to a width, where kerning does not matter (shaping every word and character a line might
    break at cost more than drawing the chart)."""
    files = font_files(family, weight)

    def measure(text: str) -> float:
        total = 0.0
        for ch in text:
            advance = _ADVANCES.get((family, weight, ch))
            if advance is None:
                advance = _ADVANCES[(family, weight, ch)] = _advance(files, ch)
            total += advance
        return total / FONT_SCALE
    return measure


_ADVANCES: dict[tuple[str, str, str], float] = {}
"""(family, weight, character) -> its advance at FONT_SCALE."""


def _advance(files: tuple[str, ...], ch: str) -> float:
    """A character's advance at FONT_SCALE in the first of ``files`` that has it (0 if none has)."""
    for file in files:
        font = get_font(file)
        font.set_size(FONT_SCALE, 72)
        index = font.get_char_index(ord(ch))
        if index:
            return font.load_glyph(index, flags=LoadFlags.NO_HINTING).horiAdvance / 64
    return 0.0


# -- paths -------------------------------------------------------------------------------------

def rectangle(left: float, top: float, width: float, height: float) -> Path:
    """A closed rectangle, in points."""
    right, bottom = left + width, top + height
    return Path([(left, top), (right, top), (right, bottom), (left, bottom), (left, top)],
                [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY])


_KAPPA = 4 * (math.sqrt(2) - 1) / 3
"""Control-point distance of a cubic Bézier quarter circle, per unit of radius."""


def rounded_rectangle(left: float, top: float, width: float, height: float, radius: float) -> Path:
    """A closed rectangle with quarter-circle corners of ``radius``, in points."""
    r = min(radius, width / 2, height / 2)
    k = r * _KAPPA
    right, bottom = left + width, top + height
    vertices = [(left + r, top), (right - r, top), (right - r + k, top), (right, top + r - k), (right, top + r),
                (right, bottom - r), (right, bottom - r + k), (right - r + k, bottom), (right - r, bottom),
                (left + r, bottom), (left + r - k, bottom), (left, bottom - r + k), (left, bottom - r),
                (left, top + r), (left, top + r - k), (left + r - k, top), (left + r, top), (left + r, top)]
    curve = [Path.CURVE4] * 3
    codes = ([Path.MOVETO, Path.LINETO] + curve + [Path.LINETO] + curve + [Path.LINETO] + curve + [Path.LINETO]
             + curve + [Path.CLOSEPOLY])
    return Path(vertices, codes)


def circle(x: float, y: float, radius: float) -> Path:
    """A closed circle of four cubic arcs, in points."""
    k = radius * _KAPPA
    vertices = [(x + radius, y), (x + radius, y + k), (x + k, y + radius), (x, y + radius),
                (x - k, y + radius), (x - radius, y + k), (x - radius, y), (x - radius, y - k), (x - k, y - radius),
                (x, y - radius), (x + k, y - radius), (x + radius, y - k), (x + radius, y), (x + radius, y)]
    return Path(vertices, [Path.MOVETO] + [Path.CURVE4] * 12 + [Path.CLOSEPOLY])


# -- text ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A string shaped at FONT_SCALE: its glyphs and extent."""

    glyphs: tuple[tuple[str, float, float], ...]
    width: float
    height: float
    descent: float
    ascent_min: float
    """The first font's typographic ascent and descent: a line box is at least as tall."""
    descent_min: float


_FONTS: dict[tuple[str, str], tuple[str, ...]] = {}
_RUNS: dict[tuple[str, str, str], Run] = {}
"""(family, weight, text) -> its run: a site draws ~5,900 strings, ~1,100 of them distinct."""
OUTLINES: dict[str, tuple] = {}
"""Glyph id -> (vertices, codes) of its outline at FONT_SCALE, y up."""


def font_files(family: str, weight: str) -> tuple[str, ...]:
    """The font files ``family`` in ``weight`` resolves to, with DejaVu Sans after them."""
    key = (family, weight)
    files = _FONTS.get(key)
    if files is None:
        _pin_shaping_language()
        prop = FontProperties(family=[family, FALLBACK_FAMILY], weight=weight, size=FONT_SCALE)
        files = _FONTS[key] = tuple(fontManager._find_fonts_by_props(prop))
    return files


def shaped(family: str, weight: str, text: str) -> Run:
    """``text`` shaped with the chart font (once per process), at FONT_SCALE."""
    key = (family, weight, text)  # not the font files: hashing those (matplotlib's FontPath) is slow
    run = _RUNS.get(key)
    if run is None:
        run = _RUNS[key] = _shape(font_files(family, weight), text)
    return run


def line_box(run: Run, size: float) -> tuple[float, float, float]:
    """Width, ascent and descent (points) of ``run``'s line box at ``size``: matplotlib's for one line
    (the string's own ascent and descent, or the font's typographic ones where those are larger)."""
    scale = size / FONT_SCALE
    ascent, descent = max(run.height - run.descent, run.ascent_min), max(run.descent, run.descent_min)
    return run.width * scale, ascent * scale, descent * scale


_METRICS: dict[str, tuple[float, int, int]] = {}
"""Glyph id -> its advance (pixels at FONT_SCALE) and its ink's lowest and highest y (1/64 pixel)."""
_LINE_METRICS: dict[tuple[str, ...], tuple[float, float]] = {}


def _shape(files: tuple[str, ...], text: str) -> Run:
    """Shape ``text`` once (HarfBuzz) and measure it from its glyphs, as FT2Font.set_text measures: the
    width is the pen's advance, the height and descent the ink's (a second shaping pass, set_text's own,
    cost as much as the first)."""
    font = get_font(list(files))
    font.set_size(FONT_SCALE, 72)
    with warnings.catch_warnings():  # a glyph no font has: the build reports it (E081) once laid out
        warnings.simplefilter("ignore", UserWarning)
        laid_out = font._layout(text, LoadFlags.NO_HINTING, language=TEXT_LANGUAGE)
    glyphs, width, low, high = [], 0.0, None, None
    for item in laid_out:
        glyph_id = f"{item.ft_object.postscript_name}-{item.glyph_index:x}"
        metrics = _METRICS.get(glyph_id)
        if metrics is None:
            glyph = item.ft_object.load_glyph(item.glyph_index, flags=LoadFlags.NO_HINTING)
            OUTLINES[glyph_id] = item.ft_object.get_path()
            metrics = _METRICS[glyph_id] = (glyph.horiAdvance / 64, glyph.bbox[1], glyph.bbox[3])
        advance, bottom, top = metrics
        glyphs.append((glyph_id, float(item.x), float(item.y)))
        width = item.x + advance
        y = round(item.y * 64)
        low = bottom + y if low is None else min(low, bottom + y)
        high = top + y if high is None else max(high, top + y)
    height, descent = (0, 0) if low is None else (high - low, -low)
    ascent_min, descent_min = _line_metrics(files, font)
    return Run(tuple(glyphs), width, height / 64, descent / 64, ascent_min, descent_min)


def _line_metrics(files: tuple[str, ...], font) -> tuple[float, float]:
    """The first font's typographic ascent and descent at FONT_SCALE (its OS/2 table)."""
    metrics = _LINE_METRICS.get(files)
    if metrics is None:
        table = font.get_sfnt_table("OS/2")
        em = font.get_sfnt_table("head")["unitsPerEm"]
        metrics = _LINE_METRICS[files] = (table["sTypoAscender"] * FONT_SCALE / em,
                                          -table["sTypoDescender"] * FONT_SCALE / em)
    return metrics


_shaping_pinned = False


def _pin_shaping_language() -> None:
    """Make HarfBuzz's default language "C" for this process, whatever LC_CTYPE the user has.

    Runs are shaped with TEXT_LANGUAGE, but HarfBuzz falls back to the language of LC_CTYPE wherever
    none is passed (FT2Font.set_text passes none), with Korean or Chinese digit and punctuation forms.
    HarfBuzz reads LC_CTYPE once, on its first use, and keeps it: so LC_CTYPE is "C" for that first use
    only and restored at once (nothing else runs meanwhile; numbers are never formatted through it).
    """
    global _shaping_pinned
    if _shaping_pinned:
        return
    current = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        FT2Font(findfont(FALLBACK_FAMILY, fallback_to_default=True)).set_text("0", 0.0)
    finally:
        locale.setlocale(locale.LC_CTYPE, current)
    _shaping_pinned = True


__all__ = ["Scene", "Shape", "Glyphs", "Box", "rectangle", "rounded_rectangle", "circle", "shaped", "line_box"]
