"""Assemble throwaway projects for tests: the real catalogues, translations and templates,
with chosen report files."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository root."""
GOLDEN_REPORTS = ROOT / "tests" / "fixtures" / "golden"
GOLDEN_OUTPUT = ROOT / "tests" / "golden"
FROZEN_REPORT = ROOT / "tests" / "fixtures" / "frozen" / "llama4-fm-serving.yaml"
"""The Llama 4 report as first published (its figures, contradictions and waivers), frozen: exact-figure
tests read it, never data/reports/, which editors change."""


def make_project(target: Path, reports: list[Path] | None = None) -> Path:
    """Copy data/catalog, data/raw, i18n/ and templates/ to ``target`` with ``reports`` (default: the shipped ones)."""
    shutil.copytree(ROOT / "data" / "catalog", target / "data" / "catalog")
    if (ROOT / "data" / "raw").is_dir():  # raw benchmark files the shipped reports' measurements name
        shutil.copytree(ROOT / "data" / "raw", target / "data" / "raw")
    if (ROOT / "data" / "formats").is_dir():  # field maps of teams' own raw files
        shutil.copytree(ROOT / "data" / "formats", target / "data" / "formats")
    shutil.copytree(ROOT / "i18n", target / "i18n")
    shutil.copytree(ROOT / "templates", target / "templates")
    (target / "data" / "reports").mkdir(parents=True)
    for report in reports if reports is not None else sorted((ROOT / "data" / "reports").glob("*.yaml")):
        shutil.copy(report, target / "data" / "reports" / report.name)
    return target


def golden_reports() -> list[Path]:
    """Report files whose outputs are kept as golden files."""
    return sorted(GOLDEN_REPORTS.glob("*.yaml"))
