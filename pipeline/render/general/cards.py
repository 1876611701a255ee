"""Builders of the card kinds: KPI cards, text cards, key findings, recommendations.

Findings and rationales are sentences from catalogue templates filled with computed figures,
so they say only what the figures give, in every language.
"""

from __future__ import annotations

from pipeline.models.benchmark import CoreFinding
from pipeline.models.components import FindingsComponent, KpiCards, Recommendations, TextCard, TextCards
from pipeline.props.general import (
    FindingProps, FindingsProps, KpiCardProps, KpiCardsProps, RecommendationProps, RecommendationsProps,
    TextCardProps, TextCardsProps,
)
from pipeline.render.general.bars import best_of
from pipeline.render.general.context import GeneralContext


def kpi_cards(ctx: GeneralContext, component: KpiCards) -> KpiCardsProps:
    """Each card's headline: a comparison's figure, a figure of the data, or the editor's short text."""
    cards = []
    for card in component.cards:
        figure = change = None
        sub = ctx.loc.pick(card.sub) if card.sub else None
        if card.comparison is not None:
            change = ctx.change(ctx.derived.comparisons[card.comparison])
            value = change.formatted
            sub = sub or change.sentence
        elif card.figure is not None:
            figure = ctx.value(ctx.derived.figure(card.figure.metric, card.scenario or ctx.report.baseline,
                                                  card.figure.statistic, card.figure.at))
            value = figure.formatted
        else:
            value = ctx.loc.pick(card.text)
        cards.append(KpiCardProps(label=ctx.loc.pick(card.label), value=value, figure=figure, change=change,
                                  sub=sub, color=card.color))
    return KpiCardsProps(**ctx.envelope(component), cards=cards)


def text_card(ctx: GeneralContext, card: TextCard) -> TextCardProps:
    """A card of the editor's text, coloured by its scenario unless it names a colour."""
    color = card.color
    if color is None and card.scenario is not None:
        color = next(s.color for s in ctx.report.scenarios if s.id == card.scenario)
    return TextCardProps(title=ctx.loc.pick(card.title), text=ctx.loc.pick(card.text) if card.text else None,
                         tags=[ctx.loc.pick(t) for t in card.tags], items=[ctx.loc.pick(i) for i in card.items],
                         scenario=card.scenario, color=color)


def text_cards(ctx: GeneralContext, component: TextCards) -> TextCardsProps:
    """Props of a ``text_cards`` component."""
    return TextCardsProps(**ctx.envelope(component), cards=[text_card(ctx, c) for c in component.cards])


