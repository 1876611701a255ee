"""``site-data build``: build site-data/, or with --check say whether it is current."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from pathlib import Path

from pipeline import build_cache
from pipeline.commands.output import EXIT_INTERNAL, InternalError, add_common_options, guarded, print_problems

from pipeline.errors import Location, Problem

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub) -> None:
    parser = sub.add_parser("build", help="build site-data/ from data/, i18n/ and templates/",
                            description="Build every report's props JSON and MDX tables, in every locale. "
                                        "Nothing is written unless the whole build succeeds.")
    add_common_options(parser)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the files that would change, appear or disappear")
    parser.add_argument("--force", action="store_true",
                        help="rebuild even when no input changed since the last build")
    parser.add_argument("--no-charts", dest="charts", action="store_false",
                        help="skip the static charts: neither draw them nor touch the chart files already there")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.output_lock import output_lock

    # One build at a time: the lock covers everything that reads or writes site-data/ (the no-op
    # check, the chart cache, plan and write), and taking it repairs what a killed build left.
    with output_lock(root / "site-data", on_wait=lambda: print(
            "site-data: another build is writing site-data/; waiting for it to finish", file=sys.stderr)):
        return _run_locked(args, root)


def _run_locked(args: argparse.Namespace, root: Path) -> int:
    key = build_cache.fingerprint(root, strict=args.strict)
    if not args.check and not args.force and args.charts:
        record = build_cache.is_current(root, root / "site-data", key)
        if record is not None:
            return _report_unchanged(args, record["summary"])

    from pipeline.build import build
    from pipeline.load.project import ProjectPaths
    from pipeline.render.charts import is_chart_output
    from pipeline.write import apply_writes, describe, plan_writes

    paths = ProjectPaths(root)
    try:
        result = guarded(lambda: build(paths, strict=args.strict, charts=args.charts))
    except InternalError:
        build_cache.forget(root)
        return EXIT_INTERNAL
    plan = plan_writes(result.outputs, paths.output, keep=None if args.charts else is_chart_output)
    if args.check:
        # One list (one JSON document) of warnings and stale files.
        print_problems(result.warnings + describe(plan), args.format, summary=False)
        if plan.is_current:
            print(f"site-data is current ({len(result.outputs)} files)", file=_summary_stream(args))
            return EXIT_OK
        print(f"site-data is stale: {len(plan.added)} to create, {len(plan.changed)} to update, "
              f"{len(plan.removed)} to delete; run `make site-data` and commit site-data/", file=sys.stderr)
        return EXIT_PROBLEMS
    print_problems(result.warnings, args.format, summary=False)
    apply_writes(plan, result.outputs, paths.output)
    summary = {"reports": len(result.reports), "locales": result.locales, "files": len(result.outputs),
               "warnings": [dataclasses.asdict(w) for w in result.warnings],
               "waived": waived_summary(result.waived)}
    if args.charts:  # a partial build is no record of the whole output
        build_cache.save_record(root, key, result.outputs, summary)
    print(_summary_line(summary, len(plan.added), len(plan.changed), len(plan.removed), len(plan.unchanged)),
          file=_summary_stream(args))
    return EXIT_OK


def _summary_line(summary: dict, added: int, changed: int, removed: int, unchanged: int) -> str:
    return (f"built {summary['reports']} report(s) in {len(summary['locales'])} locale(s) "
            f"({', '.join(summary['locales'])}): {summary['files']} files, {added} created, "
            f"{changed} updated, {removed} deleted, {unchanged} unchanged; "
            f"{len(summary['warnings'])} warning(s){summary['waived']}")


def _report_unchanged(args: argparse.Namespace, summary: dict) -> int:
    """The no-op build: nothing changed, so repeat what the last build said and write nothing."""
    warnings = [Problem(**{**w, "location": Location(**w["location"]) if w["location"] else None})
                for w in summary["warnings"]]
    print_problems(warnings, args.format, summary=False)
    print(_summary_line(summary, 0, 0, 0, summary["files"]) + " (no input changed)", file=_summary_stream(args))
    return EXIT_OK


def waived_summary(waived: list) -> str:
    """', 31 waived lint finding(s) (L001 x7, L002 x2); see `site-data lint`', or '' when none are waived."""
    if not waived:
        return ""
    counts = Counter(w.finding.code for w in waived)
    listed = ", ".join(f"{code} x{n}" if n > 1 else code for code, n in sorted(counts.items()))
    return f", {len(waived)} waived lint finding(s) ({listed}); see `site-data lint`"


def _summary_stream(args: argparse.Namespace):
    # stdout carries the JSON document or the annotations in those formats; keep it parseable.
    return sys.stdout if args.format == "text" else sys.stderr
