"""Components a benchmark report declares: the page's charts, cards and tables, each of a generic kind.

A component is named as the page imports it (``ThroughputChart``) and has a *kind* from a small
set; its parameters say which figures it shows. Adding a chart of an existing kind is one
declaration here plus its texts; the pipeline computes every figure, the site draws the props.
"""

from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, StringConstraints

from pipeline.models.common import HexColor, Id, LocalizedText, Number, ScenarioId, Strict

ComponentName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]*$", max_length=64)]
"""A React component name as the page imports it (PascalCase)."""

StatisticId = Annotated[str, StringConstraints(pattern=r"^(value|mean|median|min|max|p[0-9]+(\.[0-9]+)?)$")]
"""A statistic (value, mean, median, p50, p99, ...)."""

Coordinate = Union[Annotated[float, Field(strict=True)], Id]
"""A point on a dimension: a number or a word id."""

At = dict[Id, Coordinate]
"""Dimension id -> coordinate."""

ComparisonId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=72)]
"""A comparison id, or ``<chain id>.<i>`` for the i-th pair of a chain (from 0)."""


class Line(Strict):
    """A reference line on a bar panel (a NIC limit)."""

    value: Number
    """Where it is drawn, in the panel metric's unit."""
    label: LocalizedText
    """What it is ('NIC limit')."""


class Flag(Strict):
    """Bars beyond a threshold get a warning mark (loss above 5 %)."""

    above: Number
    """Threshold in the panel metric's unit; bars above it are flagged."""
    label: LocalizedText
    """The mark's text ('high loss')."""


class Selection(Strict):
    """Which figures a panel, section or row shows."""

    metric: Id
    """Metric id (one of the report's metrics)."""
    statistic: StatisticId = "value"
    """Statistic shown."""
    at: At = {}
    """Coordinates on the report's dimensions."""
    label: LocalizedText | None = None
    """Heading; the metric's name (and statistic, and coordinates) when omitted."""


class BarPanel(Selection):
    """One bar per scenario of one metric."""

    scenarios: list[ScenarioId] | None = None
    """Scenarios shown, in order (all when omitted)."""
    reference: Literal["baseline", "none"] | ScenarioId = "baseline"
    """What each bar's relative figure is against: the baseline, a named scenario, or nothing."""
    line: Line | None = None
    """A reference line (a physical limit) drawn across the bars."""
    flag: Flag | None = None
    """Flag bars above a threshold."""


class Section(Selection):
    """Grouped bars: a group per scenario, a bar per level of a dimension (or per statistic)."""

    scenarios: list[ScenarioId] | None = None
    """Groups, in order (all scenarios when omitted)."""
    series: Id
    """The dimension whose levels are the bars of each group, or ``statistic``."""
    levels: list[Coordinate] | None = None
    """Levels shown (all the dimension's levels when omitted)."""
    statistics: list[StatisticId] | None = None
    """With ``series: statistic``: the statistics shown (p50, p99)."""
    change: bool = True
    """Give each group the change from its first bar to its last."""


class ComponentBase(Strict):
    """What every component has."""

    name: ComponentName
    """The component's name as the page imports it; names its props file."""
    title: LocalizedText
    """Heading."""
    description: LocalizedText | None = None
    """A line under the heading."""
    notes: list[LocalizedText] = []
    """Paragraphs under the component (caveats, method)."""


class Bars(ComponentBase):
    """Bars per scenario, in one or more panels (one metric each)."""

    kind: Literal["bars"]
    """Always ``bars``."""
    panels: list[BarPanel] = Field(min_length=1)
    """Panels, each one metric."""
    chart: bool = True
    """Also draw a static chart (SVG and PNG)."""


class GroupedBars(ComponentBase):
    """Groups of bars: per scenario, a bar per level of a dimension (4 / 104 / 1,000 services)."""

    kind: Literal["grouped_bars"]
    """Always ``grouped_bars``."""
    sections: list[Section] = Field(min_length=1)
    """Sections, each one metric."""
    chart: bool = True
    """Also draw a static chart."""


