"""vLLM's offline siblings: ``benchmark_latency`` and ``benchmark_throughput`` JSON, in seconds.

Neither file names the model or the batch size; those rows have ``model`` None
and no load. ``benchmark_latency`` times whole batches (``llm.generate`` on a
batch of prompts), so its figures are ``batch_latency``, not per-request
``e2e_latency``.
"""

from __future__ import annotations

from pipeline.ingest.source import Source
from pipeline.ingest.tidy import MS_PER_S, Run, percentile_statistic


def parse_latency(data: dict, source: Source) -> list[Run]:
    """Read ``avg_latency`` and ``percentiles{"10": s, ...}`` (seconds) as batch latency in ms."""
    run = Run("vllm", None, source.run)
    run.add("batch_latency", "mean", data.get("avg_latency"), scale=MS_PER_S, source="avg_latency")
    percentiles = data.get("percentiles")
    if isinstance(percentiles, dict):
        for key, value in percentiles.items():
            try:
                percent = float(key)
            except ValueError:
                run.invalid.append(f"percentiles.{key}")
                continue
            run.add("batch_latency", percentile_statistic(percent), value, scale=MS_PER_S,
                    source=f"percentiles.{key}")
    return [run]


def parse_throughput(data: dict, source: Source) -> list[Run]:
    """Read ``requests_per_second`` and ``tokens_per_second`` (input + output tokens)."""
    run = Run("vllm", None, source.run)
    # The requests the run processed; offline runs write no failure count.
    run.completed = run.count(data.get("num_requests"), "num_requests")
    run.add("request_throughput", "mean", data.get("requests_per_second"), source="requests_per_second")
    run.add("total_throughput", "mean", data.get("tokens_per_second"), source="tokens_per_second")
    return [run]
