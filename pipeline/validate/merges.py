"""What YAML merges (``<<: *anchor``) bring into a mapping without the editor seeing it there.

A merge copies every key of the anchored mapping that the merging one does not type itself.
For shared facts (pricing model, region, source, date) that is the point; for a flag such as
``approximate: true`` it is a trap: marking the anchored price approximate marks every price
that merges it, and the page prints '~' before figures nobody estimated. Each flag (a ``true``)
that arrives by a merge is reported where the merge is written.
"""

from __future__ import annotations

from pipeline.errors import Location, Problem
from pipeline.load.yaml_source import FieldPath, SourceDocument


def merged_flags(document: SourceDocument) -> list[Problem]:
    """E053 (warning): a ``true`` that reaches a mapping only through a ``<<:`` merge."""
    problems = []
    for path, (line, column) in sorted(document.merged.items(), key=lambda item: item[1]):
        if _value(document.data, path) is not True:
            continue
        key = path[-1]
        origin = document.locate(path)
        problems.append(Problem(
            "E053",
            f"'{key}: true' reaches this mapping through the merge on this line, from line {origin.line}; "
            f"it is not typed here",
            Location(document.file, line, column), document.shown(path),
            f"type {key}: true only in the mapping it concerns, not in the anchored one ('&'), "
            f"or write {key}: false here if this one is not",
            "warning"))
    return problems


def _value(data: object, path: FieldPath) -> object:
    for step in path:
        try:
            data = data[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data
