"""``site-data validate``: every check a build makes, writing nothing (the CI entry point)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.commands.output import EXIT_INTERNAL, InternalError, add_common_options, guarded, print_problems

EXIT_OK, EXIT_USAGE = 0, 2
REPORT_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """A PATH argument that names nothing to check."""


def register(sub) -> None:
    parser = sub.add_parser("validate", help="check data/ (structure, references, translations); writes nothing",
                            description="Load, validate, derive, lint and render every report in memory; "
                                        "report every problem with file and line. Writes nothing. "
                                        "Exit status: 0 clean, 1 problems found, 2 usage error, "
                                        "3 internal error (a bug).")
    add_common_options(parser)
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="report files or folders of them to check, anywhere (default: data/reports/); "
                             "catalogues, locales and translations are always checked")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import build
    from pipeline.load.project import ProjectPaths

    paths = ProjectPaths(root)
    try:
        files = select_reports(args.paths, paths)
    except UsageError as exc:
        print(f"site-data validate: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = guarded(lambda: build(paths, strict=args.strict, report_files=files))
    except InternalError:
        return EXIT_INTERNAL
    print_problems(result.warnings, args.format, summary=False)
    if args.format == "text":
        print(f"ok: {len(result.reports)} report(s) valid in {len(result.locales)} locale(s), "
              f"{len(result.warnings)} warning(s)")
    return EXIT_OK


def select_reports(given: list[Path], paths) -> list[Path] | None:
    """The report files PATHS name, or None for every report of the project.

    Folders stand for the YAML files under them. Files the project always reads (its
    catalogues, field maps, locales and translations) are skipped: they are checked on every run,
    together with all reports, so naming only those checks everything.
    """
    if not given:
        return None
    always = _always_checked(paths)
    selected: list[Path] = []
    for path in given:
        absolute = (path if path.is_absolute() else Path.cwd() / path).resolve()
        if absolute.is_dir():
            found = sorted(p for p in absolute.rglob("*") if p.suffix in REPORT_SUFFIXES and p.is_file())
            if not found:
                raise UsageError(f"no .yaml files in {path}")
            selected += [p for p in found if not _under(p, always)]
        elif absolute.is_file():
            if _under(absolute, always):
                continue
            if absolute.suffix not in REPORT_SUFFIXES:
                raise UsageError(f"{path} is not a report (reports are .yaml files)")
            selected.append(absolute)
        else:
            raise UsageError(f"no such file or folder: {path}")
    unique = list(dict.fromkeys(selected))
    return unique or None


def _always_checked(paths) -> list[Path]:
    # Field maps (data/formats/) are read with every report that names one, like the catalogues.
    return [paths.catalog.resolve(), paths.i18n.resolve(), (paths.data / "formats").resolve()]


def _under(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or folder in path.parents for folder in folders)
