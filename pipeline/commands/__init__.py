"""One module per ``site-data`` subcommand. Each exposes ``register(subparsers)``.

These modules and :mod:`pipeline.cli` are the CLI layer: the only code that prints.
"""

from pipeline.commands import build, diff, ingest, lint, schema, validate

COMMANDS = [build, validate, lint, diff, ingest, schema]
"""Subcommand modules, in the order ``--help`` lists them."""
