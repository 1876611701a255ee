"""Meaning checks of benchmark reports: every id resolves, every place on the dimensions is declared.

One function per report section; each adds problems located at the offending field.
"""

from __future__ import annotations

from pipeline.derive.figures import coords
from pipeline.errors import Problem
from pipeline.load.project import Inputs, Located
from pipeline.validate.checker import Checker

PLANNED_FIGURES = "a planned report has no results yet"


def check_benchmarks(inputs: Inputs) -> list[Problem]:
    """Problems of every benchmark report."""
    problems: list[Problem] = []
    names: dict[str, str] = {}
    for located in inputs.benchmarks:
        checker = Checker(located.document)
        _check(checker, located, inputs)
        problems += checker.problems
        if located.value.id in names:
            checker.add("E042", f"report id '{located.value.id}' is also used by {names[located.value.id]}", ("id",),
                        "give each report its own id (it names its folder under site-data/)")
            problems += checker.problems[-1:]
        names[located.value.id] = located.document.file
    return problems


def _check(c: Checker, located: Located, inputs: Inputs) -> None:
    report = located.value
    cat = inputs.catalogs
    scenario_ids = [s.id for s in report.scenarios]
    _unique(c, [s.id for s in report.scenarios], ("scenarios",), "scenario")
    c.ref("scenario", report.baseline, scenario_ids, ("baseline",))
    metric_ids = [m.metric for m in report.metrics]
    _unique(c, metric_ids, ("metrics",), "metric")
    for i, m in enumerate(report.metrics):
        if c.ref("metric", m.metric, cat.known("metrics"), ("metrics", i, "metric"), "data/catalog/metrics.yaml"):
            metric = cat.metrics.get(m.metric)
            if metric is not None and cat.known("units") is not None and metric.unit not in cat.units:
                c.add("E040", f"metric '{m.metric}' is in unit '{metric.unit}', which units.yaml does not define",
                      ("metrics", i, "metric"), "add the unit to data/catalog/units.yaml")
    dims = {d.id: d for d in report.dimensions}
    _unique(c, [d.id for d in report.dimensions], ("dimensions",), "dimension")
    for i, d in enumerate(report.dimensions):
        if d.unit is not None:
            c.ref("unit", d.unit, cat.known("units"), ("dimensions", i, "unit"), "data/catalog/units.yaml")
        levels = [coords({"x": lvl.value}) for lvl in d.levels]
        if len(set(levels)) != len(levels):
            c.add("E042", f"dimension '{d.id}' lists a level twice", ("dimensions", i, "levels"),
                  "list each level once, in display order")

    def metric(value, path) -> bool:
        return c.ref("metric", value, metric_ids, path, "the report's metrics:")

    def place(at, path) -> None:
        for key, value in at.items():
            if not c.ref("dimension", key, list(dims), path + (key,), "the report's dimensions:"):
                continue
            if coords({"x": value}) not in {coords({"x": lvl.value}) for lvl in dims[key].levels}:
                shown = ", ".join(_level(lvl.value) for lvl in dims[key].levels)
                c.add("E041", f"'{_level(value)}' is not a level of dimension '{key}' (levels: {shown})", path + (key,),
                      f"use one of its levels, or add it under dimensions[{list(dims).index(key)}].levels")

    def scenario(value, path) -> bool:
        return c.ref("scenario", value, scenario_ids, path)

    for s_index, s in enumerate(report.scenarios):
        for g_index, group in enumerate(s.deployment or []):
            c.ref("instance", group.instance, cat.known("instances"),
                  ("scenarios", s_index, "deployment", g_index, "instance"), "data/catalog/instances.yaml")
    for g_index, group in enumerate(report.deployment):
        c.ref("instance", group.instance, cat.known("instances"), ("deployment", g_index, "instance"),
              "data/catalog/instances.yaml")
    if report.method.basis == "planned" and (report.figures or report.measurements):
        c.add("E045", f"{PLANNED_FIGURES}, but it has figures", ("figures",) if report.figures else ("measurements",),
              "set method.basis to measured (or estimated) once results exist, or remove the figures")
    seen: dict = {}
    for i, block in enumerate(report.figures):
        path = ("figures", i)
        if metric(block.metric, path + ("metric",)):
            _figure_values(c, block, path, inputs)
        c.ref("source", block.source, cat.known("sources"), path + ("source",), "data/catalog/sources.yaml")
        place(block.at, path + ("at",))
        for sid in block.values:
            if scenario(sid, path + ("values", sid)):
                key = (block.metric, block.statistic, sid, coords(block.at))
                if key in seen:
                    c.add("E043", f"{block.metric} ({block.statistic}) of {sid} here is also given at {seen[key]}",
                          path + ("values", sid), "give each figure once")
                seen[key] = c.document.shown(path + ("values", sid))
    for i, entry in enumerate(report.measurements):
        scenario(entry.scenario, ("measurements", i, "scenario"))
        if entry.format is not None:
            c.ref("format", entry.format, list(inputs.formats), ("measurements", i, "format"), "data/formats/")
        for j, take in enumerate(entry.take or []):
            metric(take.metric, ("measurements", i, "take", j, "metric"))
    chains: set[str] = set()
    _unique(c, [x.id for x in report.comparisons], ("comparisons",), "comparison")
    for i, comp in enumerate(report.comparisons):
        path = ("comparisons", i)
        metric(comp.metric, path + ("metric",))
        place(comp.at, path + ("at",))
        if comp.chain is None and comp.to is None:
            c.add("E021", "a comparison needs 'to' (and optionally 'from'), or 'chain'", path,
                  "add  to: <scenario id>")
        if comp.chain is not None and (comp.to is not None or comp.from_ is not None):
            c.add("E046", "a comparison has either 'chain' or from/to, not both", path, "keep one of them")
        for name, end in (("from", comp.from_), ("to", comp.to)):
            if end is not None:
                scenario(end.scenario, path + (name,))
                place(end.at, path + (name, "at"))
        for j, end in enumerate(comp.chain or []):
            scenario(end.scenario, path + ("chain", j))
        if comp.chain:
            chains.update(f"{comp.id}.{k}" for k in range(len(comp.chain) - 1))
    comparison_ids = [x.id for x in report.comparisons if x.chain is None] + sorted(chains)
    for i, f in enumerate(report.findings):
        path = ("findings", i)
        if f.kind in ("change", "ratio"):
            if f.comparison is None:
                c.add("E021", f"a {f.kind} finding needs 'comparison'", path, "name one of the report's comparisons")
            else:
                c.ref("comparison", f.comparison, comparison_ids, path + ("comparison",))
        elif f.kind in ("leader", "range"):
            if f.figure is None:
                c.add("E021", f"a {f.kind} finding needs 'figure' (metric, statistic, at)", path,
                      "add  figure: {metric: <id>}")
            elif metric(f.figure.metric, path + ("figure", "metric")):
                place(f.figure.at, path + ("figure", "at"))
        elif f.title is None or f.text is None:
            c.add("E021", "a note finding needs 'title' and 'text'", path, "write both, in every locale")
    _components(c, report, metric, place, scenario, comparison_ids, dims)


