"""A short plain-text table of the ingested runs, for a terminal."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

_HEADERS = ("file", "run", "tool", "model", "load", "ttft p50 ms", "tpot p50 ms",
            "itl p50 ms", "out tok/s", "ok/failed")
_NUMERIC = {"run", "ttft p50 ms", "tpot p50 ms", "itl p50 ms", "out tok/s", "ok/failed"}
_FIGURES = (("ttft", "median"), ("tpot", "median"), ("itl", "median"), ("output_throughput", "mean"))
_MAX_WIDTH = 40


def format_summary(table: "pandas.DataFrame") -> str:
    """One line per file x run: tool, model, load, median TTFT/TPOT/ITL, output tok/s, counts.

    Missing figures show as ``-``; long file and model names keep their tail
    (the part that differs). The text ends without a newline.
    """
    if table.empty:
        return "no runs ingested"
    wanted = table.set_index(["metric", "statistic"]).index.isin(_FIGURES)
    figures = {(file, run, metric, stat): value for file, run, metric, stat, value in
               table.loc[wanted, ["file", "run", "metric", "statistic", "value"]].itertuples(index=False)}
    lines = [_HEADERS]
    for (file, run), group in table.groupby(["file", "run"], sort=True):
        first = group.iloc[0]
        tool = first["tool"] + (f" {first['tool_version']}" if first["tool_version"] else "")
        cells = [_tail(file), str(run), tool, _tail(first["model"] or "-"),
                 _load(first["concurrency"], first["request_rate"])]
        cells += [_number(figures.get((file, run, metric, stat))) for metric, stat in _FIGURES]
        cells.append(f"{_count(first['completed'])}/{_count(first['failed'])}")
        lines.append(tuple(cells))
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEADERS))]
    return "\n".join(
        "  ".join(cell.rjust(width) if header in _NUMERIC else cell.ljust(width)
                  for cell, width, header in zip(line, widths, _HEADERS)).rstrip()
        for line in lines)


def _load(concurrency: float, rate: float) -> str:
    parts = []
    if not math.isnan(concurrency):
        parts.append(f"c={concurrency:g}")
    if not math.isnan(rate):
        parts.append(f"rate={rate:g}")
    return " ".join(parts) or "-"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _count(value: object) -> str:
    import pandas as pd

    return "?" if pd.isna(value) else str(int(value))


def _tail(text: str) -> str:
    return text if len(text) <= _MAX_WIDTH else "..." + text[-(_MAX_WIDTH - 3):]
