"""A benchmark report as editors write it: data/reports/<id>.yaml."""

from typing import Annotated, Literal, Union

from pydantic import BeforeValidator, Field, StringConstraints

from pipeline.models.common import (
    Number,
    Figure, HexColor, Id, IsoDate, LocalizedText, Positive, PositiveInt, ScenarioId, Strict, Text,
)

Precision = Literal["bf16", "fp16", "fp8", "int8", "int4"]
"""Numeric format of weights; bytes per parameter follow from it."""


class Workload(Strict):
    """The request shape every figure was taken with."""

    input_tokens: PositiveInt
    """Prompt length per request, in tokens."""
    output_tokens: PositiveInt
    """Generated tokens per request."""


class SoftwareVersion(Strict):
    """One piece of the software stack and its version."""

    name: Text
    """EKS, vLLM, Neuron SDK, CUDA, ..."""
    version: Text
    """Version as published ('v0.8.3+', '2.x')."""
    note: LocalizedText | None = None
    """Why it matters or where it applies ('Llama 4 Day 0 support')."""
    scenarios: list[ScenarioId] | None = None
    """Scenarios it applies to; all when omitted."""


class Method(Strict):
    """How the figures were obtained."""

    basis: Literal["measured", "projected", "simulated"]
    """Whether figures come from runs, are projections from specs and published data, or come from
    simulated runs (raw files written by a model of the server, to demonstrate or test the pipeline)."""
    runs_per_point: PositiveInt
    """Repeated runs behind each figure."""
    statistic: Literal["median", "mean"]
    """How repeated runs reduce to one figure."""
    workload: Workload
    """Request shape."""
    precision: Precision
    """Weight precision used in every scenario."""
    region: Text
    """Cloud region (us-east-1)."""
    placement: LocalizedText | None = None
    """Where in the region ('single AZ')."""
    software: list[SoftwareVersion] = []
    """Software stack."""
    disclaimer: LocalizedText | None = None
    """Caveat printed under every chart (e.g. projected, not measured)."""


class Price(Strict):
    """What one instance-hour costs."""

    hourly: Positive
    """Price per instance-hour."""
    currency: Literal["USD"] = "USD"
    """Currency of ``hourly``; the site shows USD."""
    pricing_model: Literal["on-demand", "spot", "reserved", "savings-plan", "capacity-block"]
    """Purchase option the price belongs to."""
    region: Text
    """Region of the price."""
    source: Id
    """Where the price was read."""
    as_of: IsoDate
    """When it was read; cloud prices change."""
    approximate: bool = False
    """True for an estimate ('~45.00'); shown with a '~'."""


TierId = Literal["on-demand", "spot", "reserved-1y", "reserved-3y", "savings-plan-1y", "savings-plan-3y",
                 "capacity-block"]
"""A pricing model with its term: what a reader buys an instance-hour under."""


class HourlyRange(Strict):
    """A price that varies (spot): its lowest and highest hourly figure over the period read."""

    low: Positive
    """Lowest price per instance-hour."""
    high: Positive
    """Highest price per instance-hour."""


class SavingsRange(Strict):
    """A discount as published ('50-70% savings'), in percent off the scenario's headline price."""

    low: Number
    """Smallest saving, in percent."""
    high: Number
    """Largest saving, in percent."""


class PriceTier(Strict):
    """The price of one instance-hour under another pricing model than the headline one.

    Exactly one of ``hourly`` (a point), ``hourly_range`` (a price that varies, as spot does) or
    ``savings_pct`` (a published discount off the headline price; the range is then derived).
    """

    tier: TierId
    """Pricing model and term."""
    hourly: Positive | None = None
    """Price per instance-hour, when it is one figure."""
    hourly_range: HourlyRange | None = None
    """Lowest and highest price per instance-hour, for a price that varies (spot)."""
    savings_pct: SavingsRange | None = None
    """Published saving against the headline price, in percent; the hourly range is derived from it."""
    currency: Literal["USD"] = "USD"
    """Currency of the price; the site shows USD."""
    region: Text
    """Region of the price (capacity blocks are sold in few regions)."""
    source: Id
    """Where the price (or the saving) was read."""
    as_of: IsoDate
    """When it was read."""
    approximate: bool = False
    """True for an estimate or a price that changes often; shown with a '~'."""


