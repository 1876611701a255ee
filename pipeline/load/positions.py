"""Where every key and value of a YAML document sits, packed small enough to keep for every report.

A report of a few hundred lines has some 700 field paths. As two dicts of path tuple -> (line, column)
tuple they take about 160 KB, kept from loading to the end of the build for every report: the largest
share of a many-report build's memory. :class:`Positions` keeps the same table as one flat array of
numbers and the last step of each path (about 20 KB), and expands it back to a dict when positions are
looked up. Only the few documents looked up last keep their dict (a build looks one report up at a
time: its problems, its derived figures, its lint, its pages), so memory no longer grows with every
report's table, and each report's table is expanded about once per stage.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from typing import Iterable

FieldPath = tuple[str | int, ...]
Mark = tuple[int, int]
"""(line, column), 1-based."""

_FIELDS = 5
"""Numbers per path in the packed array: depth, key line, key column, value line, value column (0: none)."""
_EXPANDED_KEPT = 2
"""Documents whose expanded table is kept (the last looked up): a stage that reads one report and its
catalogue, or two reports in turn, expands each once."""


class Positions:
    """The (line, column) of the value and of the mapping key at each field path of one document."""

    __slots__ = ("_steps", "_numbers")

    def __init__(self, value_marks: dict[FieldPath, Mark], key_marks: dict[FieldPath, Mark], *,
                 in_reading_order: bool = False):
        """Pack ``value_marks`` (the value at each path) and ``key_marks`` (the key introducing each path).

        ``in_reading_order``: the caller knows that ``value_marks`` holds every path of ``key_marks``, each
        after its parent and before the next sibling of its parent (what the reader produces unless an own
        key replaced a merged one); otherwise that order is checked for, and made where it is not.
        """
        if in_reading_order:
            paths = list(value_marks)
        else:
            paths = list(value_marks)
            paths.extend(p for p in key_marks if p not in value_marks)
            if not _is_preorder(paths):
                paths = _preorder(paths)
        key_at, value_at, none = key_marks.get, value_marks.get, (0, 0)
        numbers = [n for path in paths for n in (len(path), *key_at(path, none), *value_at(path, none))]
        self._steps = [path[-1] if path else "" for path in paths]
        self._numbers = array("H" if max(numbers, default=0) < 1 << 16 else "I", numbers)

    def value(self, path: FieldPath) -> Mark | None:
        """Where the value at ``path`` starts, if the document has it."""
        entry = _table(self).get(tuple(path))
        return (entry[2], entry[3]) if entry and entry[2] else None

    def key(self, path: FieldPath) -> Mark | None:
        """Where the mapping key that introduces ``path`` starts, if the document has one."""
        entry = _table(self).get(tuple(path))
        return (entry[0], entry[1]) if entry and entry[0] else None

    def closest(self, path: FieldPath, prefer_key: bool = False) -> Mark | None:
        """The value's (or with ``prefer_key``, the key's) mark at ``path`` or, failing that, the other
        one; walking up to the parents until one is known; None when none is."""
        table = _table(self)
        probe = tuple(path)
        while True:
            entry = table.get(probe)
            if entry is not None:
                key_line, key_column, value_line, value_column = entry
                if prefer_key and key_line:
                    return key_line, key_column
                if value_line:
                    return value_line, value_column
                if key_line:
                    return key_line, key_column
            if not probe:
                return None
            probe = probe[:-1]

    def expanded(self) -> dict[FieldPath, tuple[int, int, int, int]]:
        """Path -> (key line, key column, value line, value column), 0 where there is none."""
        table: dict[FieldPath, tuple[int, int, int, int]] = {}
        parents: list[FieldPath] = []
        numbers = self._numbers
        columns = (numbers[0::_FIELDS], numbers[1::_FIELDS], numbers[2::_FIELDS], numbers[3::_FIELDS],
                   numbers[4::_FIELDS])
        for step, depth, *marks in zip(self._steps, *columns):
            path = parents[depth - 1] + (step,) if depth else ()
            del parents[depth:]
            parents.append(path)
            table[path] = tuple(marks)
        return table


_expanded: OrderedDict[int, tuple[Positions, dict]] = OrderedDict()
_lock = threading.Lock()


def _table(positions: Positions) -> dict:
    """The expanded table of ``positions``, kept while it is among the last few looked up."""
    with _lock:
        kept = _expanded.get(id(positions))
        if kept is not None and kept[0] is positions:
            _expanded.move_to_end(id(positions))
            return kept[1]
    table = positions.expanded()
    with _lock:
        _expanded[id(positions)] = (positions, table)
        _expanded.move_to_end(id(positions))
        while len(_expanded) > _EXPANDED_KEPT:
            _expanded.popitem(last=False)
    return table


def _is_preorder(paths: list[FieldPath]) -> bool:
    """Each path comes right after its parent or a descendant of its parent, and every parent is there."""
    parents: list[FieldPath] = []
    for path in paths:
        depth = len(path)
        if depth > len(parents) or (depth and parents[depth - 1] != path[:-1]):
            return False
        del parents[depth:]
        parents.append(path)
    return not paths or paths[0] == ()


def _preorder(paths: Iterable[FieldPath]) -> list[FieldPath]:
    """``paths`` and every prefix of them, each parent before its children (prefixes not given get no mark)."""
    every = set()
    for path in paths:
        for end in range(len(path) + 1):
            every.add(path[:end])
    return sorted(every, key=lambda path: tuple((isinstance(step, int), step) for step in path))
