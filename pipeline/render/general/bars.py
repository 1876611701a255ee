"""Builders of the chart kinds: bars per scenario, grouped bars, lines over a dimension."""

from __future__ import annotations

from pipeline.derive.benchmark import measure_value
from pipeline.derive.figures import Compared, Figure
from pipeline.models.components import Bars, GroupedBars, Lines
from pipeline.props.general import (
    BarPanelProps, BarProps, BarsProps, GroupBarProps, GroupedBarsProps, GroupProps, LineMarkProps, LineProps,
    LinesProps, PointProps, SectionProps, SeriesLabelProps,
)
from pipeline.render.general.context import GeneralContext


def best_of(figures: list[Figure], lower_is_better: bool) -> Figure | None:
    """The single best figure; None when fewer than two are known or the best ties."""
    known = [f for f in figures if f.number is not None]
    if len(known) < 2:
        return None
    ranked = sorted(known, key=lambda f: f.number if lower_is_better else -f.number)
    return None if ranked[0].number == ranked[1].number else ranked[0]


def compare(ident: str, measure: str, reference: Figure, subject: Figure) -> Compared:
    """A comparison computed on the fly from two derived figures (relative bars, group changes)."""
    return Compared(ident, measure, reference, subject, measure_value(measure, reference.number, subject.number))


def bars(ctx: GeneralContext, component: Bars) -> BarsProps:
    """One panel per declared metric: a bar per scenario, its change against the reference, the best marked."""
    panels = []
    for panel in component.panels:
        view = ctx.derived.metrics[panel.metric]
        ids = ctx.derived.scenario_ids(panel.scenarios)
        figures = [ctx.derived.figure(panel.metric, s, panel.statistic, panel.at) for s in ids]
        reference_id = None if panel.reference == "none" else (
            ctx.report.baseline if panel.reference == "baseline" else panel.reference)
        reference = ctx.derived.figure(panel.metric, reference_id, panel.statistic, panel.at) \
            if reference_id else None
        best = best_of(figures, view.lower_is_better)
        items = []
        for scenario, figure in zip(ids, figures):
            relative = None
            if reference is not None and scenario != reference_id:
                relative = ctx.change(compare("relative", "change", reference, figure))
            flagged = panel.flag is not None and figure.number is not None and figure.number > panel.flag.above
            items.append(BarProps(scenario=scenario, figure=ctx.value(figure), relative=relative,
                                  best=figure is best, flag=ctx.loc.pick(panel.flag.label) if flagged else None))
        line = None
        if panel.line is not None:
            line = LineMarkProps(value=panel.line.value, label=ctx.loc.pick(panel.line.label),
                                 formatted=ctx.loc.measure(panel.line.value, view.unit.id, view.unit.format,
                                                           view.decimals))
        extra = [panel.line.value] if panel.line else []
        panels.append(BarPanelProps(
            title=ctx.selection_label(panel.metric, panel.statistic, panel.at, panel.label), metric=panel.metric,
            statistic=panel.statistic, direction=view.metric.direction, direction_label=ctx.direction_label(view),
            axis=ctx.axis(view, [f.high if f.high is not None else f.number for f in figures], extra),
            line=line, bars=items))
    return BarsProps(**ctx.envelope(component), panels=panels)


def grouped_bars(ctx: GeneralContext, component: GroupedBars) -> GroupedBarsProps:
    """Per section, a group per scenario and a bar per level (or statistic), with the group's change."""
    sections = []
    for section in component.sections:
        view = ctx.derived.metrics[section.metric]
        if section.series == "statistic":
            series = [(s, {}, s) for s in section.statistics or ["p50", "p99"]]
            labels = [SeriesLabelProps(id=s, label=ctx.statistic_label(s)) for s, _, _ in series]
        else:
            dimension = next(d for d in ctx.report.dimensions if d.id == section.series)
            levels = section.levels if section.levels is not None else [lvl.value for lvl in dimension.levels]
            series = [(_level_id(v), {section.series: v}, section.statistic) for v in levels]
            labels = [SeriesLabelProps(id=_level_id(v), label=ctx.level_label(section.series, v)) for v in levels]
        groups, numbers = [], []
        for scenario in ctx.derived.scenario_ids(section.scenarios):
            figures = [ctx.derived.figure(section.metric, scenario, statistic, {**section.at, **at})
                       for _, at, statistic in series]
            numbers += [f.number for f in figures]
            change = None
            known = [f for f in figures if f.number is not None]
            if section.change and len(known) >= 2:
                change = ctx.change(compare("group", "change", known[0], known[-1]))
            groups.append(GroupProps(
                scenario=scenario, label=ctx.scenario_label(scenario),
                bars=[GroupBarProps(series=sid, figure=ctx.value(f)) for (sid, _, _), f in zip(series, figures)],
                change=change))
        title = ctx.selection_label(section.metric, section.statistic if section.series != "statistic"
                                    else "value", section.at, section.label)
        if len(groups) == 1:  # one scenario's bars: the heading says whose they are
            title = ctx.loc.text("general.section_of", title=title, scenario=groups[0].label)
        sections.append(SectionProps(
            title=title,
            metric=section.metric, direction_label=ctx.direction_label(view), axis=ctx.axis(view, numbers),
            series=labels, groups=groups))
    return GroupedBarsProps(**ctx.envelope(component), sections=sections)


def lines(ctx: GeneralContext, component: Lines) -> LinesProps:
    """A line per scenario over the levels of a dimension; missing points stay in, with no value."""
    view = ctx.derived.metrics[component.metric]
    dimension = next(d for d in ctx.report.dimensions if d.id == component.over)
    levels = component.levels if component.levels is not None else [lvl.value for lvl in dimension.levels]
    out, numbers = [], []
    for scenario in ctx.derived.scenario_ids(component.scenarios):
        points = []
        for level in levels:
            figure = ctx.derived.figure(component.metric, scenario, component.statistic,
                                        {**component.at, component.over: level})
            numbers.append(figure.number)
            points.append(PointProps(level=_level_id(level), figure=ctx.value(figure)))
        out.append(LineProps(scenario=scenario, points=points))
    return LinesProps(
        **ctx.envelope(component), metric=component.metric, x_label=ctx.loc.pick(dimension.label),
        levels=[SeriesLabelProps(id=_level_id(v), label=ctx.level_label(component.over, v)) for v in levels],
        axis=ctx.axis(view, numbers), direction_label=ctx.direction_label(view), lines=out)


def _level_id(value) -> str:
    """A level as an id in props: 1000.0 -> '1000', 'max' -> 'max'."""
    if isinstance(value, str):
        return value
    return f"{value:g}"