class Scenario(Strict):
    """One hardware configuration under test."""

    id: ScenarioId
    """Letter printed on the page (A, B, ...)."""
    instance: Id
    """Instance type id (instances.yaml)."""
    short_label: Text
    """Compact label for chart axes ('p5/H100')."""
    role: LocalizedText
    """What the scenario stands for ('GPU baseline')."""
    color: HexColor
    """Colour of its bars and lines."""
    price: Price
    """Hourly price: the scenario's headline tier (its ``pricing_model``), the one stated costs are checked against."""
    prices: list[PriceTier] = []
    """Further pricing models of the same instance (spot, reserved, savings plan, capacity block), one per tier."""


class Deployment(Strict):
    """A hardware footprint a report states for a model."""

    accelerator: Id
    """Accelerator id (accelerators.yaml)."""
    count: PositiveInt
    """How many of them."""
    precision: Precision
    """Weight precision assumed."""


class ServingContext(Strict):
    """The longest context a serving engine fits on a given footprint, as stated."""

    engine: Text
    """Serving engine (vLLM)."""
    accelerator: Id
    """Accelerator id."""
    count: PositiveInt
    """How many of them."""
    max_context_tokens: PositiveInt
    """Context length in tokens."""
    approximate: bool = False
    """True for '~430K'."""


class ReportModel(Strict):
    """A model the report benchmarks, and what the report states about deploying it."""

    model: Id
    """Model id (models.yaml)."""
    stated_context_tokens: PositiveInt | None = None
    """Context window as the report states it, when it differs from the model card."""
    minimum_hardware: Deployment | None = None
    """Smallest footprint the report says serves the model."""
    serving_context: ServingContext | None = None
    """Context the report says the engine fits on a footprint."""


class ResultSet(Strict):
    """Figures for one model at one concurrency, per metric and scenario."""

    model: Id
    """Model id."""
    concurrency: PositiveInt = 1
    """Concurrent requests the figures were taken at."""
    source: Id
    """Source of every figure here unless a figure names its own."""
    metrics: dict[Id, dict[ScenarioId, Figure]]
    """Metric id -> scenario id -> value, in the metric's unit."""
    stated: dict[Id, dict[ScenarioId, Figure]] = {}
    """Published values of metrics the pipeline derives (cost per 1M tokens); checked, shown as published."""


class SweepPoint(Strict):
    """Values at one concurrency level."""

    concurrency: PositiveInt
    """Concurrent requests."""
    values: dict[ScenarioId, Figure]
    """Scenario id -> value."""


class Sweep(Strict):
    """A metric over rising concurrency: typed points, or every point of the report's measurements."""

    model: Id
    """Model id."""
    metric: Id
    """Metric id (usually output_throughput)."""
    source: Id | None = None
    """Source of the typed values; required with points, not used with 'from: measurements'."""
    points: list[SweepPoint] = []
    """One entry per concurrency level, in increasing order (at least two); none with 'from'."""
    from_: Literal["measurements"] | None = Field(None, alias="from")
    """'measurements': the points are every concurrency at which the report's measurements hold this
    model and metric, instead of typed points."""


def _one_or_more(value: object) -> object:
    # One pattern is often all an entry needs: `files: raw/x/*.json` reads as a list of one.
    return [value] if isinstance(value, str) else value


LatencyStatistic = Literal["median", "mean", "p90", "p95", "p99"]
"""A statistic of one run's latency distribution (over its requests, or its token gaps)."""


class Measurement(Strict):
    """Figures of one model on one scenario, read from benchmark tools' result files instead of typed.

    Each run in the files fills the report's figures at the run's concurrency; repeated runs at one
    concurrency reduce to one figure with method.statistic, and the figure lists its files and its
    number of runs. Typed results and measurements can sit in one report, but each figure has one origin.
    """

    model: Id
    """Model id (the report's models list)."""
    scenario: ScenarioId
    """Scenario the runs were taken on."""
    files: Annotated[list[Text], BeforeValidator(_one_or_more, json_schema_input_type=Union[Text, list[Text]])] = \
        Field(min_length=1)
    """Result files, folders or glob patterns (one, or a list), relative to data/: raw/<report id>/g5/*.json
    (** also searches sub-folders). A folder stands for the .json and .jsonl files under it. The format is
    recognised from the content: vLLM bench serve, AIPerf, GenAI-Perf, GuideLLM, LLMPerf."""
    latency_statistic: LatencyStatistic = "median"
    """Which statistic of each run's TTFT and ITL is taken (median, mean, p90, p95, p99), before the runs
    are reduced with method.statistic."""
    metrics: list[Id] | None = None
    """Report metrics to take from the files (ttft, itl, output_throughput); all of them when omitted."""
    itl_from: Literal["itl", "tpot"] = "itl"
    """Tool metric read as the report's ITL: itl (gaps between streamed chunks; vLLM, AIPerf, GuideLLM) or
    tpot (each request's mean gap after its first token; the only one GenAI-Perf reports)."""
    served_model: Text | None = None
    """Model name as the files spell it, when the server used another name than the catalogue's hf_id;
    runs of any other model are reported."""


