"""Props of the generic component kinds (benchmark reports): one JSON file per component per locale.

As for every props file: raw numbers stay numbers, every shown number comes formatted for the
locale, every label translated, and each figure says whether it was measured, estimated, derived
or not measured. A component of a kind needs no data and no strings of its own.
"""

from typing import Literal

from pipeline.props.models import DigitsProps, PlausibilityProps, Props, SourceProps

GENERAL_SCHEMA_VERSION = 1
"""Bumped when a generic props shape changes incompatibly."""


class GeneralProvenanceProps(Props):
    """Where a figure comes from."""

    kind: Literal["measured", "estimated", "derived", "missing", "not_applicable"]
    """measured: raw benchmark files (or the team's measurement, source named); estimated: typed from a
    source; derived: computed; missing: not measured (yet)."""
    label: str
    """The kind, translated."""
    source: SourceProps | None
    """The source of a typed figure."""
    files: list[str]
    """Raw result files of a measured figure."""
    runs: int | None
    """Runs a measured figure reduces; null for others."""
    formula: str | None
    """How a derived figure is computed, translated."""
    approximate: bool
    """Published as approximate (shown with '~')."""
    plausibility: list[PlausibilityProps]
    """Plausibility rules the figure fails (waived ones included, marked so)."""


class ValueProps(Props):
    """A figure: number, formatted text, provenance."""

    value: float | None
    """The figure (a range's midpoint); null when not measured."""
    low: float | None
    """Lower end of a range figure; null otherwise."""
    high: float | None
    """Upper end of a range figure; null otherwise."""
    formatted: str
    """The figure formatted for the locale with its unit ('12.40 Gbps', '4-6 millicores', 'not measured')."""
    number: str
    """The figure formatted without its unit ('12.40'), for cells under a unit heading."""
    provenance: GeneralProvenanceProps
    """Where it comes from."""


class ChangeProps(Props):
    """A comparison of two figures: a change in percent, a ratio or a difference."""

    measure: Literal["change", "ratio", "difference"]
    """What ``value`` is."""
    value: float | None
    """Change as a fraction (-0.359), a ratio (101.6) or a difference in the unit; null when a figure is missing."""
    formatted: str
    """'-36%', '101.6×', '+26 µs'."""
    better: bool | None
    """Whether the compared figure is better than the reference (by the metric's direction); null if unknown."""
    reference: str
    """The reference, labelled ('A: VPC CNI', 'A, 4 services')."""
    subject: str
    """The compared figure's label."""
    sentence: str
    """'A: VPC CNI → E: ENI+tuning: 4,894 → 3,135 µs (-36%)', translated."""
    stated: str | None
    """The figure as the report published it, when it did."""


class ScenarioLabelProps(Props):
    """A scenario as every component labels it."""

    id: str
    """Letter (A, B, ...)."""
    short_label: str
    """'VPC CNI'."""
    label: str
    """'A: VPC CNI'."""
    role: str
    """What it stands for, translated."""
    color: str
    """#rrggbb."""
    deployment: str | None
    """What it runs on ('3 × m6i.xlarge'); null without a deployment."""
    hourly_price: ValueProps | None
    """Its hourly price (the node groups' sum); null without prices."""


class GeneralEnvelope(Props):
    """Fields every generic props file starts with."""

    schema_version: int
    """Version of the generic props shapes."""
    report: str
    """Report id."""
    locale: str
    """Site locale id."""
    component: str
    """Component the file is for."""
    kind: str
    """Component kind (bars, grouped_bars, lines, value_table, kpi_cards, text_cards, matrix, findings,
    recommendations)."""
    title: str
    """Heading, translated."""
    description: str | None
    """A line under the heading."""
    notes: list[str]
    """Paragraphs under the component."""
    footnotes: list[str]
    """Method notes (basis, runs per figure, disclaimer)."""
    scenarios: list[ScenarioLabelProps]
    """Every scenario of the report, in order."""


class AxisProps(Props):
    """A value axis: always from zero, so bar lengths compare honestly."""

    min: float
    """Always 0."""
    max: float
    """A round number at or above every figure (and reference line)."""
    label: str
    """The unit, as an axis label ('Gbps')."""
    digits: DigitsProps
    """How the axis ticks are written in the reader's locale."""


