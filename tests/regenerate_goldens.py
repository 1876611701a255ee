"""Regenerate tests/golden/ (``make goldens``). Review the diff like code before committing."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from pipeline.build import build
from pipeline.load.project import ProjectPaths
from tests.project import GOLDEN_OUTPUT, golden_reports, make_project


def golden_outputs() -> dict[str, bytes]:
    """What the golden reports build to, path -> bytes."""
    with tempfile.TemporaryDirectory() as folder:
        root = make_project(Path(folder) / "project", golden_reports())
        return build(ProjectPaths(root)).outputs


def main() -> int:
    outputs = golden_outputs()
    if GOLDEN_OUTPUT.exists():
        shutil.rmtree(GOLDEN_OUTPUT)
    for relative, data in outputs.items():
        path = GOLDEN_OUTPUT / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"tests/golden: {len(outputs)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
