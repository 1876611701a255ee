"""``site-data lint``: check the numbers for contradictions; writes nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.commands.output import add_common_options, print_problems

EXIT_OK = 0


def register(sub) -> None:
    parser = sub.add_parser("lint", help="check the numbers for contradictions; writes nothing",
                            description="Run the plausibility rules on every report.")
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import check
    from pipeline.load.project import ProjectPaths

    checked = check(ProjectPaths(root), strict=args.strict)
    print_problems(checked.problems, args.format, summary=False)
    if args.format == "text":
        print(f"lint: {len(checked.derived)} report(s), {len(checked.problems)} finding(s)")
    elif args.format == "json" and not checked.problems:
        print("[]")
    return EXIT_OK