class OperatingPoint(Strict):
    """The operating point of the charts: their concurrency, and how cost per 1M tokens counts tokens."""

    concurrency: PositiveInt = 1
    """Concurrency whose throughput divides the hourly price."""
    tokens: Literal["output", "total"] = "output"
    """Count output tokens only, or input + output."""


class TokenMix(Strict):
    """A stated input:output mix of tokens ('3:1')."""

    input: Positive
    """Input tokens in the mix."""
    output: Positive
    """Output tokens in the mix."""


class CostConvention(Strict):
    """How an instance-hour is turned into a cost per 1M tokens; one per report, so costs compare.

    ``output``: every token counted is an output token; ``total``: input + output tokens;
    ``split``: the hourly price split additively between input and output tokens, an output token
    costing ``output_input_ratio`` input tokens (the headline is the output-token cost);
    ``blended``: the split costs averaged at the stated ``mix`` of input and output tokens.
    """

    tokens: Literal["output", "total", "blended", "split"]
    """Which tokens a cost counts, and how."""
    mix: TokenMix | None = None
    """Input:output mix of the blended cost (required with blended)."""
    output_input_ratio: Positive | None = None
    """What one output token costs in input tokens (required with split and blended; GKE uses 4)."""


class CostView(Strict):
    """Which tiers the cost chart and table show, and under which convention costs are computed."""

    convention: CostConvention | None = None
    """The cost convention; operating_point.tokens (output or total) when omitted."""
    tiers: list[Text] | None = None
    """Pricing models the cost chart and table show, in order (on-demand, spot, capacity-block, ...); the
    headline tier alone when omitted. The props carry every tier either way."""


class Slo(Strict):
    """A service-level objective a sweep's loads are held against: which load meets it, and at what cost."""

    model: Id | None = None
    """Model whose sweep is checked; the first model when omitted."""
    ttft_ms: Positive
    """Largest TTFT allowed, in ms, at ``ttft_statistic``."""
    ttft_statistic: LatencyStatistic = "p99"
    """Statistic of each run's TTFT the limit applies to (read from raw files; typed figures as typed)."""
    itl_ms: Positive
    """Largest ITL allowed, in ms (a per-user speed of at least 1000 / itl_ms tokens/s)."""
    itl_statistic: LatencyStatistic = "median"
    """Statistic of each run's ITL the limit applies to."""
    interpolation: Literal["none", "linear"] = "none"
    """``none``: the highest measured load meeting the SLO; ``linear``: the load where a latency crosses its
    limit, interpolated linearly between the two measured loads around it (monotone between them)."""


class StatedPercentRange(Strict):
    """A published 'X-Y%' figure."""

    low: Number
    """Lower end as published, in percent."""
    high: Number
    """Upper end as published, in percent."""


class CostAdvantageFinding(Strict):
    """'N-M% lower cost per token' of some scenarios against a reference."""

    kind: Literal["cost_advantage"]
    """Always ``cost_advantage``."""
    model: Id
    """Model the comparison is for."""
    scenarios: list[ScenarioId] = Field(min_length=1)
    """Scenarios whose advantage is summarized."""
    versus: ScenarioId | None = None
    """Reference scenario; the baseline when omitted."""
    stated: StatedPercentRange | None = None
    """The range as published, checked against the data."""


class LeaderFinding(Strict):
    """A scenario that is best on some metrics."""

    kind: Literal["leader"]
    """Always ``leader``."""
    model: Id
    """Model the comparison is for."""
    scenario: ScenarioId
    """Scenario said to lead."""
    metrics: list[Id] = Field(min_length=1)
    """Metrics it leads on; the build checks it really does."""


class StatedBalance(Strict):
    """Published 'N% of throughput at M% of cost' figures."""

    throughput_pct: Number
    """Published share of the reference's throughput, in percent."""
    cost_pct: Number
    """Published share of the reference's cost per token, in percent."""


class BalanceFinding(Strict):
    """Share of a reference's throughput against share of its cost per token."""

    kind: Literal["balance"]
    """Always ``balance``."""
    model: Id
    """Model the comparison is for."""
    scenario: ScenarioId
    """Scenario whose balance is described."""
    versus: ScenarioId | None = None
    """Reference scenario; the baseline when omitted."""
    stated: StatedBalance | None = None
    """The shares as published, checked against the data."""


