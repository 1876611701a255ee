"""An edit's build: a report whose inputs did not change since the last build is not rendered again.

The no-op build (:mod:`pipeline.build_cache`) skips a build when nothing changed at all. When an editor
changed one report, the others' outputs are still what the last build wrote: each report gets a *key*,
the hash of what its outputs depend on (its YAML and raw files; the catalogues, translations,
templates and field maps every report shares; the code; the options), and the build record keeps it
beside the hash of every output. A report is reused when its key is the recorded one *and* every
output the record lists for it is on disk with the recorded bytes; its outputs are then kept as they
are, and neither its props, its tables nor its charts are rendered. Anything else (a report edited,
a shared input changed, an output edited or deleted by hand, no record) renders the report as usual.

Only rendering is skipped: every report is still loaded, validated, derived and linted, so the build
reports exactly the problems it always did. Outputs belong to the report whose id is the first part
of their path: a build has no output that depends on more than one report, and should one appear
(an output outside every report's folder), nothing is reused.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.build_cache import InputState
from pipeline.load.project import Inputs
from pipeline.write import StagedWrite


def owned_files(inputs: Inputs) -> dict[str, set[str]]:
    """Report id -> real paths of the files only that report reads: its YAML and the raw files its
    ``measurements`` name (for an LLM report, those the loader read; a benchmark report's patterns
    are expanded again, as its loader expanded them)."""
    owned: dict[str, set[str]] = {}
    for located in inputs.reports:
        read = [file for points in inputs.measurements.get(located.document.file, ()) for file in points.files]
        owned[located.value.id] = _real([located.document.file, *read], inputs.root)
    if any(located.value.measurements for located in inputs.benchmarks):
        from pipeline.load.measurements import expand_entry_files  # the loader has imported it already
    for located in inputs.benchmarks:
        files = _real([located.document.file], inputs.root)
        for index, entry in enumerate(located.value.measurements):
            matched, _ = expand_entry_files(located.document, inputs.root, index, entry)
            files.update(os.path.realpath(f.path) for f in matched)
        owned[located.value.id] = files
    return owned


def _real(shown: list[str], root: Path) -> set[str]:
    """Real paths of files named as problems show them (relative to the project root)."""
    return {os.path.realpath(root / name) for name in shown}


def report_keys(state: InputState, inputs: Inputs) -> dict[str, str | None]:
    """Report id -> its key (:meth:`InputState.report_keys`; None: not reusable next time either)."""
    return state.report_keys(owned_files(inputs))


def reusable(record: dict | None, keys: dict[str, str | None], staged: StagedWrite) -> dict[str, dict[str, str]]:
    """Report id -> {output path: sha256} of each report whose outputs can be kept as they are: its key
    is the one ``record`` (the last build's) holds, and every output recorded for it is in the output
    folder with the recorded bytes (read and hashed through ``staged``)."""
    if record is None:
        return {}
    recorded_keys, outputs = record.get("reports"), record.get("outputs")
    if not isinstance(recorded_keys, dict) or not isinstance(outputs, dict):
        return {}
    by_report: dict[str, dict[str, str]] = {}
    for relative, digest in outputs.items():
        by_report.setdefault(relative.split("/", 1)[0], {})[relative] = digest
    if not by_report.keys() <= recorded_keys.keys():
        return {}  # an output outside every report's folder: what it depends on is not known here
    found = {}
    for report, key in keys.items():
        recorded = by_report.get(report)
        if key is None or recorded_keys.get(report) != key or not recorded:
            continue
        if all(staged.current_digest(relative) == digest for relative, digest in recorded.items()):
            found[report] = recorded
    return found
