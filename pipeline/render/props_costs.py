"""Props of price tiers: each tier's hourly price and cost per 1M tokens, points or ranges."""

from __future__ import annotations

from pipeline.derive.costs import TierCost
from pipeline.derive.report import Value
from pipeline.props.models import AmountProps, TierCostProps
from pipeline.render.context import RenderContext


def amount(ctx: RenderContext, low: Value, high: Value, unit: str) -> AmountProps:
    """A point (low is high) or a range, formatted ('$29.50–$49.16', approximate once when either end is)."""
    if low is high:
        return AmountProps(value=low.value, low=None, high=None, formatted=ctx.format_value(low, unit),
                           provenance=ctx.provenance(low, unit))
    formatted = ctx.loc.range(ctx.format(low.value, unit, low.decimals), ctx.format(high.value, unit, high.decimals),
                              approximate=low.approximate or high.approximate)
    return AmountProps(value=None, low=low.value, high=high.value, formatted=formatted,
                       provenance=ctx.provenance(low, unit))


def tier_label(ctx: RenderContext, tier: str) -> str:
    """A tier's name in the reader's language ('Spot', '3-year savings plan')."""
    return ctx.loc.text(f"tier.{tier}")


def tier_costs(ctx: RenderContext, costs: list[TierCost], unit: str) -> list[TierCostProps]:
    """Every tier of a scenario, headline first, with its price and cost."""
    return [TierCostProps(
        tier=c.tier, label=tier_label(ctx, c.tier), is_headline=c.price.is_headline,
        hourly=amount(ctx, c.price.low, c.price.high, "usd"), currency="USD", region=c.price.region,
        as_of=c.price.as_of, cost=amount(ctx, c.low, c.high, unit),
        input_cost=amount(ctx, c.input_low, c.input_high, unit) if c.input_low is not None else None)
        for c in costs]


def tiers_shown(ctx: RenderContext) -> list[str]:
    """The tiers the report's cost chart and table show: costs.tiers, else the headline tiers in scenario order."""
    if ctx.report.costs.tiers is not None:
        return list(ctx.report.costs.tiers)
    return list(dict.fromkeys(s.price.pricing_model for s in ctx.report.scenarios))


def tier_labels(ctx: RenderContext) -> dict[str, str]:
    """Tier id -> name, for every tier any scenario offers, in order of first appearance."""
    ids = dict.fromkeys(t.tier for tiers in ctx.derived.tiers.values() for t in tiers)
    return {tier: tier_label(ctx, tier) for tier in ids}
