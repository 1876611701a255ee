"""Turn the user's inputs (files, directories, glob patterns) into a sorted list of files.

A file named explicitly is read whatever its extension (the format is found
from its content). Directories are walked recursively for ``*.json`` and
``*.jsonl`` only, so logs and CSVs next to the results are not reported as
unknown formats. Each file is read once even when several inputs reach it.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from pipeline.errors import Location, Problem

SUFFIXES = (".json", ".jsonl")
"""File extensions picked up when walking a directory (case-insensitive)."""


@dataclass(frozen=True)
class InputFile:
    """A file to ingest: where to open it and how to name it in the table and in problems."""

    path: Path
    """Path to open."""
    shown: str
    """The path as the user gave it, in POSIX form (a directory's files are joined to it)."""


def discover(inputs: Iterable[Path | str]) -> tuple[list[InputFile], list[Problem]]:
    """Expand ``inputs`` in order; each directory or glob expands to its files sorted by path."""
    files: list[InputFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(InputFile(path, path.as_posix()))

    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            found = files_under(path)
            if not found:
                problems.append(Problem(
                    "E078", "directory holds no .json or .jsonl files", Location(path.as_posix()),
                    hint="point at the folder the benchmark tool wrote its results to",
                    severity="warning"))
            for file in found:
                add(file)
        elif path.exists():
            add(path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                problems.append(Problem("E070", "no files match this pattern", Location(path.as_posix()),
                                        hint="check the pattern; quote it so the shell does not expand it"))
            for match in matches:
                found_path = Path(match)
                for file in (files_under(found_path) if found_path.is_dir() else [found_path]):
                    add(file)
        else:
            problems.append(Problem("E070", "no such file or directory", Location(path.as_posix()),
                                    hint="check the path; it is taken relative to the working directory"))
    return files, problems


def files_under(folder: Path) -> list[Path]:
    """Every *.json / *.jsonl below ``folder``, sorted by POSIX path (symlinked folders not followed)."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            if name.lower().endswith(SUFFIXES):
                found.append(Path(root, name))
    return sorted(found, key=Path.as_posix)
