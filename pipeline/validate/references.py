"""Meaning checks across files: references resolve, ids are unique, texts are complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from pipeline.errors import Problem
from pipeline.load.project import Inputs, Located
from pipeline.lint.registry import RULES, WAIVER_RULES
from pipeline.load.yaml_source import FieldPath
from pipeline.models.report import Report, Sweep
from pipeline.validate.checker import Checker
from pipeline.validate.llm_components import check_components
from pipeline.validate.texts import check_localized
from pipeline.validate.translations import check_translations
from pipeline.validate.pricing import check_compute_sources, check_pricing
from pipeline.validate.units import check_metric_units

RECOMMENDATION_REASONS = {
    "balance": "share of the baseline's throughput against share of its cost per token",
    "throughput_under_load": "throughput at the sweep's highest concurrency",
    "memory_per_accelerator": "memory per accelerator and in total",
}
"""Reasons a recommendation may give besides a metric id."""


def check_references(inputs: Inputs) -> list[Problem]:
    """Every cross-file and within-file meaning problem, in no particular order.

    Works on partly loaded inputs too (see :func:`pipeline.load.project.read_inputs`).
    """
    problems: list[Problem] = []
    problems += _check_locales(inputs)
    problems += _check_catalogs(inputs)
    problems += check_metric_units(inputs.catalogs)
    problems += check_translations(inputs)
    seen_reports: dict[str, str] = {}
    for located in inputs.reports:
        problems += _check_report(inputs, located)
        report, document = located.value, located.document
        if report.id in seen_reports:
            problems.append(Problem("E042", f"report id '{report.id}' is also used by {seen_reports[report.id]}",
                                    document.locate(("id",)), "id", "give each report its own id"))
        seen_reports[report.id] = document.file
    if inputs.benchmarks:
        from pipeline.validate.benchmark import check_benchmarks  # only projects with benchmark reports

        problems += check_benchmarks(inputs)
        locales = [loc.id for loc in inputs.locales]
        for located in inputs.benchmarks:
            check = Checker(located.document)
            check_localized(check, located.value, (), locales)
            problems += check.problems
    return problems


def _check_locales(inputs: Inputs) -> list[Problem]:
    if inputs.locales_document is None:
        return []
    check = Checker(inputs.locales_document)
    check.unique("locale", [(loc.id, ("locales", i, "id")) for i, loc in enumerate(inputs.locales)])
    folded: dict[str, tuple[str, FieldPath]] = {}
    for i, loc in enumerate(inputs.locales):
        # pt-BR and pt-br are one folder on macOS and Windows (and one Docusaurus locale to a reader).
        first = folded.setdefault(loc.id.casefold(), (loc.id, ("locales", i, "id")))
        if first[0] != loc.id:
            line = check.document.locate(first[1]).line
            check.add("E042", f"locale id '{loc.id}' differs from '{first[0]}' (line {line}) only in upper/lower "
                              "case", ("locales", i, "id"),
                      "they would share one folder on macOS and Windows; keep one spelling (Docusaurus: pt-BR)")
    for i, loc in enumerate(inputs.locales):
        try:
            Locale.parse(loc.babel)
        except (UnknownLocaleError, ValueError):
            check.add("E062", f"Babel does not know the locale '{loc.babel}'", ("locales", i, "babel"),
                      "use a CLDR id such as zh_Hans_CN, en_US, ko_KR, pt_BR")
    return check.problems


def _check_catalogs(inputs: Inputs) -> list[Problem]:
    cats = inputs.catalogs
    problems: list[Problem] = []
    for name, document in cats.documents.items():
        check = Checker(document)
        entries = document.data.get(name, []) if isinstance(document.data, dict) else []
        check.unique(name.rstrip("s"), [(e.get("id"), (name, i, "id")) for i, e in enumerate(entries)
                                         if isinstance(e, dict) and isinstance(e.get("id"), str)])
        for i, entry in enumerate(getattr_list(cats, name)):
            if hasattr(entry, "source") and name != "sources":
                check.ref("source", entry.source, cats.known("sources"), (name, i, "source"),
                          "data/catalog/sources.yaml")
            if name == "instances":
                check.ref("accelerator", entry.accelerator, cats.known("accelerators"), (name, i, "accelerator"),
                          "data/catalog/accelerators.yaml")
            if name == "models" and entry.architecture == "moe" and entry.experts is None:
                check.add("E046", f"model '{entry.id}' is a mixture of experts but has no 'experts'",
                          (name, i), "add experts: {routed: N, shared: N, active_per_token: N}")
        if name == "accelerators":
            check_compute_sources(check, getattr_list(cats, name), cats.known("sources"))
        problems += check.problems
    return problems


def getattr_list(cats, name: str) -> list:
    return list(getattr(cats, name).values())


def _check_report(inputs: Inputs, located: Located[Report]) -> list[Problem]:
    report, document = located.value, located.document
    cats = inputs.catalogs
    check = Checker(document)
    stem = Path(document.file).stem
    if report.id != stem:
        check.add("E048", f"report id '{report.id}' does not match its file name '{stem}'", ("id",),
                  f"rename the file to {report.id}.yaml or set id: {stem}")

    check_localized(check, report, (), [loc.id for loc in inputs.locales])

    scenario_ids = [s.id for s in report.scenarios]
    check.unique("scenario", [(s.id, ("scenarios", i, "id")) for i, s in enumerate(report.scenarios)])
    if report.baseline not in scenario_ids:
        check.add("E041", f"baseline '{report.baseline}' is not one of the scenarios ({', '.join(scenario_ids)})",
                  ("baseline",), "set baseline to the id of the scenario every figure is compared with")
    for i, s in enumerate(report.scenarios):
        check.ref("instance", s.instance, cats.known("instances"), ("scenarios", i, "instance"), "data/catalog/instances.yaml")
        check.ref("source", s.price.source, cats.known("sources"), ("scenarios", i, "price", "source"))
    for i, sw in enumerate(report.method.software):
        for j, sid in enumerate(sw.scenarios or []):
            check.ref("scenario", sid, scenario_ids, ("method", "software", i, "scenarios", j))

    check_components(check, report, cats.known("metrics"))

    model_ids = [m.model for m in report.models]
    check.unique("model", [(m.model, ("models", i, "model")) for i, m in enumerate(report.models)])
    listed_ok = True
    for i, m in enumerate(report.models):
        listed_ok &= check.ref("model", m.model, cats.known("models"), ("models", i, "model"),
                               "data/catalog/models.yaml")
        for part in ("minimum_hardware", "serving_context"):
            footprint = getattr(m, part)
            if footprint is not None:
                check.ref("accelerator", footprint.accelerator, cats.known("accelerators"),
                          ("models", i, part, "accelerator"), "data/catalog/accelerators.yaml")

    def model_ref(value: str | None, path: FieldPath) -> None:
        """A use of a model: it must be in the report's models list."""
        catalogued = cats.known("models") or {}
        if value is None or value in model_ids:
            return
        if value in catalogued:
            if listed_ok:  # else the list's own typo was reported, and this use is what it meant
                check.add("E040", f"model '{value}' is not in the report's models list", path,
                          f"add  - model: {value}  under models:")
            return
        check.ref("model", value, model_ids, path, "the report's models list")

    check_pricing(check, report, cats.known("sources"), model_ids)
    if not report.results and not report.measurements:
        check.add("E021", "a report needs 'results' (typed figures), 'measurements' (raw result files) or both",
                  (), "add results: or measurements: (see the editor's guide in README.md)")
    measured = inputs.measurements.get(document.file, [])
    measured_at: dict[tuple[str, str], set[int]] = {}
    for points in measured:
        for metric, concurrency in points.samples:
            measured_at.setdefault((points.model, metric), set()).add(concurrency)

    figures: dict[tuple, FieldPath] = {}

    def figure_table(model: str, metric: str, concurrency: int, values: dict, path: FieldPath) -> None:
        for sid, figure in values.items():
            here = path + (sid,)
            check.ref("scenario", sid, scenario_ids, here)
            if figure.source is not None:
                check.ref("source", figure.source, cats.known("sources"), here + ("source",))
            key = (model, metric, concurrency, sid)
            if key in figures:
                first = document.locate(figures[key]).line
                check.add("E043", f"{metric} of scenario {sid} at concurrency {concurrency} is given twice "
                                  f"(also on line {first})", here, "keep one of the two; every figure is typed once")
            else:
                figures[key] = here

    for i, result in enumerate(report.results):
        base = ("results", i)
        model_ref(result.model, base + ("model",))
        check.ref("source", result.source, cats.known("sources"), base + ("source",))
        for metric, values in result.metrics.items():
            if check.ref("metric", metric, cats.known("metrics"), base + ("metrics", metric), "data/catalog/metrics.yaml") \
                    and cats.metrics[metric].derived:
                check.add("E047", f"'{metric}' is derived by the pipeline and cannot be typed as a result",
                          base + ("metrics", metric), f"move it under 'stated:' to publish and check a stated figure",
                          key=True)
            figure_table(result.model, metric, result.concurrency, values, base + ("metrics", metric))
        for metric, values in result.stated.items():
            if check.ref("metric", metric, cats.known("metrics"), base + ("stated", metric)) and not cats.metrics[metric].derived:
                check.add("E047", f"'{metric}' is not a derived metric; stated figures are for derived ones",
                          base + ("stated", metric), "move it under 'metrics:'", key=True)
            for sid in values:
                check.ref("scenario", sid, scenario_ids, base + ("stated", metric, sid))

    for i, sweep in enumerate(report.sweeps):
        base = ("sweeps", i)
        model_ref(sweep.model, base + ("model",))
        if check.ref("metric", sweep.metric, cats.known("metrics"), base + ("metric",)) \
                and cats.metrics[sweep.metric].derived:
            check.add("E047", f"'{sweep.metric}' is derived by the pipeline and cannot be swept",
                      base + ("metric",), "sweep a measured metric (output_throughput); the pipeline derives the rest")
        check.ref("source", sweep.source, cats.known("sources"), base + ("source",))
        if not _sweep_shape(check, sweep, base, measured_at):
            continue
        lines: dict[int, int | None] = {}
        highest = 0
        for j, point in enumerate(sweep.points):
            here = base + ("points", j, "concurrency")
            if point.concurrency in lines:
                # A repeated point: say so once, rather than once per value it repeats.
                check.add("E049", f"concurrency {point.concurrency} is listed twice in this sweep "
                                  f"(first on line {lines[point.concurrency]})", here,
                          "keep one point per concurrency; every figure is typed once")
                continue
            if point.concurrency < highest:
                check.add("E049", f"concurrency {point.concurrency} comes after {highest}", here,
                          "list sweep points in increasing concurrency")
            lines[point.concurrency] = document.locate(here).line
            highest = max(highest, point.concurrency)
            figure_table(sweep.model, sweep.metric, point.concurrency, point.values, base + ("points", j, "values"))

    _check_measurements(check, report, measured, model_ref, scenario_ids, cats, figures)

    for i, finding in enumerate(report.findings):
        base = ("findings", i)
        if hasattr(finding, "model"):
            model_ref(finding.model, base + ("model",))
        for attr in ("scenario", "versus"):
            if getattr(finding, attr, None) is not None:
                check.ref("scenario", getattr(finding, attr), scenario_ids, base + (attr,))
        for j, sid in enumerate(getattr(finding, "scenarios", [])):
            check.ref("scenario", sid, scenario_ids, base + ("scenarios", j))
        for j, metric in enumerate(getattr(finding, "metrics", [])):
            check.ref("metric", metric, cats.known("metrics"), base + ("metrics", j))
        _check_percentages(check, finding, base)
        if finding.kind == "scaling":
            points = {p.concurrency for s in report.sweeps if s.model == finding.model for p in s.points}
            points |= {c for s in report.sweeps if s.model == finding.model and s.from_ is not None
                       for c in measured_at.get((s.model, s.metric), ())}
            if finding.concurrency not in points:
                check.add("E040", f"no sweep of '{finding.model}' has a point at concurrency {finding.concurrency}",
                          base + ("concurrency",), f"use one of: {', '.join(map(str, sorted(points))) or 'none'}")

    _check_waivers(check, report)

    known_metrics = cats.known("metrics")
    reasons = None if known_metrics is None else list(known_metrics) + list(RECOMMENDATION_REASONS)
    for i, rec in enumerate(report.recommendations.workloads):
        base = ("recommendations", "workloads", i)
        for j, sid in enumerate(rec.scenarios):
            check.ref("scenario", sid, scenario_ids, base + ("scenarios", j))
        if rec.model is not None:
            model_ref(rec.model, base + ("model",))
        for j, reason in enumerate(rec.because):
            check.ref("reason", reason, reasons, base + ("because", j))
        if not rec.because and rec.note is None:
            check.add("E046", "a recommendation needs 'because' (metrics or reasons) or a 'note'", base,
                      f"add because: [<metric id>] or one of {', '.join(RECOMMENDATION_REASONS)}")
    check.unique("rating", [(r.scenario, ("recommendations", "ratings", i, "scenario"))
                            for i, r in enumerate(report.recommendations.ratings)])
    for i, rating in enumerate(report.recommendations.ratings):
        check.ref("scenario", rating.scenario, scenario_ids, ("recommendations", "ratings", i, "scenario"))

    # Each table is published as tables/tradeoffs-<id>.mdx: a second one with the id would replace the first.
    check.unique("trade-off table", [(table.id, ("tradeoffs", t, "id")) for t, table in enumerate(report.tradeoffs)])
    for t, table in enumerate(report.tradeoffs):
        base = ("tradeoffs", t)
        for g, group in enumerate(table.groups):
            for j, sid in enumerate(group.scenarios):
                check.ref("scenario", sid, scenario_ids, base + ("groups", g, "scenarios", j))
        for r, row in enumerate(table.rows):
            if len(row.cells) != len(table.groups):
                check.add("E046", f"row has {len(row.cells)} cells but the table has {len(table.groups)} groups",
                          base + ("rows", r, "cells"), "give one cell per group, in the groups' order")
            for c, cell in enumerate(row.cells):
                here = base + ("rows", r, "cells", c)
                if cell.figure is not None:
                    model_ref(cell.figure.model, here + ("figure", "model"))
                    check.ref("metric", cell.figure.metric, cats.known("metrics"), here + ("figure", "metric"))
                for loc, text in cell.text.items():
                    has_slot = "{{ figure }}" in text
                    if has_slot != (cell.figure is not None):
                        check.add("E046", f"the {loc} text {'uses' if has_slot else 'lacks'} '{{{{ figure }}}}' "
                                          f"but the cell {'has no' if has_slot else 'has a'} figure",
                                  here + ("text", loc), "put '{{ figure }}' where the computed figure goes, "
                                                        "in every locale, or remove the figure")
    return check.problems


