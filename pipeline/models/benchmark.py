"""A benchmark report of any shape, as editors write it: ``kind: benchmark`` in data/reports/<id>.yaml.

The report declares what it measures (metrics from the catalogue, the dimensions figures vary
over, its scenarios) and what its page shows (components of a small set of kinds, MDX tables).
Nothing here knows a domain: a networking report and an LLM-serving plan are both this model,
and a *pack* (``packs: [networking]``) adds the derivations and plausibility rules only that
domain knows. Figures are typed under ``figures:`` or read from raw files under ``measurements:``.
"""

import datetime
from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from pipeline.models.common import (
    HexColor, Id, LocalizedText, Number, Positive, PositiveInt, ScenarioId, Strict, Text, WholeNumber,
)
from pipeline.models.components import At, Component, Coordinate, Table
from pipeline.models.report import Price, SoftwareVersion, Waiver

PackId = Literal["networking", "llm-serving"]
"""Domain packs: what only a domain knows (its derived metrics, its plausibility rules)."""

Statistic = Annotated[str, StringConstraints(pattern=r"^(value|mean|median|min|max|p[0-9]+(\.[0-9]+)?)$")]
"""How one figure summarizes its samples: value (a single reading), mean, median, min, max, p50, p99, p99.9."""



class PublishedMethod(Strict):
    """What a published page said of its method, kept to be checked against the raw files (L074)."""

    runs_per_point: PositiveInt
    """Runs the page says each figure reduces ('median of 3+ runs': 3)."""
    statistic: Literal["single", "median", "mean"] = "single"
    """How the page says runs were reduced."""


class Method(Strict):
    """How the figures were obtained."""

    basis: Literal["measured", "estimated", "projected", "simulated", "planned"]
    """measured: from runs; estimated: typed from sources; projected: from specs and published data;
    simulated: raw files written by a model of the system; planned: no results yet ('not measured yet')."""
    runs_per_point: PositiveInt = 1
    """Repeated runs behind each figure (1: every test ran once)."""
    statistic: Literal["single", "median", "mean"] = "single"
    """How repeated runs reduce to one figure; ``single`` when each test ran once."""
    region: Text | None = None
    """Cloud region (ap-northeast-2)."""
    placement: LocalizedText | None = None
    """Where in the region ('single AZ ap-northeast-2a')."""
    software: list[SoftwareVersion] = []
    """Software stack."""
    disclaimer: LocalizedText | None = None
    """Caveat printed under every component."""
    published: PublishedMethod | None = None
    """What a published page claimed of the method, when it differs from the runs; lint compares (L074)."""


class NodePrice(Strict):
    """What one instance of a node group costs per hour."""

    hourly: Positive
    """USD per instance-hour."""
    source: Id
    """Where the price was read (sources.yaml)."""
    as_of: datetime.date
    """When it was read."""
    pricing_model: Literal["on-demand", "spot", "reserved", "savings-plan", "capacity-block"] = "on-demand"
    """Purchase option."""
    approximate: bool = False
    """True for an estimate (shown with '~')."""


class NodeGroup(Strict):
    """Instances of one type in a deployment: accelerators, memory and price follow from the catalogue and sum."""

    instance: Id
    """Instance type id (instances.yaml)."""
    count: PositiveInt = 1
    """How many instances."""
    role: LocalizedText | None = None
    """What the group does ('prefill', 'decode', 'worker nodes')."""
    price: NodePrice | None = None
    """Hourly price of one instance; the scenario's price is the sum over its groups."""


class Scenario(Strict):
    """One configuration under test."""

    id: ScenarioId
    """Letter printed on the page (A, B, ...)."""
    short_label: Text | LocalizedText
    """Compact label for chart axes ('VPC CNI'): one text for every locale, or one per locale."""
    role: LocalizedText
    """What the scenario stands for ('baseline', 'kube-proxy replaced by eBPF')."""
    color: HexColor
    """Colour of its bars and lines."""
    deployment: list[NodeGroup] | None = None
    """Node groups it runs on; the report's deployment when omitted; none at all for a pure software test."""
    price: Price | None = None
    """Hourly price as one figure, when it is not the sum of the node groups' prices."""


class DimensionLevel(Strict):
    """One coordinate of a dimension, in the order charts and tables show it."""

    value: Coordinate
    """The coordinate as figures give it under ``at:`` (1000, max)."""
    label: LocalizedText | None = None
    """How it is printed, when not the number itself ('unlimited')."""


class Dimension(Strict):
    """An axis figures vary over besides the scenario: QPS level, services, concurrency, prefix-hit ratio."""

    id: Id
    """Referenced under ``at:``."""
    label: LocalizedText
    """Axis or column heading ('QPS level')."""
    unit: Annotated[str, StringConstraints(max_length=32)] | None = None
    """Unit of its coordinates (units.yaml: req/s, services, percent); none for plain labels."""
    levels: list[DimensionLevel] = Field(min_length=1)
    """Every coordinate used, in display order."""


