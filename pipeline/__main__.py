"""``python -m pipeline`` runs the ``site-data`` command."""

from pipeline.cli import run

run()
