"""The build: a linear script of pure stages. Nothing is written until everything has succeeded.

load -> validate -> derive -> lint -> localize/render -> (the CLI hands the outputs to write)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterator

from jinja2 import Environment

from pipeline.derive.findings import FindingFacts, derive_findings
from pipeline.derive.report import DerivedReport, derive_report
from pipeline.errors import BuildFailed, Location, Problem, Problems
from pipeline.lint import LintResult, Waived, lint_report
from pipeline.load.project import Inputs, ProjectPaths, read_inputs
from pipeline.load.yaml_source import SourceDocument
from pipeline.localize import Localizer, babel_locale
from pipeline.render.charts import ChartPlanner, build_planner
from pipeline.render.context import RenderContext
from pipeline.render.report import render_report
from pipeline.render.split import PlannedCharts, SecondHalf, should_split
from pipeline.render.tables import template_environment
from pipeline.validate.references import check_references
from pipeline.validate.glyphs import locate_missing_glyphs
from pipeline.write import claim_paths
from pipeline.validate.templates import check_templates


@dataclass
class Checked:
    """Inputs that passed validation, derived and linted.

    :func:`render_outputs` lets go of each report once its pages are rendered (:meth:`take_derived`):
    afterwards ``derived``, ``general`` and ``findings`` are empty and the inputs hold no validated
    reports; the ids, warnings, lint results and documents stay.
    """

    inputs: Inputs
    derived: list[DerivedReport]
    findings: dict[str, list[FindingFacts]]
    templates: Environment
    """The environment the templates were checked in, which keeps them compiled for the render."""
    problems: list[Problem] = field(default_factory=list)
    """Warnings (and, under strict, nothing: they were raised as errors)."""
    lint: dict[str, LintResult] = field(default_factory=dict)
    """Report id -> its lint findings, active and waived."""
    general: list = field(default_factory=list)
    """Benchmark reports (the general model), derived."""
    report_ids: list[str] = field(init=False)
    """Ids of the reports of either model, in build order."""
    documents: list[SourceDocument] = field(init=False)
    """The LLM reports' documents, in build order (a chart's missing glyph is looked up in them)."""

    def __post_init__(self) -> None:
        self.report_ids = [d.report.id for d in self.derived] + [g.report.id for g in self.general]
        self.documents = [r.document for r in self.inputs.reports]

    @property
    def report_count(self) -> int:
        """Reports of either model."""
        return len(self.report_ids)

    def take_derived(self, general: bool = False) -> Iterator:
        """Each derived report (of the general model with ``general``), in build order, let go of (with
        its findings and validated model) once the next is asked for: a build renders one report at a
        time, and holding every report's figures to the end would make its memory grow with the site."""
        reports, located = (self.general, self.inputs.benchmarks) if general else (self.derived, self.inputs.reports)
        while reports:
            derived = reports[0]
            yield derived
            del reports[0]
            self.findings.pop(derived.report.id, None)
            located[:] = [r for r in located if r.value is not derived.report]

    @property
    def locale_ids(self) -> list[str]:
        """The site's locales, in order."""
        return [loc.id for loc in self.inputs.locales]

    @property
    def waived(self) -> list[Waived]:
        """Every waived lint finding, report by report."""
        return [w for result in self.lint.values() for w in result.waived]


@dataclass
class BuildResult:
    """Everything a build produced, not yet written."""

    outputs: dict[str, bytes]
    """Path relative to site-data/ -> bytes."""
    warnings: list[Problem]
    reports: list[str]
    locales: list[str]
    waived: list[Waived] = field(default_factory=list)
    """Lint findings the reports acknowledge (listed in the summary, not failing)."""


