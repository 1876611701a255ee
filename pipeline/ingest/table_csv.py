"""The tidy table's CSV from plain rows, without pandas.

``site-data ingest --out runs.csv`` is often run on a folder of small summary files, where
importing pandas (and the pyarrow it pulls in) would cost more than reading every file. So the
command keeps the rows as tuples (sorted by :func:`pipeline.ingest.frame.sort_rows`, as the pandas
table is) and writes the very bytes ``DataFrame.to_csv(index=False, lineterminator="\\n")`` writes
(a test compares them); pandas is imported only for a Parquet file and for the library's
:func:`pipeline.ingest.ingest`.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Iterable, Sequence

from pipeline.ingest.frame import DTYPES
from pipeline.ingest.tidy import COLUMNS


def csv_bytes(columns: Sequence[str], dtypes: dict[str, str], rows: Iterable[tuple]) -> bytes:
    """UTF-8 CSV of ``rows`` under a header of ``columns``, each cell as pandas writes its column's dtype:
    missing values (None, NaN) empty, floats in their shortest round-trip form (``120.0``, ``1e-05``,
    ``inf``), counts as integers, text quoted only where it must be."""
    cells = [_FORMATS[dtypes.get(name, "object")] for name in columns]
    out = io.StringIO(newline="")
    # The csv module with the dialect pandas' CSV writer sets up: ',' and '"', doubled quotes, '\n'.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, quotechar='"', doublequote=True)
    writer.writerow(columns)
    writer.writerows([cell(value) for cell, value in zip(cells, row)] for row in rows)
    return out.getvalue().encode("utf-8")


def tidy_csv(rows: Iterable[tuple]) -> bytes:
    """The tidy table's CSV (rows already in table order)."""
    return csv_bytes(COLUMNS, DTYPES, rows)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _float(value: float | None) -> str:
    if value is None or math.isnan(value):
        return ""
    return repr(float(value))


def _integer(value: int | None) -> str:
    return "" if value is None else str(int(value))


_FORMATS = {"object": _text, "float64": _float, "int64": _integer, "Int64": _integer}
