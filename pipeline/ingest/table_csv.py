"""The tidy table's CSV without pandas, from the runs or from plain rows.

``site-data ingest --out runs.csv`` is often run on a folder of small summary files, where
importing pandas (and the pyarrow it pulls in) would cost more than reading every file. So the
command writes the very bytes ``DataFrame.to_csv(index=False, lineterminator="\\n")`` writes for the
table (tests compare them, and tests/ingest/expected/ holds them) straight from the runs
(:func:`runs_csv`), and :func:`csv_bytes` writes any rows (the observations' table, or the tidy rows
:func:`pipeline.ingest.frame.sort_rows` orders); pandas is imported only for a Parquet file and for
the library's :func:`pipeline.ingest.ingest`.
"""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:
    from pipeline.ingest.frame import FileRun


def csv_bytes(columns: Sequence[str], dtypes: dict[str, str], rows: Iterable[tuple]) -> bytes:
    """UTF-8 CSV of ``rows`` under a header of ``columns``, each cell as pandas writes its column's dtype:
    missing values (None, NaN) empty, floats in their shortest round-trip form (``120.0``, ``1e-05``,
    ``inf``), counts as integers, text quoted only where it must be."""
    out = io.StringIO(newline="")
    out.write(_header(columns))
    rows = list(rows)
    if rows:
        # Column by column, each distinct value formatted once (a run's file, model and load repeat on
        # every one of its rows), then one join per row: 19,000 rows from 1,000 small files spent most of
        # their export time in a call per cell.
        cells = [_FORMATS[dtypes.get(name, "object")](values) for name, values in zip(columns, zip(*rows))]
        out.write("\n".join(map(",".join, zip(*cells))))
        out.write("\n")
    return out.getvalue().encode("utf-8")


def runs_csv(runs: Iterable[FileRun]) -> bytes:
    """The tidy table's CSV, straight from the runs: the bytes :func:`csv_bytes` writes for their rows
    (:func:`pipeline.ingest.frame.table_rows`) under :data:`~pipeline.ingest.tidy.COLUMNS`."""
    return "".join(runs_csv_text(runs)).encode("utf-8")


def runs_csv_text(runs: Iterable[FileRun]) -> list[str]:
    """:func:`runs_csv`'s text in pieces (the header, then each slice of a run's lines), to be written
    one after another without joining them.

    A run's first seven cells and last two are the same on each of its rows: they are formatted once per
    run. The rest of its lines come from a template per key layout (the runs of one tool version share
    it), filled with the values by one ``%`` formatting. No row tuple is built.
    """
    from pipeline.ingest.frame import table_slices
    from pipeline.ingest.tidy import COLUMNS, METRIC_UNITS

    texts: dict[str | None, str] = {}

    def text(value: object) -> str:
        if value is not None and type(value) is not str:
            return _text_cell(value)  # not kept: 1 and 1.0 are one key of a dict, but two texts
        cell = texts.get(value)
        if cell is None:
            cell = texts[value] = _text_cell(value)
        return cell

    # (metric, statistic) -> the cells of both and a comma, and a comma and the unit's cell
    middles: dict[tuple[str, str], tuple[str, str]] = {}

    def middle(pair: tuple[str, str]) -> tuple[str, str]:
        cells = middles.get(pair)
        if cells is None:
            cells = middles[pair] = (f"{text(pair[0])},{text(pair[1])},", "," + text(METRIC_UNITS[pair[0]]))
        return cells

    templates: dict[int, str | None] = {}  # id(keys) -> their lines' template (the keys outlive the loop)
    parts = [_header(COLUMNS)]
    for (file, run), pairs in table_slices(runs):
        head = ",".join((text(run.tool), text(run.tool_version), text(file), _integer_cell(run.run),
                         text(run.model), _float_cell(run.concurrency), _float_cell(run.request_rate), ""))
        tail = ",".join(("", _integer_cell(run.completed), _integer_cell(run.failed)))
        values = list(map(run.values.__getitem__, pairs))
        template = templates.get(id(pairs), _UNSET)
        if template is _UNSET:
            template = templates[id(pairs)] = _lines_template([middle(pair) for pair in pairs])
        if template is not None and all(type(value) is float and value == value for value in values):
            # %r writes a float as repr() does; the run's own cells go in after, where the markers are.
            parts.append((template % tuple(values)).replace(_TAIL, tail).replace(_HEAD, head))
        else:
            parts.extend(f"{head}{middle(pair)[0]}{_float_cell(value)}{middle(pair)[1]}{tail}\n"
                         for pair, value in zip(pairs, values))
    return parts


_HEAD, _TAIL, _UNSET = "\x00", "\x01", object()


def _lines_template(middles: list[tuple[str, str]]) -> str | None:
    """The CSV lines of a run's values, one per ``(before, after)`` pair of cells around the value: a
    ``%`` template of the values (``%r``), with markers for the run's first and last cells; None if a
    cell holds a marker character itself."""
    lines = "".join(f"{_HEAD}{before}\x02{after}{_TAIL}\n" for before, after in middles)
    if lines.count(_HEAD) != len(middles) or lines.count(_TAIL) != len(middles) or lines.count("\x02") != len(middles):
        return None
    return lines.replace("%", "%%").replace("\x02", "%r")


def _header(columns: Sequence[str]) -> str:
    out = io.StringIO(newline="")
    _writer(out).writerow(columns)
    return out.getvalue()


def _writer(out: io.StringIO):
    # The csv module with the dialect pandas' CSV writer sets up: ',' and '"', doubled quotes, '\n'.
    return csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, quotechar='"', doublequote=True)


def _texts(values: tuple) -> list[str]:
    # Each distinct text is written by the csv module itself, as a cell in a row of two, so it is quoted
    # exactly where the module quotes it within a row; None is an empty cell, anything else str() (repr()
    # for a float, the same text): what pandas writes for an object column.
    distinct = set(values)
    if not all(value is None or type(value) is str for value in distinct):
        return [_text_cell(value) for value in values]  # 1 and 1.0 are one key of a dict, but two texts
    written = {value: _text_cell(value) for value in distinct}
    return [written[value] for value in values]


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str and not _NEEDS_QUOTES.search(value):
        return value  # what the module writes for a text with no delimiter, quote or line break in it
    out = io.StringIO(newline="")
    _writer(out).writerow((value, None))
    return out.getvalue()[:-2]  # the cell, without the empty cell's ',' and the '\n'


def _float_cell(value: object) -> str:
    return "" if value is None or value != value else repr(float(value))  # NaN != NaN


def _integer_cell(value: object) -> str:
    return "" if value is None else str(int(value))


_NEEDS_QUOTES = re.compile(r'[,"\r\n]')
"""What makes the csv module quote a cell in our dialect (QUOTE_MINIMAL, ',', '"', no escape
character, '\\n' line ends): the delimiter, the quote character or a line break."""


def _floats(values: tuple) -> list[str]:
    try:
        cells = list(map(float.__repr__, values))  # the common case: every value a float
    except TypeError:  # a None (missing) or an int among them
        cells = None
    if cells is None or "nan" in cells:
        return [_float_cell(value) for value in values]
    return cells


def _integers(values: tuple) -> list[str]:
    written = {value: _integer_cell(value) for value in set(values)}
    return [written[value] for value in values]


_FORMATS = {"object": _texts, "float64": _floats, "int64": _integers, "Int64": _integers}
