"""``site-data build``: build site-data/, or with --check say whether it is current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands.output import add_common_options, print_problems

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub) -> None:
    parser = sub.add_parser("build", help="build site-data/ from data/, i18n/ and templates/",
                            description="Build every report's props JSON and MDX tables, in every locale. "
                                        "Nothing is written unless the whole build succeeds.")
    add_common_options(parser)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the files that would change, appear or disappear")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import build
    from pipeline.load.project import ProjectPaths
    from pipeline.write import apply_writes, describe, plan_writes

    paths = ProjectPaths(root)
    result = build(paths, strict=args.strict)
    plan = plan_writes(result.outputs, paths.output)
    print_problems(result.warnings, args.format, summary=False)
    if args.check:
        if plan.is_current:
            print(f"site-data is current ({len(result.outputs)} files)")
            return EXIT_OK
        print_problems(describe(plan), args.format, summary=False)
        print(f"site-data is stale: {len(plan.added)} to create, {len(plan.changed)} to update, "
              f"{len(plan.removed)} to delete; run `make site-data` and commit site-data/", file=sys.stderr)
        return EXIT_PROBLEMS
    apply_writes(plan, result.outputs, paths.output)
    print(f"built {len(result.reports)} report(s) in {len(result.locales)} locale(s) "
          f"({', '.join(result.locales)}): {len(result.outputs)} files, {len(plan.added)} created, "
          f"{len(plan.changed)} updated, {len(plan.removed)} deleted, {len(plan.unchanged)} unchanged; "
          f"{len(result.warnings)} warning(s)")
    return EXIT_OK
