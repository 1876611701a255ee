"""L010: a throughput the TTFT and ITL taken at the same concurrency make impossible (Little's law)."""

from __future__ import annotations

from pipeline.derive.report import DerivedReport
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, low, number
from pipeline.lint.registry import LATENCY_MARGIN


def latency_vs_throughput(derived: DerivedReport) -> list[LintFinding]:
    """Every stated throughput above concurrency x output tokens / request latency (+ margin)."""
    output_tokens = derived.report.method.workload.output_tokens
    found = []
    for (model, metric, concurrency, sid), throughput in sorted(derived.figures.items()):
        if metric != "output_throughput":
            continue
        ttft = derived.figures.get((model, "ttft", concurrency, sid))
        itl = derived.figures.get((model, "itl", concurrency, sid))
        if ttft is None or itl is None:
            continue
        # The most favourable reading: latencies at the low end of their rounding, throughput at the low end.
        fastest_ttft, fastest_itl = max(low(ttft), 0.0), max(low(itl), 0.0)
        if f.request_latency_s(fastest_ttft, fastest_itl, output_tokens) <= 0:
            continue  # latencies that round to zero bound nothing
        bound = f.littles_law_throughput(concurrency, output_tokens, fastest_ttft, fastest_itl)
        if low(throughput) <= bound * (1 + LATENCY_MARGIN):
            continue
        nominal = f.littles_law_throughput(concurrency, output_tokens, ttft.value, itl.value)
        budget_ms = concurrency * output_tokens / throughput.value * f.MS_PER_S
        found.append(figure_finding(
            derived, "L010", (model, metric, concurrency, sid),
            f"throughput of {model} on {sid} at concurrency {concurrency}: stated {number(throughput.value)} "
            f"tokens/s, but its TTFT ({number(ttft.value, ttft.decimals)} ms) and ITL "
            f"({number(itl.value, itl.decimals)} ms) allow at most {number(nominal)} tokens/s "
            f"(concurrency x {output_tokens} output tokens / (TTFT + {output_tokens - 1} x ITL); "
            f"tolerance +{LATENCY_MARGIN:.0%} after rounding)",
            f"{number(throughput.value)} tokens/s needs TTFT + {output_tokens - 1} x ITL <= {number(budget_ms, 1)} ms; "
            "correct the throughput, the latencies, or the concurrency they were taken at",
            related=((model, "ttft", concurrency, sid), (model, "itl", concurrency, sid))))
    return found