class ScalingFinding(Strict):
    """Throughput of two scenarios compared at a high concurrency."""

    kind: Literal["scaling"]
    """Always ``scaling``."""
    model: Id
    """Model the comparison is for."""
    scenario: ScenarioId
    """Scenario compared."""
    versus: ScenarioId
    """Scenario it is compared with."""
    concurrency: PositiveInt
    """Concurrency of the comparison (a sweep point)."""
    stated_ratio: Positive | None = None
    """The ratio as published ('3.2x')."""


class NoteFinding(Strict):
    """A qualitative finding written by the editor."""

    kind: Literal["note"]
    """Always ``note``."""
    title: LocalizedText
    """Card title in every locale."""
    text: LocalizedText
    """Card text in every locale (no figures: those are computed by other kinds)."""


Finding = Annotated[
    Union[CostAdvantageFinding, LeaderFinding, BalanceFinding, ScalingFinding, NoteFinding],
    Field(discriminator="kind"),
]


class WorkloadRecommendation(Strict):
    """Which scenario to pick for a kind of workload, and why."""

    workload: LocalizedText
    """The workload ('Latency-sensitive serving')."""
    scenarios: list[ScenarioId] = Field(min_length=1)
    """Recommended scenarios, best first."""
    model: Id | None = None
    """Model the figures in the rationale are taken for; the first model when omitted."""
    because: list[Id] = []
    """Metrics that justify the pick; the rationale quotes their values."""
    note: LocalizedText | None = None
    """Qualitative reason, for picks no metric explains."""


class ScenarioRating(Strict):
    """A scenario's card in the recommendation chart."""

    scenario: ScenarioId
    """Scenario id."""
    complexity: Literal["low", "medium", "high"]
    """Operational complexity."""
    complexity_note: Text | None = None
    """What causes it ('Neuron SDK')."""
    performance: Literal["maximum", "high", "moderate-high", "moderate", "low"]
    """Performance level."""
    cost: Literal["very-high", "high", "medium", "low", "lowest"]
    """Cost level."""


class Recommendations(Strict):
    """The recommendation chart."""

    workloads: list[WorkloadRecommendation] = []
    """Workloads and the scenarios recommended for them, in page order."""
    ratings: list[ScenarioRating] = []
    """One card per rated scenario."""


class TradeoffGroup(Strict):
    """A column of the trade-off table: a group of scenarios."""

    label: LocalizedText
    """Column heading in every locale."""
    scenarios: list[ScenarioId] = Field(min_length=1)
    """Scenarios the column stands for."""


class TradeoffFigure(Strict):
    """A figure computed over a group's scenarios, inserted at '{figure}' in a cell."""

    model: Id
    """Model whose figures are used."""
    metric: Id
    """Metric id."""
    measure: Literal["range", "share_of_baseline"]
    """``range``: lowest-highest value; ``share_of_baseline``: lowest-highest % of the baseline."""


class TradeoffCell(Strict):
    """One cell: text, optionally with a computed figure at '{figure}'."""

    text: LocalizedText
    """Text in every locale; ``{{ figure }}`` marks where the computed figure goes."""
    figure: TradeoffFigure | None = None
    """The figure computed over the column's scenarios, when the text quotes one."""


class TradeoffRow(Strict):
    """One aspect compared across groups."""

    aspect: LocalizedText
    """Row heading in every locale."""
    cells: list[TradeoffCell] = Field(min_length=1)
    """One cell per group, in the groups' order."""


class Tradeoffs(Strict):
    """A qualitative comparison table between groups of scenarios."""

    id: Id
    """Names the table's file: tradeoffs-<id>.mdx."""
    title: LocalizedText
    """Table title in every locale."""
    groups: list[TradeoffGroup] = Field(min_length=2)
    """Columns after the aspect column, at least two."""
    rows: list[TradeoffRow] = Field(min_length=1)
    """Aspects compared."""


class Waiver(Strict):
    """A lint finding the report acknowledges: the figure stays as published, the finding is listed as waived.

    Waived findings do not fail the build (not even under ``--strict``); they stay in the lint
    output, the build summary and the figures' provenance, so the page can say so.
    """

    rule: Annotated[str, StringConstraints(pattern=r"^L[0-9]{3}$")]
    """Code of the lint rule, e.g. L010 (docs/lint/<code>.md)."""
    scope: Text
    """Field path of the finding, as lint prints it (results[0].stated.cost_per_mtok.A); it also covers
    every finding below that path, and '*' stands for any one step (sweeps[0].points.*.values.A)."""
    reason: Text | None = None
    """Why the figure is published anyway. Required: a waiver without a reason waives nothing (L060)."""
    accepted: Annotated[str, StringConstraints(pattern=r"^[bcdfghjkmnpqrstvwxz]{8}$")] | None = None
    """Fingerprint of the findings the waiver was written for (their rules, paths and figures), as the
    stale-waiver message (L062) prints it. When a waived figure changes, the fingerprint no longer
    matches: the waiver waives nothing until an editor checks its reason and writes the new one."""


