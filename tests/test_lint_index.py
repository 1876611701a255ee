"""LintResult.about answers from an index: it must find what a scan of every finding finds."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.build import check
from pipeline.lint import LintResult
from pipeline.load.project import ProjectPaths
from tests.project import ROOT, golden_reports, make_project


def scanned(lint: LintResult, value) -> list:
    """The definition: every finding that concerns the figure, active then waived, by code."""
    pairs = [(f, False) for f in lint.active if f.concerns(value)]
    pairs += [(w.finding, True) for w in lint.waived if w.finding.concerns(value)]
    return sorted(pairs, key=lambda p: (p[0].code, p[0].path))


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    reports = golden_reports() + sorted((ROOT / "data" / "reports").glob("*.yaml"))
    project = make_project(tmp_path_factory.mktemp("lint-index"), reports)
    return check(ProjectPaths(project))


def test_every_figure_gets_the_findings_a_scan_finds(checked):
    asked = 0
    for derived in checked.derived:
        lint = checked.lint[derived.report.id]
        subjects = [s for f in lint.active + [w.finding for w in lint.waived] for s in f.subjects]
        for value in list(derived.figures.values()) + subjects:
            assert lint.about(value) == scanned(lint, value)
            # An equal figure that is another object is not the finding's subject.
            twin = dataclasses.replace(value)
            assert lint.about(twin) == scanned(lint, twin)
            asked += 1
    assert asked > 100
    assert any(lint.about(v) for d in checked.derived for v in d.figures.values()
               for lint in [checked.lint[d.report.id]])
