"""Read a file into JSON documents: one for a plain JSON file, one per line for JSON Lines.

vLLM's ``--append-result`` appends one JSON object per line to a file that is
usually still named ``.json``, so the layout is found from the content: a file
that is one JSON value is one document; a file that stops parsing with "Extra
data" after its first value is read line by line.

orjson does the common case fast. Python's ``json`` is the fallback, because it
also accepts the ``NaN`` and ``Infinity`` literals that ``json.dump`` writes for
numpy NaNs (orjson refuses them); the parsers then treat them as missing.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from pipeline.errors import Location, Problem
from pipeline.ingest.discover import MAX_FILE_BYTES

_DAMAGED_HINT = ("the file looks truncated or damaged; copy it again from the benchmark run, "
                 "or leave it out of the inputs")


@dataclass(frozen=True)
class Document:
    """One parsed JSON value and where it came from."""

    data: Any
    """The parsed value (dicts, lists, str, int, float, bool, None)."""
    line: int | None
    """1-based line number for a JSON Lines record; None when the document is the whole file."""


def read_documents(path: Path, shown: str) -> tuple[list[Document], list[Problem]]:
    """Parse ``path`` (shown in problems as ``shown``) into documents plus the problems found.

    Never raises for bad input: an unreadable file gives E070, a file that is not
    JSON (empty, not UTF-8, truncated) gives E071. In a JSON Lines file each bad
    line gives its own E071 and the good lines are kept.
    """
    try:
        raw = _read_regular(path)
    except _Refused as refused:
        return [], [Problem("E070", f"cannot read file: {refused}", Location(shown),
                            hint="point at the benchmark tool's result files (regular files of a few MB)")]
    except OSError as err:
        reason = err.strerror or type(err).__name__
        return [], [Problem("E070", f"cannot read file: {reason}", Location(shown),
                            hint="check that the path exists and is readable")]
    return parse_bytes(raw, shown)


class _Refused(Exception):
    """A path that is no regular file, or too large to read."""


def _read_regular(path: Path) -> bytes:
    """The bytes of ``path`` once it is known to be a regular file within the size limit.

    Opened without blocking (a FIFO would wait forever) and checked on the open descriptor, so
    what is checked is what is read; a device such as /dev/zero would never end. Read with the
    descriptor's own calls, without a file object's buffer: for a summary of a few kB the file object
    cost more than the reading (1,000 files: 18 ms instead of 7).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # what opening it as a file says
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(info.st_mode):
            raise _Refused("not a regular file (a device, FIFO or socket)")
        if info.st_size > MAX_FILE_BYTES:
            raise _Refused(f"{info.st_size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for raw files")
        data = os.read(fd, info.st_size + 1)
        if len(data) == info.st_size:  # the whole file as fstat saw it: no read for the end
            return data
        parts = [data]
        while parts[-1]:  # to the end: the file has grown since fstat, or a read stopped short
            parts.append(os.read(fd, _CHUNK))
        return b"".join(parts)
    finally:
        os.close(fd)


_CHUNK = 1 << 20


def parse_bytes(raw: bytes, shown: str) -> tuple[list[Document], list[Problem]]:
    """Parse the bytes of a file named ``shown``; see :func:`read_documents`."""
    try:
        return [Document(orjson.loads(raw), None)], []
    except orjson.JSONDecodeError:
        pass
    documents = _clean_json_lines(raw)
    if documents is not None:
        return documents, []
    # NaN literals, a BOM, damaged JSON Lines or a damaged file: the stdlib tells them apart.
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return [], [Problem("E071", f"not UTF-8 text (invalid byte at offset {err.start})",
                            Location(shown), hint="benchmark tools write UTF-8 JSON; "
                            "check that this is the right file")]
    if not text.strip():
        return [], [Problem("E071", "file is empty", Location(shown), hint=_DAMAGED_HINT)]
    lone = _LONE_SURROGATE.search(text)
    if lone:  # orjson refused it; the stdlib would accept a string that no file can hold
        line, column = _line_column(text, lone.start())
        return [], [Problem("E071", f"not valid JSON text: {lone.group()} is half of a UTF-16 surrogate pair, "
                                    "alone", Location(shown, line, column),
                            hint="a tool wrote a damaged string; regenerate the file, or remove the escape")]
    try:
        return [Document(json.loads(text), None)], []
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":
            documents, problems = _json_lines(text, shown)
            if documents or problems:
                return documents, problems
        return [], [Problem("E071", f"not valid JSON: {err.msg}",
                            Location(shown, err.lineno, err.colno), hint=_DAMAGED_HINT)]
    except RecursionError:
        return [], [Problem("E071", "not valid JSON: nested too deeply", Location(shown),
                            hint=_DAMAGED_HINT)]


_LONE_SURROGATE = re.compile(r"(?<!\\)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
                             r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})")
"""A JSON escape of one half of a UTF-16 surrogate pair without the other half (not text: it cannot be
written as UTF-8)."""


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _clean_json_lines(raw: bytes) -> list[Document] | None:
    """JSON Lines parsed with orjson alone, or None unless every non-blank line parses.

    The fast path for ``--append-result`` files; anything unusual (NaN literals,
    a damaged line, a file that is not JSON Lines) goes to the slower checks.
    """
    first, newline, _ = raw.partition(b"\n")
    if not newline:
        return None
    try:
        orjson.loads(first)  # a pretty-printed file's first line ("{") fails here, cheaply
    except orjson.JSONDecodeError:
        return None
    documents = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.strip():
            try:
                documents.append(Document(orjson.loads(line), number))
            except orjson.JSONDecodeError:
                return None
    return documents


def _json_lines(text: str, shown: str) -> tuple[list[Document], list[Problem]]:
    """Parse one JSON value per non-blank line; nothing at all if the first line is not one.

    When the first non-blank line does not parse on its own, the file is not JSON
    Lines (e.g. pretty-printed JSON followed by junk); the caller then reports the
    whole-file error, which points at the real culprit.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            documents.append(Document(_loads_line(line), number))
        except json.JSONDecodeError as err:
            if not documents and not problems:
                return [], []
            problems.append(Problem(
                "E071", f"line {number} is not valid JSON: {err.msg}",
                Location(shown, number, err.colno), hint=_DAMAGED_HINT))
    return documents, problems


def _loads_line(line: str) -> Any:
    """One JSON Lines record: orjson first, the stdlib for NaN/Infinity literals."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line)
