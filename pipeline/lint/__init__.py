"""Plausibility checks on a derived report: do its numbers contradict each other, or physics?

One module per rule family, each a pure function from a :class:`DerivedReport` (and the
findings' facts) to :class:`LintFinding` s located at the offending figures; the registry
(:mod:`pipeline.lint.registry`) gives each rule its code, title, severity and docs page.
Waivers in the report move findings they cover from active to waived: still listed, not failing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from pipeline.derive.findings import FindingFacts
from pipeline.derive.report import DerivedReport, Value
from pipeline.errors import Location, Problem
from pipeline.lint.base import LintFinding
from pipeline.lint.completeness import completeness
from pipeline.lint.compute import compute_bounds
from pipeline.lint.kv_cache import kv_cache_fit
from pipeline.lint.latency import latency_vs_throughput
from pipeline.lint.memory import memory_fit
from pipeline.lint.prices import price_dates
from pipeline.lint.registry import RULES, Rule
from pipeline.lint.roofline import decode_roofline
from pipeline.lint.stated import catalogue_contradictions, stated_checks
from pipeline.lint.sweep import sweep_sanity
from pipeline.lint.waivers import Waived, apply_waivers


@dataclass(frozen=True)
class LintResult:
    """What the rules found in one report."""

    report: str
    """Report id."""
    active: list[LintFinding]
    """Findings not waived, and findings about waivers; these are reported as problems."""
    waived: list[Waived]
    """Findings the report acknowledges; listed, never failing."""

    @property
    def problems(self) -> list[Problem]:
        """The active findings as problems, with their rules' severities."""
        return [f.problem() for f in self.active]

    def about(self, value: Value) -> list[tuple[LintFinding, bool]]:
        """Findings concerning a figure (as :meth:`LintFinding.concerns` says), each with whether it is
        waived, by code."""
        by_subject, by_location = self._findings_by_figure
        found = set(by_subject.get(id(value), ()))
        if by_location and value.location is not None:
            found.update(by_location.get(value.location, ()))
        if not found:
            return []  # most figures: nothing to sort
        entries = self._entries
        return sorted((entries[i] for i in sorted(found)), key=lambda p: (p[0].code, p[0].path))

    @cached_property
    def _entries(self) -> list[tuple[LintFinding, bool]]:
        return [(f, False) for f in self.active] + [(w.finding, True) for w in self.waived]

    @cached_property
    def _findings_by_figure(self) -> tuple[dict[int, list[int]], dict[Location, list[int]]]:
        # Every figure of a page asks for its findings: an index instead of a scan of every finding
        # per figure (a 100-report build asked 675,000 times). Keys follow ``concerns``: a finding
        # with subjects matches those objects (by identity: they live as long as this result), one
        # without matches its location. Entries are positions in ``_entries``, to keep its order.
        by_subject: dict[int, list[int]] = {}
        by_location: dict[Location, list[int]] = {}
        for position, (found, _) in enumerate(self._entries):
            if found.subjects:
                for subject in found.subjects:
                    by_subject.setdefault(id(subject), []).append(position)
            elif found.location is not None:
                by_location.setdefault(found.location, []).append(position)
        return by_subject, by_location


def find_all(derived: DerivedReport, facts: list[FindingFacts]) -> list[LintFinding]:
    """Every finding of every rule, before waivers, in a stable order."""
    found = (stated_checks(derived, facts) + catalogue_contradictions(derived) + latency_vs_throughput(derived)
             + memory_fit(derived) + kv_cache_fit(derived) + decode_roofline(derived) + compute_bounds(derived)
             + sweep_sanity(derived) + completeness(derived) + price_dates(derived))
    return sorted(found, key=lambda f: f.problem().sort_key())


def lint_report(derived: DerivedReport, facts: list[FindingFacts]) -> LintResult:
    """Run every rule on one report and apply its waivers."""
    active, waived = apply_waivers(derived, find_all(derived, facts))
    return LintResult(derived.report.id, sorted(active, key=lambda f: f.problem().sort_key()), waived)


__all__ = ["RULES", "LintFinding", "LintResult", "Rule", "Waived", "find_all", "lint_report"]