def finding_props(ctx: GeneralContext, finding: CoreFinding) -> FindingProps:
    """One finding: a computed title and sentence (leader, change, ratio, range), or the editor's note."""
    loc = ctx.loc
    figures, change, scenario, computed_title, sentence = [], None, None, None, ""
    if finding.kind in ("change", "ratio"):
        compared = ctx.derived.comparisons[finding.comparison]
        change = ctx.change(compared)
        scenario = compared.subject.key.scenario
        metric = ctx.metric_name(compared.reference.key.metric)
        computed_title = loc.text(f"general.finding.{finding.kind}.title", metric=metric, change=change.formatted,
                                  reference=change.reference, subject=change.subject)
        sentence = change.sentence
        figures = [ctx.value(compared.reference), ctx.value(compared.subject)]
    elif finding.kind == "leader":
        ref = finding.figure
        view = ctx.derived.metrics[ref.metric]
        ranked = [ctx.derived.figure(ref.metric, s, ref.statistic, ref.at) for s in ctx.derived.scenario_ids()]
        best = best_of(ranked, view.lower_is_better)
        metric = ctx.selection_label(ref.metric, ref.statistic, ref.at, unit=False)
        if best is None:
            computed_title = loc.text("general.finding.leader.none_title", metric=metric)
            sentence = loc.text("general.finding.leader.none", metric=metric)
        else:
            scenario = best.key.scenario
            known = sorted((f for f in ranked if f.number is not None and f is not best),
                           key=lambda f: f.number if view.lower_is_better else -f.number)
            runner = known[0]
            computed_title = loc.text("general.finding.leader.title", scenario=ctx.scenario_label(scenario), metric=metric)
            sentence = loc.text("general.finding.leader.text", scenario=ctx.scenario_label(scenario),
                                value=ctx.value(best).formatted, runner_up=ctx.scenario_label(runner.key.scenario),
                                runner_value=ctx.value(runner).formatted)
            figures = [ctx.value(best), ctx.value(runner)]
    elif finding.kind == "range":
        ref = finding.figure
        ranked = [ctx.derived.figure(ref.metric, s, ref.statistic, ref.at)
                  for s in ctx.derived.scenario_ids(finding.scenarios)]
        known = sorted((f for f in ranked if f.number is not None), key=lambda f: f.number)
        metric = ctx.selection_label(ref.metric, ref.statistic, ref.at, unit=False)
        if known:
            low, high = ctx.value(known[0]), ctx.value(known[-1])
            spread = (known[-1].number - known[0].number) / known[0].number if known[0].number else None
            computed_title = loc.text("general.finding.range.title", metric=metric)
            sentence = loc.text("general.finding.range.text", metric=metric, low=low.formatted, high=high.formatted,
                                low_scenario=ctx.scenario_label(known[0].key.scenario),
                                high_scenario=ctx.scenario_label(known[-1].key.scenario),
                                spread=loc.percent(spread, 1) if spread is not None else ctx.not_measured())
            figures = [low, high]
        else:
            computed_title = loc.text("general.finding.range.title", metric=metric)
            sentence = loc.text("general.finding.leader.none", metric=metric)
    title = loc.pick(finding.title) if finding.title else computed_title
    text = sentence
    if finding.text:
        editor = loc.pick(finding.text)
        text = loc.text("format.sentences", first=sentence, second=editor) if sentence else editor
    color = finding.color
    if color is None and scenario is not None:
        color = next(s.color for s in ctx.report.scenarios if s.id == scenario)
    return FindingProps(kind=finding.kind, title=title, text=text, figures=figures, change=change,
                        scenario=scenario, color=color, tag=loc.pick(finding.tag) if finding.tag else None)


def findings(ctx: GeneralContext, component: FindingsComponent) -> FindingsProps:
    """Props of a ``findings`` component."""
    chosen = component.select if component.select is not None else range(len(ctx.report.findings))
    return FindingsProps(**ctx.envelope(component),
                         findings=[finding_props(ctx, ctx.report.findings[i]) for i in chosen])


def recommendations(ctx: GeneralContext, component: Recommendations) -> RecommendationsProps:
    """Each row's rationale quotes the comparisons and figures it names, then the editor's reason."""
    loc = ctx.loc
    rows = []
    for row in component.rows:
        changes = [ctx.change(ctx.derived.comparisons[c]) for c in row.because]
        figures = [ctx.value(ctx.derived.figure(f.metric, row.scenarios[0], f.statistic, f.at)) for f in row.figures]
        parts = [c.sentence for c in changes]
        parts += [loc.text("general.rationale.figure", metric=ctx.selection_label(f.metric, f.statistic, f.at, f.label,
                                                                           unit=False), value=v.formatted)
                  for f, v in zip(row.figures, figures)]
        if row.note:
            parts.append(loc.pick(row.note))
        rows.append(RecommendationProps(
            workload=loc.pick(row.workload), scenarios=list(row.scenarios),
            recommended=loc.join([ctx.scenario_label(s) for s in row.scenarios]),
            rationale=loc.text("format.separator").join(parts), changes=changes, figures=figures))
    columns = {k: loc.text(f"general.recommendation.{k}") for k in ("workload", "recommended", "rationale")}
    return RecommendationsProps(**ctx.envelope(component), columns=columns, rows=rows,
                                cards=[text_card(ctx, c) for c in component.cards])
