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
"""The table's row order; together these identify a row, so the order is total."""


def build_table(rows: list[tuple]) -> "pandas.DataFrame":
    """The tidy table from rows in :data:`COLUMNS` order, sorted by :data:`SORT_KEYS`."""
    import pandas as pd

    columns = list(zip(*rows)) if rows else [() for _ in COLUMNS]
    frame = pd.DataFrame({name: pd.Series(list(values), dtype=DTYPES[name])
                          for name, values in zip(COLUMNS, columns)})
    return frame.sort_values(SORT_KEYS, kind="mergesort", ignore_index=True)
