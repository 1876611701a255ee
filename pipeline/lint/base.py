"""What every rule module returns, and the readings of figures they share."""

from __future__ import annotations

import decimal
from dataclasses import dataclass

from pipeline.derive.report import DerivedReport, FigureKey, Value
from pipeline.errors import Location, Problem
from pipeline.lint.registry import RULES
from pipeline.load.yaml_source import FieldPath


@dataclass(frozen=True)
class LintFinding:
    """One contradiction among a report's figures, located at the offending figure."""

    code: str
    """Rule code (pipeline.lint.registry.RULES)."""
    message: str
    """What contradicts what, with the numbers."""
    location: Location | None
    """The offending figure."""
    path: str
    """Its field path as messages print it; waivers match their scope against it."""
    hint: str
    """How to fix it."""
    subjects: tuple[Value, ...] = ()
    """The figures the finding is about, the offending one first; a page flags each of them."""

    def problem(self) -> Problem:
        """The finding as a problem, with its rule's severity."""
        return Problem(self.code, self.message, self.location, self.path, self.hint, RULES[self.code].severity)

    def concerns(self, value: Value) -> bool:
        """Whether ``value`` is one of the figures the finding is about.

        Figures are matched as the derive stage's objects, not by location (measured figures share
        their measurements entry's); a finding about a statement that is not one of those figures
        (a stated cost, a footprint, a context window) matches what sits at its location.
        """
        if self.subjects:
            return any(value is subject for subject in self.subjects)
        return value.location is not None and value.location == self.location


def finding(derived: DerivedReport, code: str, path: FieldPath, message: str, hint: str,
            subjects: tuple[Value | None, ...] = ()) -> LintFinding:
    """A finding located at ``path`` of the report's file."""
    return LintFinding(code, message, derived.document.locate(path), derived.document.shown(path), hint,
                       tuple(v for v in subjects if v is not None))


def figure_finding(derived: DerivedReport, code: str, key: FigureKey, message: str, hint: str,
                   related: tuple[FigureKey, ...] = ()) -> LintFinding:
    """A finding about the figure ``key`` = (model, metric, concurrency, scenario) and the ``related`` ones.

    A typed figure is located at its place in the report; a measured one (read from raw files,
    not typed) at its measurements entry, named ``measurements[i].<metric>.<concurrency>`` for waivers.
    """
    subjects = tuple(derived.figures[k] for k in (key,) + related if k in derived.figures)
    path = figure_path(derived, *key)
    if path is not None:
        return finding(derived, code, path, message, hint, subjects)
    model, metric, concurrency, scenario = key
    value = derived.figures.get(key)
    entries = getattr(derived.report, "measurements", None) or []
    index = next((i for i, e in enumerate(entries) if e.model == model and e.scenario == scenario), None)
    shown = f"measurements[{index}].{metric}.{concurrency}" if index is not None else \
        f"{model}.{metric}.{concurrency}.{scenario}"
    return LintFinding(code, message, value.location if value else None, shown, hint, subjects)


def slack(value: Value) -> float:
    """Half a unit in the last published digit of a typed figure; 0 for measured and derived ones.

    A figure typed as 8 ms may be anything from 7.5 to 8.5 ms; rules give it the benefit of
    that doubt, so a finding is certain rather than a matter of rounding.
    """
    return 0.5 * 10 ** (-value.decimals) if value.provenance == "estimated" else 0.0


def low(value: Value) -> float:
    """The smallest value the published figure may stand for."""
    return value.value - slack(value)


def high(value: Value) -> float:
    """The largest value the published figure may stand for."""
    return value.value + slack(value)


def number(value: float, decimals: int = 0) -> str:
    """A figure for messages: grouped, fixed decimals, half up (``4,200``, ``0.85``, 54.5 -> ``55``)."""
    rounded = decimal.Decimal(repr(float(value))).quantize(decimal.Decimal(1).scaleb(-decimals),
                                                           rounding=decimal.ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def figure_path(derived: DerivedReport, model: str, metric: str, concurrency: int, scenario: str) -> FieldPath | None:
    """Where a typed figure sits in the report; None if it is not typed.

    A sweep's figure wins over a result's, as in the derive stage.
    """
    report = derived.report
    found = None
    for i, result in enumerate(report.results):
        if result.model != model or result.concurrency != concurrency:
            continue
        for part in ("metrics", "stated"):
            if scenario in getattr(result, part).get(metric, {}):
                found = ("results", i, part, metric, scenario)
    for i, sweep in enumerate(report.sweeps):
        if sweep.model != model or sweep.metric != metric:
            continue
        for j, point in enumerate(sweep.points):
            if point.concurrency == concurrency and scenario in point.values:
                found = ("sweeps", i, "points", j, "values", scenario)
    return found
