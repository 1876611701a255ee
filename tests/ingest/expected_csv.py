"""The CSV files ``site-data ingest --out`` writes for fixed inputs, compared byte for byte with
tests/ingest/expected/ (``python -m tests.ingest.expected_csv`` rewrites them; review the diff).

The inputs are every fixture under tests/fixtures/raw that reads without an error, and two corpora
of the benchmark's generator (bench/raw_corpus.py): summary files as vLLM's converter reads them, and
files with per-request arrays, some of them JSON Lines holding several runs; and one run whose text
needs quoting.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

from bench.raw_corpus import generate_corpus
from pipeline.cli import main

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
FIXTURES = REPO_ROOT / "tests" / "fixtures" / "raw"


def _ingest_to_csv(cwd: Path, inputs: list[str], out: Path) -> None:
    """``site-data ingest INPUTS --out OUT`` run in ``cwd``; a failure stops with what it printed."""
    here = os.getcwd()
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(["ingest", *inputs, "--out", str(out)])
    finally:
        os.chdir(here)
    if status != 0:
        raise AssertionError(f"ingest {inputs} exited {status}:\n{stdout.getvalue()}{stderr.getvalue()}")


QUOTED_RUN = {"model_id": 'lab/model, "v2"\nfinal', "completed": 3, "failed": 1, "duration": 2.5,
              "max_concurrency": 2, "request_rate": "inf", "mean_ttft_ms": 1e-05, "p99.9_ttft_ms": 1e16,
              "median_itl_ms": -0.0, "output_throughput": 120, "total_input_tokens": 30}
"""A run whose model name the CSV must quote (comma, quotes, line break), with numbers at the edges
of their written forms."""


def _readable_fixtures(folder: Path) -> list[Path]:
    """The folders and files under ``folder`` that ingest without an error: all but the damaged ones."""
    chosen = []
    for path in sorted(folder.iterdir()):
        if path.relative_to(FIXTURES).as_posix() in UNREADABLE:
            continue
        if path.is_dir() and any(u.startswith(path.relative_to(FIXTURES).as_posix() + "/") for u in UNREADABLE):
            chosen += _readable_fixtures(path)
        elif path.is_dir() or path.suffix in (".json", ".jsonl"):
            chosen.append(path)
    return chosen


UNREADABLE = ("broken", "vllm/quirks/append-result-killed-mid-write.jsonl")
"""Fixtures that give an error, after which ingest writes nothing."""


def written_csvs() -> dict[str, bytes]:
    """File name -> the bytes the CLI writes, for every expected file."""
    written: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        readable = [p.relative_to(REPO_ROOT).as_posix() for p in _readable_fixtures(FIXTURES)]
        _ingest_to_csv(REPO_ROOT, readable, work / "fixtures.csv")
        generate_corpus(work / "results", files=24, target_mb=0.05, seed=4, detailed=False, for_converter=True)
        _ingest_to_csv(work, ["results"], work / "summaries.csv")
        generate_corpus(work / "detailed", files=16, target_mb=0.3, seed=5)
        _ingest_to_csv(work, ["detailed"], work / "detailed.csv")
        (work / "quoted").mkdir()
        (work / "quoted" / "serve.json").write_text(json.dumps(QUOTED_RUN), encoding="utf-8")
        _ingest_to_csv(work, ["quoted"], work / "quoted.csv")
        for path in sorted(work.glob("*.csv")):
            written[path.name] = path.read_bytes()
    return written


def main_regenerate() -> int:
    written = written_csvs()
    for old in EXPECTED.glob("*.csv"):
        old.unlink()
    for name, data in written.items():
        (EXPECTED / name).write_bytes(data)
    print(f"tests/ingest/expected: {len(written)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main_regenerate())
