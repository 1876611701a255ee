"""L020: the model's weights against the accelerator memory a footprint offers.

Weights alone are compared (parameters x bytes of the precision); the KV cache and activations
need more on top, so a finding here is certain, and a pass is no proof of fit.
"""

from __future__ import annotations

from pipeline.derive import metrics as m
from pipeline.derive.report import DerivedReport
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, finding, number


def memory_fit(derived: DerivedReport) -> list[LintFinding]:
    """Stated minimum footprints and scenarios with figures, whose memory cannot hold the weights."""
    return _minimum_hardware(derived) + _scenarios(derived)


def _minimum_hardware(derived: DerivedReport) -> list[LintFinding]:
    found = []
    for i, entry in enumerate(derived.report.models):
        footprint = entry.minimum_hardware
        if footprint is None:
            continue
        model = derived.catalogs.models[entry.model]
        accelerator = derived.catalogs.accelerators[footprint.accelerator]
        weights = f.weights_bytes(model.parameters_total_b, m.BYTES_PER_PARAMETER[footprint.precision])
        if weights <= f.memory_bytes(accelerator.memory_gb, footprint.count):
            continue
        needed = f.chips_needed(weights, accelerator.memory_gb)
        smaller = _smaller(model.parameters_total_b, footprint.precision, footprint.count * accelerator.memory_gb)
        found.append(finding(
            derived, "L020", ("models", i, "minimum_hardware"),
            f"{model.name}'s weights take {number(weights / f.BYTES_PER_GB)} GB in {footprint.precision} "
            f"({number(model.parameters_total_b, _digits(model.parameters_total_b))}B parameters x "
            f"{m.BYTES_PER_PARAMETER[footprint.precision]:g} bytes), more than the "
            f"{number(footprint.count * accelerator.memory_gb)} GB of {footprint.count} x {accelerator.name}",
            f"the weights alone need at least {needed} x {accelerator.name}{smaller}; "
            "correct the footprint or its precision, or waive it with a reason"))
    return found


def _smaller(parameters_b: float, precision: str, memory_gb: float) -> str:
    """', or int4 (55 GB)' when a smaller precision would fit, else ''."""
    for candidate in ("fp8", "int4"):
        if m.BYTES_PER_PARAMETER[candidate] < m.BYTES_PER_PARAMETER[precision]:
            weights = f.weights_bytes(parameters_b, m.BYTES_PER_PARAMETER[candidate])
            if weights <= memory_gb * f.BYTES_PER_GIB:
                return f", or {candidate} weights ({number(weights / f.BYTES_PER_GB)} GB)"
    return ""


def _digits(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _scenarios(derived: DerivedReport) -> list[LintFinding]:
    precision = derived.report.method.precision
    found = []
    for entry in derived.report.models:
        model = derived.catalogs.models[entry.model]
        weights = f.weights_bytes(model.parameters_total_b, m.BYTES_PER_PARAMETER[precision])
        for facts in derived.scenarios:
            sid = facts.scenario.id
            keys = [k for k in derived.figures if k[0] == entry.model and k[3] == sid]
            if not keys or weights <= f.memory_bytes(facts.accelerator.memory_gb, facts.instance.accelerator_count):
                continue
            keys.sort(key=lambda k: _place(derived.figures[k].location) + (k,))
            count = facts.instance.accelerator_count
            found.append(figure_finding(
                derived, "L020", keys[0],
                f"the figures of {model.name} on {sid} ({facts.instance.id}) assume its weights fit: they take "
                f"{number(weights / f.BYTES_PER_GB)} GB in {precision} (the report's precision), more than the "
                f"{number(count * facts.accelerator.memory_gb)} GB of {count} x {facts.accelerator.name}",
                f"the weights alone need {f.chips_needed(weights, facts.accelerator.memory_gb)} x "
                f"{facts.accelerator.name}; drop these figures, or state the precision they were taken at",
                related=tuple(keys[1:])))
    return found


def _place(location) -> tuple[int, int]:
    """Sort key of a figure's position; figures without one go last."""
    if location is None or location.line is None:
        return (1 << 30, 0)
    return location.line, location.column or 0