def _check_waivers(check: Checker, report: Report) -> None:
    """A waiver names a lint rule that exists and may be waived (whether it matches is lint's job: L061)."""
    waivable = [code for code in RULES if code not in WAIVER_RULES]
    for i, waiver in enumerate(report.waivers):
        base = ("waivers", i)
        if waiver.rule in WAIVER_RULES:
            check.add("E046", f"{waiver.rule} is about waivers themselves and cannot be waived", base + ("rule",),
                      "fix the waiver it reports instead")
        elif waiver.rule not in RULES:
            # Codes are close to each other by construction, so a spelling guess would mislead: list them.
            check.add("E040", f"unknown lint rule '{waiver.rule}'", base + ("rule",),
                      f"waivable rules: {', '.join(waivable)} (see docs/lint/README.md)")


def _sweep_shape(check: Checker, sweep: Sweep, base: FieldPath, measured_at: dict[tuple[str, str], set[int]]) -> bool:
    """A sweep either types its points (with a source) or takes them from the measurements.

    Returns whether its typed points are to be checked further.
    """
    if sweep.from_ is not None:
        if sweep.points:
            check.add("E046", "a sweep 'from: measurements' takes its points from the raw files; it types none",
                      base + ("points",), "remove points:, or remove from: to type the points", key=True)
        reached = sorted(measured_at.get((sweep.model, sweep.metric), ()))
        if len(reached) < 2:
            found = f"only at concurrency {reached[0]}" if reached else "at no concurrency"
            check.add("E035", f"{sweep.metric} of {sweep.model} is measured {found}; a sweep needs two or more",
                      base + ("from",), "add measurements: whose files hold runs at several concurrencies, "
                                        "or type the points", key=True)
        return False
    if sweep.source is None:
        check.add("E021", "missing required field 'source'", base, "add 'source:' here (source of the typed values)")
    if len(sweep.points) < 2:
        check.add("E027", f"needs at least 2 item(s) (got {len(sweep.points)})", base + ("points",),
                  "type a point per concurrency, or take them from the raw files with from: measurements")
    return True


