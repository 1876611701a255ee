"""Plausibility checks on a derived report: do its numbers contradict each other?

Each rule has a stable code; findings are warnings (``--strict`` makes them errors).
"""

from __future__ import annotations

from pipeline.derive.findings import FindingFacts
from pipeline.derive.report import FORMULAS, Check, DerivedReport
from pipeline.errors import Problem

RULE_CODES = {
    "derived-vs-stated": "L001",
    "finding-vs-data": "L002",
}
"""Rule id -> stable code."""


def lint_report(derived: DerivedReport, findings: list[FindingFacts]) -> list[Problem]:
    """Every contradiction among a report's figures, as warnings."""
    checks = list(derived.checks) + [c for f in findings for c in f.checks]
    return [_problem(c) for c in checks if not c.agrees]


def _problem(check: Check) -> Problem:
    tolerance = 0.5 * 10 ** (-check.decimals)
    message = (f"{check.subject}: stated {check.stated:g}, but the data give {check.derived:.{check.decimals + 2}f} "
               f"({FORMULAS.get(check.formula, check.formula)}; tolerance ±{tolerance:g})")
    return Problem(RULE_CODES[check.rule], message, check.location, check.path,
                   "correct the stated figure or the inputs it is derived from", severity="warning")
