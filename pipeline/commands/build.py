"""``site-data build``: build site-data/, or with --check say whether it is current."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from pipeline import build_cache
from pipeline.commands.output import EXIT_INTERNAL, InternalError, add_common_options, guarded, print_problems

from pipeline.errors import BuildFailed, Location, Problem

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
    try:
        with output_lock(root / "site-data", on_wait=lambda: print(
                "site-data: another build is writing site-data/; waiting for it to finish", file=sys.stderr)):
            return _run_locked(args, root)
    finally:
        gc.unfreeze()  # what the build froze (see _collector_paused) is collected as usual again


def _run_locked(args: argparse.Namespace, root: Path) -> int:
    # The inputs' hashes serve the no-op check, the reuse of unchanged reports and the record, all only
    # for a build with charts; --check and --force trust no record.
    state = build_cache.input_state(root, strict=args.strict) if args.charts else None
    key = state.fingerprint if state is not None else None
    record = build_cache.load_record(root) if key is not None and not args.check and not args.force else None
    if key is not None and build_cache.is_current(record, root / "site-data", key):
        return _report_unchanged(args, record["summary"])

    checked = planner = None
    try:
        with _collector_paused():
            from pipeline.render.charts import build_planner, is_chart_output

            # Before the rest of the build is imported: its drawing process, forked now, imports
            # matplotlib meanwhile (an edit's build waits for it).
            planner = build_planner(root / "site-data") if args.charts else None
            from pipeline.build import check, render_outputs
            from pipeline.load.project import ProjectPaths
            from pipeline.report_reuse import report_keys, reusable
            from pipeline.write import StagedWrite, describe

            paths = ProjectPaths(root)
            checked = guarded(lambda: check(paths, strict=args.strict))
            recorded = state is not None and not args.check  # the record keeps each report's key
            keys = guarded(lambda: report_keys(state, checked.inputs)) if recorded else {}
        # Outputs go to the staging tree as they are rendered, report by report; the folder itself is
        # switched only when the block is left without an error (--check only compares). A report
        # whose inputs and outputs are as the last build left them is not rendered: its files stay.
        staged = StagedWrite(paths.output, keep=None if args.charts else is_chart_output, dry_run=args.check,
                             hashes=key is not None)
        with staged:
            reused = guarded(lambda: reusable(record, keys, staged))
            for outputs in reused.values():
                for relative, digest in outputs.items():
                    staged.add_current(relative, digest)
            guarded(lambda: staged.add_all(render_outputs(paths, checked, planner, reused)))
    except InternalError:
        build_cache.forget(root)
        return EXIT_INTERNAL
    except BuildFailed as failed:
        if checked is not None and failed.stage == "write":  # the warnings, then why nothing was written
            print_problems(checked.problems, args.format, summary=False)
        raise
    finally:
        if planner is not None:
            planner.close()  # a failed build stops the drawing process it started
    plan = staged.plan
    files = len(plan.added) + len(plan.changed) + len(plan.unchanged)
    if args.check:
        # One list (one JSON document) of warnings and stale files.
        print_problems(checked.problems + describe(plan), args.format, summary=False)
        if plan.is_current:
            print(f"site-data is current ({files} files)", file=_summary_stream(args))
            return EXIT_OK
        print(f"site-data is stale: {len(plan.added)} to create, {len(plan.changed)} to update, "
              f"{len(plan.removed)} to delete; run `make site-data` and commit site-data/", file=sys.stderr)
        return EXIT_PROBLEMS
    print_problems(checked.problems, args.format, summary=False)
    summary = {"reports": len(checked.report_ids), "locales": checked.locale_ids, "files": files,
               "warnings": [dataclasses.asdict(w) for w in checked.problems],
               "waived": waived_summary(checked.waived)}
    if key is not None:  # a partial build is no record of the whole output
        build_cache.save_record(root, key, staged.hashes, summary, keys)
    print(_summary_line(summary, len(plan.added), len(plan.changed), len(plan.removed), len(plan.unchanged)),
          file=_summary_stream(args))
    return EXIT_OK


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the modules load and the reports are checked; then what is
    alive (modules, model classes, every report's inputs and derived figures, all kept to the end) is
    frozen out of later collections.

    That state is large and holds almost no garbage: the collector would only traverse it again and
    again, superlinearly in the site's size (a third of a 100-report build). Rendering, report by
    report, runs with the collector on, over its own objects only.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


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