class ReportMetric(Strict):
    """A catalogue metric as this report shows it."""

    metric: Id
    """Metric id (metrics.yaml)."""
    decimals: WholeNumber | None = Field(None, ge=0, le=4)
    """Fraction digits on this page, when not the catalogue's (keeps a raw file's precision: 12.40)."""


class FigureInput(Strict):
    """A typed figure in its long form."""

    value: Number | None = None
    """The figure in the metric's unit; omitted (or null) for 'not measured'."""
    low: Number | None = None
    """Lower end of a range ('4-6'); with ``high`` instead of ``value``."""
    high: Number | None = None
    """Upper end of a range."""
    approximate: bool = False
    """Published as approximate ('~130'); shown with a '~'."""
    source: Id | None = None
    """Source of this figure, when not the block's."""
    not_applicable: bool = False
    """The scenario has no such figure at all (eBPF keeps no iptables rules): shown as 'n/a', not
    'not measured'; no value, range or approximation with it."""

    @model_validator(mode="after")
    def _nothing_with_not_applicable(self) -> "FigureInput":
        if self.not_applicable and (self.value is not None or self.low is not None or self.high is not None
                                    or self.approximate):
            raise ValueError("a figure that does not apply has no value",
                             "keep 'not_applicable: true' alone, or remove it and give the value")
        return self


def _figure_shorthand(value: object) -> object:
    # `A: 12.41` for a figure, `A: null` (or `~`) for one not measured; the long form is for exceptions.
    if value is None:
        return {}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"value": value}
    return value


FigureValue = Annotated[FigureInput, BeforeValidator(_figure_shorthand, json_schema_input_type=Union[float, None,
                                                                                                      FigureInput])]
"""A number, null ('not measured'), or ``{value | low+high, approximate, source}``."""


class Figures(Strict):
    """Typed figures of one metric at one place on the dimensions, per scenario."""

    metric: Id
    """Metric id (one of the report's metrics)."""
    statistic: Statistic = "value"
    """Which statistic the figures are (p50, p99, mean, value)."""
    at: At = {}
    """Where on the report's dimensions they sit (``{services: 1000}``)."""
    basis: Literal["measured", "estimated"] = "estimated"
    """measured: the team measured them but no raw file exists (name the source); estimated: from a source."""
    source: Id
    """Where they come from (sources.yaml)."""
    decimals: WholeNumber | None = Field(None, ge=0, le=4)
    """Fraction digits as published, when not the metric's (a page typed 4,197 where raw files give 999.6)."""
    values: dict[ScenarioId, FigureValue] = Field(min_length=1)
    """Scenario id -> figure, in the metric's unit."""


def _one_or_more(value: object) -> object:
    return [value] if isinstance(value, str) else value


class Take(Strict):
    """Which observations of the raw files fill which report figure."""

    metric: Id
    """Report metric the observations become."""
    observed: Annotated[str, StringConstraints(max_length=64)] | None = None
    """The observation's metric as the files name it, when not the report metric's id."""
    statistic: Statistic | None = None
    """Keep only observations of this statistic (all when omitted)."""
    where: dict[Id, Coordinate] = {}
    """Keep only observations with these coordinates (``{protocol: udp}``); dropped from the figure's place."""


class Measurement(Strict):
    """Figures of one scenario read from raw result files instead of typed."""

    scenario: ScenarioId
    """Scenario the runs were taken on."""
    files: Annotated[list[Text], BeforeValidator(_one_or_more, json_schema_input_type=Union[Text, list[Text]])] = \
        Field(min_length=1)
    """Result files or glob patterns, relative to data/ (raw/<report id>/*.json)."""
    format: Id | None = None
    """A declared field map (data/formats/<id>.yaml) for a team's own script output; tool formats
    (iperf3, fortio, k6) are recognised from the content."""
    take: list[Take] | None = None
    """Which observations fill which figures; when omitted, every observation whose metric is one of
    the report's metrics, at its own statistic and dimensions."""


class FigureRef(Strict):
    """One figure of the report: a metric at a scenario and a place on the dimensions."""

    metric: Id
    """Metric id."""
    scenario: ScenarioId | None = None
    """Scenario; the report's baseline when omitted."""
    statistic: Statistic = "value"
    """Statistic of the figure."""
    at: At = {}
    """Coordinates on the report's dimensions."""


