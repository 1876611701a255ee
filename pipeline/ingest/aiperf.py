"""AIPerf ``profile_export_aiperf.json`` (early builds and schema 1.3+) and its sweep aggregate.

Metric blocks look like GenAI-Perf's (see :mod:`pipeline.ingest.perf_blocks`).
AIPerf adds ``inter_chunk_latency`` (the pooled gaps between streamed chunks:
``itl``), ``total_token_throughput`` and ``error_request_count``; its
``inter_token_latency`` is per request, i.e. ``tpot``. Early builds write null
for unmeasured metrics; those are simply missing.

The load knobs moved: early builds have ``input_config.loadgen``, schema 1.3
lists ``input_config.phases`` where only the ``profiling`` phase counts (the
``warmup`` phase is not measured).
"""

from __future__ import annotations

from pipeline.ingest.genai_perf import BLOCKS as GENAI_PERF_BLOCKS
from pipeline.ingest.genai_perf import model_name
from pipeline.ingest.perf_blocks import add_block, block_count
from pipeline.ingest.source import Source
from pipeline.ingest.tidy import Run, dig, load_value, percentile_key, text_value

BLOCKS: dict[str, tuple[str, bool]] = {
    **GENAI_PERF_BLOCKS,
    "inter_chunk_latency": ("itl", False),
    "total_token_throughput": ("total_throughput", True),
    "goodput": ("request_goodput", True),
}


def parse_aiperf(data: dict, source: Source) -> list[Run]:
    """Read one AIPerf profile export as one run."""
    config = data.get("input_config")
    load = _profiling_load(config)
    run = Run(
        tool="aiperf",
        tool_version=text_value(data.get("aiperf_version")),
        run=source.run,
        model=_model(config),
        concurrency=load_value(load.get("concurrency")),
        request_rate=load_value(load.get("request_rate", load.get("rate")), allow_inf=True),
    )
    run.completed = block_count(run, data.get("request_count"), "request_count")
    run.failed = block_count(run, data.get("error_request_count"), "error_request_count")
    for name, (metric, rate) in BLOCKS.items():
        if name in data:
            add_block(run, data[name], metric, name, source, rate=rate)
    return [run]


def parse_aiperf_sweep(data: dict, source: Source) -> list[Run]:
    """Read ``profile_export_aiperf_sweep.json``: one run per parameter combination, in list order.

    Only each metric's mean (``avg``, else ``mean``) and percentiles are read. The
    aggregate's ``std``/``min``/``max`` sit next to ``cv`` and confidence bounds,
    i.e. they may describe the spread between repeated trials rather than between
    requests, so they are not mixed with per-request statistics.
    """
    version = text_value(data.get("aiperf_version")) or text_value(dig(data, "metadata", "aiperf_version"))
    model = _model(data.get("input_config")) or model_name(dig(data, "metadata", "model_names"))
    runs = []
    combinations = data.get("per_combination_metrics") or []
    for index, combination in enumerate(combinations):
        where = f"per_combination_metrics[{index}]"
        if not isinstance(combination, dict) or not isinstance(combination.get("metrics"), dict):
            source.error("E079", "sweep combination is not an object with 'metrics'; skipped",
                         path=where, hint="re-export the sweep aggregate from AIPerf")
            continue
        parameters = combination.get("parameters")
        parameters = parameters if isinstance(parameters, dict) else {}
        run = Run("aiperf", version, index, model=model, where=where,
                  concurrency=load_value(parameters.get("concurrency")),
                  request_rate=load_value(parameters.get("request_rate"), allow_inf=True))
        metrics = combination["metrics"]
        run.completed = block_count(run, metrics.get("request_count"), "metrics.request_count")
        run.failed = block_count(run, metrics.get("error_request_count"), "metrics.error_request_count")
        for name, (metric, rate) in BLOCKS.items():
            block = metrics.get(name)
            if isinstance(block, dict):
                block = _sweep_block(block, rate)
            add_block(run, block, metric, name, source, rate=rate, prefix="metrics.")
        runs.append(run)
    return runs


def _sweep_block(block: dict, rate: bool) -> dict:
    """The part of an aggregate block that means the same as in a single-run block."""
    kept = {"unit": block.get("unit"), "avg": block.get("avg", block.get("mean"))}
    if not rate:
        kept.update((key, value) for key, value in block.items() if percentile_key(key))
    return kept


def _profiling_load(config: object) -> dict:
    """Load settings of the measured phase: schema 1.3 ``phases[profiling]``, else ``loadgen``."""
    phases = dig(config, "phases")
    if isinstance(phases, list):
        for phase in phases:
            if isinstance(phase, dict) and phase.get("name") == "profiling":
                return phase
        return {}
    loadgen = dig(config, "loadgen")
    return loadgen if isinstance(loadgen, dict) else {}


def _model(config: object) -> str | None:
    """Model from ``models.items[].name`` (schema 1.3) or ``endpoint.model_names`` (early)."""
    items = dig(config, "models", "items")
    if isinstance(items, list):
        return model_name([item.get("name") for item in items if isinstance(item, dict)])
    return model_name(dig(config, "endpoint", "model_names") or dig(config, "model_names"))
