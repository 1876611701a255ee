"""Turn the user's inputs (files, directories, glob patterns) into a sorted list of files.

A file named explicitly is read whatever its extension (the format is found
from its content). Directories are walked recursively for ``*.json`` and
``*.jsonl`` only, so logs and CSVs next to the results are not reported as
unknown formats. Each file is read once even when several inputs reach it.
"""

from __future__ import annotations

import glob
import os
import re
import stat
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

    def add(path: Path, key: str | None = None) -> None:
        key = key or os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(InputFile(path, path.as_posix()))

    for item in inputs:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            found = _files_with_real_paths(path)
            if not found:
                problems.append(Problem(
                    "E078", "directory holds no .json or .jsonl files", Location(path.as_posix()),
                    hint="point at the folder the benchmark tool wrote its results to",
                    severity="warning"))
            for file, real in found:
                add(file, real)
        elif path.exists():
            add(path)
        elif glob.has_magic(text):
            base = Path(os.sep) if os.path.isabs(text) else Path(".")
            matches = [p.as_posix() if os.path.isabs(text) else os.path.relpath(p) for p in
                       safe_glob(base, text.lstrip("/") if os.path.isabs(text) else text)]
            if not matches:
                problems.append(Problem("E070", "no files match this pattern", Location(path.as_posix()),
                                        hint="check the pattern; quote it so the shell does not expand it"))
            for match in matches:
                found_path = Path(match)
                for file, real in (_files_with_real_paths(found_path) if found_path.is_dir()
                                   else [(found_path, None)]):
                    add(file, real)
        else:
            problems.append(Problem("E070", "no such file or directory", Location(path.as_posix()),
                                    hint="check the path; it is taken relative to the working directory"))
    return files, problems


MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest raw file read: a benchmark tool's result file with per-request arrays is a few MB;
anything bigger (or a device that never ends) is refused before it is read."""


def file_problem(path: Path, inside: Path | None = None) -> tuple[str, str] | None:
    """Why ``path`` must not be read, as (message, hint), or None when it is a regular file that may be.

    Symlinks are resolved: a loop, a dangling link, a device or FIFO (``/dev/zero``) and, when
    ``inside`` is given, anything resolving outside that folder (the project) are refused.
    """
    try:
        info = os.stat(path)  # follows symlinks
    except OSError as exc:
        if os.path.islink(path):
            if exc.errno == 40:  # ELOOP
                return "is a symlink loop", "replace the link with the file it should point at"
            return (f"is a dangling symlink (to {os.readlink(path)})",
                    "copy the file into data/raw/ instead of linking to it, or remove the link")
        return f"cannot be read: {exc.strerror}", "check that the path exists and is readable"
    if inside is not None:
        real, base = os.path.realpath(path), os.path.realpath(inside)
        if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
            return (f"resolves to {real}, outside the project",
                    "copy the raw file into data/raw/<report id>/ and commit it; links out of the project "
                    "make builds read different files on different machines")
    if not stat.S_ISREG(info.st_mode):
        return ("is not a regular file (a device, FIFO or socket)",
                "point at the benchmark tool's result files only")
    if info.st_size > MAX_FILE_BYTES:
        return (f"is {info.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for raw files",
                "raw result files are a few MB; check that this is the right file")
    return None


def safe_glob(base: Path, pattern: str) -> list[Path]:
    """``glob(pattern, root_dir=base, recursive=True)`` without following symlinked folders.

    ``glob`` follows them, so two links to ``.`` under a folder searched with ``**`` never end;
    here folders are walked once each (symlinks are listed, as matches, never entered).
    """
    parts = pattern.split("/")
    fixed = []
    for part in parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    start = base.joinpath(*fixed) if fixed else base
    rest = "/".join(parts[len(fixed):])
    if not rest:
        return [start] if os.path.lexists(start) else []
    rx = _pattern_regex(rest)
    found = []
    for directory, subdirs, names in os.walk(start):
        subdirs.sort()
        here = Path(directory)
        relative = here.relative_to(start).as_posix()
        prefix = "" if relative == "." else relative + "/"
        for name in subdirs + names:
            if rx.match(prefix + name):
                found.append(here / name)
    return sorted(found, key=Path.as_posix)


def _pattern_regex(pattern: str) -> re.Pattern:
    """A glob pattern (``*``, ``?``, ``[...]``, ``**`` for any folders) as a regex over POSIX paths."""
    parts = pattern.split("/")
    out = ""
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out += "(?:[^/]+/)*" if not last else "(?:[^/]+/)*[^/]+"
            continue
        segment = "" if part.startswith(".") else "(?!\\.)"  # like glob, '*' skips hidden names
        j = 0
        while j < len(part):
            ch = part[j]
            if ch == "*":
                segment += "[^/]*"
            elif ch == "?":
                segment += "[^/]"
            elif ch == "[" and part.find("]", j + 2) > 0:
                end = part.find("]", j + 2)
                body = part[j + 1:end]
                body = "^" + body[1:] if body.startswith("!") else body
                segment += "[" + body.replace("\\", "\\\\") + "]"
                j = end
            else:
                segment += re.escape(ch)
            j += 1
        out += segment + ("" if last else "/")
    return re.compile(out + "\\Z")


def files_under(folder: Path) -> list[Path]:
    """Every *.json / *.jsonl below ``folder``, sorted by POSIX path (symlinked folders not followed)."""
    return [path for path, _ in _files_with_real_paths(folder)]


def _files_with_real_paths(folder: Path) -> list[tuple[Path, str]]:
    """:func:`files_under`'s files, each with its real path (``os.path.realpath``).

    Folders are walked as ``os.walk`` walks them (one ``scandir`` each, symlinked folders listed but not
    entered, unreadable folders skipped). A file that is no symlink, in a folder reached without one, has
    its folder's real path and its own name, so only the top folder and symlinks are resolved: resolving
    every file looks up each component of its path again (two thirds of discovering 1,000 files).
    """
    found: list[tuple[str, Path, str]] = []
    pending = [(os.fspath(folder), Path(folder), os.path.realpath(folder))]
    while pending:
        directory, directory_path, real = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if _is_dir(entry):
                if not _is_symlink(entry):
                    pending.append((entry.path, directory_path / entry.name, os.path.join(real, entry.name)))
            elif entry.name.lower().endswith(SUFFIXES):
                resolved = os.path.realpath(entry.path) if _is_symlink(entry) else os.path.join(real, entry.name)
                # A child of its folder's Path: a third of the cost of a Path parsed from the whole text.
                found.append((entry.path, directory_path / entry.name, resolved))
    # Every path starts with the same text (``folder`` as given), and the rest is names joined by '/':
    # ordered as text, they are ordered as their POSIX forms.
    found.sort(key=_text_of)
    return [(path, resolved) for _, path, resolved in found]


def _text_of(item: tuple) -> str:
    return item[0]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_symlink(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # resolve it the slow way
