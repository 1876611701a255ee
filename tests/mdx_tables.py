"""Read back the MDX tables the pipeline writes (cells are JSX string expressions)."""

from __future__ import annotations

from pathlib import Path

from pipeline.render.tables import read_table as read_table_text


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header cells, body rows) of the first table in an MDX partial."""
    return read_table_text(path.read_text(encoding="utf-8"))
