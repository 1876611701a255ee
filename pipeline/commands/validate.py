"""``site-data validate``: every check a build makes, writing nothing (the CI entry point)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.commands.output import add_common_options, print_problems

EXIT_OK = 0


def register(sub) -> None:
    parser = sub.add_parser("validate", help="check data/ (structure, references, translations); writes nothing",
                            description="Load, validate, derive, lint and render every report in memory; "
                                        "report every problem with file and line. Writes nothing.")
    add_common_options(parser)
    parser.add_argument("paths", nargs="*", type=Path, help="report files to check (default: all of data/reports/)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import build
    from pipeline.load.project import ProjectPaths

    files = [p if p.is_absolute() else Path.cwd() / p for p in args.paths] or None
    result = build(ProjectPaths(root), strict=args.strict, report_files=files)
    print_problems(result.warnings, args.format, summary=False)
    if args.format == "text":
        print(f"ok: {len(result.reports)} report(s) valid in {len(result.locales)} locale(s), "
              f"{len(result.warnings)} warning(s)")
    elif args.format == "json" and not result.warnings:
        print("[]")
    return EXIT_OK
