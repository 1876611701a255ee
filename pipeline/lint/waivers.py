"""Waivers: a report acknowledges a finding and publishes the figure anyway, saying why.

A waiver names a rule and a scope: a field path as lint prints it. It covers findings at
that path or below it; ``*`` stands for any one step, and ``[0]`` and ``.0`` are the same step.
A waiver without a reason waives nothing (L060); one that covers no finding is unused (L061).
A waiver may record what it accepted (``accepted``: a fingerprint of the findings it covers,
their rules, paths and figures); when a figure it covers changes, the fingerprint no longer
matches and the waiver waives nothing until an editor checks it and writes the new one (L062).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
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
    fingerprint: str = ""
    """The fingerprint of every finding its waiver covers, as ``accepted:`` records it."""


def steps(path: str) -> list[str]:
    """A printed field path as its steps: ``results[0].stated.A`` -> ``['results', '0', 'stated', 'A']``."""
    return [s for s in re.split(r"[.\[\]]+", path) if s]


def covers(scope: str, path: str) -> bool:
    """Whether a waiver's scope covers a finding's path (the path is at or below the scope)."""
    want, have = steps(scope), steps(path)
    return bool(want) and len(want) <= len(have) and all(fnmatchcase(h, w) for w, h in zip(want, have))


_FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")
"""A number standing on its own: not the digits of a name (H100, bf16, Llama4)."""


def figures(text: str) -> list[str]:
    """The numbers a message or a reason quotes, as written, without grouping: '$4,200.5/h' -> ['4200.5']."""
    return [n.replace(",", "") for n in _FIGURE.findall(text)]


FINGERPRINT_LETTERS = "bcdfghjkmnpqrstvwxz"
"""Consonants only: YAML reads a fingerprint as text whatever it is (never a number like 25403735 or
1e40, never a word like 'no'), so editors type it unquoted."""


def fingerprint(found: Iterable[LintFinding]) -> str:
    """Eight letters naming findings by rule, path and figures (not wording, which may be reworded)."""
    lines = sorted(f"{f.code} {f.path} {' '.join(figures(f.message))}" for f in found)
    number = int.from_bytes(hashlib.sha256("\n".join(lines).encode("utf-8")).digest()[:8], "big")
    letters = []
    for _ in range(8):
        number, digit = divmod(number, len(FINGERPRINT_LETTERS))
        letters.append(FINGERPRINT_LETTERS[digit])
    return "".join(letters)


def apply_waivers(derived: DerivedReport, found: list[LintFinding]) -> tuple[list[LintFinding], list[Waived]]:
    """Split findings into active and waived; add the findings about the waivers themselves.

    A stale waiver (its ``accepted`` fingerprint differs from its findings') waives nothing.
    """
    waivers = derived.report.waivers
    covered = [[f for f in found if _applies(w, f)] for w in waivers]
    prints = [fingerprint(c) for c in covered]
    live = [w.reason is not None and w.accepted in (None, prints[i]) for i, w in enumerate(waivers)]
    # By identity: ``covered`` holds the very findings of ``found``, and equal findings are covered alike
    # (``in`` on the lists compared findings field by field, for every finding and waiver).
    covered_ids = [{id(f) for f in c} if live[i] else set() for i, c in enumerate(covered)]
    active: list[LintFinding] = []
    waived: list[Waived] = []
    for item in found:
        match = next((i for i, ids in enumerate(covered_ids) if id(item) in ids), None)
        if match is None:
            active.append(item)
        else:
            waived.append(Waived(item, waivers[match].reason, derived.document.locate(("waivers", match)),
                                 prints[match]))
    for i, waiver in enumerate(waivers):
        paths = sorted({f.path for f in found if f.code == waiver.rule})
        active += _about_waiver(derived, i, waiver, covered[i], prints[i], paths)
    return active, waived


def _applies(waiver: Waiver, item: LintFinding) -> bool:
    return waiver.rule == item.code and item.code not in WAIVER_RULES and covers(waiver.scope, item.path)


def _about_waiver(derived: DerivedReport, index: int, waiver: Waiver, covered: list[LintFinding], now: str,
                  paths: list[str]) -> list[LintFinding]:
    found = []
    if waiver.reason is None:
        found.append(finding(
            derived, "L060", ("waivers", index),
            f"the waiver of {waiver.rule} at '{waiver.scope}' gives no reason, so it waives nothing",
            "add reason: why the figure is published although it contradicts the others"))
    if not covered:
        guess = close_match(waiver.scope, paths)
        hint = f"did you mean '{guess}'? " if guess else ""
        found.append(finding(
            derived, "L061", ("waivers", index, "scope"),
            f"the waiver of {waiver.rule} at '{waiver.scope}' matches no finding",
            hint + "remove the waiver if the data were fixed; else set scope to the path lint prints for the finding"))
    elif waiver.accepted is not None and waiver.accepted != now:
        found.append(_stale(derived, index, waiver, covered, now))
    return found


def _stale(derived: DerivedReport, index: int, waiver: Waiver, covered: list[LintFinding], now: str) -> LintFinding:
    """L062: the figures under a waiver changed since it was accepted; say which, and what its reason quotes."""
    lines = sorted({f.location.line for f in covered if f.location is not None and f.location.line})
    at = f" (line {', '.join(map(str, lines))})" if lines else ""
    gone = outdated_figures(waiver.reason or "", covered, derived.document.data)
    quoted = (f"; its reason quotes {', '.join(gone)}, which neither the findings nor the report give any more"
              if gone else "")
    return finding(
        derived, "L062", ("waivers", index, "accepted"),
        f"the waiver of {waiver.rule} at '{waiver.scope}' was accepted for other figures (accepted {waiver.accepted}, "
        f"the findings now give {now}), so its {len(covered)} finding(s){at} are reported again{quoted}",
        f"`site-data diff` lists each figure that moved, old -> new; check them and the reason (rewrite the "
        f"figures it quotes); if the page is to publish them as they now are, set accepted: {now}; else correct "
        f"the data")


def outdated_figures(reason: str, covered: list[LintFinding], data: object) -> list[str]:
    """Figures with a decimal point or three digits and more that a reason quotes and that appear neither in
    the findings (at the quoted precision) nor anywhere in the report's data: '98.32' after a price change.

    Small integers (counts, '8 x H100') are left out: too many of them are true by coincidence.
    """
    known = [n for f in covered for n in figures(f.message)] + [repr(v) for v in _numbers(data)]
    gone = []
    for quoted in dict.fromkeys(figures(reason)):
        if "." not in quoted and len(quoted) < 3:
            continue
        if not any(_same_figure(quoted, n) for n in known):
            gone.append(quoted)
    return gone


def _same_figure(quoted: str, known: str) -> bool:
    """Whether ``known`` rounds (half up) to ``quoted`` at the quoted precision: '6.50' ~ '6.5026'."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    try:
        q, k = Decimal(quoted), Decimal(known)
    except InvalidOperation:
        return False
    return k.quantize(q, rounding=ROUND_HALF_UP) == q


def _numbers(data: object) -> Iterable[float]:
    if isinstance(data, dict):
        for value in data.values():
            yield from _numbers(value)
    elif isinstance(data, list):
        for value in data:
            yield from _numbers(value)
    elif isinstance(data, (int, float)) and not isinstance(data, bool):
        yield data
