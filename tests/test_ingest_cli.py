"""``site-data ingest``: the table on the terminal, CSV and Parquet exports, problems, progress bar."""

from __future__ import annotations

import io
import math
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.commands.ingest import ProgressBar
from pipeline.ingest import COLUMNS, ingest
from tests.project import ROOT

CLI = "tests/fixtures/raw/cli"
FAILED = "tests/fixtures/raw/cli-failed"

TABLE = """\
2 run(s) from 2 file(s) under tests/fixtures/raw/cli/
file          run  tool  model                             load          ttft p50 ms  tpot p50 ms  itl p50 ms  out tok/s  ok/failed
vllm-c4.json    0  vllm  meta-llama/Llama-3.1-8B-Instruct  c=4 rate=inf        462.6         34.6        34.5      105.3       40/0
vllm-c8.json    0  vllm  meta-llama/Llama-3.1-8B-Instruct  c=8 rate=inf        589.5         38.0        35.5      188.2       80/0
"""

CSV_HEAD = "tool,tool_version,file,run,model,concurrency,request_rate,metric,statistic,value,unit,completed,failed\n"
CSV_C4 = "vllm,,tests/fixtures/raw/cli/vllm-c4.json,0,meta-llama/Llama-3.1-8B-Instruct,4.0,inf,"
CSV_C8 = "vllm,,tests/fixtures/raw/cli/vllm-c8.json,0,meta-llama/Llama-3.1-8B-Instruct,8.0,inf,"
CSV = CSV_HEAD + "".join(prefix + row for prefix, rows in ((CSV_C4, [
    "input_tokens,sum,20480.0,tokens,40,0\n",
    "itl,median,34.5,ms,40,0\n",
    "output_throughput,mean,105.349794,tokens/s,40,0\n",
    "output_tokens,sum,5120.0,tokens,40,0\n",
    "request_throughput,mean,0.823045,requests/s,40,0\n",
    "tpot,median,34.6,ms,40,0\n",
    "ttft,mean,470.1,ms,40,0\n",
    "ttft,median,462.6,ms,40,0\n",
    "ttft,p99,512.3,ms,40,0\n",
]), (CSV_C8, [
    "input_tokens,sum,40960.0,tokens,80,0\n",
    "itl,median,35.5,ms,80,0\n",
    "output_throughput,mean,188.235294,tokens/s,80,0\n",
    "output_tokens,sum,10240.0,tokens,80,0\n",
    "request_throughput,mean,1.470588,requests/s,80,0\n",
    "tpot,median,38.0,ms,80,0\n",
    "ttft,mean,575.2,ms,80,0\n",
    "ttft,median,589.5,ms,80,0\n",
    "ttft,p99,640.8,ms,80,0\n",
])) for row in rows)

FAILED_WARNING = (
    "tests/fixtures/raw/cli-failed/server-down.json: warning[E073] every request failed (40 failed, 0 completed); "
    "run excluded\n"
    "  hint: the server was probably down or misconfigured; re-run the benchmark or leave this file out\n")


@pytest.fixture(autouse=True)
def _from_the_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def ingest_cli(*args: str) -> int:
    return main(["ingest", *args])


def test_the_table_shows_one_line_per_run(capsys):
    assert ingest_cli(CLI) == 0
    assert capsys.readouterr() == (TABLE, "")


def test_out_csv_writes_every_row_of_the_tidy_table(tmp_path, capsys):
    out = tmp_path / "runs.csv"
    assert ingest_cli(CLI, "--out", str(out)) == 0
    assert capsys.readouterr() == (f"wrote 18 rows (2 run(s) from 2 file(s)) to {out}\n", "")
    assert out.read_bytes() == CSV.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["runs.csv"]  # no partial file left behind


def test_out_parquet_round_trips_the_table_with_its_types(tmp_path, capsys):
    out = tmp_path / "runs.parquet"
    assert ingest_cli(CLI, "--out", str(out)) == 0
    assert capsys.readouterr() == (f"wrote 18 rows (2 run(s) from 2 file(s)) to {out}\n", "")
    written = pq.read_table(out)
    assert [f"{column.name}: {column.type}" for column in written.schema] == [
        "tool: string", "tool_version: string", "file: string", "run: int64", "model: string",
        "concurrency: double", "request_rate: double", "metric: string", "statistic: string", "value: double",
        "unit: string", "completed: int64", "failed: int64"]
    rows = written.to_pylist()
    assert len(rows) == 18
    assert rows[6] == {
        "tool": "vllm", "tool_version": None, "file": f"{CLI}/vllm-c4.json", "run": 0,
        "model": "meta-llama/Llama-3.1-8B-Instruct", "concurrency": 4.0, "request_rate": math.inf,
        "metric": "ttft", "statistic": "mean", "value": 470.1, "unit": "ms", "completed": 40, "failed": 0}
    # pandas reads it back as the table ingest() returns, values and order alike.
    back = pd.read_parquet(out)
    expected = ingest([CLI]).table
    assert tuple(back.columns) == COLUMNS and len(back) == len(expected)
    for column in ("file", "metric", "statistic", "value", "concurrency", "completed"):
        assert back[column].tolist() == expected[column].tolist()


def test_warnings_are_printed_and_pass_unless_strict(tmp_path, capsys):
    assert ingest_cli(CLI, FAILED) == 0
    assert capsys.readouterr() == (TABLE, FAILED_WARNING)
    out = tmp_path / "runs.csv"
    assert ingest_cli(CLI, FAILED, "--strict", "--out", str(out)) == 1
    assert capsys.readouterr() == ("", FAILED_WARNING.replace("warning[E073]", "error[E073]").replace(
        "leave this file out\n", "leave this file out; (a warning, failing because of --strict)\n")
        + f"1 error(s); nothing was written to {out}\n")
    assert not out.exists()


def test_an_unreadable_input_is_an_error_but_the_rest_is_shown(capsys):
    assert ingest_cli(CLI, "tests/fixtures/raw/nope.json") == 1
    assert capsys.readouterr() == (TABLE, (
        "tests/fixtures/raw/nope.json: error[E070] no such file or directory\n"
        "  hint: check the path; it is taken relative to the working directory\n"))


def test_out_must_be_csv_or_parquet(capsys):
    assert ingest_cli(CLI, "--out", "runs.xlsx") == 2
    assert capsys.readouterr() == ("", "site-data ingest: error: --out runs.xlsx: the file name must end in "
                                       ".csv or .parquet\n")


def test_json_format_lists_problems_for_tools(capsys):
    assert ingest_cli(FAILED, "--format", "json") == 0
    out, err = capsys.readouterr()
    assert out.startswith('[\n  {\n    "code": "E073",\n    "severity": "warning",\n')
    assert out.endswith("]\nno runs ingested\n") and err == ""


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_is_drawn_on_a_terminal_and_erased(capsys, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert ingest_cli(CLI) == 0
    assert capsys.readouterr().out == TABLE
    assert terminal.getvalue() == (
        "\r[..............................] 0/2 files"
        "\r[###############...............] 1/2 files"
        "\r[##############################] 2/2 files"
        "\r" + " " * 42 + "\r")


def test_the_bar_is_not_drawn_for_a_single_file_or_twice_the_same():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in (0, 1):
        bar(done, 1)
    bar.close()
    assert stream.getvalue() == ""
    for done in (0, 1, 1, 2):
        bar(done, 200)
    assert stream.getvalue() == "\r[..............................]   0/200 files\r[..............................]   1/200 files" \
                                "\r[..............................]   2/200 files"
