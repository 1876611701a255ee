"""Running the example site's Node tools from pytest: where they are, and what is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.project import ROOT

SITE = ROOT / "examples" / "site"
"""The example Docusaurus site."""
BIN = SITE / "node_modules" / ".bin"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def require_site_deps() -> None:
    """Fail (not skip: CI must run these tests) with the command that installs what is missing."""
    if shutil.which("node") is None:
        pytest.fail("node is not installed: install Node.js 20 or later")
    if not (SITE / "node_modules" / ".package-lock.json").is_file():
        pytest.fail("examples/site/node_modules is missing: run `make site-deps` (npm ci)")


def run(args: list[str], timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command in the site folder; return the finished process (output captured as text)."""
    return subprocess.run(args, cwd=SITE, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def tail(process: subprocess.CompletedProcess, lines: int = 60) -> str:
    """The end of a process's output, for an assertion message."""
    text = (process.stdout or "") + (process.stderr or "")
    return "\n".join(line for line in text.splitlines()[-lines:] if "Unknown user config" not in line)
