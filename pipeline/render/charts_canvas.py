"""The canvas every chart is encoded through: one layout, drawn as SVG, painted as PNG; text laid out once.

Shaping a string (HarfBuzz through libraqm, on Noto Sans CJK) costs 0.3–2 ms in matplotlib 3.11, and
a chart's text was shaped again for every measurement and for both formats: over half of a chart's
drawing time. Yet a shipped site draws about 5,900 strings of which about 1,100 differ (scenario
labels, ticks and figures recur across charts and locales). The SVG renderer here keeps, for the life
of the process, what is a pure function of its inputs: the font files a font's properties resolve to,
a string's extent, its glyphs and their positions, and each glyph's outline. Everything else is
matplotlib's own code, so the SVG bytes are exactly the ones the stock renderer writes
(tests/test_charts.py compares them). The renderer also records what it draws, and :func:`rasterise`
paints that record with Agg: the PNG shows the SVG's layout, and the figure is laid out once.

The subclasses reach into private parts of matplotlib (``TextToPath._get_font``, ``FT2Font._layout``,
graphics-context fields): matplotlib is pinned to one version in pyproject.toml, and this file is
hashed into every chart's key, so a change on either side redraws.
"""

from __future__ import annotations

import codecs

from matplotlib import cbook
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backend_bases import GraphicsContextBase, RendererBase
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.path import Path
from matplotlib.transforms import Affine2D, Bbox, TransformedPath
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.textpath import TextToPath

_FONT_FILES: dict[tuple, list[str]] = {}
"""Font properties -> the font files (first choice, then fallbacks) matplotlib resolves them to."""
_EXTENTS: dict[tuple, tuple[int, int, int]] = {}
"""(font, size, dpi, hinting, text) -> width, height and descent in 1/64 pixel."""
_GLYPHS: dict[tuple, tuple] = {}
"""(font, size, dpi, hinting, text, features, language) -> the text's glyph ids and positions."""
_OUTLINES: dict[str, tuple] = {}
"""Glyph id (font and glyph index) -> its outline at TextToPath's scale, as SVG text paths use it."""


def _font_files(prop) -> list[str]:
    # The number of known fonts is part of the key: registering a font can change what a family means.
    key = (tuple(prop.get_family()), prop.get_style(), prop.get_variant(), prop.get_weight(),
           prop.get_stretch(), prop.get_file(), len(fontManager.ttflist))
    files = _FONT_FILES.get(key)
    if files is None:
        files = _FONT_FILES[key] = fontManager._find_fonts_by_props(prop)
    return files


def _extent(font, size: float, dpi: float, flags, text: str) -> tuple[int, int, int]:
    """``font.set_text`` then its extent, for a font whose size is already set to ``size`` at ``dpi``."""
    key = (font, size, dpi, flags, text)
    extent = _EXTENTS.get(key)
    if extent is None:
        font.set_text(text, 0.0, flags=flags)
        width, height = font.get_width_height()
        extent = _EXTENTS[key] = (width, height, font.get_descent())
    return extent


def _features_language(mtext) -> tuple:
    if mtext is None:
        return None, None
    return mtext.get_fontfeatures(), mtext.get_language()


class TextOncePaths(TextToPath):
    """Text to glyph outlines (the SVG's text-as-path), each string shaped and each glyph traced once."""

    def _get_font(self, prop):
        font = get_font(_font_files(prop))
        font.set_size(self.FONT_SCALE, self.DPI)
        return font

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        scale = prop.get_size_in_points() / self.FONT_SCALE
        width, height, descent = _extent(self._get_font(prop), self.FONT_SCALE, self.DPI, LoadFlags.NO_HINTING, s)
        return width / 64.0 * scale, height / 64.0 * scale, descent / 64.0 * scale

    def get_glyphs_with_font(self, font, s, glyph_map=None, return_new_glyphs_only=False, *, features=None,
                             language=None):
        glyph_map = {} if glyph_map is None else glyph_map
        new = {} if return_new_glyphs_only else glyph_map
        key = (font, self.FONT_SCALE, self.DPI, LoadFlags.NO_HINTING, s, features, language)
        glyphs = _GLYPHS.get(key)
        if glyphs is None:
            laid_out = []
            # As TextToPath does: each glyph is loaded as it is laid out; its outline is read then.
            for item in font._layout(s, LoadFlags.NO_HINTING, features=features, language=language):
                glyph_id = self._get_glyph_repr(item.ft_object, item.glyph_index)
                if glyph_id not in _OUTLINES:
                    item.ft_object.load_glyph(item.glyph_index, flags=LoadFlags.NO_HINTING)
                    _OUTLINES[glyph_id] = item.ft_object.get_path()
                laid_out.append((glyph_id, item.x, item.y))
            glyphs = _GLYPHS[key] = tuple(laid_out)
        for glyph_id, _, _ in glyphs:
            if glyph_id not in glyph_map:
                new[glyph_id] = _OUTLINES[glyph_id]
        return [(glyph_id, x, y, 1.0) for glyph_id, x, y in glyphs], new, []


