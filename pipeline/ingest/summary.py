"""A short plain-text table of the ingested runs, for a terminal."""

from __future__ import annotations

import math
import posixpath
from typing import TYPE_CHECKING, Sequence

from pipeline.ingest.tidy import COLUMNS

if TYPE_CHECKING:
    import pandas

_FILE = COLUMNS.index("file")
_HEADERS = ("file", "run", "tool", "model", "load", "ttft p50 ms", "tpot p50 ms",
            "itl p50 ms", "out tok/s", "ok/failed")
_RIGHT_ALIGNED = {"run", "ttft p50 ms", "tpot p50 ms", "itl p50 ms", "out tok/s", "ok/failed"}
_FIGURES = (("ttft", "median"), ("tpot", "median"), ("itl", "median"), ("output_throughput", "mean"))
_MAX_FILE = 60
_MAX_MODEL = 40


def format_summary(table: "Sequence[tuple] | pandas.DataFrame") -> str:
    """One line per file x run: tool, model, load, median TTFT/TPOT/ITL, output tok/s, counts.

    ``table`` is the tidy rows in table order (:class:`~pipeline.ingest.mixed.MixedResult` ``.rows``)
    or the pandas table of :func:`pipeline.ingest.ingest`. File paths are shown relative to the
    folder all files share, which is named on the first line. Missing figures show as ``-``, unknown
    counts as ``?``; over-long names keep their tail (the part that differs). No trailing newline.
    """
    rows = table if isinstance(table, (list, tuple)) else _rows_of(table)
    if not rows:
        return "no runs ingested"
    files = sorted({row[_FILE] for row in rows})
    root = posixpath.dirname(files[0]) if len(files) == 1 else posixpath.commonpath(files)
    root = root if root and root != "." else ""
    runs: dict[tuple[str, int], dict] = {}
    for row in rows:
        record = dict(zip(COLUMNS, row))
        run = runs.setdefault((record["file"], record["run"]), {"first": record, "figures": {}})
        run["figures"][record["metric"], record["statistic"]] = record["value"]
    lines = [_HEADERS]
    for (file, run), found in sorted(runs.items()):
        first, figures = found["first"], found["figures"]
        tool = first["tool"] + (f" {first['tool_version']}" if first["tool_version"] else "")
        shown = posixpath.relpath(file, root) if root else file
        cells = [_tail(shown, _MAX_FILE), str(run), tool, _tail(first["model"] or "-", _MAX_MODEL),
                 _load(first["concurrency"], first["request_rate"])]
        cells += [_number(figures.get(figure)) for figure in _FIGURES]
        cells.append(f"{_count(first['completed'])}/{_count(first['failed'])}")
        lines.append(tuple(cells))
    widths = [max(len(line[i]) for line in lines) for i in range(len(_HEADERS))]
    body = ["  ".join(cell.rjust(width) if header in _RIGHT_ALIGNED else cell.ljust(width)
                      for cell, width, header in zip(line, widths, _HEADERS)).rstrip()
            for line in lines]
    head = f"{len(lines) - 1} run(s) from {len(files)} file(s)" + (f" under {root}/" if root else "")
    return "\n".join([head, *body])


def _rows_of(table: "pandas.DataFrame") -> list[tuple]:
    """The pandas table's rows as tuples, missing counts (pd.NA) as None, as the plain rows hold them."""
    import pandas as pd

    return [tuple(None if value is pd.NA else value for value in row)
            for row in table.itertuples(index=False, name=None)]


def _load(concurrency: float, rate: float) -> str:
    parts = []
    if not math.isnan(concurrency):
        parts.append(f"c={concurrency:g}")
    if not math.isnan(rate):
        parts.append(f"rate={rate:g}")
    return " ".join(parts) or "-"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}"


def _count(value: int | None) -> str:
    return "?" if value is None else str(int(value))


def _tail(text: str, limit: int) -> str:
    return text if len(text) <= limit else "..." + text[-(limit - 3):]
