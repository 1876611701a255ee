"""Checks of what a report says about prices, cost conventions and its SLO, that a schema cannot express.

Called by :mod:`pipeline.validate.references` with its checker; every problem reuses a code of
docs/codes.md (E040 unknown reference, E042 duplicate, E046 inconsistent entry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from pipeline.models.report import Report

if TYPE_CHECKING:
    from pipeline.validate.references import _Checker


def headline_tier(pricing_model: str) -> str:
    """The tier id of a scenario's headline price: its pricing model as written (on-demand, spot, ...)."""
    return pricing_model


def check_pricing(check: "_Checker", report: Report, sources: Iterable[str] | None, model_ids: list[str]) -> None:
    """Tiers (one form of price each, known sources, no tier twice), the chosen tiers, the convention, the SLO."""
    offered: set[str] = set()
    for i, scenario in enumerate(report.scenarios):
        tiers = [(headline_tier(scenario.price.pricing_model), ("scenarios", i, "price", "pricing_model"))]
        for j, tier in enumerate(scenario.prices):
            base = ("scenarios", i, "prices", j)
            tiers.append((tier.tier, base + ("tier",)))
            check.ref("source", tier.source, sources, base + ("source",), "data/catalog/sources.yaml")
            forms = [name for name in ("hourly", "hourly_range", "savings_pct") if getattr(tier, name) is not None]
            if len(forms) != 1:
                got = ", ".join(forms) if forms else "none"
                check.add("E046", f"a price tier needs exactly one of hourly, hourly_range or savings_pct (got {got})",
                          base, "give one figure (hourly: 31.46), a range (hourly_range: {low: 20, high: 35}) or a "
                          "published saving (savings_pct: {low: 50, high: 70})")
            for name in ("hourly_range", "savings_pct"):
                pair = getattr(tier, name)
                if pair is not None and pair.low > pair.high:
                    check.add("E046", f"the range runs backwards: low {pair.low:g} is above high {pair.high:g}",
                              base + (name, "low"), "write the smaller figure as low")
            if tier.savings_pct is not None and not 0 <= tier.savings_pct.low <= tier.savings_pct.high < 100:
                check.add("E046", f"a saving of {tier.savings_pct.low:g}-{tier.savings_pct.high:g}% is impossible",
                          base + ("savings_pct",), "a saving is a percentage from 0 to below 100")
            if tier.tier == "spot" and tier.hourly is not None:
                check.add("E046", "a spot price varies: give it as hourly_range or savings_pct, not one hourly figure",
                          base + ("hourly",), "write hourly_range: {low: ..., high: ...} over the period you read")
        check.unique(f"price tier of scenario {scenario.id}", tiers)
        offered.update(t for t, _ in tiers)
    for k, tier in enumerate(report.costs.tiers or []):
        check.ref("price tier", tier, sorted(offered), ("costs", "tiers", k), "scenarios[*].price and prices")
    check.unique("shown tier", [(t, ("costs", "tiers", k)) for k, t in enumerate(report.costs.tiers or [])])
    _check_convention(check, report)
    if report.slo is not None and report.slo.model is not None:
        check.ref("model", report.slo.model, model_ids, ("slo", "model"), "the report's models list")


def _check_convention(check: "_Checker", report: Report) -> None:
    convention = report.costs.convention
    if convention is None:
        return
    base = ("costs", "convention")
    if convention.tokens == "blended" and convention.mix is None:
        check.add("E046", "a blended cost needs the input:output mix it blends at", base,
                  "add mix: {input: 3, output: 1}")
    if convention.tokens in ("blended", "split") and convention.output_input_ratio is None:
        check.add("E046", f"a {convention.tokens} cost needs output_input_ratio (what an output token costs in "
                          "input tokens)", base, "add output_input_ratio: 4 (GKE Inference Quickstart's default)")
    if convention.tokens in ("output", "total") and (convention.mix or convention.output_input_ratio):
        check.add("E046", f"mix and output_input_ratio apply to blended and split costs, not to {convention.tokens}",
                  base, "remove them, or choose tokens: blended or split")
    point = report.operating_point
    if "tokens" in point.model_fields_set and point.tokens != convention.tokens:
        check.add("E046", f"operating_point.tokens says {point.tokens} but costs.convention says "
                          f"{convention.tokens}: one report computes cost one way", base + ("tokens",),
                  "remove operating_point.tokens; costs.convention decides")


def check_compute_sources(check: "_Checker", accelerators: list, sources: Iterable[str] | None) -> None:
    """Peak compute figures of the accelerator catalogue name where they come from."""
    for i, accelerator in enumerate(accelerators):
        if accelerator.peak_dense_tflops and accelerator.compute_source is None:
            check.add("E046", f"accelerator '{accelerator.id}' gives peak_dense_tflops but no compute_source",
                      ("accelerators", i, "peak_dense_tflops"), "add compute_source: <source id> (the data sheet)")
        if accelerator.compute_source is not None:
            check.ref("source", accelerator.compute_source, sources, ("accelerators", i, "compute_source"),
                      "data/catalog/sources.yaml")