class Lines(ComponentBase):
    """A metric over a dimension, a line per scenario (a sweep)."""

    kind: Literal["lines"]
    """Always ``lines``."""
    metric: Id
    """Metric id."""
    statistic: StatisticId = "value"
    """Statistic shown."""
    over: Id
    """The dimension on the horizontal axis."""
    at: At = {}
    """Other coordinates, fixed."""
    levels: list[Coordinate] | None = None
    """Levels shown (all when omitted)."""
    scenarios: list[ScenarioId] | None = None
    """Lines, in order (all when omitted)."""
    chart: bool = True
    """Also draw a static chart."""


class Column(Strict):
    """A column of a value table: a scenario at some coordinates, or the change between two columns."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
    """Referenced by change columns (a scenario id is fine)."""
    scenario: ScenarioId | None = None
    """Scenario of the figures (with at); none for a change column."""
    at: At = {}
    """Coordinates merged into each row's."""
    change: tuple[Id, Id] | None = None
    """``[from column, to column]``: the change between two columns of the row."""
    measure: Literal["change", "ratio", "difference"] = "change"
    """For a change column: percent change, ratio or difference."""
    label: LocalizedText | None = None
    """Heading; the scenario's label (or 'change') when omitted."""


class Row(Selection):
    """A row of a value table: one metric (and statistic and place) across the columns."""

    texts: list[LocalizedText] | None = None
    """Instead of figures: one text per column (a qualitative row)."""
    stated: dict[ScenarioId, Number] = {}
    """Figures as a published page gave them (scenario -> value); the row shows the data's, lint compares."""
    measure: Literal["change", "ratio", "difference"] | None = None
    """How this row's change columns compare, instead of each column's measure (a count that grows a
    hundredfold reads better as a ratio than as +10,061 %)."""


class ValueTableParams(Strict):
    """Rows of figures across columns (scenarios by default)."""

    rows: list[Row] = Field(min_length=1)
    """Rows, in order."""
    columns: list[Column] | None = None
    """Columns after the row heading; one per scenario when omitted."""
    best: bool = True
    """Mark each row's best figure (by the metric's direction)."""


class ValueTable(ValueTableParams):
    """A table partial (tables/<id>.mdx) of figures."""

    id: Id
    """Names the file: tables/<id>.mdx."""
    kind: Literal["value_table"]
    """Always ``value_table``."""
    title: LocalizedText | None = None
    """Caption above the table."""
    notes: list[LocalizedText] = []
    """Paragraphs under the table."""


class ValueTableComponent(ComponentBase, ValueTableParams):
    """A table of figures, as a component (the site lays it out as a table or as cards)."""

    kind: Literal["value_table"]
    """Always ``value_table``."""
    table: bool = False
    """Also write it as an MDX table partial (tables/<component name>.mdx)."""


class Card(Strict):
    """A KPI card: a figure (a comparison or a figure of the data) or a short text, with a label."""

    label: LocalizedText
    """What the card shows ('RTT, E vs A')."""
    comparison: ComparisonId | None = None
    """A comparison's figure ('-36%')."""
    figure: Selection | None = None
    """A figure of the data (with scenario)."""
    scenario: ScenarioId | None = None
    """Scenario of ``figure``."""
    stated: Number | None = None
    """The figure (or the comparison, in percent or as a multiple) as a published page gave it; lint compares."""
    text: LocalizedText | None = None
    """A short text instead of a figure ('O(1)')."""
    sub: LocalizedText | None = None
    """A line under the value."""
    color: HexColor | None = None
    """Accent colour."""


class KpiCards(ComponentBase):
    """Headline figures as cards."""

    kind: Literal["kpi_cards"]
    """Always ``kpi_cards``."""
    cards: list[Card] = Field(min_length=1)
    """Cards, in order."""


class TextCard(Strict):
    """A card of text: a title, a paragraph, tags, a list."""

    title: LocalizedText
    """Card title."""
    text: LocalizedText | None = None
    """Paragraph."""
    tags: list[LocalizedText] = []
    """Short labels."""
    items: list[LocalizedText] = []
    """Bullet points."""
    scenario: ScenarioId | None = None
    """The scenario the card is about (its colour and label)."""
    color: HexColor | None = None
    """Accent colour; the scenario's when omitted."""


class TextCards(ComponentBase):
    """Cards or lists of editors' text (scenario descriptions, guidance)."""

    kind: Literal["text_cards"]
    """Always ``text_cards``."""
    cards: list[TextCard] = Field(min_length=1)
    """Cards, in order."""


