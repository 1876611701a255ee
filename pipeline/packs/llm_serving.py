"""The LLM-serving pack for benchmark reports: cost per 1M tokens from a deployment's price.

(Reports of the older LLM-serving shape, without ``kind``, are built by the modules under
pipeline/derive/, lint/ and render/ that predate the general core.)
"""

from __future__ import annotations

from pipeline.packs import Derivation


def cost_per_mtok_usd(tokens_per_s: float, hourly_usd: float) -> float | None:
    """USD per 1M tokens = hourly price / (tokens per second x 3600) x 1e6."""
    if tokens_per_s <= 0:
        return None
    return hourly_usd / (tokens_per_s * 3600) * 1e6


DERIVATIONS = (
    Derivation("cost_per_mtok", ("output_throughput",), cost_per_mtok_usd, "formula.cost_per_mtok",
               needs_price=True),
)
"""Derived metrics of the pack."""
