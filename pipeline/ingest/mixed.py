"""``site-data ingest`` over any mix of files: LLM-serving results and networking results.

Each document is offered to the LLM formats first (so their tidy rows stay exactly what
:func:`pipeline.ingest.ingest` gives), then to the networking readers and the field maps.
A file is parsed once, whatever reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from pipeline.errors import Problem, Problems
from pipeline.ingest.batch import Progress, covered_runs_of, sweep_runs_by_folder
from pipeline.ingest.decode import read_documents
from pipeline.ingest.detect import detect_format
from pipeline.ingest.discover import discover
from pipeline.ingest.frame import sort_rows, table_of
from pipeline.ingest.observations import observations_in, source_of, unrecognised
from pipeline.ingest.readings import Observation
from pipeline.ingest.runner import SUPPORTED, document_rows

if TYPE_CHECKING:
    import pandas

    from pipeline.models.raw_format import FieldMap  # pydantic models: loaded only where maps are read


@dataclass
class MixedResult:
    """The LLM tidy rows, the networking observations, and every problem met."""

    rows: list[tuple]
    """LLM runs: the rows of :func:`pipeline.ingest.ingest`'s table, in its order, as plain tuples
    (:data:`~pipeline.ingest.tidy.COLUMNS`), so that showing or exporting them as CSV needs no pandas."""
    observations: list[Observation] = field(default_factory=list)
    """Networking figures, in file order, then reading order."""
    problems: list[Problem] = field(default_factory=list)
    """Errors and warnings, sorted."""

    @property
    def table(self) -> "pandas.DataFrame":
        """The rows as the pandas table :func:`pipeline.ingest.ingest` returns (imports pandas)."""
        return table_of(self.rows)


def ingest_all(paths: Iterable[Path | str], field_maps: Sequence[FieldMap] = (), *,
               progress: Progress | None = None) -> MixedResult:
    """Read every file under ``paths`` (as :func:`pipeline.ingest.ingest` finds them) with every reader."""
    files, problems = discover(paths)
    covered = sweep_runs_by_folder(files)
    rows: list[tuple] = []
    observations: list[Observation] = []
    if progress is not None:
        progress(0, len(files))
    for done, file in enumerate(files, start=1):
        file_rows, file_observations, file_problems = read_any_file(
            file.path, file.shown, covered_runs_of(file, covered), field_maps)
        rows.extend(file_rows)
        observations.extend(file_observations)
        problems.extend(file_problems)
        if progress is not None:
            progress(done, len(files))
    return MixedResult(sort_rows(rows), observations, Problems(problems).sorted())


def read_any_file(path: Path, shown: str, covered_runs: frozenset[int] = frozenset(),
                  field_maps: Sequence[FieldMap] = ()) -> tuple[list[tuple], list[Observation], list[Problem]]:
    """Tidy rows, observations and problems of one file, whichever format each document is."""
    documents, problems = read_documents(path, shown)
    rows: list[tuple] = []
    observations: list[Observation] = []
    for document in documents:
        if detect_format(document.data) is not None:
            rows.extend(document_rows(document, shown, covered_runs, problems))
            continue
        source = source_of(document, shown, problems)
        found = observations_in(document.data, source, field_maps)
        if found is None:
            problems.append(unrecognised(document.data, source, field_maps, llm=SUPPORTED))
        else:
            observations.extend(found)
    return rows, observations, problems