class LineMarkProps(Props):
    """A reference line across a panel."""

    value: float
    """Where it is drawn."""
    formatted: str
    """The value formatted."""
    label: str
    """What it is, translated."""


class BarProps(Props):
    """One scenario's bar."""

    scenario: str
    """Scenario id."""
    figure: ValueProps
    """The figure."""
    relative: ChangeProps | None
    """Change against the panel's reference; null for the reference itself or without one."""
    best: bool
    """The best bar of the panel (by the metric's direction); false when figures tie or are missing."""
    flag: str | None
    """A warning mark ('high loss'), when the figure is beyond the panel's threshold."""


class BarPanelProps(Props):
    """One metric's bars."""

    title: str
    """Panel heading ('TCP throughput (Gbps)')."""
    metric: str
    """Metric id."""
    statistic: str
    """Statistic id."""
    direction: Literal["lower", "higher"]
    """Which way is better."""
    direction_label: str
    """'Lower is better', translated."""
    axis: AxisProps
    """Value axis."""
    line: LineMarkProps | None
    """A reference line, if any."""
    bars: list[BarProps]
    """Bars in scenario order."""


class BarsProps(GeneralEnvelope):
    """Props of a ``bars`` component."""

    kind: Literal["bars"]
    """Always ``bars``: which view draws it."""

    panels: list[BarPanelProps]
    """Panels in order."""


class SeriesLabelProps(Props):
    """One bar of each group (a level of a dimension, or a statistic)."""

    id: str
    """Level or statistic id ('4', '1000', 'p99')."""
    label: str
    """'4 services', 'p99'."""


class GroupBarProps(Props):
    """One bar of a group."""

    series: str
    """Series id."""
    figure: ValueProps
    """The figure."""


class GroupProps(Props):
    """One group of bars (a scenario)."""

    scenario: str
    """Scenario id."""
    label: str
    """Scenario label."""
    bars: list[GroupBarProps]
    """Bars in series order."""
    change: ChangeProps | None
    """From the first bar to the last; null when not asked for or a figure is missing."""


class SectionProps(Props):
    """One metric's groups."""

    title: str
    """Section heading."""
    metric: str
    """Metric id."""
    direction_label: str
    """'Lower is better', translated."""
    axis: AxisProps
    """Value axis."""
    series: list[SeriesLabelProps]
    """The bars of each group, in order."""
    groups: list[GroupProps]
    """Groups in order."""


class GroupedBarsProps(GeneralEnvelope):
    """Props of a ``grouped_bars`` component."""

    kind: Literal["grouped_bars"]
    """Always ``grouped_bars``: which view draws it."""

    sections: list[SectionProps]
    """Sections in order."""


class PointProps(Props):
    """A line's point at one level."""

    level: str
    """Level id."""
    figure: ValueProps
    """The figure."""


class LineProps(Props):
    """One scenario's line."""

    scenario: str
    """Scenario id."""
    points: list[PointProps]
    """Points in level order (missing figures included, value null)."""


class LinesProps(GeneralEnvelope):
    """Props of a ``lines`` component."""

    kind: Literal["lines"]
    """Always ``lines``: which view draws it."""

    metric: str
    """Metric id."""
    x_label: str
    """The dimension's label."""
    levels: list[SeriesLabelProps]
    """Horizontal positions, in order."""
    axis: AxisProps
    """Vertical value axis."""
    direction_label: str
    """'Lower is better', translated."""
    lines: list[LineProps]
    """Lines in scenario order."""


class TableColumnProps(Props):
    """A column of a value table."""

    id: str
    """Column id."""
    label: str
    """Heading."""
    kind: Literal["figure", "change"]
    """Figures, or changes between two other columns."""


class TableCellProps(Props):
    """A cell: a figure, a change or a text."""

    text: str
    """What the cell shows, formatted."""
    figure: ValueProps | None
    """The figure of a figure cell."""
    change: ChangeProps | None
    """The change of a change cell."""
    best: bool
    """The row's best figure."""


class TableRowProps(Props):
    """A row."""

    label: str
    """Row heading ('TCP throughput (Gbps)')."""
    metric: str | None
    """Metric id; null for a text row."""
    cells: list[TableCellProps]
    """One cell per column."""


class ValueTableProps(GeneralEnvelope):
    """Props of a ``value_table`` component."""

    kind: Literal["value_table"]
    """Always ``value_table``: which view draws it."""

    columns: list[TableColumnProps]
    """Columns after the row heading."""
    row_heading: str
    """Heading of the first column."""
    rows: list[TableRowProps]
    """Rows in order."""