def _level(value) -> str:
    # Levels read as YAML numbers may be floats: 1000.0 is written 1000.
    return f"{value:g}" if isinstance(value, float) else str(value)


def _figure_values(c: Checker, block, path, inputs: Inputs) -> None:
    metric = inputs.catalogs.metrics.get(block.metric)
    if metric is None:
        return
    for sid, item in block.values.items():
        where = path + ("values", sid)
        if (item.low is None) != (item.high is None):
            c.add("E021", "a range needs both 'low' and 'high'", where, "add the missing end")
        if item.value is not None and item.low is not None:
            c.add("E046", "a figure is a value or a range (low, high), not both", where, "keep one")
        if item.low is not None and item.high is not None and item.low > item.high:
            c.add("E046", f"the range runs backwards: low {item.low:g} is above high {item.high:g}", where,
                  "swap low and high")
        for number in (item.value, item.low, item.high):
            if number is None:
                continue
            if metric.values == "positive" and number <= 0 or metric.values == "non-negative" and number < 0:
                need = "greater than 0" if metric.values == "positive" else "0 or more"
                c.add("E023", f"must be {need} (got {number:g})", where,
                      f"{block.metric} figures are {metric.values}; correct the figure, or write null for "
                      f"'not measured'")
            if metric.maximum is not None and number > metric.maximum:
                c.add("E023", f"must be at most {metric.maximum:g} (got {number:g})", where,
                      f"{block.metric} cannot exceed {metric.maximum:g} {metric.unit}")


