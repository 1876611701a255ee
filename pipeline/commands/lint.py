"""``site-data lint``: check the numbers for contradictions, grouped by file; writes nothing.

Waived findings are listed too, marked as such, with their reasons. Exit status as ``validate``:
0 when no error remains (waived findings never fail), 1 otherwise; ``--strict`` counts warnings.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.commands.output import add_common_options, as_dict, github_annotation
from pipeline.errors import Problem

EXIT_OK, EXIT_PROBLEMS = 0, 1


@dataclass(frozen=True)
class Entry:
    """One line of the lint output: an active problem, or a waived finding with its reason."""

    problem: Problem
    waived: bool = False
    reason: str | None = None
    fingerprint: str | None = None
    """For a waived finding: its waiver's fingerprint, the value of the waiver's ``accepted:``."""


def register(sub) -> None:
    parser = sub.add_parser("lint", help="check the numbers for contradictions; writes nothing",
                            description="Run the plausibility rules (docs/lint/) on every report, or on the "
                                        "given ones; list findings by file and line, waived ones included.")
    add_common_options(parser)
    parser.add_argument("paths", nargs="*", type=Path, help="report files to check (default: all of data/reports/)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import check
    from pipeline.load.project import ProjectPaths

    files = [p if p.is_absolute() else Path.cwd() / p for p in args.paths] or None
    checked = check(ProjectPaths(root), strict=args.strict, report_files=files, lint_errors_fail=False)
    entries = [Entry(p) for p in checked.problems]
    entries += [Entry(w.finding.problem(), True, w.reason, w.fingerprint) for w in checked.waived]
    entries.sort(key=lambda e: (e.problem.sort_key(), e.waived))
    if args.format == "json":
        print(json.dumps([entry_dict(e) for e in entries], ensure_ascii=False, indent=2))
    elif args.format == "github":
        for e in entries:
            print(github_line(e))
    else:
        print(grouped_text(entries, checked.report_count))
    errors = sum(not e.waived and e.problem.severity == "error" for e in entries)
    return EXIT_PROBLEMS if errors else EXIT_OK


def entry_dict(entry: Entry) -> dict:
    """An entry as a JSON object: the problem's keys plus its rule and whether it is waived."""
    from pipeline.lint.registry import RULES

    rule = RULES.get(entry.problem.code)
    return {**as_dict(entry.problem), "rule": rule.name if rule else None, "doc": rule.doc if rule else None,
            "waived": entry.waived, "reason": entry.reason, "accepted": entry.fingerprint}


def github_line(entry: Entry) -> str:
    """An active problem as an annotation; a waived finding as a notice."""
    if not entry.waived:
        return github_annotation(entry.problem)
    line = github_annotation(Problem(entry.problem.code, f"{entry.problem.message} (waived: {entry.reason})",
                                     entry.problem.location, entry.problem.path, "", "warning"))
    return "::notice" + line[len("::warning"):]


def grouped_text(entries: list[Entry], reports: int) -> str:
    """Findings under their file, by line; then a count per rule and a summary line."""
    from pipeline.lint.registry import RULES

    lines: list[str] = []
    current = None
    for e in entries:
        p = e.problem
        file = p.location.file if p.location else "(no file)"
        if file != current:
            lines.append(("\n" if current is not None else "") + file)
            current = file
        where = f"{p.location.line}:{p.location.column or 1}" if p.location and p.location.line else "-"
        status = "waived" if e.waived else p.severity
        lines.append(f"  {where:>7}  {status}[{p.code}] {p.path + ': ' if p.path else ''}{p.message}")
        if e.waived or p.hint:
            lines.append(f"           {'reason: ' + (e.reason or '') if e.waived else 'hint: ' + p.hint}")
    counts = Counter((e.problem.code, "waived" if e.waived else e.problem.severity) for e in entries)
    if counts:
        lines.append("\nby rule:")
        for code in sorted({code for code, _ in counts}):
            rule = RULES.get(code)
            parts = [f"{counts[(code, s)]} {s}" for s in ("error", "warning", "waived") if counts[(code, s)]]
            lines.append(f"  {code}  {rule.name if rule else '':<28} {', '.join(parts):<24} "
                         f"{rule.doc if rule else ''}".rstrip())
    totals = Counter("waived" if e.waived else e.problem.severity for e in entries)
    lines.append(f"{chr(10) if counts else ''}lint: {reports} report(s): {totals['error']} error(s), "
                 f"{totals['warning']} warning(s), {totals['waived']} waived")
    return "\n".join(lines)