def check(paths: ProjectPaths, *, strict: bool = False, report_files: list[Path] | None = None,
          lint_errors_fail: bool = True) -> Checked:
    """Load, validate, derive and lint; raise BuildFailed with every problem found.

    With ``lint_errors_fail=False`` lint errors are returned in ``problems`` instead (for ``site-data lint``).
    """
    inputs, problems = read_inputs(paths, report_files)  # partial inputs: references are checked too
    problems.extend(check_references(inputs))
    templates = template_environment(paths.templates)
    problems.extend(check_templates(templates, paths.templates))
    # Every text of every file is checked against the site's locales: when i18n/locales.yaml itself is
    # wrong, its own problems are the ones to fix, not the hundreds of texts that follow from them.
    first = Problems([p for p in problems.errors if p.location and p.location.file.endswith("i18n/locales.yaml")])
    first.raise_if_errors("validate")
    problems.raise_if_errors("validate")
    derived: list[DerivedReport] = []
    findings: dict[str, list[FindingFacts]] = {}
    lint: dict[str, LintResult] = {}
    for located in inputs.reports:  # a report at a time: its positions are looked up by all three in turn
        report = derive_report(located, inputs.catalogs, inputs.measurements.get(located.document.file, ()))
        derived.append(report)
        findings[report.report.id] = derive_findings(report)
        lint[report.report.id] = lint_report(report, findings[report.report.id])
        located.document.release_data()  # read by the checks only: the pages are made from the model
    general = []
    if inputs.benchmarks:
        from pipeline.derive.benchmark import derive_benchmark  # only projects with benchmark reports
        from pipeline.lint.general import lint_benchmark

        general = [derive_benchmark(b.value, b.document, inputs.catalogs, inputs.observed.get(b.document.file, ()))
                   for b in inputs.benchmarks]
        lint.update({g.report.id: lint_benchmark(g) for g in general})
        for located in inputs.benchmarks:
            located.document.release_data()
    for result in lint.values():
        problems.extend(result.problems)
    if strict:
        problems = Problems([_as_error(p) for p in problems.items])
    if lint_errors_fail:
        problems.raise_if_errors("lint")
    return Checked(inputs, derived, findings, templates, problems.sorted(), lint, general)


def build(paths: ProjectPaths, *, strict: bool = False, report_files: list[Path] | None = None,
          charts: bool = True, lint_errors_fail: bool = True) -> BuildResult:
    """Every output of every report (or of ``report_files``) in every locale, in memory.

    With ``charts=False`` the static charts are neither drawn nor part of the outputs; with
    ``lint_errors_fail=False`` lint errors are in the result's warnings instead (for ``site-data diff``,
    which shows what the data give even while lint refuses them). ``site-data build`` streams
    :func:`render_outputs` into the writer instead, so as not to hold every output at once.
    """
    # First, so that its drawing process imports matplotlib while the inputs are read and checked.
    planner = build_planner(paths.output) if charts else None
    try:
        checked = check(paths, strict=strict, report_files=report_files, lint_errors_fail=lint_errors_fail)
        outputs = dict(render_outputs(paths, checked, planner))
    finally:
        if planner is not None:
            planner.close()  # a failed build stops the drawing process it started
    return BuildResult(outputs, checked.problems, checked.report_ids, checked.locale_ids, checked.waived)


def render_outputs(paths: ProjectPaths, checked: Checked, planner: ChartPlanner | None = None,
                   reused: Collection[str] = ()) -> Iterator[tuple[str, bytes]]:
    """Every output of ``checked`` as (path relative to site-data/, bytes), report by report, locale by locale.

    Each report's outputs are handed on as soon as they are rendered and kept no longer (only their
    paths, to refuse one given twice: E095). A message missing from a catalogue fails the build
    (E060) once every report is rendered; the charts, planned with ``planner`` (none: no charts) and
    drawn while the rest renders, come last. Reports in ``reused`` (ids) are left out: their outputs
    are those of the last build (:mod:`pipeline.report_reuse`). A large build renders its later
    reports in a second process (:mod:`pipeline.render.split`), with the same outputs.
    """
    env = checked.templates
    localizers = [Localizer(loc, babel_locale(loc), checked.inputs.translations[loc.id])
                  for loc in checked.inputs.locales]
    claimed: set[str] = set()
    second = _start_second_half(checked, reused, localizers, env, planner)
    locales = {str(loc.locale): loc.locale for loc in localizers}  # the second process names them so
    llm_done = False
    try:
        for index, (derived, general) in enumerate(_reports(checked, reused)):
            if general and not llm_done:  # the LLM reports' missing messages first, as they were found
                _raise_missing(localizers)
                llm_done = True
            if second is not None and index >= second.first:
                rendered = _take_later_report(second, localizers, locales, planner)
            else:
                rendered = _render_report(derived, general, checked, localizers, env, planner)
            for outputs in rendered:
                claim_paths(claimed, list(outputs), derived.document.file)
                claimed.update(outputs)
                yield from outputs.items()
    finally:
        if second is not None:
            second.stop()
    _raise_missing(localizers)
    if planner is not None:
        try:
            drawn = planner.render()
        except BuildFailed as failed:  # a glyph the font lacks: name the field or .po line holding it
            raise BuildFailed(failed.stage, locate_missing_glyphs(failed.problems, checked.documents,
                                                                     checked.inputs.po_scans)) from None
        yield from drawn.items()


