"""A short plain-text table of the ingested runs, for a terminal."""

from __future__ import annotations

import math
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

_HEADERS = ("file", "run", "tool", "model", "load", "ttft p50 ms", "tpot p50 ms",
            "itl p50 ms", "out tok/s", "ok/failed")
_RIGHT_ALIGNED = {"run", "ttft p50 ms", "tpot p50 ms", "itl p50 ms", "out tok/s", "ok/failed"}
_FIGURES = (("ttft", "median"), ("tpot", "median"), ("itl", "median"), ("output_throughput", "mean"))
_MAX_FILE = 60
_MAX_MODEL = 40


def format_summary(table: "pandas.DataFrame") -> str:
    """One line per file x run: tool, model, load, median TTFT/TPOT/ITL, output tok/s, counts.

    File paths are shown relative to the folder all files share, which is named
    on the first line. Missing figures show as ``-``, unknown counts as ``?``;
    over-long names keep their tail (the part that differs). No trailing newline.
    """
    if table.empty:
        return "no runs ingested"
    import pandas as pd

    files = sorted(set(table["file"]))
    root = posixpath.dirname(files[0]) if len(files) == 1 else posixpath.commonpath(files)
    root = root if root and root != "." else ""
    wanted = pd.MultiIndex.from_frame(table[["metric", "statistic"]]).isin(_FIGURES)
    figures = {(file, run, metric, stat): value for file, run, metric, stat, value in
               table.loc[wanted, ["file", "run", "metric", "statistic", "value"]].itertuples(index=False)}
    lines = [_HEADERS]
    for (file, run), group in table.groupby(["file", "run"], sort=True):
        first = group.iloc[0]
        tool = first["tool"] + (f" {first['tool_version']}" if first["tool_version"] else "")
        shown = posixpath.relpath(file, root) if root else file
        cells = [_tail(shown, _MAX_FILE), str(run), tool, _tail(first["model"] or "-", _MAX_MODEL),
                 _load(first["concurrency"], first["request_rate"])]
        cells += [_number(figures.get((file, run, metric, stat))) for metric, stat in _FIGURES]
        cells.append(f"{_count(first['completed'])}/{_count(first['failed'])}")
        lines.append(tuple(cells))
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEADERS))]
    body = ["  ".join(cell.rjust(width) if header in _RIGHT_ALIGNED else cell.ljust(width)
                      for cell, width, header in zip(line, widths, _HEADERS)).rstrip()
            for line in lines]
    runs = len(lines) - 1
    head = f"{runs} run(s) from {len(files)} file(s)" + (f" under {root}/" if root else "")
    return "\n".join([head, *body])


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
    import pandas as pd  # already loaded by the caller; counts that are missing come back as pd.NA

    return "?" if pd.isna(value) else str(int(value))


def _tail(text: str, limit: int) -> str:
    return text if len(text) <= limit else "..." + text[-(limit - 3):]
