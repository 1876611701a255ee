"""Printing problems: plain text for people, GitHub Actions annotations, or JSON for tools."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from pipeline.errors import BuildFailed, Problem

FORMATS = ("text", "github", "json")
EXIT_INTERNAL = 3
"""Exit status of a bug in site-data itself (0 clean, 1 problems in the inputs, 2 usage errors)."""
DEBUG_ENV = "SITE_DATA_DEBUG"

T = TypeVar("T")


class InternalError(Exception):
    """An unexpected exception, already reported to the user."""


def guarded(stage: Callable[[], T]) -> T:
    """Run ``stage``; turn an unexpected exception (a bug, not bad data) into a short report.

    Editors get one paragraph saying what failed and what to do instead of a traceback;
    ``SITE_DATA_DEBUG=1`` lets the exception through for whoever fixes the bug.
    """
    try:
        return stage()
    except (BuildFailed, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence, by design
        if os.environ.get(DEBUG_ENV):
            raise
        where = exc.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        place = f" in {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno}" if where else ""
        print(f"site-data: internal error{place}: {type(exc).__name__}: {exc}\n"
              "  hint: this is a bug in site-data, not a mistake in your data, and nothing was written. "
              "Please report it with the input that triggers it; "
              f"run with {DEBUG_ENV}=1 to see the traceback", file=sys.stderr)
        raise InternalError(str(exc)) from None


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """--strict and --format, shared by every command that reports problems."""
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="how problems are printed: text (default), github (Actions annotations), json")


def print_problems(problems: list[Problem], fmt: str = "text", *, summary: bool = True) -> None:
    """Print problems to stderr (text) or stdout (github, json)."""
    if fmt == "json":
        print(json.dumps([as_dict(p) for p in problems], ensure_ascii=False, indent=2))
        return
    for p in problems:
        if fmt == "github":
            print(github_annotation(p))
        else:
            print(p.format(), file=sys.stderr)
    errors = sum(p.severity == "error" for p in problems)
    if fmt == "text" and summary and errors:
        print(f"{errors} error(s), {len(problems) - errors} warning(s); nothing was written", file=sys.stderr)


def as_dict(p: Problem) -> dict:
    """A problem as a JSON object with stable keys."""
    loc = p.location
    return {"code": p.code, "severity": p.severity, "file": loc.file if loc else None,
            "line": loc.line if loc else None, "column": loc.column if loc else None,
            "path": p.path, "message": p.message, "hint": p.hint}


def github_annotation(p: Problem) -> str:
    """A problem as a GitHub Actions workflow command (``::error file=...,line=...::msg``)."""
    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    props = []
    if p.location:
        props.append(f"file={escape_property(p.location.file)}")
        if p.location.line:
            props.append(f"line={p.location.line}")
        if p.location.column:
            props.append(f"col={p.location.column}")
    props.append(f"title={escape_property(p.code)}")
    level = "error" if p.severity == "error" else "warning"
    body = f"{p.path}: {p.message}" if p.path else p.message
    if p.hint:
        body += f" (hint: {p.hint})"
    return f"::{level} {','.join(props)}::{escape_data(body)}"
