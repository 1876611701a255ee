"""Text measurement and line breaking for chart labels, in any of the site's scripts.

Widths are estimated in ems from East Asian width (a Han or Hangul character is one em,
a Latin letter about half of one), which is close enough to size margins and wrap notes
without a renderer. Han and kana may break between any two characters; Korean and
Latin text break at spaces; no line starts with closing punctuation.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable

_NO_LINE_START = set("，。、；：！？）」』】〉》,.;:!?)%")


def _char_em(ch: str) -> float:
    # Average advance widths of Noto Sans CJK's proportional Latin (Source Sans) glyphs.
    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    if ch == " ":
        return 0.23
    if ch.isupper():
        return 0.6
    if ch.isdigit():
        return 0.53
    return 0.49


@lru_cache(maxsize=8192)  # a chart measures its labels several times; a site's strings recur
def em_width(text: str) -> float:
    """Estimated width of ``text`` in ems of its font size."""
    return sum(_char_em(ch) for ch in text)


def _breaks_anywhere(ch: str) -> bool:
    # Han ideographs, kana and fullwidth punctuation: a line may break before or after them.
    code = ord(ch)
    return (0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFF60
            or 0x3000 <= code <= 0x303F)


def _tokens(text: str) -> list[str]:
    """Units that stay on one line: a word with its following spaces, or one Han character."""
    tokens: list[str] = []
    current = ""
    for ch in text:
        if _breaks_anywhere(ch) and ch not in _NO_LINE_START:
            if current:
                tokens.append(current)
            current = ch
        elif ch == " ":
            current += ch
            tokens.append(current)
            current = ""
        elif current and (current[-1] == " " or (_breaks_anywhere(current[-1]) and ch not in _NO_LINE_START)):
            tokens.append(current)
            current = ch
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


_WORD_BREAKS = set("-/_.:")
"""Characters after which a word too long for a line is broken, when one fits."""


def _pieces(token: str, width_em: float, measure: Callable[[str], float]) -> list[str]:
    """``token``, whose word is wider than a line, cut into pieces that fit: after the last '-', '/',
    '_', '.' or ':' that fits, else after the last character that fits (an id or a URL an editor typed
    would otherwise run off the chart). Its trailing spaces stay on the last piece."""
    word = token.rstrip()
    pieces, start, width, last_break = [], 0, 0.0, None
    for index, ch in enumerate(word):
        advance = measure(ch)  # widths are sums of the characters' advances (em_width, and the font's)
        while width + advance > width_em and index > start:  # twice when what follows the break is too wide
            end = last_break if last_break is not None else index
            pieces.append(word[start:end])
            start, last_break = end, None
            width = measure(word[start:index])
        width += advance
        if ch in _WORD_BREAKS:
            last_break = index + 1
    pieces.append(word[start:] + token[len(word):])
    return pieces


def wrap(text: str, width_em: float, measure: Callable[[str], float] = em_width) -> list[str]:
    """``text`` broken into lines of at most ``width_em`` ems; a word longer than a line is cut.

    ``measure`` gives a string's width in ems: the estimate here by default, the font's own advances
    where the chart font is at hand (:func:`pipeline.render.charts_scene.ems`).
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, width = "", 0.0  # the line so far, and its width with its trailing spaces
        for token in _tokens(paragraph):
            # A line's width is the sum of its tokens' (each measured once, not every longer prefix).
            word = measure(token.rstrip())
            pieces = [(token, word)] if word <= width_em else \
                [(piece, measure(piece.rstrip())) for piece in _pieces(token, width_em, measure)]
            for piece, piece_width in pieces:
                if line and width + piece_width > width_em:
                    lines.append(line.rstrip())
                    line = piece.lstrip()
                    width = measure(line)
                else:
                    line += piece
                    width += measure(piece)
        lines.append(line.rstrip())
    return lines
