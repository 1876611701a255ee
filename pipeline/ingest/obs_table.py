"""Networking observations for people and for files: a plain-text table per file, and a flat table.

The terminal table groups observations by file and result; dimensions every row of a
result shares are printed once in its heading, so the rows show only what differs
(``qps_level=1000``). The flat table has one row per observation, its dimensions written
``name=value`` separated by ``;`` and sorted by name, so CSV rows compare as text.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING, Sequence

from pipeline.ingest.frame import statistic_rank
from pipeline.ingest.readings import METRIC_UNITS, Observation

if TYPE_CHECKING:
    import pandas

OBSERVATION_COLUMNS: tuple[str, ...] = ("tool", "tool_version", "file", "run", "metric", "statistic",
                                        "dimensions", "value", "unit", "where")
"""Column order of the flat observations table (CSV / Parquet export)."""

_METRIC_ORDER = {name: index for index, name in enumerate(METRIC_UNITS)}
_HEADERS = ("metric", "statistic", "dimensions", "value", "unit")


def format_observations(observations: Sequence[Observation]) -> str:
    """One block per file and result: tool, version, shared dimensions, then metric rows. No trailing newline."""
    blocks = []
    for (file, run), group in groupby(observations, key=lambda o: (o.file, o.run)):
        # Known metrics in catalogue order, each metric's statistics in reading order (mean..p99.9).
        items = sorted(group, key=lambda o: (_METRIC_ORDER.get(o.metric, len(_METRIC_ORDER)), o.metric,
                                             _dims_key(o.dimensions), statistic_rank(o.statistic)))
        shared = set(items[0].dimensions).intersection(*(set(o.dimensions) for o in items[1:]))
        first = items[0]
        tool = first.tool + (f" {first.tool_version}" if first.tool_version else "")
        head = f"{file}" + (f" [run {run}]" if run else "") + f": {tool}, {len(items)} figure(s)"
        if shared:
            head += "\n  " + _dims(sorted(shared))
        lines = [_HEADERS] + [(o.metric, o.statistic, _dims([d for d in o.dimensions if d not in shared]) or "-",
                               _value(o.value), o.unit) for o in items]
        widths = [max(len(line[i]) for line in lines) for i in range(len(_HEADERS))]
        rows = ["  " + "  ".join(cell.rjust(w) if header == "value" else cell.ljust(w)
                                 for cell, w, header in zip(line, widths, _HEADERS)).rstrip()
                for line in lines]
        blocks.append("\n".join([head, *rows]))
    files = len({o.file for o in observations})
    return "\n\n".join([f"{len(observations)} networking figure(s) from {files} file(s)", *blocks])


def dimensions_text(dimensions: Sequence[tuple[str, str | float]]) -> str:
    """``(('protocol', 'udp'), ('streams', 2.0))`` -> ``protocol=udp;streams=2``."""
    return ";".join(f"{name}={_dim_value(value)}" for name, value in dimensions)


OBSERVATION_DTYPES: dict[str, str] = {name: "object" for name in OBSERVATION_COLUMNS} | {
    "run": "int64", "value": "float64"}
"""Column dtypes of the flat observations table."""


def observation_rows(observations: Sequence[Observation]) -> list[tuple]:
    """The flat table's rows, in :data:`OBSERVATION_COLUMNS` order and reading order."""
    return [(o.tool, o.tool_version, o.file, o.run, o.metric, o.statistic, dimensions_text(o.dimensions),
             o.value, o.unit, o.where) for o in observations]


def observation_table(observations: Sequence[Observation]) -> "pandas.DataFrame":
    """The flat table of :data:`OBSERVATION_COLUMNS`, in reading order (for Parquet)."""
    import pandas as pd

    records = observation_rows(observations)
    columns = list(zip(*records)) if records else [() for _ in OBSERVATION_COLUMNS]
    return pd.DataFrame({name: pd.Series(list(values), dtype=OBSERVATION_DTYPES[name])
                         for name, values in zip(OBSERVATION_COLUMNS, columns)})


def _dims_key(dimensions: Sequence[tuple[str, str | float]]) -> tuple:
    """Numbers before text, numbers by value (qps 1000 < 5000 < max)."""
    return tuple((name, (0, value, "") if isinstance(value, float) else (1, 0.0, value))
                 for name, value in dimensions)


def _dims(dimensions: Sequence[tuple[str, str | float]]) -> str:
    return " ".join(f"{name}={_dim_value(value)}" for name, value in dimensions)


def _dim_value(value: str | float) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return value


def _value(value: float) -> str:
    if value != 0 and abs(value) < 1:
        return f"{value:.4g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:,.0f}"
