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
from typing import Iterable, Sequence

from pipeline.ingest.frame import DTYPES
from pipeline.ingest.tidy import COLUMNS


def csv_bytes(columns: Sequence[str], dtypes: dict[str, str], rows: Iterable[tuple]) -> bytes:
    """UTF-8 CSV of ``rows`` under a header of ``columns``, each cell as pandas writes its column's dtype:
    missing values (None, NaN) empty, floats in their shortest round-trip form (``120.0``, ``1e-05``,
    ``inf``), counts as integers, text quoted only where it must be."""
    out = io.StringIO(newline="")
    # The csv module with the dialect pandas' CSV writer sets up: ',' and '"', doubled quotes, '\n'.
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, quotechar='"', doublequote=True)
    writer.writerow(columns)
    rows = list(rows)
    if rows:
        # Column by column: one comprehension per numeric column instead of a call per cell (19,000 rows
        # from 1,000 small files spent most of their export time in those calls).
        cells = [_FORMATS[dtypes.get(name, "object")](values) for name, values in zip(columns, zip(*rows))]
        writer.writerows(zip(*cells))
    return out.getvalue().encode("utf-8")


def tidy_csv(rows: Iterable[tuple]) -> bytes:
    """The tidy table's CSV (rows already in table order)."""
    return csv_bytes(COLUMNS, DTYPES, rows)


def _texts(values: tuple) -> tuple:
    # The csv module writes None as an empty cell and anything else as str() (repr() for a float, the
    # same text): what pandas writes for an object column.
    return values


def _floats(values: tuple) -> list[str]:
    return ["" if value is None or value != value else repr(float(value)) for value in values]  # NaN != NaN


def _integers(values: tuple) -> list[str]:
    return ["" if value is None else str(int(value)) for value in values]


_FORMATS = {"object": _texts, "float64": _floats, "int64": _integers, "Int64": _integers}
