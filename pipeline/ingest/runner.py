"""Read one file into tidy rows: decode, detect the format, parse, check each run.

:func:`ingest_file` is the unit of work: it holds one file's parsed JSON only
while it runs and returns plain tuples and problems, so the parsed document
(mostly per-request arrays) is freed before the next file is read. The checks
every tool shares (all requests failed, nothing measured, NaN values,
non-numbers) live here, once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from pipeline.errors import Problem
from pipeline.ingest import aiperf, genai_perf, guidellm, llmperf, vllm_offline, vllm_serve
from pipeline.ingest.decode import Document, read_documents
from pipeline.ingest.detect import (
    AIPERF, AIPERF_SWEEP, GENAI_PERF, GUIDELLM, LLMPERF_RESPONSES, LLMPERF_SUMMARIES, LLMPERF_SUMMARY,
    SINGLE_RUN_FORMATS, VLLM_LATENCY, VLLM_SERVE, VLLM_SWEEP_SUMMARY, VLLM_THROUGHPUT, describe,
    detect_format,
)
from pipeline.ingest.source import Source
from pipeline.ingest.tidy import Run

Parser = Callable[[Any, Source], list[Run]]

PARSERS: dict[str, Parser] = {
    VLLM_SERVE: vllm_serve.parse_serve,
    VLLM_SWEEP_SUMMARY: vllm_serve.parse_sweep_summary,
    VLLM_LATENCY: vllm_offline.parse_latency,
    VLLM_THROUGHPUT: vllm_offline.parse_throughput,
    AIPERF: aiperf.parse_aiperf,
    AIPERF_SWEEP: aiperf.parse_aiperf_sweep,
    GENAI_PERF: genai_perf.parse_genai_perf,
    GUIDELLM: guidellm.parse_guidellm,
    LLMPERF_SUMMARY: llmperf.parse_summary,
    LLMPERF_SUMMARIES: llmperf.parse_summaries,
    LLMPERF_RESPONSES: llmperf.parse_responses,
}
"""The parser for each format :func:`~pipeline.ingest.detect.detect_format` returns."""

SUPPORTED = ("vLLM bench serve/latency/throughput and sweep summaries, AIPerf, GenAI-Perf, "
              "GuideLLM, LLMPerf")


def ingest_file(path: Path, shown: str, covered_runs: frozenset[int] = frozenset()
                ) -> tuple[list[tuple], list[Problem]]:
    """Rows (in :data:`~pipeline.ingest.tidy.COLUMNS` order) and problems for one file.

    ``covered_runs`` lists the sweep run numbers read from ``run=N.json`` files
    next to this one, which a ``summary.json`` must not repeat. Bad content gives
    problems, never an exception.
    """
    documents, problems = read_documents(path, shown)
    rows: list[tuple] = []
    for document in documents:
        rows.extend(document_rows(document, shown, covered_runs, problems))
    return rows, problems


def document_rows(document: Document, shown: str, covered_runs: frozenset[int],
                  problems: list[Problem]) -> list[tuple]:
    """The tidy rows of one parsed document of file ``shown``; problems are appended to ``problems``."""
    return [row for run in document_runs(document, shown, covered_runs, problems) for row in run.rows(shown)]


def document_runs(document: Document, shown: str, covered_runs: frozenset[int],
                  problems: list[Problem]) -> list[Run]:
    """The runs of one parsed document of file ``shown`` that go into the table (see :func:`_keep`);
    problems are appended to ``problems``."""
    # In a JSON Lines file the run index is the record's line number.
    source = Source(shown, document.line, document.line or 0, covered_runs, problems)
    return [run for run in _parse(document.data, source) if _keep(run, source)]


def _parse(data: Any, source: Source) -> list[Run]:
    kind = detect_format(data)
    if kind is None:
        source.problems.append(Problem(
            "E072", f"unrecognised benchmark format: {describe(data)}", source.location(),
            hint=f"supported: {SUPPORTED}"))
        return []
    if source.line is not None and kind not in SINGLE_RUN_FORMATS:
        source.problems.append(Problem(
            "E072", f"a {kind} document cannot be a JSON Lines record", source.location(),
            hint="only single-run results (e.g. vLLM --append-result) are written as JSON Lines"))
        return []
    try:
        return PARSERS[kind](data, source)
    except (ArithmeticError, AttributeError, IndexError, KeyError, TypeError, ValueError) as err:
        # Parsers check the shapes they rely on; this is the safety net for a file
        # shaped in a way nobody has seen yet: report it, keep going.
        source.problems.append(Problem(
            "E079", f"unexpected structure in {kind} file ({type(err).__name__}: {err})",
            source.location(), hint="the file may be damaged or from an unsupported version"))
        return []


def _keep(run: Run, source: Source) -> bool:
    """Whether ``run`` goes into the table; warns about runs left out and values dropped."""
    if run.completed == 0 or (run.completed is None and run.failed and not run.values):
        failed = f"{run.failed} failed, " if run.failed is not None else ""
        source.warn("E073", f"every request failed ({failed}0 completed); run excluded",
                    path=run.where, hint="the server was probably down or misconfigured; "
                    "re-run the benchmark or leave this file out")
        return False
    if run.non_finite:
        source.warn("E075", f"NaN/Infinity treated as missing: {_fields(run.non_finite)}",
                    path=run.where, hint="the tool wrote NaN for a statistic it could not compute")
    if run.invalid:
        source.warn("E074", f"not a number, ignored: {_fields(run.invalid)}", path=run.where,
                    hint="these fields should hold numbers; check the file was not edited by hand")
    if not run.values:
        source.warn("E077", "no metrics found; run excluded", path=run.where,
                    hint="the file has none of the fields the parser reads; check it is complete")
        return False
    return True


def _fields(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