LlmComponentKind = Literal["overview", "infrastructure", "model_spec", "metric_bars", "concurrency_sweep", "cost",
                           "pareto", "findings", "recommendations"]
"""The component kinds of an LLM-serving report (pipeline/render/report.py builds each)."""


class LlmComponent(Strict):
    """A component of an LLM-serving report's page: its name (the props file) and what it shows."""

    name: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]*$", max_length=64)]
    """Component name: site-data/<report>/<locale>/<name>.json (and its chart and tables)."""
    kind: LlmComponentKind
    """overview, infrastructure, model_spec: the report's setting; metric_bars: one metric per model and
    scenario; concurrency_sweep: a sweep over concurrency; cost: cost per 1M tokens; pareto: the
    operating points of a sweep (Pareto front, SLO points); findings; recommendations."""
    metric: Id | None = None
    """For metric_bars: the metric (required); for concurrency_sweep: which sweep (its throughput by default)."""
    tables: bool = True
    """Also write its MDX tables (metric_bars, cost, concurrency_sweep); off for a second chart of a
    metric whose tables another component writes."""


STANDARD_COMPONENTS: tuple[LlmComponent, ...] = (
    LlmComponent(name="MLOverviewChart", kind="overview"),
    LlmComponent(name="InfraComparisonChart", kind="infrastructure"),
    LlmComponent(name="ModelSpecChart", kind="model_spec"),
    LlmComponent(name="TtftChart", kind="metric_bars", metric="ttft"),
    LlmComponent(name="ItlChart", kind="metric_bars", metric="itl"),
    LlmComponent(name="InferenceThroughputChart", kind="metric_bars", metric="output_throughput"),
    LlmComponent(name="ConcurrencyChart", kind="concurrency_sweep"),
    LlmComponent(name="CostPerTokenChart", kind="cost"),
    LlmComponent(name="ParetoChart", kind="pareto"),
    LlmComponent(name="KeyFindingsMLChart", kind="findings"),
    LlmComponent(name="MLRecommendationChart", kind="recommendations"),
)
"""The page's components when a report declares none, in page order."""


class Report(Strict):
    """One benchmark report: everything its page shows."""

    id: Id
    """Folder name under site-data/."""
    title: LocalizedText
    """Page title per locale."""
    date: IsoDate
    """Publication date."""
    authors: list[Text] = Field(min_length=1)
    """Authors as credited on the page."""
    method: Method
    scenarios: list[Scenario] = Field(min_length=1)
    """Hardware configurations under test, in page order."""
    baseline: ScenarioId
    """Scenario every relative figure is computed against."""
    models: list[ReportModel] = Field(min_length=1)
    """Models benchmarked, in page order."""
    results: list[ResultSet] = []
    """Typed figures; a report needs results, measurements or both."""
    measurements: list[Measurement] = []
    """Figures read from raw benchmark result files (see Measurement)."""
    sweeps: list[Sweep] = []
    """Metrics measured over rising concurrency (the concurrency chart)."""
    operating_point: OperatingPoint = OperatingPoint()
    """Concurrency the TTFT, ITL, throughput and cost charts show, and the token count cost uses."""
    findings: list[Finding] = []
    """Key findings, in page order; their text is written from the data."""
    recommendations: Recommendations = Recommendations()
    tradeoffs: list[Tradeoffs] = []
    """Qualitative comparison tables."""
    waivers: list[Waiver] = []
    """Lint findings the report acknowledges, each with a reason (see Waiver)."""
    costs: CostView = CostView()
    """Cost convention and the price tiers the cost chart and table show."""
    slo: Slo | None = None
    """Service-level objective the sweep's operating points are held against (the SLO table)."""
    components: list[LlmComponent] | None = Field(None, min_length=1)
    """The page's components in order, each a name and a kind; the ten standard ones when omitted.
    A component whose data the report lacks (no ITL figures, no sweep) is left out."""

    @property
    def page_components(self) -> tuple[LlmComponent, ...]:
        """The declared components, or the standard ones."""
        return STANDARD_COMPONENTS if self.components is None else tuple(self.components)
