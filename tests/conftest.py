"""Suite-wide settings: every test judges price dates against one fixed day (lint L053/L054).

Without it, the price-age warning would start firing in tests a year after the fixtures' dates;
tests of L053/L054 themselves set their own day.
"""

from __future__ import annotations

import os

from pipeline.lint.prices import TODAY_VARIABLE

os.environ[TODAY_VARIABLE] = "2026-12-01"


import pytest  # noqa: E402

from tests.project import FROZEN_REPORT, make_project  # noqa: E402


@pytest.fixture(scope="session")
def frozen_project(tmp_path_factory):
    """A project holding the Llama 4 report as first published (tests/fixtures/frozen/), built without charts.

    Tests of exact figures, findings and the seed page's tables use it, not data/: editors change the
    shipped report, and their edits must not break the suite.
    """
    from pipeline.cli import main

    root = make_project(tmp_path_factory.mktemp("frozen") / "project", [FROZEN_REPORT])
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    return root
