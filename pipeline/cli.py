"""The command line: with pipeline.commands, the only code that prints or exits.

Exit status: 0 success, 1 problems in the inputs (or stale output under --check),
2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from pipeline import __version__
from pipeline.commands import COMMAND_NAMES, command_modules
from pipeline.commands.output import print_problems
from pipeline.errors import BuildFailed

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``site-data`` argument parser: with every subcommand, or with only the one ``argv`` runs."""
    parser = argparse.ArgumentParser(
        prog="site-data", description="Build a benchmark site's data (props JSON, MDX tables) from data/.")
    parser.add_argument("--root", default=".", help="project root (default: the current folder)")
    parser.add_argument("--version", action="version", version=f"site-data {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(_named_command(sys.argv[1:] if argv is None else argv)):
        module.register(sub)
    return parser


def _named_command(argv: Sequence[str]) -> tuple[str, ...]:
    """The command ``argv`` runs when it is plain to see (the first word, or the one after ``--root DIR``),
    else every command (for --help, --version, a mistake). Only that command's module is imported and its
    parser built: the others' cost a command like ingest a tenth of its start-up."""
    words = list(argv)
    if words[:1] == ["--root"]:
        words = words[2:]
    elif words and words[0].startswith("--root="):
        words = words[1:]
    return (words[0],) if words and words[0] in COMMAND_NAMES else COMMAND_NAMES


def run() -> NoReturn:
    """The process of ``site-data`` and ``python -m pipeline``: :func:`main`, then exit at once.

    A build ends with a large heap (every report's inputs, derived figures and props), which the
    interpreter would free object by object on the way out: about 0.15 s after the last file was
    written, a sixth of an edit's build. Nothing is left to do by then (outputs are written and
    renamed, the drawing process stopped, the lock's descriptor is closed by the kernel), so the
    process ends once its output is flushed.
    """
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool writes its report at exit: let it
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # a reader that went away, or a stream closed by it
        pass
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: parse ``argv``, run the command, return the exit status (for tests and :func:`run`)."""
    # The build uses no pydantic plugin; looking for them scans every installed package's entry points
    # through importlib.metadata (10-15 ms of every command's start-up). A value set by the user stands.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    parser = build_parser(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    root = Path(args.root)
    if getattr(args, "needs_project", True) and not (root / "data").is_dir():
        print(f"site-data: error: no data/ folder in {root.resolve()}; run from the project root or pass --root",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args, root)
    except BuildFailed as failed:
        print_problems(failed.problems, getattr(args, "format", "text"))
        return EXIT_PROBLEMS
    except BrokenPipeError:
        # The reader went away (`site-data lint | head`): not an error of ours, and nothing to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("site-data: interrupted; site-data/ was left as it was", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
