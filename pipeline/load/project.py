"""Find and read every input of a project: catalogues, reports, locales, translations.

The result is validated structurally (pydantic); references between files are
checked by :mod:`pipeline.validate.references`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from pipeline.errors import BuildFailed, Problem, Problems
from pipeline.load.yaml_source import SourceDocument, display_path, read_yaml
from pipeline.localize import Catalog, catalog_path, read_catalog
from pipeline.models.catalog import (
    Accelerator, AcceleratorCatalog, Instance, InstanceCatalog, Metric, MetricCatalog,
    Model, ModelCatalog, Source, SourceCatalog,
)
from pipeline.models.report import Report
from pipeline.models.site import SiteLocale, SiteLocales
from pipeline.validate.schema import validate_document

T = TypeVar("T", bound=BaseModel)

CATALOG_FILES: dict[str, type[BaseModel]] = {
    "sources": SourceCatalog,
    "accelerators": AcceleratorCatalog,
    "instances": InstanceCatalog,
    "models": ModelCatalog,
    "metrics": MetricCatalog,
}
"""Catalogue name -> model of data/catalog/<name>.yaml."""


@dataclass(frozen=True)
class Located(Generic[T]):
    """A validated model together with the document it was read from."""

    value: T
    document: SourceDocument


@dataclass(frozen=True)
class Catalogs:
    """Validated catalogues, keyed by id."""

    sources: dict[str, Source]
    accelerators: dict[str, Accelerator]
    instances: dict[str, Instance]
    models: dict[str, Model]
    metrics: dict[str, Metric]
    documents: dict[str, SourceDocument]
    """Catalogue name -> its document, to locate problems."""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated one file at a time."""

    root: Path
    locales: list[SiteLocale]
    locales_document: SourceDocument
    catalogs: Catalogs
    reports: list[Located[Report]]
    translations: dict[str, Catalog]
    """Site locale id -> its gettext catalogue."""


@dataclass(frozen=True)
class ProjectPaths:
    """Where a project's inputs and output live."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def catalog(self) -> Path:
        return self.data / "catalog"

    @property
    def reports(self) -> Path:
        return self.data / "reports"

    @property
    def i18n(self) -> Path:
        return self.root / "i18n"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.root / "site-data"

    def report_files(self) -> list[Path]:
        """Report files, sorted, so builds are deterministic."""
        if not self.reports.is_dir():
            return []
        return sorted(p for p in self.reports.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_inputs(paths: ProjectPaths, report_files: list[Path] | None = None) -> Inputs:
    """Read and structurally validate every input; raise :class:`BuildFailed` listing all problems."""
    problems = Problems()
    shown = lambda p: display_path(paths.root, p)  # noqa: E731

    locales_doc, locales = _read(paths.i18n / "locales.yaml", SiteLocales, shown, problems)

    documents: dict[str, SourceDocument] = {}
    tables: dict[str, dict] = {}
    for name, model in CATALOG_FILES.items():
        document, catalog = _read(paths.catalog / f"{name}.yaml", model, shown, problems)
        if document is not None:
            documents[name] = document
        tables[name] = {entry.id: entry for entry in getattr(catalog, name)} if catalog else {}

    reports: list[Located[Report]] = []
    files = report_files if report_files is not None else paths.report_files()
    if not files and report_files is None:
        problems.add(Problem("E001", "no report files found", hint=f"add a report to {shown(paths.reports)}/"))
    for file in files:
        document, report = _read(file, Report, shown, problems)
        if report is not None:
            reports.append(Located(report, document))

    translations: dict[str, Catalog] = {}
    for site_locale in (locales.locales if locales else []):
        path = catalog_path(paths.i18n, site_locale.id)
        catalog, found = read_catalog(path, shown(path))
        problems.extend(found)
        if catalog is not None:
            translations[site_locale.id] = catalog

    problems.raise_if_errors("load")
    assert locales is not None and locales_doc is not None
    catalogs = Catalogs(documents=documents, **tables)
    return Inputs(paths.root, locales.locales, locales_doc, catalogs, reports, translations)


def _read(path: Path, model: type[T], shown, problems: Problems) -> tuple[SourceDocument | None, T | None]:
    try:
        document = read_yaml(path, shown(path))
    except BuildFailed as failed:
        problems.extend(failed.problems)
        return None, None
    value, found = validate_document(document, model)
    problems.extend(found)
    return document, value