def _check_measurements(check: Checker, report: Report, measured: list, model_ref, scenario_ids: list[str],
                        cats, figures: dict[tuple, FieldPath]) -> None:
    """Each measurements entry names a model, scenario and metrics of the report, and each figure it
    fills is filled once (not typed as well, not measured by another entry)."""
    if not report.measurements:
        return
    from pipeline.load.measurements import MEASURABLE  # the parsers load only for reports with raw files

    known_metrics = cats.known("metrics")
    for i, entry in enumerate(report.measurements):
        base = ("measurements", i)
        model_ref(entry.model, base + ("model",))
        check.ref("scenario", entry.scenario, scenario_ids, base + ("scenario",))
        for j, metric in enumerate(entry.metrics or []):
            if check.ref("metric", metric, known_metrics, base + ("metrics", j), "data/catalog/metrics.yaml") \
                    and metric not in MEASURABLE:
                check.add("E047", f"'{metric}' cannot be read from raw files", base + ("metrics", j),
                          f"raw files give {', '.join(MEASURABLE)}; the pipeline derives the rest")
    for points in measured:
        here = ("measurements", points.index, "files")
        for metric, concurrency in points.samples:
            key = (points.model, metric, concurrency, points.scenario)
            if key in figures:
                first = check.document.locate(figures[key]).line
                check.add("E043", f"{metric} of {points.model} on scenario {points.scenario} at concurrency "
                                  f"{concurrency} comes from these files and from line {first}", here,
                          "keep one origin per figure: narrow the files or metrics:, or remove the other figure")
            else:
                figures[key] = here


def _check_percentages(check: Checker, finding: Any, base: FieldPath) -> None:
    """Published percentages must be possible: an advantage is 0-100 %, shares are positive."""
    stated = getattr(finding, "stated", None)
    if finding.kind == "cost_advantage" and stated is not None:
        for end in ("low", "high"):
            value = getattr(stated, end)
            if not 0 <= value < 100:
                check.add("E051", f"a cost advantage of {_number(value)}% is impossible", base + ("stated", end),
                          "write the percentage by which the cost is lower, between 0 and 100 (58 for '58% lower')")
        if stated.low > stated.high:
            check.add("E051", f"the range runs backwards: low {_number(stated.low)}% is above "
                              f"high {_number(stated.high)}%", base + ("stated",), "swap low and high")
    if finding.kind == "balance" and stated is not None:
        for name in ("throughput_pct", "cost_pct"):
            value = getattr(stated, name)
            if value <= 0:
                check.add("E051", f"a share of {_number(value)}% is impossible", base + ("stated", name),
                          "write the share of the reference's figure in percent (83 for '83% of the throughput')")


def _number(value: float) -> str:
    return f"{value:g}"