class KpiCardProps(Props):
    """A KPI card."""

    label: str
    """What it shows."""
    value: str
    """The headline ('-36%', '12.41 Gbps', 'O(1)')."""
    figure: ValueProps | None
    """The figure behind a figure card."""
    change: ChangeProps | None
    """The comparison behind a comparison card."""
    sub: str | None
    """The line under the value (for comparisons: what is compared)."""
    color: str | None
    """Accent colour."""


class KpiCardsProps(GeneralEnvelope):
    """Props of a ``kpi_cards`` component."""

    kind: Literal["kpi_cards"]
    """Always ``kpi_cards``: which view draws it."""

    cards: list[KpiCardProps]
    """Cards in order."""


class TextCardProps(Props):
    """A card of text."""

    title: str
    """Title."""
    text: str | None
    """Paragraph."""
    tags: list[str]
    """Short labels."""
    items: list[str]
    """Bullet points."""
    scenario: str | None
    """Scenario id the card is about."""
    color: str | None
    """Accent colour."""


class TextCardsProps(GeneralEnvelope):
    """Props of a ``text_cards`` component."""

    kind: Literal["text_cards"]
    """Always ``text_cards``: which view draws it."""

    cards: list[TextCardProps]
    """Cards in order."""


class MatrixCellProps(Props):
    """A matrix cell."""

    mark: Literal["yes", "no", "partial"] | None
    """Supported / not / partly; null for a text cell."""
    mark_label: str | None
    """The mark in words, translated ('Supported')."""
    text: str
    """The cell's text (the mark's label when it has no text)."""


class MatrixRowProps(Props):
    """A matrix row."""

    label: str
    """Row heading."""
    cells: list[MatrixCellProps]
    """One per column."""
    highlight: bool
    """Emphasized row."""


class MatrixProps(GeneralEnvelope):
    """Props of a ``matrix`` component."""

    kind: Literal["matrix"]
    """Always ``matrix``: which view draws it."""

    row_heading: str
    """Heading of the first column."""
    columns: list[str]
    """Column headings."""
    rows: list[MatrixRowProps]
    """Rows in order."""


class FindingProps(Props):
    """A key finding, its sentence written from the data."""

    kind: Literal["leader", "change", "ratio", "range", "note"]
    """What the finding says."""
    title: str
    """Card title."""
    text: str
    """The computed sentence (and the editor's, after it)."""
    figures: list[ValueProps]
    """Figures the sentence quotes."""
    change: ChangeProps | None
    """The comparison of a change or ratio finding."""
    scenario: str | None
    """The scenario it is about."""
    color: str | None
    """Accent colour."""
    tag: str | None
    """Short label."""


class FindingsProps(GeneralEnvelope):
    """Props of a ``findings`` component."""

    kind: Literal["findings"]
    """Always ``findings``: which view draws it."""

    findings: list[FindingProps]
    """Findings in order."""


class RecommendationProps(Props):
    """A recommendation row."""

    workload: str
    """The workload."""
    scenarios: list[str]
    """Recommended scenario ids, best first."""
    recommended: str
    """Their labels, joined for the locale."""
    rationale: str
    """Why: the quoted figures and the editor's reason."""
    changes: list[ChangeProps]
    """Comparisons the rationale quotes."""
    figures: list[ValueProps]
    """Figures the rationale quotes."""


class RecommendationsProps(GeneralEnvelope):
    """Props of a ``recommendations`` component."""

    kind: Literal["recommendations"]
    """Always ``recommendations``: which view draws it."""

    columns: dict[str, str]
    """Headings: workload, recommended, rationale."""
    rows: list[RecommendationProps]
    """Rows in order."""
    cards: list[TextCardProps]
    """Evaluation cards."""


KIND_PROPS: dict[str, type[GeneralEnvelope]] = {
    "bars": BarsProps,
    "grouped_bars": GroupedBarsProps,
    "lines": LinesProps,
    "value_table": ValueTableProps,
    "kpi_cards": KpiCardsProps,
    "text_cards": TextCardsProps,
    "matrix": MatrixProps,
    "findings": FindingsProps,
    "recommendations": RecommendationsProps,
}
"""Component kind -> the shape of its props file."""
