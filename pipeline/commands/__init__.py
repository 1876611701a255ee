"""One module per ``site-data`` subcommand. Each exposes ``register(subparsers)``.

These modules and :mod:`pipeline.cli` are the CLI layer: the only code that prints.
"""

from pipeline.commands import build, ingest, lint, schema, validate

COMMANDS = [build, validate, lint, ingest, schema]
"""Subcommand modules, in the order ``--help`` lists them."""
