"""Name the text behind a chart's missing glyph: the YAML field or the .po line that holds it.

The chart renderer only sees props (E081 "chart demo/zh/charts/TtftChart: the font cannot draw
'🙂'"); an editor needs the place to change. This looks the character up in the inputs.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from pipeline.errors import Location, Problem
from pipeline.load.po_source import PoScan
from pipeline.load.yaml_source import SourceDocument

_DRAWN = re.compile(r"cannot draw (.+)$")


def locate_missing_glyphs(problems: list[Problem], documents: list[SourceDocument],
                          po_scans: dict[str, PoScan]) -> list[Problem]:
    """``problems`` with each E081 moved to the first text holding one of its characters: in the report
    ``documents`` (in order), else in the translation catalogues ``po_scans``."""
    return [_located(p, documents, po_scans) if p.code == "E081" else p for p in problems]


def _located(problem: Problem, documents: list[SourceDocument], po_scans: dict[str, PoScan]) -> Problem:
    found = _DRAWN.search(problem.message)
    chars = re.findall(r"'(.)'", found.group(1)) if found else []
    for char in chars:
        for document in documents:
            for path, text in _texts(document.data, ()):
                if char in text:
                    return Problem(problem.code, problem.message, document.locate(path), document.shown(path),
                                   f"change this text, or install a font that has {char!r}", problem.severity)
        for scan in po_scans.values():
            for msgid, entry in scan.entries.items():
                if char in (entry.string or ""):
                    return Problem(problem.code, problem.message, Location(scan.file, entry.line), msgid,
                                   f"change this translation, or install a font that has {char!r}",
                                   problem.severity)
    return problem


def _texts(data: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, path + (i,))
