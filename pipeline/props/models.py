"""The contract with the site: the shape of every props file a chart component imports.

Each component gets one JSON file per locale. Raw numbers stay numbers (for bar
sizes); every shown number also comes formatted for the locale; every label comes
translated; every figure says whether it was measured, estimated or derived.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from pipeline.models.report import STANDARD_COMPONENTS

SCHEMA_VERSION = 1
"""Bumped when a props shape changes incompatibly."""


class Props(BaseModel):
    """Base of every props model: closed shapes; field docstrings become the schema's descriptions
    when one is generated (pipeline.model_docs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True,
                              json_schema_serialization_defaults_required=True)


class SourceProps(Props):
    """A public document a figure comes from."""

    id: str
    """Source id."""
    title: str
    """Document title."""
    publisher: str
    """Who published it."""
    url: str | None
    """Where to read it, when known."""


class PlausibilityProps(Props):
    """A plausibility rule (docs/lint/<code>.md) the figure fails: the page can say what it contradicts."""

    code: str
    """Stable rule code, e.g. 'L010'."""
    title: str
    """The rule's name, translated ('Latency vs throughput')."""
    note: str
    """What the figure is not consistent with, as a sentence, translated."""
    waived: bool
    """True when the report acknowledges the finding and publishes the figure anyway."""


class ConventionProps(Props):
    """How a cost figure counts tokens: part of its provenance, one per report."""

    key: str
    """Stable id with parameters: 'output', 'total', 'blended-3:1-ratio-4', 'split-ratio-4'."""
    tokens: Literal["output", "total", "blended", "split"]
    """output tokens only; input + output; blended at a mix; additive split with an output:input ratio."""
    label: str
    """The convention in words, translated."""


class SpreadProps(Props):
    """How far repeated runs of a measured figure lie apart."""

    low: float
    """Lowest run."""
    high: float
    """Highest run."""
    formatted: str
    """'466–490', formatted for the locale."""
    method: str
    """What the spread is ('min–max of 3 runs'), translated."""


class ProvenanceProps(Props):
    """Where a figure comes from."""

    kind: Literal["measured", "estimated", "derived"]
    """measured: from raw benchmark files; estimated: entered by an editor from a source; derived: computed."""
    label: str
    """The kind, translated ('Estimated')."""
    source: SourceProps | None
    """The source of an estimated figure."""
    files: list[str]
    """Raw result files of a measured figure."""
    runs: int | None
    """How many runs a measured figure reduces (the method's statistic of them); null for other figures."""
    formula: str | None
    """How a derived figure is computed, translated."""
    approximate: bool
    """Published as approximate (shown with '~')."""
    derived_value: float | None
    """For a published figure that can also be derived: what the other figures give."""
    derived_formatted: str | None
    """``derived_value`` formatted."""
    consistent: bool | None
    """Whether the published figure agrees with its derivation (null when there is nothing to compare)."""
    note: str | None
    """A sentence for the reader when the published figure disagrees with its derivation."""
    plausibility: list[PlausibilityProps]
    """Plausibility rules this figure fails (waived ones included, marked so); empty when it passes them all."""
    convention: ConventionProps | None
    """For a cost figure: the cost convention it is computed under; null for other figures."""
    spread: SpreadProps | None
    """For a measured figure of several runs: their min-max; null otherwise."""


class FigureProps(Props):
    """A number, formatted, with its provenance."""

    value: float
    """The figure."""
    formatted: str
    """The figure formatted for the locale, with its unit where one is shown."""
    provenance: ProvenanceProps


class ScenarioProps(Props):
    """A scenario as every component labels it."""

    id: str
    """Letter (A, B, ...)."""
    short_label: str
    """'p5/H100'."""
    label: str
    """'A: p5/H100'."""
    instance: str
    """'p5.48xlarge'."""
    role: str
    """'GPU baseline', translated."""
    color: str
    """#rrggbb."""


class RelativeProps(Props):
    """A figure's change against the baseline."""

    value: float | None
    """(value - baseline) / baseline; null for the baseline itself."""
    formatted: str
    """'+133%', or the word for 'baseline'."""
    better: bool | None
    """Whether the change is an improvement given the metric's direction; null for the baseline."""


