"""L032, L033: figures against the accelerators' peak dense compute (data sheets, accelerators.yaml).

Prefill runs every input token through the active weights: at least 2 x active parameters x input
tokens operations, so no TTFT is shorter than that at the deployment's peak (all its chips together).
Decoding a token takes 2 x active parameters operations, so no batch yields more than peak / that
tokens per second. Both bounds are certain at the peak; prefix caching (the prompt not computed) and
speculative decoding break them, and a report using either says so in a waiver.
"""

from __future__ import annotations

from pipeline.derive.report import DerivedReport, ScenarioFacts
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, high, low, number
from pipeline.lint.registry import COMPUTE_MARGIN


def compute_bounds(derived: DerivedReport) -> list[LintFinding]:
    """TTFTs below the prefill bound and throughputs above the decode compute bound."""
    precision = derived.report.method.precision
    input_tokens = derived.report.method.workload.input_tokens
    found = []
    for key, value in sorted(derived.figures.items()):
        model_id, metric, concurrency, sid = key
        if metric not in ("ttft", "output_throughput"):
            continue
        facts = derived.scenario(sid)
        peak = facts.accelerator.peak_dense_tflops.get(precision)
        if peak is None:
            continue
        model = derived.catalogs.models[model_id]
        count = facts.instance.accelerator_count
        if metric == "ttft":
            bound = f.prefill_time_bound_ms(model.parameters_active_b, input_tokens, peak, count)
            if high(value) >= bound * (1 - COMPUTE_MARGIN):
                continue
            flop = f.prefill_flop(model.parameters_active_b, input_tokens) / 1e12
            found.append(figure_finding(
                derived, "L032", key,
                f"TTFT of {model_id} on {sid} at concurrency {concurrency}: stated {number(value.value, value.decimals)}"
                f" ms, below the {number(bound)} ms the prefill takes at peak compute (2 x {model.parameters_active_b:g}B"
                f" active parameters x {input_tokens} input tokens = {number(flop, 1)} TFLOP, over {_peak(facts, peak, precision)};"
                f" tolerance -{COMPUTE_MARGIN:.0%} after rounding)",
                f"a TTFT below {number(bound * (1 - COMPUTE_MARGIN), 1)} ms needs more compute than {count} x "
                f"{facts.accelerator.name} have; correct the TTFT, the input length or the footprint (or waive it, "
                "naming prefix caching)"))
        else:
            bound = f.decode_compute_bound(peak, count, model.parameters_active_b)
            if low(value) <= bound * (1 + COMPUTE_MARGIN):
                continue
            found.append(figure_finding(
                derived, "L033", key,
                f"throughput of {model_id} on {sid} at concurrency {concurrency}: stated {number(value.value)} "
                f"tokens/s, above the {number(bound)} tokens/s peak compute allows ({_peak(facts, peak, precision)} over "
                f"2 x {model.parameters_active_b:g}B active parameters per token; tolerance +{COMPUTE_MARGIN:.0%} "
                "after rounding)",
                "every generated token passes through the active weights; correct the throughput or the footprint "
                "(or waive it, naming speculative decoding)"))
    return found


def _peak(facts: ScenarioFacts, peak: float, precision: str) -> str:
    """'1 x 125 TFLOPS dense bf16 of A10G'."""
    return f"{facts.instance.accelerator_count} x {peak:g} TFLOPS dense {precision} of {facts.accelerator.name}"
