"""A declared field map: how to read a team's own benchmark script output, without Python.

A field map file (``data/formats/<id>.yaml``) says how to recognise the script's JSON
(keys that must be present) and, for each figure, the JSON path it sits at, the metric,
statistic and unit it is, and the dimensions it carries. A path segment may capture a
dimension: ``http.qps_{qps_level}.p99_ms`` matches ``http.qps_1000.p99_ms`` with
``qps_level`` = 1000 and ``http.qps_max.p99_ms`` with ``qps_level`` = 'max'.
"""

import re
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from pipeline.ingest.readings import METRIC_UNITS, UNIT_KINDS
from pipeline.models.common import Id, Number, Strict, Text

Unit = Literal["bps", "Mbps", "Gbps", "s", "ms", "us", "percent", "ratio", "req/s", "count", "bytes",
               "tokens/s"]
"""A unit of the units catalogue (the same as an observation's)."""

Statistic = Annotated[str, StringConstraints(pattern=r"^(mean|median|min|max|value|p\d+(\.\d+)?)$")]
"""``mean``, ``median``, ``min``, ``max``, ``value`` (a single reading) or ``p<percent>`` (``p99``, ``p99.9``)."""

JsonPath = Annotated[str, StringConstraints(
    pattern=r"^[^.\s]+(\.[^.\s]+)*$", max_length=300)]
"""Dot-separated keys (``network.tcp_throughput_gbps``); a key may hold ``{name}`` captures or be ``*``."""

CaptureKind = Literal["auto", "number", "text"]
"""How a captured segment becomes a dimension: ``number`` (must parse), ``text``, or ``auto``
(a number when it parses, else the text, so ``qps_1000`` -> 1000 and ``qps_max`` -> 'max')."""

_CAPTURE = re.compile(r"\{([a-z][a-z0-9_]*)\}")


class Recognise(Strict):
    """How to tell a file of this script from any other JSON: every condition must hold."""

    required: list[JsonPath] = Field(min_length=1)
    """Paths (no captures) that must exist in the file, e.g. ``[network.tcp_throughput_gbps, http, dns]``."""
    equals: dict[JsonPath, str | Number] = {}
    """Paths whose value must be exactly this text or number (a format version key, say)."""

    @model_validator(mode="after")
    def _no_captures(self) -> "Recognise":
        for path in [*self.required, *self.equals]:
            if "{" in path or "*" in path.split("."):
                raise ValueError(f"'{path}': recognition paths name keys exactly (no {{captures}} or *)")
        return self


class FieldSpec(Strict):
    """One figure of the file: where it is and what it means."""

    path: JsonPath
    """Where the value is; ``{name}`` inside a key captures the rest of the key as dimension ``name``."""
    metric: Id
    """Canonical metric (``tcp_throughput``, ``http_latency``, ``dns_latency``...) or a new id."""
    statistic: Statistic
    """Which statistic of the metric the value is."""
    unit: Unit
    """The unit the file writes the value in (kept as is; consumers convert)."""
    dimensions: dict[Id, str | Number] = {}
    """Fixed dimensions every value of this field carries (``{protocol: udp}``)."""
    zero_is_missing: bool = False
    """True when the script writes 0 for an empty value: a 0 is then reported as not measured."""
    optional: bool = False
    """True when a file may lack this field; otherwise a path that matches nothing is a warning."""

    @model_validator(mode="after")
    def _captures_and_unit(self) -> "FieldSpec":
        rest = _CAPTURE.sub("", self.path)
        if "{" in rest or "}" in rest:
            raise ValueError(f"'{self.path}': a capture is written {{name}} with a lower-case name")
        names = _CAPTURE.findall(self.path)
        if len(names) != len(set(names)):
            raise ValueError(f"'{self.path}': each capture name may appear once")
        clash = set(names) & set(self.dimensions)
        if clash:
            raise ValueError(f"'{self.path}': {', '.join(sorted(clash))} is both captured and fixed")
        known = METRIC_UNITS.get(self.metric)
        if known is not None and UNIT_KINDS[known] != UNIT_KINDS[self.unit]:
            raise ValueError(f"{self.metric} is a {UNIT_KINDS[known]} (e.g. {known}); "
                             f"'{self.unit}' is a {UNIT_KINDS[self.unit]} unit")
        return self

    def captures(self) -> list[str]:
        """The dimension names this field's path captures, in order."""
        return _CAPTURE.findall(self.path)


class FieldMap(Strict):
    """How to read one script's JSON output into observations."""

    id: Id
    """Name of the format, also the ``tool`` of its observations (``cni-bench-v1``)."""
    description: Text
    """What writes these files and how (script, tools, units), for the next reader."""
    recognise: Recognise
    """The keys that identify the format."""
    captures: dict[Id, CaptureKind] = {}
    """How each captured dimension is typed (default ``auto``)."""
    missing_text: list[str] = ["N/A", "NA", "n/a", "-", ""]
    """Text values that mean "not measured" (reported as such, not as a wrong type)."""
    version_path: JsonPath | None = None
    """Path of a version string in the file, if the script writes one."""
    fields: list[FieldSpec] = Field(min_length=1)
    """Every figure the file holds."""

    @model_validator(mode="after")
    def _consistent(self) -> "FieldMap":
        used = {name for spec in self.fields for name in spec.captures()}
        unknown = sorted(set(self.captures) - used)
        if unknown:
            raise ValueError(f"captures: {', '.join(unknown)} appear in no field path")
        paths = [spec.path for spec in self.fields]
        twice = sorted({p for p in paths if paths.count(p) > 1})
        if twice:
            raise ValueError(f"fields: {', '.join(twice)} declared more than once")
        return self

    def capture_kind(self, name: str) -> CaptureKind:
        """How the captured dimension ``name`` is typed."""
        return self.captures.get(name, "auto")
