"""Waivers: a report acknowledges a finding and publishes the figure anyway, saying why.

A waiver names a rule and a scope: a field path as lint prints it. It covers findings at
that path or below it; ``*`` stands for any one step, and ``[0]`` and ``.0`` are the same step.
A waiver without a reason waives nothing (L060); one that covers no finding is stale (L061).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from pipeline.derive.report import DerivedReport
from pipeline.errors import Location, close_match
from pipeline.lint.base import LintFinding, finding
from pipeline.lint.registry import WAIVER_RULES
from pipeline.models.report import Waiver


@dataclass(frozen=True)
class Waived:
    """A finding the report acknowledges."""

    finding: LintFinding
    reason: str
    """The waiver's reason."""
    waiver: Location
    """Where the waiver is written."""


def steps(path: str) -> list[str]:
    """A printed field path as its steps: ``results[0].stated.A`` -> ``['results', '0', 'stated', 'A']``."""
    return [s for s in re.split(r"[.\[\]]+", path) if s]


def covers(scope: str, path: str) -> bool:
    """Whether a waiver's scope covers a finding's path (the path is at or below the scope)."""
    want, have = steps(scope), steps(path)
    return bool(want) and len(want) <= len(have) and all(fnmatchcase(h, w) for w, h in zip(want, have))


def apply_waivers(derived: DerivedReport, found: list[LintFinding]) -> tuple[list[LintFinding], list[Waived]]:
    """Split findings into active and waived; add the findings about the waivers themselves."""
    waivers = derived.report.waivers
    used = [False] * len(waivers)
    active: list[LintFinding] = []
    waived: list[Waived] = []
    for item in found:
        match = None
        for i, waiver in enumerate(waivers):
            if waiver.rule == item.code and item.code not in WAIVER_RULES and covers(waiver.scope, item.path):
                used[i] = True
                if match is None and waiver.reason is not None:
                    match = i
        if match is None:
            active.append(item)
        else:
            waived.append(Waived(item, waivers[match].reason, derived.document.locate(("waivers", match))))
    for i, waiver in enumerate(waivers):
        paths = sorted({f.path for f in found if f.code == waiver.rule})
        active += _about_waiver(derived, i, waiver, used[i], paths)
    return active, waived


def _about_waiver(derived: DerivedReport, index: int, waiver: Waiver, used: bool,
                  paths: list[str]) -> list[LintFinding]:
    found = []
    if waiver.reason is None:
        found.append(finding(
            derived, "L060", ("waivers", index),
            f"the waiver of {waiver.rule} at '{waiver.scope}' gives no reason, so it waives nothing",
            "add reason: why the figure is published although it contradicts the others"))
    if not used:
        guess = close_match(waiver.scope, paths)
        hint = f"did you mean '{guess}'? " if guess else ""
        found.append(finding(
            derived, "L061", ("waivers", index, "scope"),
            f"the waiver of {waiver.rule} at '{waiver.scope}' matches no finding",
            hint + "remove the waiver if the data were fixed; else set scope to the path lint prints for the finding"))
    return found
