"""The canvas every chart is encoded through: matplotlib's SVG and Agg renderers, with text laid out once.

Shaping a string (HarfBuzz through libraqm, on Noto Sans CJK) costs 0.3–2 ms in matplotlib 3.11, and
a chart's text is shaped again for every measurement and both formats: over half of a chart's drawing
time. Yet a shipped site draws about 5,900 strings of which about 1,100 differ (scenario labels, ticks
and figures recur across charts and locales). These renderers keep, for the life of the process,
what is a pure function of its inputs: the font files a font's properties resolve to, a string's
extent, its glyphs and their positions, and each glyph's outline. Everything else is matplotlib's
own code, so the bytes are exactly the ones the stock renderers write (tests/test_charts.py compares
them).

The subclasses reach into private methods of matplotlib's renderers (``_prepare_font``,
``_draw_text_glyphs_and_boxes``, ``_layout``): matplotlib is pinned to one version in pyproject.toml,
and this file is hashed into every chart's key, so a change on either side redraws.
"""

from __future__ import annotations

import codecs

from matplotlib import cbook
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.font_manager import fontManager, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.textpath import TextToPath

_FONT_FILES: dict[tuple, list[str]] = {}
"""Font properties -> the font files (first choice, then fallbacks) matplotlib resolves them to."""
_EXTENTS: dict[tuple, tuple[int, int, int]] = {}
"""(font, size, dpi, hinting, text) -> width, height and descent in 1/64 pixel."""
_GLYPHS: dict[tuple, tuple] = {}
"""(font, size, dpi, hinting, text, features, language) -> the laid-out glyphs of the text."""
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


class TextOnceAgg(RendererAgg):
    """Agg renderer (the PNG) whose text extents and glyph layouts are computed once per process."""

    def _prepare_font(self, font_prop):
        font = get_font(_font_files(font_prop))
        font.clear()
        font.set_size(font_prop.get_size_in_points(), self.dpi)
        return font

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        font = self._prepare_font(prop)
        width, height, descent = _extent(font, prop.get_size_in_points(), self.dpi, get_hinting_flag(), s)
        return width / 64.0, height / 64.0, descent / 64.0

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        font = self._prepare_font(prop)
        size = prop.get_size_in_points()
        flags = get_hinting_flag()
        features, language = _features_language(mtext)
        key = (font, size, self.dpi, flags, s, features, language)
        glyphs = _GLYPHS.get(key)
        if glyphs is None:
            glyphs = _GLYPHS[key] = tuple(
                (item.ft_object, item.glyph_index, item.x, item.y)
                for item in font._layout(s, flags=flags, features=features, language=language))
        self._draw_text_glyphs_and_boxes(
            gc, x, y, angle, ((face, size, index, 0, 1, dx, dy) for face, index, dx, dy in glyphs), [])


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
    """SVG renderer (text as paths) whose text extents and glyphs are computed once per process."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._text2path = TextOncePaths()  # RendererSVG measures and draws text through it

class ChartCanvas(FigureCanvasAgg):
    """The canvas of a chart: PNG through :class:`TextOnceAgg`, SVG through :class:`TextOnceSVG`."""

    def get_renderer(self):
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextOnceAgg(width, height, self.figure.dpi)
            self._lastKey = key
        return self.renderer

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
            renderer = MixedModeRenderer(
                self.figure, width, height, dpi,
                TextOnceSVG(width * 72, height * 72, out, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore)
            self.figure.draw(renderer)
            renderer.finalize()


__all__ = ["ChartCanvas", "TextOnceAgg", "TextOnceSVG", "TextOncePaths"]