def _components(c: Checker, report, metric, place, scenario, comparison_ids, dims) -> None:
    names = [x.name for x in report.components]
    _unique(c, names, ("components",), "component")
    table_names = [t.id for t in report.tables] + [x.name for x in report.components if getattr(x, "table", False)]
    _unique(c, table_names, ("tables",), "table")
    for i, comp in enumerate(report.components):
        path = ("components", i)
        for j, panel in enumerate(getattr(comp, "panels", [])):
            metric(panel.metric, path + ("panels", j, "metric"))
            place(panel.at, path + ("panels", j, "at"))
            for s in panel.scenarios or []:
                scenario(s, path + ("panels", j, "scenarios"))
            if panel.reference not in ("baseline", "none"):
                scenario(panel.reference, path + ("panels", j, "reference"))
        for j, section in enumerate(getattr(comp, "sections", [])):
            metric(section.metric, path + ("sections", j, "metric"))
            place(section.at, path + ("sections", j, "at"))
            if section.series != "statistic":
                if section.series not in dims:
                    c.ref("dimension", section.series, list(dims), path + ("sections", j, "series"))
                else:
                    place({section.series: v for v in section.levels or []}, path + ("sections", j, "levels"))
        if comp.kind == "lines":
            metric(comp.metric, path + ("metric",))
            c.ref("dimension", comp.over, list(dims), path + ("over",))
        for j, card in enumerate(getattr(comp, "cards", [])):
            if comp.kind != "kpi_cards":
                continue
            given = [x for x in (card.comparison, card.figure, card.text) if x is not None]
            if len(given) != 1:
                c.add("E046", "a card shows one of: comparison, figure, text", path + ("cards", j),
                      "keep exactly one")
            if card.comparison is not None:
                c.ref("comparison", card.comparison, comparison_ids, path + ("cards", j, "comparison"))
            if card.figure is not None:
                metric(card.figure.metric, path + ("cards", j, "figure", "metric"))
        for j, row in enumerate(getattr(comp, "rows", [])):
            if comp.kind == "value_table":
                if row.texts is None:
                    metric(row.metric, path + ("rows", j, "metric"))
            elif comp.kind == "recommendations":
                for s in row.scenarios:
                    scenario(s, path + ("rows", j, "scenarios"))
                for k, ref in enumerate(row.because):
                    c.ref("comparison", ref, comparison_ids, path + ("rows", j, "because", k))
            elif comp.kind == "matrix" and len(row.cells) != len(comp.columns):
                c.add("E046", f"the row has {len(row.cells)} cell(s) for {len(comp.columns)} column(s)",
                      path + ("rows", j, "cells"), "give one cell per column")
        if comp.kind == "findings":
            for j, index in enumerate(comp.select or []):
                if not 0 <= index < len(report.findings):
                    c.add("E041", f"there is no finding {index} (the report has {len(report.findings)})",
                          path + ("select", j), "use an index into findings:, from 0")


def _unique(c: Checker, ids: list[str], path, kind: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            c.add("E042", f"{kind} '{ident}' is declared twice", path + (i,),
                  f"give each {kind} its own {'name' if kind in ('component', 'table') else 'id'}")
        seen.add(ident)
