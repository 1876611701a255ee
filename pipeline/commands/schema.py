"""``site-data schema``: write the JSON Schemas to schemas/, or --check they are current."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS = 0, 1


def register(sub) -> None:
    parser = sub.add_parser("schema", help="write JSON Schemas of the input files and props to schemas/")
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed schemas are stale")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.schemas import schema_files, site_locale_ids

    folder = root / "schemas"
    files = schema_files(site_locale_ids(root))
    stale = sorted(name for name, data in files.items()
                   if not (folder / name).is_file() or (folder / name).read_bytes() != data)
    if args.check:
        for name in stale:
            print(f"schemas/{name}: stale; run `make schema` and commit schemas/", file=sys.stderr)
        if not stale:
            print(f"schemas are current ({len(files)} files)")
        return EXIT_PROBLEMS if stale else EXIT_OK
    for name in stale:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(files[name])
    print(f"schemas: {len(files)} files, {len(stale)} updated")
    return EXIT_OK
