"""Find and read every input of a project: catalogues, reports, locales, translations.

The result is validated structurally (pydantic); references between files are
checked by :mod:`pipeline.validate.references`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic import BaseModel

from pipeline.errors import BuildFailed, Location, Problem, Problems
from pipeline.load.po_source import PoScan, scan_po
from pipeline.load.yaml_source import SourceDocument, display_path, read_yaml
from pipeline.localize import Catalog, catalog_path
from pipeline.models.catalog import (
    Accelerator, AcceleratorCatalog, Instance, InstanceCatalog, Metric, MetricCatalog,
    Model, ModelCatalog, Source, SourceCatalog, Unit, UnitCatalog,
)
from pipeline.models.report import Report

if TYPE_CHECKING:
    from pipeline.models.benchmark import Report as BenchmarkReport
from pipeline.models.site import SiteLocale, SiteLocales
from pipeline.validate.merges import merged_flags
from pipeline.validate.schema import validate_document

if TYPE_CHECKING:
    from pipeline.load.measurements import MeasuredPoints

T = TypeVar("T", bound=BaseModel)

CATALOG_FILES: dict[str, type[BaseModel]] = {
    "sources": SourceCatalog,
    "accelerators": AcceleratorCatalog,
    "instances": InstanceCatalog,
    "models": ModelCatalog,
    "metrics": MetricCatalog,
    "units": UnitCatalog,
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
    units: dict[str, Unit]
    documents: dict[str, SourceDocument]
    """Catalogue name -> its document, to locate problems."""
    failed: frozenset[str] = frozenset()
    """Catalogues that did not load; references into them are not checked (their problems are reported)."""

    def known(self, name: str) -> dict | None:
        """The entries of catalogue ``name`` by id, or None if it failed to load."""
        return None if name in self.failed else getattr(self, name)


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, validated one file at a time."""

    root: Path
    locales: list[SiteLocale]
    locales_document: SourceDocument | None
    """None only while problems are being collected (i18n/locales.yaml did not load)."""
    catalogs: Catalogs
    reports: list[Located[Report]]
    translations: dict[str, Catalog]
    """Site locale id -> its gettext catalogue."""
    po_scans: dict[str, PoScan] = field(default_factory=dict)
    """Site locale id -> its catalogue as written (lines, fuzzy flags), for the translation checks."""
    measurements: dict[str, list[MeasuredPoints]] = field(default_factory=dict)
    """Report file (as shown) -> what the raw files of its ``measurements`` hold, entry by entry."""
    benchmarks: list[Located[BenchmarkReport]] = field(default_factory=list)
    """Reports of the general model (``kind: benchmark``), validated structurally."""
    formats: dict[str, Located] = field(default_factory=dict)
    """Declared raw-file field maps (data/formats/<id>.yaml) by id."""
    observed: dict[str, list] = field(default_factory=dict)
    """Benchmark report file (as shown) -> the observations its measurements' raw files hold."""


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


