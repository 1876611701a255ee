"""Networking result files -> :class:`Observation` objects: iperf3, fortio, k6 and declared field maps.

Formats are recognised from content, never from file names: iperf3 by its ``start.test_start``
block, fortio by ``DurationHistogram`` with ``ActualQPS``/``RequestedQPS``, k6 by a ``metrics``
object holding its built-in metrics, a field map by the keys it requires. The built-in
formats are tried first, then the field maps in the order given. A JSON list of fortio
results (as tools that collect them write) is read item by item; JSON Lines files are read
line by line, each line a result.

Problems never raise: bad JSON is E071, an unknown format E072, a result with nothing to read
E077, a value that is not a finite number E074/E075 naming the file and the JSON path.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from pipeline.errors import Problem
from pipeline.ingest import fortio, iperf3, k6
from pipeline.ingest.decode import Document, read_documents
from pipeline.ingest.detect import describe
from pipeline.ingest.field_map import matches, read_mapped
from pipeline.ingest.readings import METRIC_UNITS, UNIT_KINDS, Collector, Observation, unknown_problem
from pipeline.ingest.source import Source

if TYPE_CHECKING:  # pydantic models: only loaded where field maps are read
    from pipeline.models.raw_format import FieldMap

Reader = Callable[[Any, Collector], None]

NETWORK_FORMATS: dict[str, str] = {
    "iperf3": "iperf3 -J (client or server), TCP and UDP, 3.1 to current",
    "fortio": "fortio load -json (HTTP, gRPC), one result or a JSON list of them",
    "k6": "k6 --summary-export and handleSummary JSON",
}
"""Built-in networking formats, with what writes them."""

_READERS: dict[str, tuple[Callable[[Any], bool], Reader]] = {
    "iperf3": (iperf3.is_iperf3, iperf3.read_iperf3),
    "fortio": (fortio.is_fortio, fortio.read_fortio),
    "k6": (k6.is_k6, k6.read_k6),
}

__all__ = ["METRIC_UNITS", "NETWORK_FORMATS", "UNIT_KINDS", "Observation", "observations_in",
           "read_observations", "supported_hint"]


def read_observations(path: Path, shown: str, field_maps: Sequence[FieldMap] = ()
                      ) -> tuple[list[Observation], list[Problem]]:
    """Every observation in one file (networking formats, declared field maps); problems never raise."""
    documents, problems = read_documents(path, shown)
    observations: list[Observation] = []
    for document in documents:
        source = source_of(document, shown, problems)
        found = observations_in(document.data, source, field_maps)
        if found is None:
            problems.append(unrecognised(document.data, source, field_maps))
        else:
            observations.extend(found)
    return observations, problems


def observations_in(data: Any, source: Source, field_maps: Sequence[FieldMap] = ()
                    ) -> list[Observation] | None:
    """The observations of one parsed document, or None when it is no networking format."""
    if isinstance(data, list):
        if data and all(fortio.is_fortio(item) for item in data):
            results = []
            for index, item in enumerate(data):
                results.extend(_read("fortio", fortio.read_fortio, item, source, index, f"[{index}]"))
            return results
        return None
    for tool, (recognise, reader) in _READERS.items():
        if recognise(data):
            return _read(tool, reader, data, source, source.run, "")
    for field_map in field_maps:
        if matches(data, field_map):
            return _read(field_map.id, lambda d, out, m=field_map: read_mapped(d, m, out), data, source,
                         source.run, "")
    return None


def _read(tool: str, reader: Reader, data: Any, source: Source, run: int, prefix: str) -> list[Observation]:
    out = Collector(tool, source, run=run, prefix=prefix)
    try:
        reader(data, out)
    except (ArithmeticError, AttributeError, IndexError, KeyError, TypeError, ValueError) as err:
        # Readers check the shapes they rely on; this is the net for a shape nobody has seen.
        source.problems.append(unknown_problem(source, tool, err))
        return []
    if not out.observations:
        source.warn("E077", "no metrics found; result excluded", path=prefix,
                    hint="the file has none of the fields the reader takes; check it is complete")
    return out.observations


def source_of(document: Document, shown: str, problems: list[Problem]) -> Source:
    """The :class:`Source` of one document; a JSON Lines record's run index is its line number."""
    return Source(shown, document.line, document.line or 0, problems=problems)


def unrecognised(data: Any, source: Source, field_maps: Sequence[FieldMap] = (), llm: str = "") -> Problem:
    """The E072 problem for a document no reader recognises."""
    return Problem("E072", f"unrecognised benchmark format: {describe(data)}", source.location(),
                   hint=supported_hint(field_maps, llm))


def supported_hint(field_maps: Sequence[FieldMap] = (), llm: str = "") -> str:
    """The list of supported formats for an E072 hint; a script's JSON needs a field map."""
    names = ([llm] if llm else []) + ["iperf3, fortio, k6"]
    if field_maps:
        names.append("field maps " + ", ".join(m.id for m in field_maps))
    return ("supported: " + ", ".join(names)
            + "; for a script's own JSON, declare a field map (data/formats/*.yaml, --map)")
