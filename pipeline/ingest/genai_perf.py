"""GenAI-Perf ``profile_export_genai_perf.json`` (old and new builds).

The file has no version and no date. Builds differ in two places: the per-user
throughput block was renamed (``output_token_throughput_per_request`` ->
``output_token_throughput_per_user``), and ``input_config`` went from flat CLI
echoes (``concurrency``, ``request_rate``, ``model``) to nested sections
(``model_names``, ``perf_analyzer.stimulus``). Both spellings are read.

GenAI-Perf's ``inter_token_latency`` is per request (latency - TTFT) / (output
tokens - 1), which is ``tpot`` here; it has no pooled chunk-gap metric, so no ``itl``.
"""

from __future__ import annotations

from pipeline.ingest.perf_blocks import add_block, block_count
from pipeline.ingest.source import Source
from pipeline.ingest.tidy import Run, dig, load_value, text_value

# block name -> (canonical metric, is an overall rate)
BLOCKS: dict[str, tuple[str, bool]] = {
    "time_to_first_token": ("ttft", False),
    "inter_token_latency": ("tpot", False),
    "request_latency": ("e2e_latency", False),
    "output_token_throughput": ("output_throughput", True),
    "output_token_throughput_per_user": ("per_user_output_throughput", False),
    "output_token_throughput_per_request": ("per_user_output_throughput", False),
    "request_throughput": ("request_throughput", True),
    "request_goodput": ("request_goodput", True),
    "input_sequence_length": ("input_tokens", False),
    "output_sequence_length": ("output_tokens", False),
}


def parse_genai_perf(data: dict, source: Source) -> list[Run]:
    """Read one GenAI-Perf profile export: one run, no version, no failure count."""
    config = data.get("input_config")
    stimulus = dig(config, "perf_analyzer", "stimulus")
    knobs = stimulus if isinstance(stimulus, dict) else config if isinstance(config, dict) else {}
    run = Run(
        tool="genai-perf",
        tool_version=None,
        run=source.run,
        model=model_name(dig(config, "model_names") or dig(config, "model")),
        concurrency=load_value(knobs.get("concurrency")),
        request_rate=load_value(knobs.get("request_rate"), allow_inf=True),
    )
    run.completed = block_count(run, data.get("request_count"), "request_count.avg")
    for name, (metric, rate) in BLOCKS.items():
        if name in data:
            add_block(run, data[name], metric, name, source, rate=rate)
    return [run]


def model_name(value: object) -> str | None:
    """A model from a string or a list of names (several are joined with commas)."""
    if isinstance(value, list):
        names = [text_value(item) for item in value]
        return ",".join(name for name in names if name) or None
    return text_value(value)
