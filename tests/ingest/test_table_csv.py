"""The CSV export is written without pandas: it must be the bytes pandas' to_csv writes."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.commands.ingest import write_table
from pipeline.ingest import COLUMNS, ingest
from pipeline.ingest.frame import DTYPES, sort_rows, table_of, table_rows
from pipeline.ingest.mixed import ingest_all
from pipeline.ingest.obs_table import OBSERVATION_COLUMNS, OBSERVATION_DTYPES, observation_rows, observation_table
from pipeline.ingest.table_csv import _text_cell, csv_bytes, runs_csv
from pipeline.ingest.tidy import Run

RAW = "tests/fixtures/raw"


def pandas_csv(frame) -> bytes:
    """What the export wrote before it stopped importing pandas."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def test_tidy_csv_of_every_fixture_is_pandas_csv(tmp_path):
    result = ingest_all([RAW])
    assert len(result.rows) > 1000
    assert csv_bytes(COLUMNS, DTYPES, result.rows) == pandas_csv(ingest([RAW]).table)
    write_table("tidy", result.runs, tmp_path / "runs.csv")
    assert (tmp_path / "runs.csv").read_bytes() == pandas_csv(result.table)


def test_observation_csv_of_every_fixture_is_pandas_csv():
    observations = ingest_all([RAW]).observations
    assert len(observations) > 100
    assert (csv_bytes(OBSERVATION_COLUMNS, OBSERVATION_DTYPES, observation_rows(observations))
            == pandas_csv(observation_table(observations)))


def test_the_rows_are_the_library_table_in_its_order():
    result = ingest_all([RAW])
    expected = ingest([RAW]).table
    assert result.table.equals(expected)
    assert len(result.rows) == len(expected)


texts = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(['a,b', 'say "hi"', "two\nlines", "cr\r", " "]))
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([-0.0, 1e16, 1e-5, 0.1, 120.0]))
counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12))
rows = st.tuples(texts.filter(lambda t: t is not None), texts, st.text(min_size=1, max_size=8), st.integers(0, 99),
                 texts, floats, floats, st.sampled_from(["ttft", "itl", "x,y"]),
                 st.sampled_from(["mean", "median", "p99", "p99.9", "p5", "odd"]), floats.filter(math.isfinite),
                 st.sampled_from(["ms", "tokens/s"]), counts, counts)


@settings(max_examples=200, deadline=None)
@given(st.lists(rows, max_size=25))
def test_any_rows_write_as_pandas_writes_them(generated):
    ordered = sort_rows(generated)
    assert csv_bytes(COLUMNS, DTYPES, ordered) == pandas_csv(table_of(ordered))


@settings(max_examples=100, deadline=None)
@given(st.lists(rows, max_size=25))
def test_the_rows_sort_as_pandas_sorted_the_table(generated):
    from pipeline.ingest.frame import SORT_KEYS, statistic_rank

    by_pandas = table_of(generated).sort_values(
        SORT_KEYS, key=lambda c: c.map(statistic_rank) if c.name == "statistic" else c, kind="mergesort",
        ignore_index=True)
    assert table_of(sort_rows(generated)).equals(by_pandas)


metrics = st.sampled_from(["ttft", "itl", "e2e_latency", "output_throughput"])
statistics = st.sampled_from(["mean", "median", "std", "p99", "p99.9", "p5", "p0.1", "odd", "100%", "a\x00b", "\x01"])
runs = st.builds(
    Run, tool=st.sampled_from(["vllm", "aiperf"]), tool_version=texts, run=st.integers(0, 2), model=texts,
    concurrency=floats, request_rate=floats, completed=counts, failed=counts,
    values=st.dictionaries(st.tuples(metrics, statistics), st.one_of(floats, st.integers(-5, 5)), max_size=12))
file_runs = st.lists(st.tuples(st.sampled_from(["a.json", "b,c.json", "a.json/x"]), runs), max_size=12)


@settings(max_examples=300, deadline=None)
@given(file_runs)
def test_runs_write_and_order_as_their_rows_sorted(generated):
    # Runs of one file that share a run index (a sweep summary listing one run_number twice) interleave.
    rows = sort_rows([row for file, run in generated for row in run.rows(file)])
    assert table_rows(generated) == rows
    assert runs_csv(generated) == csv_bytes(COLUMNS, DTYPES, rows)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=' ,"\r\n\t\'\\a;|\x00\u2028')))
def test_a_text_cell_is_what_the_csv_module_writes_in_a_row(text):
    import csv
    import io

    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerow(["x", text, "y"])
    assert f"x,{_text_cell(text)},y\n" == out.getvalue()
