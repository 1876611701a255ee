"""Assemble the tidy rows into the pandas table, with fixed dtypes and a stable order.

pandas is imported inside the function: the rest of the pipeline imports this
package's light modules without paying pandas' start-up time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from pipeline.ingest.tidy import COLUMNS

if TYPE_CHECKING:
    import pandas

    from pipeline.ingest.tidy import Run

FileRun = tuple[str, "Run"]
"""A run with the file it was read from (as shown): what one file x run of the table's rows come from."""

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


def table_slices(runs: Iterable[FileRun]) -> list[tuple[FileRun, list[tuple[str, str]]]]:
    """The table's rows as slices of runs, in table order: each a (file, run) and some of the run's
    ``(metric, statistic)`` keys, whose rows come next. What :func:`sort_rows` makes of the runs' rows,
    without building them.

    The rows of one file and run index are sorted by metric and statistic rank, ties as they came (in
    the order of the runs, then of each run's values), as the rows' stable sort leaves them; usually they
    are one run's, and one slice. Runs with the same keys in the same order (the files of one tool
    version) share their sorted keys, so a thousand runs of twenty values cost a few sorts, not a sort of
    twenty thousand rows.
    """
    members: dict[tuple[str, int], list[FileRun]] = {}
    for file_run in runs:
        members.setdefault((file_run[0], file_run[1].run), []).append(file_run)
    ranks: dict[str, float] = {}

    def metric_and_rank(pair: tuple[str, str]) -> tuple[str, float]:
        rank = ranks.get(pair[1])
        if rank is None:
            rank = ranks[pair[1]] = statistic_rank(pair[1])
        return pair[0], rank

    orders: dict[tuple, list[tuple[str, str]]] = {}
    slices: list[tuple[FileRun, list[tuple[str, str]]]] = []
    for key in sorted(members):
        group = members[key]
        if len(group) == 1:
            layout = tuple(group[0][1].values)
            order = orders.get(layout)
            if order is None:
                order = orders[layout] = sorted(layout, key=metric_and_rank)
            slices.append((group[0], order))
            continue
        entries = sorted(((pair, file_run) for file_run in group for pair in file_run[1].values),
                         key=lambda entry: metric_and_rank(entry[0]))
        first = len(slices)
        for pair, file_run in entries:
            if len(slices) > first and slices[-1][0] is file_run:  # the same run's next row
                slices[-1][1].append(pair)
            else:
                slices.append((file_run, [pair]))
    return slices


def table_rows(runs: Iterable[FileRun]) -> list[tuple]:
    """The runs' rows (:data:`COLUMNS` order) in table order: :func:`sort_rows` of all their rows."""
    return [run.row(file, pair) for (file, run), pairs in table_slices(runs) for pair in pairs]


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