def read_inputs(paths: ProjectPaths, report_files: list[Path] | None = None) -> tuple[Inputs, Problems]:
    """Read every input, keeping what validates and collecting the problems of the rest.

    Nothing raises: a broken catalogue, report or translation leaves the others loaded, so
    the reference checks can still run on them and the editor sees every problem at once.
    ``report_files`` selects reports (default: every file in data/reports/).
    """
    problems = Problems()
    shown = lambda p: display_path(paths.root, p)  # noqa: E731

    locales_doc, locales = _read(paths.i18n / "locales.yaml", SiteLocales, shown, problems)

    documents: dict[str, SourceDocument] = {}
    tables: dict[str, dict] = {}
    failed: set[str] = set()
    for name, model in CATALOG_FILES.items():
        document, catalog = _read(paths.catalog / f"{name}.yaml", model, shown, problems)
        if document is not None:
            documents[name] = document
        if catalog is None:
            failed.add(name)
        tables[name] = {entry.id: entry for entry in getattr(catalog, name)} if catalog else {}

    reports: list[Located[Report]] = []
    files = report_files if report_files is not None else paths.report_files()
    if not files and report_files is None:
        problems.add(Problem("E001", "no report files found", Location(shown(paths.reports)),
                             hint=f"add a report to {shown(paths.reports)}/ (copy an existing one to start)"))
    measured: dict[str, list[MeasuredPoints]] = {}
    benchmarks: list[Located] = []
    for file in files:
        try:
            document = read_yaml(file, shown(file))
        except BuildFailed as unreadable:
            problems.extend(unreadable.problems)
            continue
        if _declared_kind(document) == "benchmark":
            from pipeline.models.benchmark import Report as BenchmarkReport  # only projects that have one

            benchmark, found = validate_document(document, BenchmarkReport)
            problems.extend(found)
            problems.extend(merged_flags(document))
            if benchmark is not None:
                benchmarks.append(Located(benchmark, document))
            continue
        report, found = validate_document(document, Report)
        problems.extend(found)
        problems.extend(merged_flags(document))
        if report is not None:
            reports.append(Located(report, document))
            if report.measurements:
                # Imported here: only reports with raw files pay for the parsers.
                from pipeline.load.measurements import read_measurements

                measured[document.file], found = read_measurements(report, document, paths.root, tables["models"])
                problems.extend(found)

    translations: dict[str, Catalog] = {}
    scans: dict[str, PoScan] = {}
    for site_locale in (locales.locales if locales else []):
        path = catalog_path(paths.i18n, site_locale.id)
        scan, found = _scan_po(path, shown(path))
        problems.extend(found)
        if scan is None:
            continue
        translations[site_locale.id] = catalog_from_scan(scan)
        scans[site_locale.id] = scan

    catalogs = Catalogs(documents=documents, failed=frozenset(failed), **tables)
    formats = _read_formats(paths, shown, problems) if benchmarks else {}
    observed: dict[str, list] = {}
    for located in benchmarks:
        if located.value.measurements:
            from pipeline.load.observed import read_observed  # only reports with raw files pay for the parsers

            known = {m: tables["metrics"][m] for m in (x.metric for x in located.value.metrics)
                     if m in tables["metrics"]}
            observed[located.document.file], found = read_observed(
                located.value, located.document, paths.root, tables["units"], known, formats)
            problems.extend(found)
    inputs = Inputs(paths.root, locales.locales if locales else [], locales_doc if locales else None,
                    catalogs, reports, translations, scans, measured, benchmarks, formats, observed)
    return inputs, problems


def _declared_kind(document: SourceDocument) -> str | None:
    """The ``kind:`` a report file declares (None: an LLM-serving report), read before validation."""
    data = document.data
    return data.get("kind") if isinstance(data, dict) and isinstance(data.get("kind"), str) else None


def _read_formats(paths: ProjectPaths, shown, problems: Problems) -> dict[str, Located]:
    """Declared field maps for teams' own raw files: data/formats/*.yaml, by id."""
    folder = paths.data / "formats"
    if not folder.is_dir():
        return {}
    try:
        from pipeline.models.raw_format import FieldMap
    except ImportError:  # the field-map model arrives with the networking formats
        return {}
    found: dict[str, Located] = {}
    for file in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()):
        document, value = _read(file, FieldMap, shown, problems)
        if value is not None:
            found[value.id] = Located(value, document)
    return found


def catalog_from_scan(scan: PoScan) -> Catalog:
    """The messages gettext would use: translated, not fuzzy (the scan already read the file)."""
    return Catalog(scan.file, {msgid: e.string for msgid, e in scan.entries.items() if e.string and not e.fuzzy},
                   {msgid: e.line for msgid, e in scan.entries.items()},
                   {msgid: e.forms for msgid, e in scan.entries.items() if e.forms and all(e.forms) and not e.fuzzy})


def _scan_po(path: Path, shown_as: str) -> tuple[PoScan | None, list[Problem]]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("E061", "translation catalogue not found", Location(shown_as),
                              hint="copy i18n/en/LC_MESSAGES/site-data.po to this path and translate every msgstr")]
    except OSError as exc:
        return None, [Problem("E061", f"cannot read the translation catalogue ({exc.strerror or exc})",
                              Location(shown_as), hint="check the file's permissions")]
    return scan_po(raw, shown_as)


def _read(path: Path, model: type[T], shown, problems: Problems) -> tuple[SourceDocument | None, T | None]:
    try:
        document = read_yaml(path, shown(path))
    except BuildFailed as failed:
        problems.extend(failed.problems)
        return None, None
    value, found = validate_document(document, model)
    problems.extend(found)
    return document, value
