"""Cost per 1M tokens under a stated convention, for every price tier of a scenario.

A report states one convention (:class:`Convention`); every cost figure carries its key in its
provenance, so two conventions never meet in one comparison. Each scenario's prices are its
headline price plus its further tiers; a tier may be a point, a range (spot), or a published
saving off the headline (the range is derived). Pure: validated inputs in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.derive import metrics as m
from pipeline.models.report import Report, Workload

if TYPE_CHECKING:
    from pipeline.derive.report import ScenarioFacts, Value


@dataclass(frozen=True)
class Convention:
    """How an instance-hour becomes a cost per 1M tokens."""

    tokens: str
    """output, total, blended or split."""
    mix: tuple[float, float] | None = None
    """Input:output mix of a blended cost."""
    ratio: float | None = None
    """Output:input cost ratio of a split or blended cost."""

    @property
    def key(self) -> str:
        """Stable id of the convention with its parameters: 'output', 'blended-3:1-ratio-4', 'split-ratio-4'."""
        if self.tokens == "blended":
            return f"blended-{self.mix[0]:g}:{self.mix[1]:g}-ratio-{self.ratio:g}"
        if self.tokens == "split":
            return f"split-ratio-{self.ratio:g}"
        return self.tokens

    @property
    def formula(self) -> str:
        """Formula id (derive.report.FORMULAS) of the headline cost."""
        return {"blended": "cost_blended", "split": "cost_split"}.get(self.tokens, "cost_per_mtok")


def report_convention(report: Report) -> Convention:
    """The report's convention: costs.convention, else operating_point.tokens (output or total)."""
    stated = report.costs.convention
    if stated is None:
        return Convention(report.operating_point.tokens)
    mix = (stated.mix.input, stated.mix.output) if stated.mix is not None else None
    return Convention(stated.tokens, mix, stated.output_input_ratio)


def costs_per_mtok(convention: Convention, hourly: float, output_tps: float,
                   workload: Workload) -> tuple[float, float | None]:
    """(headline cost, input-token cost or None) of one hour at ``output_tps`` output tokens/s.

    The headline is the output-token cost for ``output``, ``split``; the cost of any token for
    ``total``; the mix's average for ``blended``. A split also gives the input-token cost.
    """
    if convention.tokens == "output":
        return m.cost_per_mtok_usd(hourly, output_tps), None
    if convention.tokens == "total":
        return m.cost_per_mtok_usd(hourly, m.total_tokens_per_s(output_tps, workload.input_tokens,
                                                                 workload.output_tokens)), None
    input_tps = m.input_tokens_per_s(output_tps, workload.input_tokens, workload.output_tokens)
    input_cost, output_cost = m.split_costs_per_mtok_usd(hourly, input_tps, output_tps, convention.ratio)
    if convention.tokens == "split":
        return output_cost, input_cost
    return m.blended_cost_per_mtok_usd(input_cost, output_cost, *convention.mix), None


@dataclass(frozen=True)
class TierPrice:
    """One pricing model of a scenario: its hourly price, a point (low is high) or a range."""

    tier: str
    """Tier id (on-demand, spot, capacity-block, ...)."""
    low: "Value"
    high: "Value"
    region: str
    as_of: str
    """ISO date the price was read."""
    is_headline: bool
    """The scenario's ``price``: stated costs are checked against it."""

    @property
    def is_range(self) -> bool:
        return self.low is not self.high


@dataclass(frozen=True)
class TierCost:
    """Cost per 1M tokens of one tier at the operating point, under the report's convention."""

    price: TierPrice
    low: "Value"
    """Cost at the low price (the only one, for a point)."""
    high: "Value"
    input_low: "Value | None" = None
    """Input-token cost at the low price, for a split."""
    input_high: "Value | None" = None

    @property
    def tier(self) -> str:
        return self.price.tier


def scenario_tiers(report: Report, i: int, facts: "ScenarioFacts", document) -> list[TierPrice]:
    """The headline price and every further tier of scenario ``i``, in the order written."""
    from pipeline.derive.report import Value  # derive.report imports this module

    scenario = report.scenarios[i]
    tiers = [TierPrice(scenario.price.pricing_model, facts.price, facts.price, scenario.price.region,
                       scenario.price.as_of.isoformat(), True)]
    for j, tier in enumerate(scenario.prices):
        where = document.locate(("scenarios", i, "prices", j))

        def typed(value: float, field: tuple) -> Value:
            return Value(value, "estimated", source=tier.source, approximate=tier.approximate, decimals=2,
                         location=document.locate(("scenarios", i, "prices", j) + field))

        if tier.hourly is not None:
            low = high = typed(tier.hourly, ("hourly",))
        elif tier.hourly_range is not None:
            low, high = typed(tier.hourly_range.low, ("hourly_range", "low")), \
                typed(tier.hourly_range.high, ("hourly_range", "high"))
        else:
            approximate = tier.approximate or facts.price.approximate
            low, high = (Value(m.price_after_saving(facts.price.value, pct), "derived", source=tier.source,
                               formula="price_after_saving", approximate=approximate, decimals=2, location=where)
                         for pct in (tier.savings_pct.high, tier.savings_pct.low))
        tiers.append(TierPrice(tier.tier, low, high, tier.region, tier.as_of.isoformat(), False))
    return tiers


def tier_cost(convention: Convention, price: TierPrice, throughput: "Value", workload: Workload,
              decimals: int) -> TierCost:
    """One tier's cost per 1M tokens (a range for a price range), derived with the convention's formula."""
    from pipeline.derive.report import Value

    def derived(value: float, hourly: Value) -> Value:
        return Value(value, "derived", formula=convention.formula, approximate=hourly.approximate or
                     throughput.approximate, decimals=decimals, convention=convention.key)

    ends = []
    for hourly in ((price.low,) if not price.is_range else (price.low, price.high)):
        headline, input_cost = costs_per_mtok(convention, hourly.value, throughput.value, workload)
        ends.append((derived(headline, hourly), derived(input_cost, hourly) if input_cost is not None else None))
    low, high = ends[0], ends[-1]
    return TierCost(price, low[0], high[0], low[1], high[1])
