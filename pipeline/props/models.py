"""The contract with the site: the shape of every props file a chart component imports.

Each component gets one JSON file per locale. Raw numbers stay numbers (for bar
sizes); every shown number also comes formatted for the locale; every label comes
translated; every figure says whether it was measured, estimated or derived.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 1
"""Bumped when a props shape changes incompatibly."""


class Props(BaseModel):
    """Base of every props model: closed shapes, field docstrings as descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True,
                              json_schema_serialization_defaults_required=True)


class SourceProps(Props):
    """A public document a figure comes from."""

    id: str
    title: str
    publisher: str
    url: str | None


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


class FigureProps(Props):
    """A number, formatted, with its provenance."""

    value: float
    formatted: str
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


# -- TtftChart, ItlChart, InferenceThroughputChart --------------------------------

class BarProps(Props):
    """One scenario's bar."""

    scenario: str
    value: float
    formatted: str
    relative: RelativeProps
    is_baseline: bool
    is_best: bool
    provenance: ProvenanceProps


class MetricGroupProps(Props):
    """The bars of one model."""

    model: str
    """Model id."""
    heading: str
    """'Llama 4 Scout (input 512 tokens)', translated."""
    concurrency: int
    best: str
    """Scenario id with the best value."""
    bars: list[BarProps]


class MetricChartProps(Envelope):
    """Bars per scenario of one metric, per model."""

    metric: str
    """Metric id."""
    description: str
    unit: str
    """Unit label ('ms', 'tokens/sec')."""
    axis_label: str
    direction: Literal["lower", "higher"]
    direction_label: str
    """'Lower is better', translated."""
    best_label: str
    """Word for the best marker."""
    columns: dict[str, str]
    """Table headers: scenario, instance, value, relative."""
    groups: list[MetricGroupProps]


# -- CostPerTokenChart ---------------------------------------------------------------

class CostRowProps(Props):
    """One scenario's cost figures."""

    scenario: str
    hourly_price: FigureProps
    throughput: FigureProps
    cost: FigureProps
    """Cost per 1M tokens as published (or derived, when the report states none)."""
    derived_cost: FigureProps
    """Cost per 1M tokens derived from hourly price and throughput."""
    relative: RelativeProps
    is_baseline: bool
    is_best: bool


class CostGroupProps(Props):
    """Cost rows of one model."""

    model: str
    heading: str
    concurrency: int
    best: str
    rows: list[CostRowProps]
    note: str | None
    """Set when published costs of this model disagree with their derivation: what the reader should know."""


class CostChartProps(Envelope):
    """Cost per 1M tokens per scenario."""

    description: str
    convention: str
    """How cost is computed and at which operating point, translated."""
    unit: str
    direction: Literal["lower"]
    direction_label: str
    best_label: str
    columns: dict[str, str]
    """Table headers: scenario, hourly_price, throughput, cost, derived_cost, relative."""
    groups: list[CostGroupProps]


# -- ConcurrencyChart -----------------------------------------------------------------

class PointProps(Props):
    """One concurrency level."""

    concurrency: int
    value: float
    formatted: str


class SeriesProps(Props):
    """One scenario's line."""

    scenario: str
    points: list[PointProps]
    scaling: FigureProps
    """Highest-load value over lowest-load value ('10.0×')."""
    provenance: ProvenanceProps


class TickProps(Props):
    """A value-axis tick: where it sits and what it reads."""

    value: float
    formatted: str


class ConcurrencyChartProps(Envelope):
    """A metric over rising concurrency, one line per scenario."""

    description: str
    model: str
    heading: str
    metric: str
    x_label: str
    y_label: str
    unit: str
    direction: Literal["lower", "higher"]
    direction_label: str
    """'Higher is better', translated."""
    ticks: list[TickProps]
    """Value-axis ticks from zero past the largest value, formatted."""
    concurrency: list[int]
    best_at_peak: str
    best_label: str
    """Word for the best marker (on the best line at the highest concurrency)."""
    scaling_label: str
    columns: dict[str, str]
    series: list[SeriesProps]


# -- InfraComparisonChart ------------------------------------------------------------

class InfraRowProps(Props):
    """One scenario's hardware."""

    scenario: str
    instance: str
    accelerators: str
    """'8× NVIDIA H100', translated."""
    accelerator_count: int
    accelerator_kind: Literal["gpu", "custom-silicon"]
    memory_per_accelerator: FigureProps
    memory_type: str
    total_memory: FigureProps
    memory_bandwidth: FigureProps
    network: FigureProps
    interconnect: str
    hourly_price: FigureProps
    price_per_accelerator_hour: FigureProps
    role: str


class LabelValueProps(Props):
    """A labelled value in a definition list."""

    label: str
    value: str


class InfraChartProps(Envelope):
    """The scenarios' hardware side by side, and the test environment."""

    columns: dict[str, str]
    rows: list[InfraRowProps]
    environment_title: str
    environment: list[LabelValueProps]


# -- ModelSpecChart -------------------------------------------------------------------

class SpecCellProps(Props):
    """One model's value of a spec row."""

    formatted: str
    provenance: ProvenanceProps | None


class SpecRowProps(Props):
    """One property across models."""

    key: str
    label: str
    cells: list[SpecCellProps]


class ModelColumnProps(Props):
    id: str
    name: str


class ModelSpecChartProps(Envelope):
    """Models' specifications side by side."""

    models: list[ModelColumnProps]
    property_label: str
    rows: list[SpecRowProps]


# -- MLOverviewChart -------------------------------------------------------------------

class HighlightProps(Props):
    """The best scenario on one metric."""

    metric: str
    label: str
    scenario: str
    formatted: str
    caption: str
    """'Lowest TTFT', translated."""
    provenance: ProvenanceProps


class OverviewChartProps(Envelope):
    """The report at a glance."""

    summary: str
    """One-sentence summary computed from the data."""
    model: str
    highlights: list[HighlightProps]


# -- KeyFindingsMLChart -----------------------------------------------------------------

class FindingProps(Props):
    """One key finding card."""

    kind: str
    title: str
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


# -- MLRecommendationChart ---------------------------------------------------------------

class WorkloadProps(Props):
    """One workload and what to run it on."""

    workload: str
    scenarios: list[str]
    rationale: str


class RatingProps(Props):
    level: str
    """Machine value (low, medium, ...)."""
    label: str
    """Translated."""
    note: str | None


class ScenarioCardProps(Props):
    scenario: str
    complexity: RatingProps
    performance: RatingProps
    cost: RatingProps


class RecommendationChartProps(Envelope):
    columns: dict[str, str]
    workloads: list[WorkloadProps]
    cards_title: str
    rating_labels: dict[str, str]
    """Labels of complexity, performance and cost."""
    cards: list[ScenarioCardProps]


COMPONENTS: dict[str, type[Envelope]] = {
    "MLOverviewChart": OverviewChartProps,
    "InfraComparisonChart": InfraChartProps,
    "ModelSpecChart": ModelSpecChartProps,
    "TtftChart": MetricChartProps,
    "ItlChart": MetricChartProps,
    "InferenceThroughputChart": MetricChartProps,
    "ConcurrencyChart": ConcurrencyChartProps,
    "CostPerTokenChart": CostChartProps,
    "KeyFindingsMLChart": FindingsChartProps,
    "MLRecommendationChart": RecommendationChartProps,
}
"""Component name -> the model of its props file."""
