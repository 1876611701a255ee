"""The physics and arithmetic the rules compare figures with: one pure function per bound.

Units are in the names. Every function has property tests in tests/lint/test_formulas.py.
"""

from __future__ import annotations

import math

BYTES_PER_GB = 1e9
BYTES_PER_GIB = 2 ** 30
BYTES_PER_TB = 1e12
MS_PER_S = 1000


def request_latency_s(ttft_ms: float, itl_ms: float, output_tokens: int) -> float:
    """Time one request takes: the first token after TTFT, each of the others one ITL later."""
    return (ttft_ms + (output_tokens - 1) * itl_ms) / MS_PER_S


def littles_law_throughput(concurrency: int, output_tokens: int, ttft_ms: float, itl_ms: float) -> float:
    """Most output tokens per second ``concurrency`` streams can produce (Little's law).

    Each of ``concurrency`` requests in flight yields ``output_tokens`` per request latency, so
    throughput <= concurrency x output_tokens / (TTFT + (output_tokens - 1) x ITL).
    """
    return concurrency * output_tokens / request_latency_s(ttft_ms, itl_ms, output_tokens)


def weights_bytes(parameters_b: float, bytes_per_parameter: float) -> float:
    """Bytes the weights take: parameters (billions) x bytes per parameter."""
    return parameters_b * 1e9 * bytes_per_parameter


def memory_bytes(memory_gb_per_chip: float, count: int) -> float:
    """Accelerator memory in bytes, reading the catalogue's 'GB' as GiB.

    Vendors print binary capacities as GB (an '80 GB' H100 holds 80 GiB); the larger reading
    makes a memory-fit finding certain rather than a matter of units.
    """
    return memory_gb_per_chip * BYTES_PER_GIB * count


def chips_needed(weights: float, memory_gb_per_chip: float) -> int:
    """Fewest chips whose memory holds ``weights`` bytes."""
    return max(1, math.ceil(weights / memory_bytes(memory_gb_per_chip, 1)))


def decode_rate_bound(bandwidth_tb_s_per_chip: float, count: int, active_parameters_b: float,
                      bytes_per_parameter: float) -> float:
    """Most decode steps per second: aggregate memory bandwidth / bytes of active weights per step.

    Every decode step reads at least the weights active for a token; with tensor parallelism
    the chips read their shares at once, so their bandwidths add up.
    """
    bandwidth = bandwidth_tb_s_per_chip * BYTES_PER_TB * count
    return bandwidth / weights_bytes(active_parameters_b, bytes_per_parameter)


def per_stream_rate(itl_ms: float) -> float:
    """Tokens per second one stream decodes at, given its inter-token latency."""
    return MS_PER_S / itl_ms


def scaling_efficiency(value: float, concurrency: int, low_value: float, low_concurrency: int) -> float:
    """Throughput gain over concurrency gain, against the lowest load: 1.0 is linear scaling."""
    return (value / low_value) / (concurrency / low_concurrency)


def prefill_flop(active_parameters_b: float, input_tokens: int) -> float:
    """Operations a prefill of ``input_tokens`` takes at least: 2 x active parameters x tokens (a multiply-add each)."""
    return 2 * active_parameters_b * 1e9 * input_tokens


def compute_flop_s(peak_tflops_per_chip: float, count: int) -> float:
    """Peak operations per second of ``count`` chips together."""
    return peak_tflops_per_chip * 1e12 * count


def prefill_time_bound_ms(active_parameters_b: float, input_tokens: int, peak_tflops_per_chip: float,
                          count: int) -> float:
    """Shortest a prefill can take, in ms: its operations at the chips' peak compute (no TTFT is shorter)."""
    return prefill_flop(active_parameters_b, input_tokens) / compute_flop_s(peak_tflops_per_chip, count) * MS_PER_S


def decode_compute_bound(peak_tflops_per_chip: float, count: int, active_parameters_b: float) -> float:
    """Most tokens per second the chips can compute, whatever the batch: peak / (2 x active parameters)."""
    return compute_flop_s(peak_tflops_per_chip, count) / (2 * active_parameters_b * 1e9)


def kv_bytes_per_token(layers: int, kv_heads: int, head_dim: float, bytes_per_value: float) -> float:
    """KV cache one token holds: layers x KV heads x head dim x 2 (key and value) x bytes."""
    return layers * kv_heads * head_dim * 2 * bytes_per_value


def kv_cache_bytes(layers: int, kv_heads: int, head_dim: float, bytes_per_value: float, tokens: int) -> float:
    """KV cache of ``tokens`` tokens in flight."""
    return kv_bytes_per_token(layers, kv_heads, head_dim, bytes_per_value) * tokens
