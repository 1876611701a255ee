"""Suite-wide settings: every test judges price dates against one fixed day (lint L053/L054).

Without it, the price-age warning would start firing in tests a year after the fixtures' dates;
tests of L053/L054 themselves set their own day.
"""

from __future__ import annotations

import os

from pipeline.lint.prices import TODAY_VARIABLE

os.environ[TODAY_VARIABLE] = "2026-12-01"
