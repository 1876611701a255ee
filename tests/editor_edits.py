"""Edits an editor makes to the shipped data, replayed on a copy: the suite must survive them.

Each edit rewrites whole lines found by their keys, not by their current figures, so it still
applies after the editors have changed those figures; when a line it needs is gone (the report was
restructured), it fails saying which, rather than editing something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LineEdit:
    """Replace the one line matching ``pattern`` (a regex on the whole line) with ``line``."""

    pattern: str
    line: str


PRICE_FACT_CHECK = [
    # The 2026-06 price fact-check of the upstream site, as its editor typed it: new on-demand prices
    # (A's price marked approximate on the anchored mapping the other prices merge), the republished
    # costs per 1M tokens, and the findings' cost figures that follow them. 8 lines.
    LineEdit(r"    price: &on-demand \{hourly: .*",
             "    price: &on-demand {hourly: 55.04, approximate: true, pricing_model: on-demand, region: us-east-1, "
             "source: aws-ec2-on-demand-pricing, as_of: 2026-06-01}"),
    LineEdit(r"    price: \{<<: \*on-demand, hourly: 54\.91\}", "    price: {<<: *on-demand, hourly: 36.53}"),
    LineEdit(r"    price: \{<<: \*on-demand, hourly: [0-9.]+, approximate: true, source: llama4-report-price-estimate\}",
             "    price: {<<: *on-demand, hourly: 41.60, approximate: true, source: llama4-report-price-estimate}"),
    LineEdit(r"    price: \{<<: \*on-demand, hourly: 12\.89\}", "    price: {<<: *on-demand, hourly: 12.98}"),
    LineEdit(r"      cost_per_mtok: \{A: [0-9.]+, B: .*", "      cost_per_mtok: {A: 0.48, B: 0.72, C: 0.36, D: 0.33, E: 0.29}"),
    LineEdit(r"      cost_per_mtok: \{A: [0-9.]+, D: .*", "      cost_per_mtok: {A: 0.72, D: 0.69}"),
    LineEdit(r"    stated: \{low: [0-9]+, high: [0-9]+\}", "    stated: {low: 31, high: 40}"),
    LineEdit(r"    stated: \{throughput_pct: [0-9]+, cost_pct: [0-9]+\}", "    stated: {throughput_pct: 83, cost_pct: 69}"),
]
"""Scenario prices A, C, D, E, the Scout and Maverick costs per 1M tokens, the cost advantage and balance."""


class EditNoLongerApplies(AssertionError):
    """The file no longer has a line an edit rewrites."""


def apply_edits(path: Path, edits: list[LineEdit]) -> int:
    """Rewrite ``path`` in place; return the number of lines that changed."""
    lines = path.read_text(encoding="utf-8").split("\n")
    changed = 0
    for edit in edits:
        matches = [i for i, line in enumerate(lines) if re.fullmatch(edit.pattern, line)]
        if len(matches) != 1:
            raise EditNoLongerApplies(f"{path.name}: {len(matches)} lines match {edit.pattern!r} (want exactly 1); "
                                      "update tests/editor_edits.py to the report's new shape")
        changed += lines[matches[0]] != edit.line
        lines[matches[0]] = edit.line
    path.write_text("\n".join(lines), encoding="utf-8")
    return changed


_STALE = re.compile(r"^\S+?:(\d+):\d+: error\[L062\] waivers\[(\d+)\]\.accepted: .*\n  hint: .*set accepted: "
                    r"([b-z]{8});", re.M)


def confirm_stale_waivers(path: Path, validate_output: str) -> list[int]:
    """What an editor does after checking each stale waiver's reason: write the fingerprint that L062 gives.

    Returns the indexes of the waivers confirmed.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    confirmed = []
    for line, index, fingerprint in _STALE.findall(validate_output):
        number = int(line) - 1
        assert lines[number].lstrip().startswith("accepted: "), lines[number]
        lines[number] = re.sub(r"accepted: [b-z]{8}", f"accepted: {fingerprint}", lines[number])
        confirmed.append(int(index))
    path.write_text("\n".join(lines), encoding="utf-8")
    return confirmed
