"""Small readers over the tidy table, so tests state figures rather than pandas filters."""

from __future__ import annotations

import math

import pandas as pd

from pipeline.ingest import ingest

RAW = "tests/fixtures/raw"


def ingest_clean(*paths: str) -> pd.DataFrame:
    """Ingest ``paths`` and insist that no problem was reported."""
    result = ingest(list(paths))
    assert [p.format() for p in result.problems] == []
    return result.table


def value(table: pd.DataFrame, metric: str, statistic: str, run: int = 0) -> float:
    """The single value of ``metric``/``statistic`` in ``run``."""
    rows = table[(table.metric == metric) & (table.statistic == statistic) & (table.run == run)]
    assert len(rows) == 1, f"{metric}/{statistic} run {run}: {len(rows)} rows"
    return float(rows.value.iloc[0])


def statistics(table: pd.DataFrame, metric: str, run: int = 0) -> set[str]:
    """The statistics present for ``metric`` in ``run``."""
    return set(table[(table.metric == metric) & (table.run == run)].statistic)


def metrics(table: pd.DataFrame, run: int = 0) -> set[str]:
    """The metrics present in ``run``."""
    return set(table[table.run == run].metric)


def facts(table: pd.DataFrame, run: int = 0) -> dict:
    """The per-run columns of ``run``, checked to be identical on all its rows."""
    rows = table[table.run == run]
    assert len(rows) > 0, f"no rows for run {run}"
    out = {}
    for column in ("tool", "tool_version", "file", "model", "concurrency", "request_rate", "completed",
                   "failed"):
        values = {_normal(v) for v in rows[column]}
        assert len(values) == 1, f"{column} differs within run {run}: {values}"
        out[column] = values.pop()
    return out


def _normal(v):
    """NaN, pd.NA and None compare equal to None; numpy scalars become Python ones."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v