class Envelope(Props):
    """Fields every props file starts with."""

    schema_version: int
    """Version of the props shape; bumped on incompatible changes."""
    report: str
    """Report id."""
    locale: str
    """Site locale id."""
    component: str
    """Component the file is for."""
    title: str
    """Heading of the component, translated."""
    scenarios: list[ScenarioProps]
    """Every scenario of the report, in order (labels and colours)."""
    footnotes: list[str]
    """Notes to print under the component (method caveats, published-vs-derived notes)."""


class DigitsProps(Props):
    """How the reader's locale writes the numbers a chart places itself (its axis ticks), grouped in
    thousands as every figure of the site is; figures come formatted already."""

    group: str
    """Between groups of three digits: ',' in 1,000 (en, zh, ko), '.' in 1.000 (de)."""
    decimal: str
    """Before the fraction: '.' in 2.5 (en, zh, ko), ',' in 2,5 (de)."""


# -- TtftChart, ItlChart, InferenceThroughputChart --------------------------------

class BarProps(Props):
    """One scenario's bar."""

    scenario: str
    """Scenario id."""
    value: float
    """The figure, for the bar's length."""
    formatted: str
    """The figure formatted for the locale."""
    relative: RelativeProps
    is_baseline: bool
    """Whether this is the baseline scenario."""
    is_best: bool
    """Whether this is the best value of the group."""
    provenance: ProvenanceProps


class MetricGroupProps(Props):
    """The bars of one model."""

    model: str
    """Model id."""
    heading: str
    """'Llama 4 Scout (input 512 tokens)', translated."""
    concurrency: int
    """Concurrency the figures were taken at."""
    best: str
    """Scenario id with the best value."""
    bars: list[BarProps]
    """One bar per scenario with a figure, in scenario order."""


class MetricChartProps(Envelope):
    """Bars per scenario of one metric, per model."""

    metric: str
    """Metric id."""
    description: str
    """What the metric means, one or two sentences."""
    unit: str
    """Unit label ('ms', 'tokens/sec')."""
    axis_label: str
    """Value axis label with its unit."""
    direction: Literal["lower", "higher"]
    """Which way is better."""
    direction_label: str
    """'Lower is better', translated."""
    best_label: str
    """Word for the best marker."""
    columns: dict[str, str]
    """Table headers: scenario, instance, value, relative."""
    groups: list[MetricGroupProps]
    """One group of bars per model."""


# -- CostPerTokenChart ---------------------------------------------------------------

class AmountProps(Props):
    """A figure that is a point or a range (a spot price, and the cost it gives)."""

    value: float | None
    """The figure, for a point; null for a range."""
    low: float | None
    """Low end of a range; null for a point."""
    high: float | None
    """High end of a range; null for a point."""
    formatted: str
    """'$31.46' or '$29.50–$49.16', formatted for the locale."""
    provenance: ProvenanceProps
    """Provenance of the figure (of the low end, for a range)."""


class TierCostProps(Props):
    """One pricing model of a scenario and its cost per 1M tokens at the operating point."""

    tier: str
    """Tier id: on-demand, spot, reserved-1y, reserved-3y, savings-plan-1y, savings-plan-3y, capacity-block."""
    label: str
    """The tier's name, translated."""
    is_headline: bool
    """The scenario's headline price (the bars, and the one stated costs are checked against)."""
    hourly: AmountProps
    """Price per instance-hour."""
    currency: str
    """Currency of the price (USD)."""
    region: str
    """Region of the price."""
    as_of: str
    """ISO date the price was read."""
    cost: AmountProps
    """Cost per 1M tokens under the report's convention."""
    input_cost: AmountProps | None
    """Cost per 1M input tokens, for the split convention; null otherwise."""


class CostRowProps(Props):
    """One scenario's cost figures."""

    scenario: str
    """Scenario id."""
    hourly_price: FigureProps
    throughput: FigureProps
    cost: FigureProps
    """Cost per 1M tokens as published (or derived, when the report states none)."""
    derived_cost: FigureProps
    """Cost per 1M tokens derived from hourly price and throughput."""
    relative: RelativeProps
    is_baseline: bool
    """Whether this is the baseline scenario."""
    is_best: bool
    """Whether this is the lowest cost of the group."""
    tiers: list[TierCostProps]
    """Every price tier of the scenario with its cost, the headline first."""


