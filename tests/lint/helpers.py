"""Lint a report written as YAML text against the repository's catalogues, without a build."""

from __future__ import annotations

from functools import lru_cache

from pipeline.derive.findings import derive_findings
from pipeline.derive.report import DerivedReport, derive_report
from pipeline.lint import LintResult, lint_report
from pipeline.load.project import Catalogs, Located, ProjectPaths, read_inputs
from pipeline.load.yaml_source import parse_yaml
from pipeline.models.report import Report
from pipeline.validate.schema import validate_document
from tests.project import GOLDEN_REPORTS, ROOT

DEMO = GOLDEN_REPORTS / "consistent-demo.yaml"
"""The fully consistent synthetic report: no rule fires on it."""
DEMO_FILE = "data/reports/consistent-demo.yaml"
"""How the demo's file is named in findings."""


@lru_cache(maxsize=1)
def catalogs() -> Catalogs:
    inputs, problems = read_inputs(ProjectPaths(ROOT), report_files=[])
    assert not problems.errors, problems.errors
    return inputs.catalogs


def demo_text() -> str:
    return DEMO.read_text(encoding="utf-8")


def edited(old: str, new: str, text: str | None = None) -> str:
    """The demo (or ``text``) with one exact piece replaced; fails if the piece is not there once."""
    text = demo_text() if text is None else text
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def derive(text: str) -> DerivedReport:
    document = parse_yaml(text.encode("utf-8"), DEMO_FILE)
    report, problems = validate_document(document, Report)
    assert report is not None, [p.format() for p in problems]
    return derive_report(Located(report, document), catalogs())


def lint(text: str) -> LintResult:
    derived = derive(text)
    return lint_report(derived, derive_findings(derived))


def codes(result: LintResult, code: str | None = None) -> list[tuple[str, str, int]]:
    """(code, path, line) of every active finding, or of those with ``code``."""
    return [(f.code, f.path, f.location.line) for f in result.active if code is None or f.code == code]


def messages(result: LintResult, code: str) -> list[str]:
    return [f.problem().format() for f in result.active if f.code == code]