class Endpoint(Strict):
    """One end of a comparison: a scenario, optionally at other coordinates than the comparison's."""

    scenario: ScenarioId
    """Scenario."""
    at: At = {}
    """Coordinates that differ from the comparison's ``at`` (e.g. ``{services: 1000}``)."""


def _endpoint_shorthand(value: object) -> object:
    return {"scenario": value} if isinstance(value, str) else value


EndpointValue = Annotated[Endpoint, BeforeValidator(_endpoint_shorthand, json_schema_input_type=Union[str, Endpoint])]
"""A scenario id, or ``{scenario, at}``."""


class Comparison(Strict):
    """A derived figure relating two figures of one metric: a change, a ratio or a difference.

    ``from`` is the reference. With ``chain`` instead of from/to, each consecutive pair is compared
    (A to D, D to E), each pair named ``<id>.<i>``.
    """

    id: Id
    """Referenced by components, findings and tables."""
    metric: Id
    """Metric compared."""
    statistic: Statistic = "value"
    """Statistic of both figures."""
    at: At = {}
    """Coordinates of both figures."""
    from_: EndpointValue | None = Field(None, alias="from")
    """The reference; the report's baseline when omitted."""
    to: EndpointValue | None = None
    """The figure compared with the reference."""
    chain: list[EndpointValue] | None = Field(None, min_length=2)
    """Scenarios compared in sequence, instead of from/to."""
    measure: Literal["change", "ratio", "difference"] = "change"
    """change: (to - from) / from, in percent; ratio: to / from ('101.6x'); difference: to - from, in the unit."""
    stated: Number | None = None
    """The figure as published (percent for a change, a multiple for a ratio), checked against the data."""


class StatedRange(Strict):
    """A published low-high spread, in the metric's unit."""

    low: Number
    """Lowest figure as published."""
    high: Number
    """Highest figure as published."""


class CoreFinding(Strict):
    """A key finding whose title and sentence are written from the data, in every language.

    leader: the best scenario on a metric (``scenario`` claims it; the build checks);
    change / ratio: a comparison's figure; range: the spread of a metric over scenarios;
    note: the editor's own words.
    """

    kind: Literal["leader", "change", "ratio", "range", "note"]
    """What the finding says."""
    title: LocalizedText | None = None
    """Card title; a computed one when omitted (required for notes)."""
    text: LocalizedText | None = None
    """The editor's sentence, shown after the computed one (required for notes)."""
    figure: FigureRef | None = None
    """For leader and range: the metric (and place) the finding is about; scenario = the claimed leader."""
    scenarios: list[ScenarioId] | None = None
    """For range: the scenarios spanned (all when omitted)."""
    comparison: Annotated[str, StringConstraints(max_length=72)] | None = None
    """For change and ratio: the comparison id (``rtt-a-to-e``, or ``chain-id.1`` for a chain's pair)."""
    color: HexColor | None = None
    """Accent colour of the card; the scenario's when omitted."""
    tag: LocalizedText | None = None
    """A short label on the card ('feature, not performance')."""
    stated: StatedRange | None = None
    """For range: the spread as a published page gave it ('25-28 ms'); the card shows the data's, lint compares (L073)."""


class Report(Strict):
    """A benchmark report declared as data: what it measures, what its page shows."""

    id: Id
    """Folder name under site-data/."""
    kind: Literal["benchmark"]
    """``benchmark``: this general model (reports without ``kind`` are LLM-serving reports)."""
    packs: list[PackId] = []
    """Domain packs whose derived metrics and plausibility rules apply."""
    title: LocalizedText
    """Page title per locale."""
    date: datetime.date
    """Publication date."""
    authors: list[Text] = Field(min_length=1)
    """Authors as credited."""
    method: Method
    """How the figures were obtained."""
    deployment: list[NodeGroup] = []
    """Node groups every scenario runs on unless it names its own (3 x m6i.xlarge)."""
    dimensions: list[Dimension] = []
    """Axes figures vary over besides the scenario."""
    metrics: list[ReportMetric] = Field(min_length=1)
    """Catalogue metrics the report shows, in page order."""
    scenarios: list[Scenario] = Field(min_length=1)
    """Configurations under test, in page order."""
    baseline: ScenarioId
    """Scenario relative figures are computed against unless a component names another."""
    figures: list[Figures] = []
    """Typed figures."""
    measurements: list[Measurement] = []
    """Figures read from raw result files."""
    comparisons: list[Comparison] = []
    """Changes, ratios and differences components and findings quote."""
    findings: list[CoreFinding] = []
    """Key findings, in page order."""
    components: list[Component] = Field(min_length=1)
    """The page's components, under the names the page imports, in page order."""
    tables: list[Table] = []
    """MDX table partials (tables/<id>.mdx)."""
    waivers: list[Waiver] = []
    """Lint findings the report acknowledges, each with a reason."""
