"""Tell which tool wrote a parsed JSON document, from its keys alone.

File names are unreliable (scripts and leaderboards rename them, vLLM's JSON
Lines files end in ``.json``), so each format is recognised by the keys only it
writes. The checks are cheap: they look at top-level keys, never at the large
per-request arrays.
"""

from __future__ import annotations

import re
from typing import Any

VLLM_SERVE = "vllm-serve"
VLLM_SWEEP_SUMMARY = "vllm-sweep-summary"
VLLM_LATENCY = "vllm-latency"
VLLM_THROUGHPUT = "vllm-throughput"
AIPERF = "aiperf"
AIPERF_SWEEP = "aiperf-sweep"
GENAI_PERF = "genai-perf"
GUIDELLM = "guidellm"
LLMPERF_SUMMARY = "llmperf-summary"
LLMPERF_SUMMARIES = "llmperf-summaries"
LLMPERF_RESPONSES = "llmperf-responses"

FORMATS: dict[str, str] = {
    VLLM_SERVE: "vLLM benchmark_serving.py / vllm bench serve --save-result (one run)",
    VLLM_SWEEP_SUMMARY: "vllm bench sweep serve summary.json (a list of serve runs)",
    VLLM_LATENCY: "vLLM benchmark_latency.py / vllm bench latency --output-json",
    VLLM_THROUGHPUT: "vLLM benchmark_throughput.py / vllm bench throughput --output-json",
    AIPERF: "AIPerf profile_export_aiperf.json",
    AIPERF_SWEEP: "AIPerf profile_export_aiperf_sweep.json",
    GENAI_PERF: "GenAI-Perf profile_export_genai_perf.json",
    GUIDELLM: "GuideLLM benchmarks.json",
    LLMPERF_SUMMARY: "LLMPerf *_summary.json",
    LLMPERF_SUMMARIES: "LLMPerf summaries nested in an object keyed by concurrency",
    LLMPERF_RESPONSES: "LLMPerf *_individual_responses.json",
}
"""Every format :func:`detect_format` can return, with what writes it."""

SINGLE_RUN_FORMATS = frozenset({VLLM_SERVE, VLLM_LATENCY, VLLM_THROUGHPUT, AIPERF,
                                GENAI_PERF, LLMPERF_SUMMARY, LLMPERF_RESPONSES})
"""Formats holding exactly one run; only these may appear as JSON Lines records."""

# Metric blocks GenAI-Perf and AIPerf share; a profile export has at least one.
_PERF_BLOCKS = ("time_to_first_token", "request_latency", "request_throughput",
                "inter_token_latency", "output_token_throughput", "request_count")
# Keys or config sections only AIPerf writes.
_AIPERF_ONLY_KEYS = ("aiperf_version", "schema_version", "benchmark_id", "inter_chunk_latency",
                     "benchmark_duration", "error_summary", "was_cancelled",
                     "total_token_throughput")
_AIPERF_CONFIG_KEYS = ("loadgen", "phases", "models")
# vLLM's latency statistic keys; nightly suites publish files trimmed to these alone.
_VLLM_LATENCY_KEY = re.compile(r"^(mean|median|std|p\d+(?:\.\d+)?)_(ttft|tpot|itl|e2el)_ms$")
_LLMPERF_CORE = ("results_num_completed_requests", "results_ttft_s_mean",
                 "results_end_to_end_latency_s_mean", "results_num_requests_started")


def detect_format(obj: Any) -> str | None:
    """The format of one parsed JSON document (a key of :data:`FORMATS`), or None if unknown."""
    if isinstance(obj, list):
        return _detect_list(obj)
    if not isinstance(obj, dict):
        return None
    if _is_vllm_serve(obj):
        return VLLM_SERVE
    if "avg_latency" in obj and ("latencies" in obj or "percentiles" in obj):
        return VLLM_LATENCY
    if "elapsed_time" in obj and "requests_per_second" in obj:
        return VLLM_THROUGHPUT
    if isinstance(obj.get("benchmarks"), list) and _is_guidellm(obj):
        return GUIDELLM
    if obj.get("aggregation_type") == "sweep" or isinstance(obj.get("per_combination_metrics"), list):
        return AIPERF_SWEEP
    if any(_is_perf_block(obj.get(name)) for name in _PERF_BLOCKS):
        return AIPERF if _is_aiperf(obj) else GENAI_PERF
    if _is_llmperf_summary(obj):
        return LLMPERF_SUMMARY
    if obj and all(isinstance(v, dict) and _is_llmperf_summary(v) for v in obj.values()):
        return LLMPERF_SUMMARIES
    return None


def describe(obj: Any) -> str:
    """A short description of a JSON value for messages: its type and first keys."""
    if isinstance(obj, dict):
        if not obj:
            return "an empty JSON object"
        keys = list(obj)
        shown = ", ".join(str(k) for k in keys[:5]) + (", ..." if len(keys) > 5 else "")
        return f"a JSON object with keys {shown}"
    if isinstance(obj, list):
        return f"a JSON list of {len(obj)} item(s)" if obj else "an empty JSON list"
    kind = {str: "string", bool: "boolean", type(None): "null"}.get(type(obj), "number")
    return f"a JSON {kind}"


def _detect_list(items: list) -> str | None:
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    if all(_is_vllm_serve(item) for item in items):
        return VLLM_SWEEP_SUMMARY
    if all("ttft_s" in item and "end_to_end_latency_s" in item for item in items):
        return LLMPERF_RESPONSES
    return None


def _is_vllm_serve(obj: dict) -> bool:
    # `completed` plus vLLM's model or duration field; trimmed forks keep these. Files trimmed
    # to latency statistics (vllm-ascend's nightly: no duration, completed or throughput) are
    # known by two or more of vLLM's `<stat>_<ttft|tpot|itl|e2el>_ms` keys.
    if "completed" in obj and ("model_id" in obj or "duration" in obj):
        return True
    return sum(1 for key in obj if isinstance(key, str) and _VLLM_LATENCY_KEY.match(key)) >= 2


def _is_guidellm(obj: dict) -> bool:
    metadata = obj.get("metadata")
    if isinstance(metadata, dict) and "guidellm_version" in metadata:
        return True
    return any(isinstance(b, dict) and "metrics" in b for b in obj["benchmarks"])


def _is_perf_block(value: Any) -> bool:
    return isinstance(value, dict) and ("avg" in value or "unit" in value)


def _is_aiperf(obj: dict) -> bool:
    if any(key in obj for key in _AIPERF_ONLY_KEYS):
        return True
    config = obj.get("input_config")
    return isinstance(config, dict) and any(key in config for key in _AIPERF_CONFIG_KEYS)


def _is_llmperf_summary(obj: dict) -> bool:
    return any(key in obj for key in _LLMPERF_CORE)
