"""Assemble the tidy rows into the pandas table, with fixed dtypes and a stable order.

pandas is imported inside the function: the rest of the pipeline imports this
package's light modules without paying pandas' start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.ingest.tidy import COLUMNS

if TYPE_CHECKING:
    import pandas

DTYPES: dict[str, str] = {
    "tool": "object", "tool_version": "object", "file": "object", "run": "int64",
    "model": "object", "concurrency": "float64", "request_rate": "float64",
    "metric": "object", "statistic": "object", "value": "float64", "unit": "object",
    "completed": "Int64", "failed": "Int64",
}
"""Column dtypes. Text columns are ``object`` so a missing version or model stays None
(pandas' ``str`` dtype would turn it into NaN); counts are nullable integers."""

SORT_KEYS = ["file", "run", "metric", "statistic"]
"""The table's row order; together these identify a row, so the order is total.

Statistics sort in reading order (mean, median, std, min, max, sum, then
percentiles by value: p0.1 < p5 < p50 < p99.9) rather than alphabetically.
"""

_STATISTIC_ORDER = {"mean": 0.0, "median": 1.0, "std": 2.0, "min": 3.0, "max": 4.0, "sum": 5.0}


def build_table(rows: list[tuple]) -> "pandas.DataFrame":
    """The tidy table from rows in :data:`COLUMNS` order, sorted by :data:`SORT_KEYS`."""
    import pandas as pd

    columns = list(zip(*rows)) if rows else [() for _ in COLUMNS]
    frame = pd.DataFrame({name: pd.Series(list(values), dtype=DTYPES[name])
                          for name, values in zip(COLUMNS, columns)})
    return frame.sort_values(SORT_KEYS, key=_sort_key, kind="mergesort", ignore_index=True)


def statistic_rank(statistic: str) -> float:
    """Sort rank of a statistic name: the named ones first, then percentiles by value."""
    if statistic in _STATISTIC_ORDER:
        return _STATISTIC_ORDER[statistic]
    if statistic.startswith("p"):
        try:
            return 10.0 + float(statistic[1:])
        except ValueError:
            pass
    return 1000.0  # unknown names last; ties keep input order (stable sort)


def _sort_key(column: "pandas.Series") -> "pandas.Series":
    return column.map(statistic_rank) if column.name == "statistic" else column
