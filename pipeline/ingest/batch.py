"""Ingest many files: find them, parse them one at a time, assemble one table.

Memory stays bounded by the largest file, not the corpus: each file's JSON is
parsed, reduced to rows and dropped before the next one is read.

Files are read one after another. orjson parses the corpus at 400+ MB/s on one
core; a two-process pool measured only ~15% faster on 200 MB (less on small
inputs, where starting processes dominates), so it is not worth its cost.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from pipeline.errors import Problem, Problems
from pipeline.ingest.discover import InputFile, discover
from pipeline.ingest.frame import build_table
from pipeline.ingest.runner import ingest_file
from pipeline.ingest.vllm_serve import sweep_run_number

if TYPE_CHECKING:
    import pandas

Progress = Callable[[int, int], None]


@dataclass
class IngestResult:
    """The tidy table of every run read, and every problem met on the way."""

    table: "pandas.DataFrame"
    """One row per file x run x metric x statistic; see :data:`pipeline.ingest.COLUMNS`."""
    problems: list[Problem] = field(default_factory=list)
    """Errors (files that could not be read) and warnings (runs or values left out), sorted."""


def ingest(paths: Iterable[Path | str], *, progress: Progress | None = None) -> IngestResult:
    """Read benchmark result files into one tidy table.

    ``paths`` may name files (read whatever their extension), directories (walked
    recursively for ``*.json``/``*.jsonl``, sorted) or glob patterns (``**``
    allowed). ``progress(done, total)`` is called with ``done=0`` once the files
    are listed, then after each file. Nothing is printed and nothing raised for
    bad input: problems are returned in :attr:`IngestResult.problems`.
    """
    files, problems = discover(paths)
    rows, file_problems = ingest_files(files, progress=progress)
    return IngestResult(build_table(rows), Problems(problems + file_problems).sorted())


def ingest_files(files: list[InputFile], *, progress: Progress | None = None) -> tuple[list[tuple], list[Problem]]:
    """Rows (in :data:`~pipeline.ingest.tidy.COLUMNS` order) and problems for files already listed.

    The light half of :func:`ingest`, without pandas: the build reads the raw files a
    report names through it. ``progress`` is called as in :func:`ingest`. A sweep's
    ``summary.json`` skips the runs whose ``run=N.json`` is among ``files``.
    """
    covered = sweep_runs_by_folder(files)
    rows: list[tuple] = []
    problems: list[Problem] = []
    total = len(files)
    if progress is not None:
        progress(0, total)
    for done, file in enumerate(files, start=1):
        file_rows, file_problems = ingest_file(file.path, file.shown, covered_runs_of(file, covered))
        rows.extend(file_rows)
        problems.extend(file_problems)
        if progress is not None:
            progress(done, total)
    return rows, problems


def covered_runs_of(file: InputFile, covered: dict[str, frozenset[int]]) -> frozenset[int]:
    """The run numbers a ``summary.json`` in ``file``'s folder must skip (from :func:`sweep_runs_by_folder`)."""
    if not covered:  # no sweep run files among the inputs: no folder to resolve
        return frozenset()
    return covered.get(os.path.realpath(file.path.parent), frozenset())


def sweep_runs_by_folder(files: list[InputFile]) -> dict[str, frozenset[int]]:
    """For each folder (real path), the run numbers of its ``run=N.json`` files among the inputs."""
    runs: dict[str, set[int]] = defaultdict(set)
    for file in files:
        number = sweep_run_number(file.shown)
        if number is not None:
            runs[os.path.realpath(file.path.parent)].add(number)
    return {folder: frozenset(numbers) for folder, numbers in runs.items()}
