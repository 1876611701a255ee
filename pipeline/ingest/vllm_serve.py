"""vLLM online serving results: ``benchmark_serving.py`` / ``vllm bench serve --save-result``.

One flat object per run, whatever the version (2024 ``best_of`` files, the
early-2025 fork, April 2025's ``"request_goodput:"`` key, 2026's
``endpoint_type``/``label``/``failed``): the parser reads the keys it knows and
ignores the rest, so version drift only changes which rows come out. The
per-request arrays (``ttfts``, ``itls``, ``generated_texts``...) are not read:
the summary statistics are already in the file.

``vllm bench sweep serve`` stores the same objects as ``run=N.json`` and again,
as a list, in the combination's ``summary.json``. Run files win: a summary entry
is read only when its ``run=N.json`` is not among the inputs, so no run is
counted twice and a folder holding only ``summary.json`` is still read.
"""

from __future__ import annotations

import re

from pipeline.ingest.source import Source
from pipeline.ingest.tidy import Run, load_value, percentile_key, text_value

# `<stat>_<metric>_ms`; an old fork wrote E2E latency as `*_latency_ms`.
_LATENCY_RE = re.compile(r"^(mean|median|std|min|max|p\d+(?:\.\d+)?)_(ttft|tpot|itl|e2el|latency)_ms$")
_LATENCY_METRICS = {"ttft": "ttft", "tpot": "tpot", "itl": "itl",
                    "e2el": "e2e_latency", "latency": "e2e_latency"}
# Overall rates over the run's duration. `max_output_tokens_per_s` is a one-second
# peak, not a rate over the run, so it is not read as throughput.
_RATES = {
    "request_throughput": "request_throughput",
    "output_throughput": "output_throughput",
    "total_token_throughput": "total_throughput",
    "request_goodput": "request_goodput",
    "request_goodput:": "request_goodput",  # April 2025 client wrote the key with a colon
}
_RUN_FILE_RE = re.compile(r"(?:^|/)run=(\d+)\.json$")


def parse_serve(data: dict, source: Source) -> list[Run]:
    """Read one vLLM serve result object as one run.

    Its run index is the line number for a JSON Lines record; otherwise N for a
    sweep's ``run=N.json`` (the name the de-duplication against ``summary.json``
    uses), else the object's ``run_number``, else 0.
    """
    if source.line is not None:
        return [serve_run(data, source.run)]
    number = sweep_run_number(source.file)
    return [serve_run(data, number if number is not None else _int_or(data.get("run_number"), source.run))]


def parse_sweep_summary(data: list, source: Source) -> list[Run]:
    """Read a sweep ``summary.json``: the runs whose ``run=N.json`` is not also being ingested."""
    runs = []
    for index, item in enumerate(data):
        number = _int_or(item.get("run_number"), index)
        if number in source.covered_runs:
            continue
        run = serve_run(item, number)
        run.where = f"[{index}]"
        runs.append(run)
    return runs


def serve_run(data: dict, run_index: int) -> Run:
    """One vLLM serve result object as a :class:`Run` (latencies already in ms)."""
    run = Run(
        tool="vllm",
        tool_version=None,  # vLLM writes no version into its result files
        run=run_index,
        model=text_value(data.get("model_id")),
        concurrency=load_value(data.get("max_concurrency")),
        request_rate=load_value(data.get("request_rate"), allow_inf=True),
    )
    run.completed = run.count(data.get("completed"), "completed")
    run.failed = run.count(data.get("failed"), "failed")
    if run.failed is None and run.completed is not None:
        # Before `failed` existed every prompt was sent, and the ones not completed failed
        # (e.g. 1015 of 2000 at rate=inf).
        asked = run.count(data.get("num_prompts"), "num_prompts")
        if asked is not None and asked >= run.completed:
            run.failed = asked - run.completed
    run.add_all([(meaning, data[key], key) for key, meaning in _figure_keys(data)])
    run.add("input_tokens", "sum", data.get("total_input_tokens"), source="total_input_tokens")
    run.add("output_tokens", "sum", data.get("total_output_tokens"), source="total_output_tokens")
    return run


_LAYOUTS: dict[tuple[str, ...], list[tuple[str, tuple[str, str]]]] = {}
"""For each layout of keys met (the files of one vLLM version share theirs), its figures' keys with
their :func:`_key_meaning`, in the file's order."""


def _figure_keys(data: dict) -> list[tuple[str, tuple[str, str]]]:
    """The keys of ``data`` that hold a figure, each with its ``(metric, statistic)``, in order."""
    layout = tuple(data)
    figures = _LAYOUTS.get(layout)
    if figures is None:
        figures = [(key, meaning) for key in layout if (meaning := _key_meaning(key)) is not None]
        if len(_LAYOUTS) < 1000:  # a bound, for inputs that are all different
            _LAYOUTS[layout] = figures
    return figures


def _key_meaning(key: str) -> tuple[str, str] | None:
    """The ``(metric, statistic)`` a serve result's key holds, or None for a key that is no figure."""
    match = _LATENCY_RE.match(key)
    if match is not None:
        stat, metric = match.groups()
        return _LATENCY_METRICS[metric], percentile_key(stat) or stat
    if key in _RATES:
        return _RATES[key], "mean"
    return None


def sweep_run_number(shown: str) -> int | None:
    """N when ``shown`` is a sweep run file named ``run=N.json``, else None."""
    match = _RUN_FILE_RE.search(shown)
    return int(match.group(1)) if match else None


def _int_or(value: object, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default
