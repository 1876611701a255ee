"""One module per ``site-data`` subcommand. Each exposes ``register(subparsers)``.

These modules and :mod:`pipeline.cli` are the CLI layer: the only code that prints.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Iterable

COMMAND_NAMES = ("build", "validate", "lint", "diff", "ingest", "schema")
"""Subcommands, in the order ``--help`` lists them; each is the module ``pipeline.commands.<name>``."""


def command_modules(names: Iterable[str] = COMMAND_NAMES) -> list[ModuleType]:
    """The modules of the subcommands ``names`` (all of them by default), imported on demand."""
    return [importlib.import_module(f"{__name__}.{name}") for name in names]
