"""``site-data ingest`` over any mix of files: LLM-serving results and networking results.

Each document is offered to the LLM formats first (so their tidy rows stay exactly what
:func:`pipeline.ingest.ingest` gives), then to the networking readers and the field maps.
A file is parsed once, whatever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from pipeline.errors import Problem, Problems
from pipeline.ingest.batch import Progress, covered_runs_of, sweep_runs_by_folder
from pipeline.ingest.decode import read_documents
from pipeline.ingest.detect import detect_format
from pipeline.ingest.discover import discover
from pipeline.ingest.frame import FileRun, table_of, table_rows
from pipeline.ingest.runner import SUPPORTED, document_runs

if TYPE_CHECKING:
    import pandas

    from pipeline.ingest.readings import Observation
    from pipeline.ingest.tidy import Run
    from pipeline.models.raw_format import FieldMap  # pydantic models: loaded only where maps are read


@dataclass
class MixedResult:
    """The LLM runs, the networking observations, and every problem met."""

    runs: list[FileRun]
    """LLM runs with the file each was read from, in reading order; :attr:`rows` are their table rows."""
    observations: list[Observation] = field(default_factory=list)
    """Networking figures, in file order, then reading order."""
    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings, sorted."""

    @cached_property
    def rows(self) -> list[tuple]:
        """The rows of :func:`pipeline.ingest.ingest`'s table, in its order, as plain tuples
        (:data:`~pipeline.ingest.tidy.COLUMNS`), so that showing or exporting them needs no pandas."""
        return table_rows(self.runs)

    @property
    def table(self) -> "pandas.DataFrame":
        """The rows as the pandas table :func:`pipeline.ingest.ingest` returns (imports pandas)."""
        return table_of(self.rows)


def ingest_all(paths: Iterable[Path | str], field_maps: Sequence[FieldMap] = (), *,
               progress: Progress | None = None) -> MixedResult:
    """Read every file under ``paths`` (as :func:`pipeline.ingest.ingest` finds them) with every reader."""
    files, problems = discover(paths)
    covered = sweep_runs_by_folder(files)
    runs: list[FileRun] = []
    observations: list[Observation] = []
    if progress is not None:
        progress(0, len(files))
    for done, file in enumerate(files, start=1):
        file_runs, file_observations, file_problems = read_any_file(
            file.path, file.shown, covered_runs_of(file, covered), field_maps)
        runs.extend((file.shown, run) for run in file_runs)
        observations.extend(file_observations)
        problems.extend(file_problems)
        if progress is not None:
            progress(done, len(files))
    return MixedResult(runs, observations, Problems(problems).sorted())


def read_any_file(path: Path, shown: str, covered_runs: frozenset[int] = frozenset(),
                  field_maps: Sequence[FieldMap] = ()) -> tuple[list[Run], list[Observation], list[Problem]]:
    """LLM runs, observations and problems of one file, whichever format each document is."""
    documents, problems = read_documents(path, shown)
    runs: list[Run] = []
    observations: list[Observation] = []
    for document in documents:
        if detect_format(document.data) is not None:
            runs.extend(document_runs(document, shown, covered_runs, problems))
            continue
        # The networking readers load only for a file that needs them (folders of LLM results never do).
        from pipeline.ingest.observations import observations_in, source_of, unrecognised

        source = source_of(document, shown, problems)
        found = observations_in(document.data, source, field_maps)
        if found is None:
            problems.append(unrecognised(document.data, source, field_maps, llm=SUPPORTED))
        else:
            observations.extend(found)
    return runs, observations, problems