class TextOnceSVG(RendererSVG):
    """SVG renderer (text as paths, measured and shaped once per process) that also records what it draws.

    The record (:attr:`drawing`) is the laid-out chart: every path, marker and glyph run in the SVG's
    coordinates. :func:`rasterise` paints it with Agg, so the PNG is drawn from the same layout instead
    of matplotlib laying the figure out a second time at the PNG's resolution.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._text2path = TextOncePaths()  # RendererSVG measures and draws text through it
        self.drawing: list[tuple] = []
        self._recording = True

    def draw_path(self, gc, path, transform, rgbFace=None):
        if self._recording:
            self.drawing.append(("path", _kept(gc), path, transform.frozen(), rgbFace))
        super().draw_path(gc, path, transform, rgbFace)

    def draw_markers(self, gc, marker_path, marker_trans, path, trans, rgbFace=None):
        self.drawing.append(("markers", _kept(gc), marker_path, marker_trans.frozen(), path, trans.frozen(),
                             rgbFace))
        super().draw_markers(gc, marker_path, marker_trans, path, trans, rgbFace)

    def draw_path_collection(self, gc, *args, **kwargs):
        # Recorded as the paths it is made of (matplotlib's generic expansion of a collection).
        recorder = _PathRecorder(self)
        RendererBase.draw_path_collection(recorder, gc, *args, **kwargs)
        self.drawing += recorder.drawing
        self._recording = False  # RendererSVG may draw the collection path by path: recorded already
        try:
            super().draw_path_collection(gc, *args, **kwargs)
        finally:
            self._recording = True

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if not ismath:
            features, language = _features_language(mtext)
            verts, codes = self._text2path.get_text_path(prop, s, features=features, language=language)
            # The glyph outlines placed as RendererBase._draw_text_as_path places them (y up from here).
            placed = (Affine2D().scale(prop.get_size_in_points() / self._text2path.FONT_SCALE)
                      .rotate_deg(angle).translate(x, self.height - y))
            glyphs = _kept(gc)
            glyphs.set_linewidth(0.0)
            self.drawing.append(("path", glyphs, Path(verts, codes), placed, gc.get_rgb()))
        super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)


class _PathRecorder(RendererBase):
    """Collects the paths a collection expands into, in the recording renderer's coordinates."""

    def __init__(self, svg: TextOnceSVG) -> None:
        super().__init__()
        self.drawing: list[tuple] = []
        self._svg = svg

    def get_canvas_width_height(self):
        return self._svg.get_canvas_width_height()

    def draw_path(self, gc, path, transform, rgbFace=None):
        self.drawing.append(("path", _kept(gc), path, transform.frozen(), rgbFace))


def _kept(gc) -> GraphicsContextBase:
    """A copy of a graphics context, its clipping fixed as it is now.

    matplotlib changes and reuses the context it passes once the call returns, and the clip box is a
    view of the axes' box, which moves when the figure's resolution goes back from the SVG's 72 dpi.
    """
    copy = GraphicsContextBase()
    copy.copy_properties(gc)
    if gc._cliprect is not None:
        copy._cliprect = gc._cliprect.frozen()
    if gc._clippath is not None:
        path, transform = gc._clippath.get_transformed_path_and_affine()
        copy._clippath = TransformedPath(path, transform.frozen())
    return copy


def _scaled(gc: GraphicsContextBase, scale: Affine2D) -> GraphicsContextBase:
    """``gc`` with its clipping moved into the raster's pixels (widths and dashes are in points already)."""
    copy = GraphicsContextBase()
    copy.copy_properties(gc)
    if gc._cliprect is not None:
        copy._cliprect = Bbox(scale.transform(gc._cliprect.get_points()))
    if gc._clippath is not None:
        copy._clippath = TransformedPath(gc._clippath._path, gc._clippath._transform + scale)
    return copy


def rasterise(svg: TextOnceSVG, width: int, height: int, dpi: float) -> RendererAgg:
    """Paint what ``svg`` recorded (at 72 dpi) with Agg at ``dpi`` into a ``width`` x ``height`` image."""
    agg = RendererAgg(width, height, dpi)
    scale = Affine2D().scale(dpi / 72.0)
    for operation, gc, *args in svg.drawing:
        if operation == "path":
            path, transform, face = args
            agg.draw_path(_scaled(gc, scale), path, transform + scale, face)
        else:
            marker_path, marker_transform, path, transform, face = args
            agg.draw_markers(_scaled(gc, scale), marker_path, marker_transform + scale, path, transform + scale,
                             face)
    return agg


class ChartCanvas(FigureCanvasAgg):
    """The canvas of a chart: its SVG written through :class:`TextOnceSVG`, which records the drawing
    :func:`rasterise` paints into the PNG."""

    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_print_options):
        """matplotlib's ``print_svg`` with :class:`TextOnceSVG` for its renderer.

        ``savefig`` hands a canvas outside matplotlib every option it has (dpi, facecolor, ...);
        ``print_svg`` uses none of them, as matplotlib's own does not.
        """
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as out:
            if not cbook.file_requires_unicode(out):
                out = codecs.getwriter("utf-8")(out)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            svg = TextOnceSVG(width * 72, height * 72, out, image_dpi=dpi, metadata=metadata)
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi,
                svg, bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()
        self.svg_drawing = svg
        """The renderer of the last SVG written, with its record of the drawing (for :func:`rasterise`)."""


__all__ = ["ChartCanvas", "TextOnceSVG", "TextOncePaths", "rasterise"]
