"""Printing problems: plain text for people, GitHub Actions annotations, or JSON for tools."""

from __future__ import annotations

import argparse
import json
import sys

from pipeline.errors import Problem

FORMATS = ("text", "github", "json")


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
