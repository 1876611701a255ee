"""L001, L002, L003: figures the report states against what the data and the catalogue say.

L001 and L002 compare a stated figure with its derivation from the figures *as published*:
a reader redoing the arithmetic from the page's tables must land on the stated figure once
rounded to its published precision (tolerance: half a unit in its last digit).
"""

from __future__ import annotations

from pipeline.derive.findings import FindingFacts
from pipeline.derive.report import FORMULAS, Check, DerivedReport
from pipeline.lint.base import LintFinding, finding, number

CODES = {"derived-vs-stated": "L001", "finding-vs-data": "L002"}
"""Check.rule -> code."""


def stated_checks(derived: DerivedReport, facts: list[FindingFacts]) -> list[LintFinding]:
    """L001 and L002: every failed :class:`Check` of the derive stage."""
    checks = list(derived.checks) + [c for f in facts for c in f.checks]
    return [_from_check(c) for c in checks if not c.agrees]


def _from_check(check: Check) -> LintFinding:
    tolerance = 0.5 * 10 ** (-check.decimals)
    shown = lambda v: f"{v:,.{check.decimals}f}"  # noqa: E731
    if check.formula == "best_of":
        message = (f"{check.subject}: its value {shown(check.stated)} is not the best one; "
                   f"the best is {shown(check.derived)}")
        hint = "drop the metric from the finding, or correct the figures"
    else:
        message = (f"{check.subject}: stated {shown(check.stated)}, but the data give "
                   f"{check.derived:,.{check.decimals + 2}f} ({FORMULAS.get(check.formula, check.formula)}; "
                   f"tolerance ±{tolerance:g})")
        hint = (f"state {shown(check.derived)}, or correct the figures it is derived from; "
                "to publish it as it is, waive it with a reason")
    return LintFinding(CODES[check.rule], message, check.location, check.path, hint)


def catalogue_contradictions(derived: DerivedReport) -> list[LintFinding]:
    """L003: a context window the report states that differs from the model card's."""
    found = []
    for i, entry in enumerate(derived.report.models):
        model = derived.catalogs.models[entry.model]
        if entry.stated_context_tokens is None or entry.stated_context_tokens == model.context_tokens:
            continue
        found.append(finding(
            derived, "L003", ("models", i, "stated_context_tokens"),
            f"the report states a context window of {number(entry.stated_context_tokens)} tokens for "
            f"{model.name}; its model card (data/catalog/models.yaml) says {number(model.context_tokens)}",
            "remove stated_context_tokens to show the card's figure, or correct the catalogue; "
            "to publish the report's figure, waive it with a reason"))
    return found