class CostGroupProps(Props):
    """Cost rows of one model."""

    model: str
    """Model id."""
    heading: str
    """Model name as the group heading."""
    concurrency: int
    """Concurrency of the operating point."""
    best: str
    """Scenario id with the lowest cost."""
    rows: list[CostRowProps]
    """One row per scenario with a throughput at the operating point."""
    note: str | None
    """Set when published costs of this model disagree with their derivation: what the reader should know."""


class CostChartProps(Envelope):
    """Cost per 1M tokens per scenario."""

    description: str
    """What cost efficiency means here, one or two sentences."""
    convention: str
    """How cost is computed and at which operating point, translated."""
    prices_as_of: str
    """When the hourly prices were read, per scenario when they differ ('Hourly prices as of Feb 10, 2026.')."""
    unit: str
    """Unit label ('$/1M tokens')."""
    direction: Literal["lower"]
    """Always lower: cheaper is better."""
    direction_label: str
    """'Lower is better', translated."""
    best_label: str
    """Word for the best marker."""
    columns: dict[str, str]
    """Table headers: scenario, hourly_price, throughput, cost, derived_cost, relative."""
    groups: list[CostGroupProps]
    """One group of rows per model."""
    convention_key: str
    """Key of the cost convention every cost here is computed under (ConventionProps.key)."""
    tiers_shown: list[str]
    """Tier ids the chart and table show, in order (the report's choice; the headline tiers by default)."""
    tier_labels: dict[str, str]
    """Tier id -> its column heading, for every tier of the rows."""


# -- ConcurrencyChart -----------------------------------------------------------------

class PointProps(Props):
    """One concurrency level."""

    concurrency: int
    """Concurrency level."""
    value: float
    """The figure at that level."""
    formatted: str
    """The figure formatted for the locale."""


class SeriesProps(Props):
    """One scenario's line."""

    scenario: str
    """Scenario id."""
    points: list[PointProps]
    """One point per concurrency level the scenario has."""
    scaling: FigureProps
    """Highest-load value over lowest-load value ('10.0×')."""
    provenance: ProvenanceProps


class TickProps(Props):
    """A value-axis tick: where it sits and what it reads."""

    value: float
    """Position on the value axis."""
    formatted: str
    """Tick label formatted for the locale."""


class ConcurrencyChartProps(Envelope):
    """A metric over rising concurrency, one line per scenario."""

    description: str
    """What the chart shows, one or two sentences."""
    model: str
    """Model id."""
    heading: str
    """Model name as the heading above the chart."""
    metric: str
    """Metric id."""
    x_label: str
    """Horizontal axis label."""
    y_label: str
    """Vertical axis label with its unit."""
    unit: str
    """Unit label."""
    direction: Literal["lower", "higher"]
    """Which way is better."""
    direction_label: str
    """'Higher is better', translated."""
    ticks: list[TickProps]
    """Value-axis ticks from zero past the largest value, formatted."""
    concurrency: list[int]
    """Concurrency levels, in increasing order (the x positions)."""
    best_at_peak: str
    """Scenario with the best value at the highest concurrency."""
    best_label: str
    """Word for the best marker (on the best line at the highest concurrency)."""
    scaling_label: str
    """Heading of the scaling-factor column."""
    columns: dict[str, str]
    """Table headers."""
    series: list[SeriesProps]
    """One line per scenario."""


# -- ParetoChart ------------------------------------------------------------------------

class FrontPointProps(Props):
    """One load of a scenario: its throughput against the speed each user gets."""

    concurrency: int
    """Concurrency of the load."""
    per_user: FigureProps
    """Tokens/s one user receives, 1000 / ITL (the x position)."""
    throughput: FigureProps
    """Output tokens/s of the instance (the y position)."""
    per_accelerator: FigureProps
    """Output tokens/s per accelerator."""
    on_front: bool
    """No other load of the scenario is both at least as fast per user and at least as productive."""


