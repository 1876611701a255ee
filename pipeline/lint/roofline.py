"""L030, L031: decoding against memory bandwidth (the decode roofline).

Each decode step reads at least the weights active for a token, from all accelerators of the
instance at once; it yields one token per stream in flight. So one stream decodes at most
``bandwidth / active weight bytes`` tokens per second, and ``concurrency`` streams at most that
many times as much. Speculative decoding breaks the bound; a report using it should say so in
a waiver.
"""

from __future__ import annotations

from pipeline.derive import metrics as m
from pipeline.derive.report import DerivedReport, ScenarioFacts
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, high, low, number
from pipeline.lint.registry import ROOFLINE_MARGIN


def decode_roofline(derived: DerivedReport) -> list[LintFinding]:
    """ITLs below, and throughputs above, what the memory bandwidth allows."""
    found = []
    for key, value in sorted(derived.figures.items()):
        model, metric, concurrency, sid = key
        if metric not in ("itl", "output_throughput"):
            continue
        facts = derived.scenario(sid)
        bound = _steps_per_s(derived, model, facts)
        why = _why(derived, model, facts)
        if metric == "itl":
            rate = f.per_stream_rate(high(value))
            if rate <= bound * (1 + ROOFLINE_MARGIN):
                continue
            found.append(figure_finding(
                derived, "L030", key,
                f"ITL of {model} on {sid} at concurrency {concurrency}: "
                f"stated {number(value.value, value.decimals)} ms, "
                f"i.e. {number(f.per_stream_rate(value.value))} tokens/s per stream, above the {number(bound)} "
                f"decode steps/s ({why}; tolerance +{ROOFLINE_MARGIN:.0%} after rounding)",
                f"an ITL below {number(f.MS_PER_S / bound, 2)} ms needs more memory bandwidth than "
                f"{facts.instance.accelerator_count} x {facts.accelerator.name} have; correct the ITL or the "
                "model's active parameters (or waive it, naming speculative decoding)"))
        elif low(value) > concurrency * bound * (1 + ROOFLINE_MARGIN):
            streams = "one stream can reach" if concurrency == 1 else (
                f"{concurrency} streams can reach at {number(bound)} decode steps/s")
            found.append(figure_finding(
                derived, "L031", key,
                f"throughput of {model} on {sid} at concurrency {concurrency}: stated {number(value.value)} tokens/s, "
                f"above the {number(concurrency * bound)} tokens/s {streams} ({why}; "
                f"tolerance +{ROOFLINE_MARGIN:.0%} after rounding)",
                "each decode step reads the active weights at least once and yields one token per request in "
                "flight; correct the throughput or the concurrency it was taken at"))
    return found


def _steps_per_s(derived: DerivedReport, model_id: str, facts: ScenarioFacts) -> float:
    model = derived.catalogs.models[model_id]
    return f.decode_rate_bound(facts.accelerator.memory_bandwidth_tb_s, facts.instance.accelerator_count,
                               model.parameters_active_b, m.BYTES_PER_PARAMETER[derived.report.method.precision])


def _why(derived: DerivedReport, model_id: str, facts: ScenarioFacts) -> str:
    """'8 x 3.35 TB/s over 34 GB of active weights per step, 17B x 2 bytes in bf16'."""
    model = derived.catalogs.models[model_id]
    precision = derived.report.method.precision
    per_parameter = m.BYTES_PER_PARAMETER[precision]
    active_gb = f.weights_bytes(model.parameters_active_b, per_parameter) / f.BYTES_PER_GB
    return (f"{facts.instance.accelerator_count} x {facts.accelerator.memory_bandwidth_tb_s:g} TB/s over "
            f"{number(active_gb)} GB of active weights per step, {model.parameters_active_b:g}B x "
            f"{per_parameter:g} bytes in {precision}")
