"""The command line: the only module that prints or exits.

Exit status: 0 success, 1 problems in the inputs (or stale output under --check),
2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from pipeline.errors import BuildFailed, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``site-data`` and ``python -m pipeline``."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    root = Path(args.root)
    if not (root / "data").is_dir():
        print(f"site-data: no data/ folder under {root.resolve()}; run from the project root or pass --root",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args, root)
    except BuildFailed as failed:
        _print_problems(failed.problems, args)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("site-data: interrupted; site-data/ was left as it was", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="site-data",
                                     description="Build the site's data (props JSON, MDX tables) from data/.")
    parser.add_argument("--root", default=".", help="project root (default: current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, handler) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument("--strict", action="store_true", help="treat warnings as errors")
        p.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="how problems are printed (github: Actions annotations)")
        return p

    b = command("build", "Build site-data/ from data/, i18n/ and templates/.", _cmd_build)
    b.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 and list the files that would change, appear or disappear")
    command("validate", "Check the data files (structure, references, translations); writes nothing.",
            _cmd_validate).add_argument("paths", nargs="*", type=Path,
                                        help="report files to check (default: all of data/reports/)")
    command("lint", "Check the numbers for contradictions; writes nothing.", _cmd_lint)
    s = sub.add_parser("schema", help="Write JSON Schemas of the input files and props to schemas/.")
    s.add_argument("--check", action="store_true", help="exit 1 if the committed schemas are stale")
    s.set_defaults(handler=_cmd_schema, format="text")
    return parser


def _paths(root: Path):
    from pipeline.load.project import ProjectPaths
    return ProjectPaths(root)


def _cmd_build(args, root: Path) -> int:
    from pipeline.build import build
    from pipeline.write import apply_writes, describe, plan_writes

    paths = _paths(root)
    result = build(paths, strict=args.strict)
    plan = plan_writes(result.outputs, paths.output)
    _print_problems(result.warnings, args)
    if args.check:
        if plan.is_current:
            print(f"site-data is current ({len(result.outputs)} files)")
            return EXIT_OK
        _print_problems(describe(plan), args)
        print(f"site-data is stale: {len(plan.added)} to create, {len(plan.changed)} to update, "
              f"{len(plan.removed)} to delete; run `make site-data`", file=sys.stderr)
        return EXIT_PROBLEMS
    apply_writes(plan, result.outputs, paths.output)
    print(f"built {len(result.reports)} report(s) in {len(result.locales)} locale(s) "
          f"({', '.join(result.locales)}): {len(result.outputs)} files, {len(plan.added)} created, "
          f"{len(plan.changed)} updated, {len(plan.removed)} deleted, {len(plan.unchanged)} unchanged; "
          f"{len(result.warnings)} warning(s)")
    return EXIT_OK


def _cmd_validate(args, root: Path) -> int:
    from pipeline.build import check

    files = [p if p.is_absolute() else Path.cwd() / p for p in args.paths] or None
    checked = check(_paths(root), strict=args.strict, report_files=files)
    _print_problems(checked.problems, args)
    if args.format == "text":
        print(f"ok: {len(checked.derived)} report(s) valid, {len(checked.problems)} warning(s)")
    return EXIT_OK


def _cmd_lint(args, root: Path) -> int:
    return _cmd_validate(argparse.Namespace(**{**vars(args), "paths": []}), root)


def _cmd_schema(args, root: Path) -> int:
    from pipeline.schemas import schema_files

    folder = root / "schemas"
    files = schema_files()
    stale = [name for name, data in files.items()
             if not (folder / name).is_file() or (folder / name).read_bytes() != data]
    if args.check:
        for name in stale:
            print(f"schemas/{name}: stale; run `site-data schema`", file=sys.stderr)
        return EXIT_PROBLEMS if stale else EXIT_OK
    for name in stale:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(files[name])
    print(f"schemas: {len(files)} files, {len(stale)} updated")
    return EXIT_OK


def _print_problems(problems: list[Problem], args) -> None:
    if not problems:
        return
    fmt = getattr(args, "format", "text")
    if fmt == "json":
        print(json.dumps([_as_dict(p) for p in problems], ensure_ascii=False, indent=2))
        return
    for p in problems:
        if fmt == "github":
            print(_github(p))
        else:
            print(p.format(), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text" and errors:
        print(f"{errors} error(s), {len(problems) - errors} warning(s); nothing was written", file=sys.stderr)


def _as_dict(p: Problem) -> dict:
    loc = p.location
    return {"code": p.code, "severity": p.severity, "file": loc.file if loc else None,
            "line": loc.line if loc else None, "column": loc.column if loc else None,
            "path": p.path, "message": p.message, "hint": p.hint}


def _github(p: Problem) -> str:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    props = []
    if p.location:
        props.append(f"file={escape(p.location.file)}")
        if p.location.line:
            props.append(f"line={p.location.line}")
        if p.location.column:
            props.append(f"col={p.location.column}")
    props.append(f"title={escape(p.code)}")
    level = "error" if p.severity == "error" else "warning"
    body = f"{p.path}: {p.message}" if p.path else p.message
    if p.hint:
        body += f" (hint: {p.hint})"
    return f"::{level} {','.join(props)}::{escape(body)}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
