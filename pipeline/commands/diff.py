"""``site-data diff``: which shown figures an edit changes, against site-data/ or a git revision."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub) -> None:
    parser = sub.add_parser(
        "diff", help="list the shown figures the data now change, by page, component and label",
        description="Build in memory (no charts, nothing written) and compare every shown figure of the props "
                    "and tables with site-data/ as it is, or as committed at --against REV. Typed and measured "
                    "figures are listed before the derived ones they moved.")
    parser.add_argument("--against", metavar="REV",
                        help="compare with site-data/ at this git revision (HEAD, main, HEAD~1) instead of the folder")
    parser.add_argument("--format", choices=("text", "markdown", "github"), default="text",
                        help="text (default), markdown (a review comment) or github (Actions annotations)")
    parser.add_argument("--exit-code", action="store_true", help="exit 1 when a shown figure changed")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.build import build
    from pipeline.diff import diff_outputs, format_diff
    from pipeline.load.project import ProjectPaths

    old = _at_revision(root, args.against) if args.against else _in_folder(root / "site-data")
    if old is None:
        return EXIT_PROBLEMS
    result = build(ProjectPaths(root), charts=False, lint_errors_fail=False)
    changes = diff_outputs(old, result.outputs)
    sys.stdout.write(format_diff(changes, args.format))
    refused = [p for p in result.warnings if p.severity == "error"]
    if refused:
        print(f"site-data: note: lint reports {len(refused)} error(s) in these data, so `site-data build` would "
              "write none of this; `site-data lint` lists them", file=sys.stderr)
    return EXIT_PROBLEMS if args.exit_code and changes else EXIT_OK


def _in_folder(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.suffix in (".json", ".mdx")}


def _at_revision(root: Path, revision: str) -> dict[str, bytes] | None:
    import subprocess  # here, not at import: every command registers this one

    def git(*words: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(root), *words], capture_output=True)

    listed = git("ls-tree", "-r", "--name-only", revision, "--", "site-data")
    if listed.returncode != 0:
        message = listed.stderr.decode("utf-8", "replace").strip().splitlines()
        print(f"site-data: error: cannot read site-data/ at '{revision}': {message[-1] if message else 'git failed'}",
              file=sys.stderr)
        print("  hint: name a revision of this repository (HEAD, main, HEAD~1), or leave out --against",
              file=sys.stderr)
        return None
    found = {}
    for name in listed.stdout.decode("utf-8").splitlines():
        if name.endswith((".json", ".mdx")):
            found[name.removeprefix("site-data/")] = git("show", f"{revision}:{name}").stdout
    return found
