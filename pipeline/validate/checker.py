"""The problem collector every meaning check of one document writes into."""

from __future__ import annotations

from typing import Iterable

from pipeline.errors import Problem, close_match
from pipeline.load.yaml_source import FieldPath, SourceDocument


class Checker:
    """Collects the problems of one document, each located at its field path."""

    def __init__(self, document: SourceDocument):
        self.document = document
        self.problems: list[Problem] = []

    def add(self, code: str, message: str, path: FieldPath, hint: str = "", *, key: bool = False) -> None:
        self.problems.append(Problem(code, message, self.document.locate(path, prefer_key=key),
                                     self.document.shown(path), hint))

    def ref(self, kind: str, value: str | None, known: Iterable[str] | None, path: FieldPath, where: str = "") -> bool:
        """Report ``value`` unless it is one of ``known``; returns whether it resolved.

        ``known`` is None when the catalogue it comes from failed to load: its own problems are
        reported, and every reference into it would be noise.
        """
        if known is None:
            return False
        known = list(dict.fromkeys(known))
        if value is None or value in known:
            return True
        guess = close_match(str(value), known)
        hint = f"did you mean '{guess}'?" if guess else (
            f"known {kind} ids: {', '.join(sorted(known))}" if known else f"define the {kind} first")
        if where:
            hint += f" ({kind}s are defined in {where})"
        self.add("E040", f"unknown {kind} '{value}'", path, hint)
        return False

    def unique(self, kind: str, ids: list[tuple[str, FieldPath]]) -> None:
        seen: dict[str, FieldPath] = {}
        for value, path in ids:
            if value in seen:
                line = self.document.locate(seen[value]).line
                self.add("E042", f"duplicate {kind} id '{value}' (first defined on line {line})", path,
                         "ids must be unique; rename or merge the two entries")
            else:
                seen[value] = path