class FrontSeriesProps(Props):
    """One scenario's loads, and which of them form its Pareto front."""

    scenario: str
    """Scenario id."""
    points: list[FrontPointProps]
    """Every load with a throughput and an ITL, by concurrency."""
    front: list[int]
    """Concurrencies on the front, in order of rising per-user speed."""


class SloPointProps(Props):
    """One scenario's highest load meeting the SLO, or why there is none."""

    scenario: str
    """Scenario id."""
    status: Literal["measured", "interpolated", "none", "no_data"]
    """measured: at a measured load; interpolated: between two measured loads; none: no measured load meets the
    SLO; no_data: the runs lack the SLO's statistics."""
    status_label: str
    """The status in words, with what limits the load, translated."""
    limited_by: Literal["ttft", "itl"] | None
    """The latency that stops a higher load; null when the SLO holds at every measured load (or none)."""
    concurrency: FigureProps | None
    """The load: a measured concurrency, or an interpolated (fractional) one."""
    throughput: FigureProps | None
    """Output tokens/s of the instance there."""
    per_accelerator: FigureProps | None
    """Output tokens/s per accelerator there."""
    ttft: FigureProps | None
    """TTFT at the SLO's statistic there."""
    itl: FigureProps | None
    """ITL at the SLO's statistic there."""
    cost: FigureProps | None
    """Cost per 1M tokens there: headline price, the report's convention (in its provenance)."""


class SloProps(Props):
    """The report's SLO and the highest load meeting it on each scenario."""

    title: str
    """Heading of the SLO table, translated."""
    statement: str
    """The SLO in words ('TTFT p99 ≤ 2,000 ms and ITL median ≤ 50 ms')."""
    ttft_ms: float
    """TTFT limit, ms."""
    ttft_statistic: str
    """Statistic the TTFT limit applies to."""
    itl_ms: float
    """ITL limit, ms."""
    itl_statistic: str
    """Statistic the ITL limit applies to."""
    interpolation: Literal["none", "linear"]
    """none: measured loads only; linear: interpolated between the two measured loads around the limit."""
    method: str
    """How the load is found, one sentence, translated."""
    columns: dict[str, str]
    """Table headers: scenario, concurrency, throughput, per_accelerator, ttft, itl, cost, status."""
    points: list[SloPointProps]
    """One per scenario with a sweep, in scenario order."""


class ParetoChartProps(Envelope):
    """Throughput per instance against per-user speed over a sweep, the Pareto front of each scenario, and the
    SLO points."""

    description: str
    """What the chart shows, one or two sentences."""
    model: str
    """Model id."""
    heading: str
    """Model name as the heading above the chart."""
    x_label: str
    """Horizontal axis label: per-user speed with its unit."""
    y_label: str
    """Vertical axis label: throughput per instance with its unit."""
    per_accelerator_label: str
    """Label of throughput per accelerator, for a second view."""
    front_label: str
    """Word for the front line in a legend."""
    series: list[FrontSeriesProps]
    """One per scenario with two or more loads."""
    slo: SloProps | None
    """The SLO points, when the report states an SLO for this model."""
    digits: DigitsProps
    """How the axis ticks are written in the reader's locale."""


# -- InfraComparisonChart ------------------------------------------------------------

class InfraRowProps(Props):
    """One scenario's hardware."""

    scenario: str
    """Scenario id."""
    instance: str
    """Instance type."""
    accelerators: str
    """'8× NVIDIA H100', translated."""
    accelerator_count: int
    """Accelerators per instance."""
    accelerator_kind: Literal["gpu", "custom-silicon"]
    """GPU or custom silicon."""
    memory_per_accelerator: FigureProps
    memory_type: str
    """HBM3, GDDR6, ..."""
    total_memory: FigureProps
    memory_bandwidth: FigureProps
    network: FigureProps
    interconnect: str
    """Interconnect with its bandwidth where known."""
    hourly_price: FigureProps
    price_per_accelerator_hour: FigureProps
    role: str
    """What the scenario stands for, translated."""


class LabelValueProps(Props):
    """A labelled value in a definition list."""

    label: str
    """The label."""
    value: str
    """The value, formatted."""


