"""Ingest many files: find them, parse them one at a time, assemble one table.

Memory stays bounded by the largest file, not the corpus: each file's JSON is
parsed, reduced to rows and dropped before the next one is read.
"""

from __future__ import annotations

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
    covered = _sweep_runs_by_folder(files)
    rows: list[tuple] = []
    total = len(files)
    if progress is not None:
        progress(0, total)
    for done, file in enumerate(files, start=1):
        file_rows, file_problems = ingest_file(file.path, file.shown, covered.get(file.path.parent, frozenset()))
        rows.extend(file_rows)
        problems.extend(file_problems)
        if progress is not None:
            progress(done, total)
    return IngestResult(build_table(rows), Problems(problems).sorted())


def _sweep_runs_by_folder(files: list[InputFile]) -> dict[Path, frozenset[int]]:
    """For each folder, the run numbers of its ``run=N.json`` files among the inputs."""
    runs: dict[Path, set[int]] = defaultdict(set)
    for file in files:
        number = sweep_run_number(file.shown)
        if number is not None:
            runs[file.path.parent].add(number)
    return {folder: frozenset(numbers) for folder, numbers in runs.items()}
