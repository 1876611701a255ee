"""Catalogues a second report would reuse: sources, accelerators, instances, models, metrics.

Each lives in its own YAML file under ``data/catalog/`` and is referenced by id.
"""

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from pipeline.models.common import HttpUrl, Id, IsoDate, Positive, PositiveInt, Strict, Text, WholeNumber


class Source(Strict):
    """A public document a figure comes from."""

    id: Id
    """Referenced by figures as ``source: <id>``."""
    title: Text
    """Title of the document, in its own language."""
    publisher: Text
    """Who published it (AWS, NVIDIA, Meta, the report's authors)."""
    url: HttpUrl | None = None
    """Where to read it."""
    accessed: IsoDate | None = None
    """When the figure was read from it (prices and specs change)."""


class Accelerator(Strict):
    """One accelerator chip model, from its vendor's data sheet."""

    id: Id
    """Referenced by instances as ``accelerator: <id>``."""
    vendor: Text
    """Maker, e.g. NVIDIA or AWS."""
    name: Text
    """Short product name as the page prints it (H100, Trainium2)."""
    kind: Literal["gpu", "custom-silicon"]
    """GPU, or a cloud provider's own accelerator."""
    memory_gb: Positive
    """Memory per chip in GB (10^9 bytes)."""
    memory_type: Text
    """HBM3, HBM2, GDDR6, ..."""
    memory_bandwidth_tb_s: Positive
    """Memory bandwidth per chip in TB/s (10^12 bytes per second)."""
    source: Id
    """Data sheet the figures come from."""
    peak_dense_tflops: dict[Literal["bf16", "fp16", "fp8", "int8", "int4"], Positive] = {}
    """Peak dense (no sparsity) tensor compute per chip, in TFLOPS (10^12 operations per second), per precision."""
    compute_source: Id | None = None
    """Where the peak compute figures come from (required with peak_dense_tflops)."""


class Interconnect(Strict):
    """The link between accelerators inside one instance."""

    name: Text
    """NVSwitch, NeuronLink, PCIe Gen5, ..."""
    bandwidth_gb_s: Positive | None = None
    """Per-accelerator bandwidth in GB/s where the vendor states it."""


class Instance(Strict):
    """A cloud instance type."""

    id: Id
    """The instance type exactly as the provider spells it (p5.48xlarge)."""
    family: Text
    """Instance family, used in short labels (p5, trn2)."""
    provider: Literal["aws"] = "aws"
    """Cloud provider."""
    accelerator: Id | None = None
    """Accelerator id (accelerators.yaml); none for a CPU-only instance."""
    accelerator_count: PositiveInt | None = None
    """Accelerators per instance; required with ``accelerator``."""
    network_gbps: Positive
    """Network bandwidth in Gbit/s (the "up to" burst figure where the provider gives one)."""
    network_baseline_gbps: Positive | None = None
    """Sustained network bandwidth in Gbit/s, for instances whose network_gbps is an "up to" burst figure."""
    vcpus: PositiveInt | None = None
    """Virtual CPUs."""
    memory_gib: Positive | None = None
    """Instance memory in GiB."""
    interconnect: Interconnect | None = None
    """Accelerator interconnect; required with ``accelerator``."""
    source: Id
    """Provider page the figures come from."""


class Experts(Strict):
    """Mixture-of-experts layout."""

    routed: PositiveInt
    """Routed experts per MoE layer."""
    shared: WholeNumber = Field(0, ge=0)
    """Always-active shared experts."""
    active_per_token: PositiveInt
    """Routed experts each token activates."""


class Model(Strict):
    """A model as its publisher describes it."""

    id: Id
    """Referenced by reports as ``model: <id>``."""
    name: Text
    """Display name (Llama 4 Scout)."""
    publisher: Text
    """Meta, Mistral, ..."""
    hf_id: Text | None = None
    """Hugging Face repository id."""
    parameters_total_b: Positive
    """Total parameters, in billions."""
    parameters_active_b: Positive
    """Parameters active per token, in billions (equals the total for dense models)."""
    architecture: Literal["moe", "dense"]
    """Mixture of experts or dense."""
    experts: Experts | None = None
    """MoE layout; required when architecture is moe."""
    context_tokens: PositiveInt
    """Maximum context length in tokens, per the publisher."""
    hidden_dim: PositiveInt | None = None
    """Hidden dimension."""
    layers: PositiveInt | None = None
    """Transformer layers."""
    attention_heads: PositiveInt | None = None
    """Attention heads."""
    kv_heads: PositiveInt | None = None
    """Key/value heads (grouped-query attention)."""
    position_encoding: Text | None = None
    """RoPE, iRoPE, ..."""
    fp8_checkpoint: bool = False
    """Whether the publisher ships an FP8 checkpoint."""
    source: Id
    """Model card the figures come from."""


UnitId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9/_.-]*$", max_length=32)]
"""A unit id as data/catalog/units.yaml spells it (ms, us, gbps, tokens/s, usd_per_mtok)."""


class Unit(Strict):
    """A unit figures are stored and shown in; labels live in the catalogues (unit.<id>.value/.label)."""

    id: UnitId
    """Referenced by metrics as ``unit: <id>``; also the key of its labels in i18n catalogues."""
    dimension: Id
    """What it measures (time, bitrate, share, rate, count, money, ...); units of one dimension convert."""
    scale: Positive = 1.0
    """Size of one of this unit in the dimension's base unit (ms: 0.001 of a second; Gbps: 1e9 bit/s)."""
    format: Literal["number", "usd", "percent"] = "number"
    """How a figure is written: a number and the unit's symbol, a dollar amount, or a percentage."""
    aliases: list[Text] = []
    """Other spellings raw files and tools use for it (Gbit/s, usec); matched case-insensitively."""


class Metric(Strict):
    """A measured or derived quantity that charts and tables show."""

    id: Id
    """Referenced in reports' results; also the key of its labels in i18n catalogues."""
    unit: UnitId
    """Canonical unit (units.yaml); values are stored and derived in it."""
    direction: Literal["lower", "higher"]
    """Which way is better: lower for latency and cost, higher for throughput."""
    decimals: WholeNumber = Field(0, ge=0, le=4)
    """Fraction digits shown on the page (a report may override it)."""
    derived: bool = False
    """True when the pipeline computes it (a report may still state it, and is then checked)."""
    values: Literal["positive", "non-negative", "any"] = "positive"
    """Which figures make sense: positive only (latency, throughput), zero too (loss, errors), or any sign."""
    maximum: Positive | None = None
    """Largest plausible figure, in the metric's unit (100 for a percentage); larger ones are refused."""


class UnitCatalog(Strict):
    """data/catalog/units.yaml"""

    units: list[Unit]
    """Every unit, each with a unique id."""


class SourceCatalog(Strict):
    """data/catalog/sources.yaml"""

    sources: list[Source]
    """Every source, each with a unique id."""


class AcceleratorCatalog(Strict):
    """data/catalog/accelerators.yaml"""

    accelerators: list[Accelerator]
    """Every accelerator, each with a unique id."""


class InstanceCatalog(Strict):
    """data/catalog/instances.yaml"""

    instances: list[Instance]
    """Every instance type, each with a unique id."""


class ModelCatalog(Strict):
    """data/catalog/models.yaml"""

    models: list[Model]
    """Every model, each with a unique id."""


class MetricCatalog(Strict):
    """data/catalog/metrics.yaml"""

    metrics: list[Metric]
    """Every metric, each with a unique id."""