class CellFigure(Strict):
    """A computed figure a cell's text quotes: a figure, a comparison, or the range of a metric."""

    comparison: ComparisonId | None = None
    """A comparison's figure ('-36%', '+26 µs')."""
    metric: Id | None = None
    """With scenario: that figure; without: the lowest-highest range over ``scenarios``."""
    statistic: StatisticId = "value"
    """Statistic of the figure."""
    at: At = {}
    """Coordinates."""
    scenario: ScenarioId | None = None
    """Scenario of a single figure."""
    scenarios: list[ScenarioId] | None = None
    """Scenarios of a range (all when omitted)."""


class Cell(Strict):
    """A matrix cell: a mark, a text, or both; the text may quote computed figures."""

    mark: Literal["yes", "no", "partial"] | None = None
    """Supported / not supported / partly."""
    text: LocalizedText | None = None
    """Text of the cell; ``{{ figure1 }}``, ``{{ figure2 }}`` ... mark where the computed figures go."""
    figures: list[CellFigure] = []
    """Figures the text quotes, in placeholder order (figure1, figure2, ...)."""


def _cell_shorthand(value: object) -> object:
    # `yes` / `no` / `partial` alone is the common cell.
    return {"mark": value} if value in ("yes", "no", "partial") else value


class MatrixRow(Strict):
    """A matrix row."""

    label: LocalizedText
    """Row heading."""
    cells: list[Annotated[Cell, BeforeValidator(_cell_shorthand, json_schema_input_type=Union[Literal["yes", "no", "partial"], Cell])]] = \
        Field(min_length=1)
    """One cell per column."""
    highlight: bool = False
    """Emphasize the row (a feature only one column has)."""


class MatrixParams(Strict):
    """Rows of marks or texts across named columns."""

    columns: list[LocalizedText] = Field(min_length=1)
    """Column headings after the row heading."""
    rows: list[MatrixRow] = Field(min_length=1)
    """Rows, in order."""


class Matrix(ComponentBase, MatrixParams):
    """A comparison matrix (feature support, compatibility, settings)."""

    kind: Literal["matrix"]
    """Always ``matrix``."""
    table: bool = False
    """Also write it as an MDX table partial (tables/<component name>.mdx)."""


class MatrixTable(MatrixParams):
    """A table partial (tables/<id>.mdx) of texts."""

    id: Id
    """Names the file: tables/<id>.mdx."""
    kind: Literal["matrix"]
    """Always ``matrix``."""
    title: LocalizedText | None = None
    """Caption above the table."""
    notes: list[LocalizedText] = []
    """Paragraphs under the table."""


class FindingsComponent(ComponentBase):
    """The report's key findings as cards, their figures computed."""

    kind: Literal["findings"]
    """Always ``findings``."""
    select: list[int] | None = None
    """Indexes into the report's findings, in order (all when omitted)."""


class Recommendation(Strict):
    """A workload and the scenarios recommended for it, with the figures that justify it."""

    workload: LocalizedText
    """The workload ('latency-sensitive inference')."""
    scenarios: list[ScenarioId] = Field(min_length=1)
    """Recommended scenarios, best first."""
    because: list[ComparisonId] = []
    """Comparisons whose figures the rationale quotes."""
    figures: list[Selection] = []
    """Figures of the first recommended scenario the rationale quotes."""
    note: LocalizedText | None = None
    """The reason in words (for picks no figure explains)."""


class Recommendations(ComponentBase):
    """Which scenario to pick for which workload, and why."""

    kind: Literal["recommendations"]
    """Always ``recommendations``."""
    rows: list[Recommendation] = Field(min_length=1)
    """Rows, in order."""
    cards: list[TextCard] = []
    """Evaluation cards per scenario, after the table."""


Component = Annotated[
    Union[Bars, GroupedBars, Lines, ValueTableComponent, KpiCards, TextCards, Matrix, FindingsComponent,
          Recommendations],
    Field(discriminator="kind"),
]
"""A component of one of the generic kinds."""

Table = Annotated[Union[ValueTable, MatrixTable], Field(discriminator="kind")]
"""An MDX table partial: figures or texts."""

KINDS = ("bars", "grouped_bars", "lines", "value_table", "kpi_cards", "text_cards", "matrix", "findings",
         "recommendations")
"""Every component kind, in the order docs/report-model.md describes them."""
