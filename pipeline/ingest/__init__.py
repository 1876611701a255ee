"""Raw LLM-serving benchmark output -> one tidy pandas table.

Supported (detected from content, never from the file name): vLLM
``benchmark_serving.py`` / ``vllm bench serve`` results in every published key
version, their JSON Lines (``--append-result``) and ``vllm bench sweep serve``
folders, vLLM ``benchmark_latency`` / ``benchmark_throughput``; AIPerf profile
exports (early and schema 1.3+) and sweep aggregates; GenAI-Perf profile
exports (old and new builds); GuideLLM ``benchmarks.json`` (0.5-era and <= 0.3);
LLMPerf summaries and individual responses.

Networking tools (iperf3 ``-J``, fortio ``-json``, k6 summaries) and scripts' own JSON read
through declared field maps give :class:`~pipeline.ingest.observations.Observation` objects
instead (:func:`~pipeline.ingest.observations.read_observations`), in the file's own units.

Every value is stored in a canonical unit (ms, tokens/s, requests/s, tokens)
under a canonical metric name (:data:`METRIC_UNITS`). Problems use the codes in
:data:`INGEST_CODES`; the library never prints and never exits.
"""

from __future__ import annotations

from pipeline.ingest.batch import IngestResult, ingest
from pipeline.ingest.detect import FORMATS, detect_format
from pipeline.ingest.summary import format_summary
from pipeline.ingest.tidy import COLUMNS, METRIC_UNITS

INGEST_CODES: dict[str, str] = {
    "E070": "Input not found or unreadable: missing path, glob matching nothing, OS read error (error)",
    "E071": "Not valid JSON: empty, not UTF-8, truncated or damaged; per line in JSON Lines (error)",
    "E072": "Unrecognised format: valid JSON, but not a supported tool's output (error)",
    "E073": "Run excluded: every request failed (warning)",
    "E074": "Value is not a number; ignored (warning)",
    "E075": "NaN or Infinity treated as missing (warning)",
    "E076": "Metric in an unexpected unit; skipped (warning)",
    "E077": "Run excluded: no metrics found (warning)",
    "E078": "Directory holds no .json or .jsonl files (warning)",
    "E079": "Recognised file with an entry or structure of an unexpected shape; skipped (error)",
    "E110": "Two field maps declare the same id (error)",
    "E111": "Value is a placeholder for a missing one (N/A, or a declared 0); not measured (warning)",
    "E112": "A field map path matches nothing in a file the map recognised (warning)",
    "E113": "iperf3 reported an error for the test (warning)",
}
"""Every problem code the ingest stage emits: its title and, in parentheses, its severity."""

__all__ = ["COLUMNS", "FORMATS", "INGEST_CODES", "METRIC_UNITS", "IngestResult", "detect_format",
           "format_summary", "ingest"]