def _reports(checked: Checked, reused: Collection[str]) -> Iterator[tuple[DerivedReport, bool]]:
    """The reports to render, in build order: (derived, of the general model), each let go of after."""
    for derived in checked.take_derived():
        if derived.report.id not in reused:
            yield derived, False
    if any(g.report.id not in reused for g in checked.general):
        for derived in checked.take_derived(general=True):
            if derived.report.id not in reused:
                yield derived, True


def _render_report(derived, general: bool, checked: Checked, localizers: list[Localizer], env: Environment,
                   planner) -> list[dict[str, bytes]]:
    """One report's outputs, one dict per locale."""
    lint = checked.lint.get(derived.report.id)
    if general:
        from pipeline.render.general import render_benchmark  # only projects with benchmark reports
        from pipeline.render.general.context import GeneralContext

        return [render_benchmark(GeneralContext(derived, loc, lint), env, planner) for loc in localizers]
    findings = checked.findings[derived.report.id]
    return [render_report(RenderContext(derived, findings, loc, lint), env, planner) for loc in localizers]


def _start_second_half(checked: Checked, reused: Collection[str], localizers: list[Localizer], env: Environment,
                       planner: ChartPlanner | None) -> SecondHalf | None:
    """The process rendering the later half of the reports, when there are enough of them; else None."""
    count = sum(r.report.id not in reused for r in checked.derived) \
        + sum(r.report.id not in reused for r in checked.general)
    if not should_split(count):
        return None
    first = (count + 1) // 2
    return SecondHalf(first, lambda: _later_reports(checked, reused, localizers, env, planner, first))


def _raise_missing(localizers: list[Localizer]) -> None:
    """Fail the build (E060 and the like) if a message was missing from a catalogue."""
    Problems([p for loc in localizers for p in loc.missing]).raise_if_errors("localize")


def _take_later_report(second: SecondHalf, localizers: list[Localizer], locales: dict,
                       planner: ChartPlanner | None) -> list[dict[str, bytes]]:
    """The next report the second process rendered, its missing messages and charts taken over as if
    it had been rendered here (``locales``: the Babel locales by the identifier the process gives)."""
    rendered, missing, planned = second.take()
    for loc, found in zip(localizers, missing):
        loc.merge_missing(found)
    for base, props, locale, serialized, wanted in planned:
        planner.add(base, props, locales[locale], serialized, wanted)
    return rendered


def _later_reports(checked: Checked, reused: Collection[str], localizers: list[Localizer], env: Environment,
                   planner: ChartPlanner | None, first: int) -> Iterator[tuple]:
    """In the second process: a record per report from ``first`` on, with its outputs, the messages
    each locale found missing, and the charts it planned."""
    charts = PlannedCharts() if planner is not None else None
    for index, (derived, general) in enumerate(_reports(checked, reused)):
        if index < first:
            continue
        before = [len(loc.missing) for loc in localizers]
        rendered = _render_report(derived, general, checked, localizers, env, charts)
        yield ("report", rendered, [loc.missing[n:] for loc, n in zip(localizers, before)],
               charts.take() if charts is not None else [])


def _as_error(problem: Problem) -> Problem:
    if problem.severity == "error":
        return problem
    return Problem(problem.code, problem.message, problem.location, problem.path,
                   (problem.hint + "; " if problem.hint else "") + "(a warning, failing because of --strict)", "error")


__all__ = ["build", "check", "BuildResult", "Checked", "Location"]
