"""Read back the MDX tables the pipeline writes (cells are JSX string expressions)."""

from __future__ import annotations

import json
from pathlib import Path


def read_cells(line: str) -> list[str]:
    """The texts of one table row written as ``| {"a"} | {"b"} |``."""
    cells = []
    for raw in line.strip().strip("|").split("|"):  # '|' inside cells is written as \u007c
        raw = raw.strip()
        if raw.startswith("{") and raw.endswith("}"):
            cells.append(json.loads(raw[1:-1]))
        else:
            cells.append(raw)
    return cells


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header cells, body rows) of the first table in an MDX partial."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("|")]
    header = read_cells(lines[0])
    rows = [read_cells(ln) for ln in lines[2:]]
    return header, rows