class InfraChartProps(Envelope):
    """The scenarios' hardware side by side, and the test environment."""

    columns: dict[str, str]
    """Table headers, by field name."""
    rows: list[InfraRowProps]
    """One row per scenario."""
    environment_title: str
    """Heading of the environment list."""
    environment: list[LabelValueProps]
    """Region, software versions, precision, workload and method."""


# -- ModelSpecChart -------------------------------------------------------------------

class SpecCellProps(Props):
    """One model's value of a spec row."""

    formatted: str
    """The value formatted for the locale ('—' when not given)."""
    provenance: ProvenanceProps | None
    """Where the value comes from, for figures."""


class SpecRowProps(Props):
    """One property across models."""

    key: str
    """Stable row id."""
    label: str
    """Row label, translated."""
    cells: list[SpecCellProps]
    """One cell per model, in the models' order."""


class ModelColumnProps(Props):
    id: str
    """Model id."""
    name: str
    """Model name."""


class ModelSpecChartProps(Envelope):
    """Models' specifications side by side."""

    models: list[ModelColumnProps]
    """Columns, one per model."""
    property_label: str
    """Heading of the first column."""
    rows: list[SpecRowProps]
    """One row per property."""


# -- MLOverviewChart -------------------------------------------------------------------

class HighlightProps(Props):
    """The best scenario on one metric."""

    metric: str
    """Metric id."""
    label: str
    """Metric name."""
    scenario: str
    """Scenario id with the best value."""
    formatted: str
    """The best value with its unit."""
    caption: str
    """'Lowest TTFT', translated."""
    provenance: ProvenanceProps


class OverviewChartProps(Envelope):
    """The report at a glance."""

    summary: str
    """One-sentence summary computed from the data."""
    model: str
    """Model id the highlights are for."""
    highlights: list[HighlightProps]
    """Best scenario per headline metric."""


# -- KeyFindingsMLChart -----------------------------------------------------------------

class FindingProps(Props):
    """One key finding card."""

    kind: str
    """Finding kind (cost_advantage, leader, balance, scaling, note)."""
    title: str
    """Card title."""
    text: str
    """The finding, written from the computed figures."""
    scenario: str | None
    """Scenario the card is about (for its colour)."""
    stated: str | None
    """The figure as the report published it, when it published one."""
    consistent: bool | None
    """Whether the published figure agrees with the computed one."""
    note: str | None
    """What the reader should know when it does not."""


class FindingsChartProps(Envelope):
    findings: list[FindingProps]
    """Cards, in page order."""


# -- MLRecommendationChart ---------------------------------------------------------------

class WorkloadProps(Props):
    """One workload and what to run it on."""

    workload: str
    """The workload, translated."""
    scenarios: list[str]
    """Recommended scenario ids, best first."""
    rationale: str
    """Why, with the figures behind it."""


class RatingProps(Props):
    level: str
    """Machine value (low, medium, ...)."""
    label: str
    """Translated."""
    note: str | None
    """What causes the rating ('Neuron SDK'), when given."""


class ScenarioCardProps(Props):
    scenario: str
    """Scenario id."""
    complexity: RatingProps
    performance: RatingProps
    cost: RatingProps


class RecommendationChartProps(Envelope):
    columns: dict[str, str]
    """Table headers."""
    workloads: list[WorkloadProps]
    """Rows of the recommendation table."""
    cards_title: str
    """Heading of the scenario cards."""
    rating_labels: dict[str, str]
    """Labels of complexity, performance and cost."""
    cards: list[ScenarioCardProps]
    """One card per rated scenario."""


KIND_PROPS: dict[str, type[Envelope]] = {
    "overview": OverviewChartProps,
    "infrastructure": InfraChartProps,
    "model_spec": ModelSpecChartProps,
    "metric_bars": MetricChartProps,
    "concurrency_sweep": ConcurrencyChartProps,
    "cost": CostChartProps,
    "pareto": ParetoChartProps,
    "findings": FindingsChartProps,
    "recommendations": RecommendationChartProps,
}
"""LLM component kind -> the model of its props files."""

COMPONENTS: dict[str, type[Envelope]] = {c.name: KIND_PROPS[c.kind] for c in STANDARD_COMPONENTS}
"""Standard component name -> the model of its props file (a schema each under schemas/props/)."""
