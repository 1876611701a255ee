"""``python -m pipeline`` runs the ``site-data`` command."""

import sys

from pipeline.cli import main

sys.exit(main())
