"""The figures of a benchmark report, keyed by what they are: metric, statistic, scenario, coordinates.

Every figure says where it comes from (measured, estimated, derived, or missing: "not measured"),
how many decimals its page shows, and where it sits in the inputs (for messages and waivers).
Both the derive and the lint stage read these types; nothing here computes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, Mapping

from pipeline.errors import Location

Coords = tuple[tuple[str, "float | str"], ...]
"""Coordinates on a report's dimensions, sorted by dimension id: ``(('qps_level', 1000.0),)``."""

Provenance = Literal["measured", "estimated", "derived", "missing", "not_applicable"]
"""measured: read from raw files (or measured by the team, source named); estimated: typed from a source;
derived: computed here; missing: not measured (yet)."""


def coords(at: Mapping[str, "float | str"]) -> Coords:
    """Coordinates as a key: sorted, numbers as floats (``1000`` and ``1000.0`` are one coordinate)."""
    return tuple(sorted((k, float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                        for k, v in at.items()))


@dataclass(frozen=True, order=True)
class FigureKey:
    """What a figure is: a metric's statistic for a scenario at some coordinates."""

    metric: str
    statistic: str
    scenario: str
    at: Coords = ()

    def moved(self, **changes) -> "FigureKey":
        """The same key with some fields changed."""
        return replace(self, **changes)

    def with_at(self, at: Mapping[str, "float | str"]) -> "FigureKey":
        """The same key with coordinates overridden by ``at``."""
        merged = dict(self.at)
        merged.update(coords(at))
        return FigureKey(self.metric, self.statistic, self.scenario, coords(merged))


@dataclass(frozen=True)
class Figure:
    """One figure and where it comes from."""

    key: FigureKey
    value: float | None
    """The figure in its metric's unit; None when not measured (or a range without a midpoint)."""
    provenance: Provenance
    decimals: int
    """Fraction digits the page shows."""
    low: float | None = None
    """Lower end of a range figure ('4-6')."""
    high: float | None = None
    """Upper end of a range figure."""
    approximate: bool = False
    """Published as approximate ('~130')."""
    source: str | None = None
    """Source id of an estimated (or team-measured) figure."""
    files: tuple[str, ...] = ()
    """Raw files of a measured figure."""
    runs: int | None = None
    """Runs a measured figure reduces."""
    formula: str | None = None
    """Derivation of a derived figure (a catalogue msgid: formula.<metric>)."""
    inputs: tuple["Figure", ...] = ()
    """Figures a derived figure was computed from."""
    location: Location | None = None
    """Where it is typed, or the measurements entry it was read through."""
    path: str = ""
    """Its field path as messages print it; waivers match against it."""

    @property
    def known(self) -> bool:
        """Whether there is a number to show (a value or a range)."""
        return self.value is not None or (self.low is not None and self.high is not None)

    @property
    def number(self) -> float | None:
        """The value, or a range's midpoint (for bar lengths and comparisons)."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return None


def missing(key: FigureKey, decimals: int) -> Figure:
    """The figure a report does not have: shown as 'not measured'."""
    return Figure(key, None, "missing", decimals)


@dataclass(frozen=True)
class Compared:
    """A comparison between two figures of one metric, computed."""

    id: str
    """Comparison id (``<chain id>.<i>`` for a chain's pairs)."""
    measure: Literal["change", "ratio", "difference"]
    reference: Figure
    """The ``from`` figure."""
    subject: Figure
    """The ``to`` figure."""
    value: float | None
    """Change as a fraction (-0.359), ratio (101.6) or difference in the unit; None when a figure is missing."""
    stated: float | None = None
    """The figure as published (percent for a change)."""
    location: Location | None = None
    path: str = ""
