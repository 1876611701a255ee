"""Assemble the tidy rows into the pandas table, with fixed dtypes and a stable order.

pandas is imported inside the function: the rest of the pipeline imports this
package's light modules without paying pandas' start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

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


_FILE, _RUN, _METRIC, _STATISTIC = (COLUMNS.index(name) for name in SORT_KEYS)


def sort_rows(rows: Iterable[tuple]) -> list[tuple]:
    """Rows in :data:`COLUMNS` order, in the table's order (:data:`SORT_KEYS`, statistics in reading
    order, ties as they came); without pandas, so the CSV export needs none."""
    rows = list(rows)
    ranks = {name: statistic_rank(name) for name in {row[_STATISTIC] for row in rows}}  # a few dozen names
    return sorted(rows, key=lambda r: (r[_FILE], r[_RUN], r[_METRIC], ranks[r[_STATISTIC]]))


def build_table(rows: list[tuple]) -> "pandas.DataFrame":
    """The tidy table from rows in :data:`COLUMNS` order, sorted by :data:`SORT_KEYS`."""
    return table_of(sort_rows(rows))


def table_of(rows: list[tuple]) -> "pandas.DataFrame":
    """The pandas table of rows already in table order (:func:`sort_rows`), with :data:`DTYPES`."""
    import pandas as pd

    columns = list(zip(*rows)) if rows else [() for _ in COLUMNS]
    return pd.DataFrame({name: pd.Series(list(values), dtype=DTYPES[name])
                         for name, values in zip(COLUMNS, columns)})


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
