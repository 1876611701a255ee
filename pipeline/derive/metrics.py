"""One pure function per derived figure, named after what it produces.

Units are in the names; every function is total on positive inputs and has a
property test in tests/test_derive_metrics.py.
"""

from __future__ import annotations

from typing import Literal, Mapping, Sequence

SECONDS_PER_HOUR = 3600
TOKENS_PER_MTOK = 1_000_000

BYTES_PER_PARAMETER = {"bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
"""Bytes one weight takes in each precision."""

Direction = Literal["lower", "higher"]


def relative_to_baseline(value: float, baseline: float) -> float:
    """Signed change against the baseline: (value - baseline) / baseline; 280 vs 120 -> 1.333."""
    return (value - baseline) / baseline


def share_of_reference(value: float, reference: float) -> float:
    """value / reference; 3,500 of 4,200 tokens/s -> 0.833."""
    return value / reference


def reduction_versus(value: float, reference: float) -> float:
    """How much lower ``value`` is than ``reference``, as a fraction: 0.35 vs 0.85 -> 0.588."""
    return (reference - value) / reference


def cost_per_mtok_usd(hourly_usd: float, tokens_per_s: float) -> float:
    """USD per 1M tokens: hourly price / (tokens per second x 3600) x 1e6."""
    return hourly_usd / (tokens_per_s * SECONDS_PER_HOUR) * TOKENS_PER_MTOK


def total_tokens_per_s(output_tokens_per_s: float, input_tokens: int, output_tokens: int) -> float:
    """Input + output token rate implied by an output rate under a fixed request shape."""
    return output_tokens_per_s * (input_tokens + output_tokens) / output_tokens


def total_accelerator_memory_gb(memory_gb_per_chip: float, accelerator_count: int) -> float:
    """Memory of all accelerators of an instance, in GB."""
    return memory_gb_per_chip * accelerator_count


def cost_per_accelerator_hour_usd(hourly_usd: float, accelerator_count: int) -> float:
    """Instance price divided by its accelerators."""
    return hourly_usd / accelerator_count


def weights_gb(parameters_b: float, precision: str) -> float:
    """Memory the weights take: parameters (billions) x bytes per parameter, in GB."""
    return parameters_b * BYTES_PER_PARAMETER[precision]


def scaling_factor(high_load_value: float, low_load_value: float) -> float:
    """How many times the throughput grew from the lowest to the highest load."""
    return high_load_value / low_load_value


def best_of(values: Mapping[str, float], direction: Direction, order: Sequence[str] | None = None) -> str:
    """Key with the best value (lowest or highest); ties go to the first in ``order``."""
    keys = list(order) if order is not None else list(values)
    keys = [k for k in keys if k in values]
    if not keys:
        raise ValueError("best_of needs at least one value")
    pick = min if direction == "lower" else max
    best_value = pick(values[k] for k in keys)
    return next(k for k in keys if values[k] == best_value)


def agrees(stated: float, derived: float, decimals: int) -> bool:
    """Whether a stated figure is the derived one rounded to the stated precision."""
    # Half a unit in the last published digit, with slack for binary floating point.
    return abs(stated - derived) <= 0.5 * 10 ** (-decimals) * (1 + 1e-9) + 1e-12


def input_tokens_per_s(output_tokens_per_s: float, input_tokens: int, output_tokens: int) -> float:
    """Input token rate implied by an output rate under a fixed request shape."""
    return output_tokens_per_s * input_tokens / output_tokens


def split_costs_per_mtok_usd(hourly_usd: float, input_tokens_per_s: float, output_tokens_per_s: float,
                             output_input_ratio: float) -> tuple[float, float]:
    """USD per 1M input tokens and per 1M output tokens, splitting the hour additively.

    An output token costs ``output_input_ratio`` input tokens, and the two together pay the hour:
    c_in x input rate + c_out x output rate = hourly / 3600, with c_out = ratio x c_in.
    """
    per_input_token = hourly_usd / SECONDS_PER_HOUR / (input_tokens_per_s + output_input_ratio * output_tokens_per_s)
    return per_input_token * TOKENS_PER_MTOK, per_input_token * output_input_ratio * TOKENS_PER_MTOK


def blended_cost_per_mtok_usd(input_cost: float, output_cost: float, mix_input: float, mix_output: float) -> float:
    """USD per 1M tokens at an input:output mix: (mix_in x c_in + mix_out x c_out) / (mix_in + mix_out)."""
    return (mix_input * input_cost + mix_output * output_cost) / (mix_input + mix_output)


def price_after_saving(hourly_usd: float, saving_pct: float) -> float:
    """An hourly price after a published saving in percent: 98.32 at 60% -> 39.33."""
    return hourly_usd * (1 - saving_pct / 100)


def tokens_per_s_per_user(itl_ms: float) -> float:
    """A user's decode speed, tokens per second, from the gap between its tokens."""
    return 1000 / itl_ms
