"""One measured value of a networking tool, its vocabulary, and the checks every reader shares.

The networking readers (iperf3, fortio, k6, declared field maps) emit :class:`Observation`
objects rather than rows of the LLM tidy table: their results are not "runs at a load" but
figures with dimensions (protocol, streams, a QPS level), and each keeps the unit the file
gives (iperf3 bits/s stays ``bps``, a script's Gbps stays ``Gbps``). A units catalogue
(:data:`UNIT_KINDS`) says which units convert into which, so consumers can normalise.

:class:`Collector` is the one place where a raw JSON value becomes a number: ``None`` is
silently missing, NaN/Infinity and non-numbers are warnings naming the file and the JSON
path, so every reader applies the same rules. This module imports neither pandas nor pydantic.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import Problem
from pipeline.ingest.source import Source

Dimension = tuple[str, "str | float"]

UNIT_KINDS: dict[str, str] = {
    "bps": "bitrate", "Mbps": "bitrate", "Gbps": "bitrate",
    "s": "time", "ms": "time", "us": "time",
    "percent": "fraction", "ratio": "fraction",
    "req/s": "request_rate", "count": "count", "bytes": "bytes", "tokens/s": "token_rate",
}
"""Every unit an observation may carry, with its kind: units of one kind convert into each other."""

UNIT_SCALE: dict[str, float] = {
    "bps": 1.0, "Mbps": 1e6, "Gbps": 1e9, "s": 1.0, "ms": 1e-3, "us": 1e-6,
    "ratio": 1.0, "percent": 0.01, "req/s": 1.0, "count": 1.0, "bytes": 1.0, "tokens/s": 1.0,
}
"""Size of each unit in the base unit of its kind (bits/s, seconds, ratio, ...)."""

METRIC_UNITS: dict[str, str] = {
    "tcp_throughput": "bps",
    "tcp_throughput_sent": "bps",
    "tcp_retransmits": "count",
    "tcp_rtt": "us",
    "udp_throughput": "bps",
    "udp_throughput_received": "bps",
    "udp_loss": "percent",
    "udp_lost_packets": "count",
    "udp_packets": "count",
    "udp_jitter": "ms",
    "http_latency": "ms",
    "http_throughput": "req/s",
    "http_requested_rate": "req/s",
    "http_requests": "count",
    "http_responses": "count",
    "http_errors": "count",
    "http_failed_rate": "ratio",
    "http_waiting": "ms",
    "http_connecting": "ms",
    "http_tls_handshaking": "ms",
    "http_blocked": "ms",
    "http_sending": "ms",
    "http_receiving": "ms",
    "iteration_duration": "ms",
    "iterations": "count",
    "dropped_iterations": "count",
    "checks_rate": "ratio",
    "checks_passed": "count",
    "checks_failed": "count",
    "data_received": "bytes",
    "data_sent": "bytes",
    "vus": "count",
    "vus_max": "count",
    "dns_latency": "ms",
}
"""Canonical networking metrics and the unit the built-in readers give them in.

A field map may give a metric in another unit of the same kind (``tcp_throughput`` in Gbps).

- ``tcp_throughput``: TCP goodput seen by the receiver (iperf3 ``end.sum_received``), all streams.
- ``tcp_throughput_sent``: TCP rate written by the sender (iperf3 ``end.sum_sent``).
- ``tcp_retransmits``: TCP segments the sender retransmitted over the test.
- ``tcp_rtt``: the sender kernel's smoothed RTT (iperf3 ``mean_rtt``/``min_rtt``/``max_rtt``;
  ``mean`` averages the streams' means). It is measured under load, not a ping.
- ``udp_throughput``: the UDP **sending** rate (iperf3's client ``sum`` is the sender's figure,
  esnet/iperf #584; ``sum_sent`` where the file has it).
- ``udp_throughput_received``: the UDP rate the receiver got (iperf3 ``sum_received``, 3.x later builds).
- ``udp_loss`` / ``udp_lost_packets`` / ``udp_packets``: datagrams lost (percent, count) of those sent.
- ``udp_jitter``: the receiver's smoothed jitter estimate (RFC 1889), ms.
- ``http_latency``: request duration (fortio ``DurationHistogram``, k6 ``http_req_duration``).
- ``http_throughput``: requests completed per second (fortio ``ActualQPS``, k6 ``http_reqs.rate``).
- ``http_requested_rate``: the target request rate (fortio ``RequestedQPS``; absent for "max").
- ``http_requests``: requests made; ``http_responses``: requests per return code (dimension ``code``).
- ``http_errors``: failed requests (fortio: return codes other than 200/SERVING; k6: failed requests).
- ``http_failed_rate``: share of failed requests (k6 ``http_req_failed``), 0..1.
- ``http_waiting`` ... ``http_receiving``, ``iteration_duration``: k6's timing trends.
- ``iterations`` / ``dropped_iterations``: k6 script iterations run / dropped.
- ``checks_rate`` / ``checks_passed`` / ``checks_failed``: k6 checks (per check with dimension ``check``).
- ``data_received`` / ``data_sent``: bytes over the test (k6).
- ``vus`` / ``vus_max``: k6 virtual users.
- ``dns_latency``: time to resolve a name (declared field maps).
"""

STATISTICS = ("mean", "median", "min", "max", "value")
"""Named statistics; percentiles are ``p<percent>`` (``p90``, ``p99.9``); ``value`` is a single reading."""


@dataclass(frozen=True)
class Observation:
    """One figure read from a networking tool's file, in the file's own unit."""

    metric: str
    """Canonical metric name (:data:`METRIC_UNITS`), or a field map's own metric id."""
    statistic: str
    """``mean``, ``median``, ``min``, ``max``, ``p<percent>`` or ``value`` (a total, a count, a rate)."""
    value: float
    """The figure, finite, in :attr:`unit`."""
    unit: str
    """One of :data:`UNIT_KINDS`."""
    dimensions: tuple[Dimension, ...]
    """``(name, value)`` pairs sorted by name: protocol, streams, qps_level, code, ..."""
    tool: str
    """``iperf3``, ``fortio``, ``k6``, or the id of the field map that read the file."""
    tool_version: str | None
    """Version the file states, or None."""
    file: str
    """The file's path as shown (relative, POSIX)."""
    run: int
    """Index of the result within the file (list index, JSON Lines line number, or 0)."""
    where: str
    """JSON path of the value inside the file, e.g. ``end.sum_received.bits_per_second``."""

    def dimension(self, name: str) -> str | float | None:
        """The value of dimension ``name``, or None when the observation has none."""
        return dict(self.dimensions).get(name)


def dimension_value(raw: object) -> str | float | None:
    """A dimension as str or float (ints become floats, bools 'true'/'false'); None when unusable."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float)):
        value = float(raw)
        return value if math.isfinite(value) else None
    if isinstance(raw, str) and raw.strip():
        return raw.strip()
    return None


@dataclass
class Collector:
    """Gathers one result's observations; turns each raw value into a number or a problem."""

    tool: str
    """Tool name written on every observation."""
    source: Source
    """The document being read: file, line, and the problem list to append to."""
    run: int = 0
    """Run index written on every observation."""
    tool_version: str | None = None
    """Version written on every observation."""
    prefix: str = ""
    """JSON path of the result inside its document (``[2]`` for a list item), prepended to ``where``."""
    dimensions: dict[str, str | float] = field(default_factory=dict)
    """Dimensions every observation of this result carries."""
    observations: list[Observation] = field(default_factory=list)
    """What was read so far."""

    def path(self, where: str) -> str:
        """``where`` inside the whole document."""
        if not self.prefix:
            return where
        return self.prefix + ("" if where.startswith("[") else ".") + where

    def number(self, raw: object, where: str) -> float | None:
        """``raw`` as a finite float; None (with a warning unless ``raw`` is None) otherwise."""
        if raw is None:
            return None
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            try:
                value = float(raw)
            except OverflowError:  # an integer too large for a float
                value = math.inf
            if math.isfinite(value):
                return value
            self.source.warn("E075", f"NaN/Infinity treated as missing (got {_shown(raw)})",
                             path=self.path(where), hint="the tool wrote NaN for a figure it could not compute")
            return None
        self.source.warn("E074", f"not a number, ignored (got {_shown(raw)})", path=self.path(where),
                         hint="this field should hold a number; check the file was not edited by hand")
        return None

    def add(self, metric: str, statistic: str, raw: object, unit: str, where: str, *,
            scale: float = 1.0, dimensions: dict[str, str | float] | None = None) -> None:
        """Record ``raw * scale`` (in ``unit``) read at ``where``; skip missing or unusable values."""
        value = self.number(raw, where)
        if value is not None:
            self.put(metric, statistic, value * scale, unit, where, dimensions)

    def put(self, metric: str, statistic: str, value: float, unit: str, where: str,
            dimensions: dict[str, str | float] | None = None) -> None:
        """Record an already checked number."""
        dims = dict(self.dimensions)
        if dimensions:
            dims.update(dimensions)
        self.observations.append(Observation(
            metric, statistic, value, unit, tuple(sorted(dims.items())), self.tool, self.tool_version,
            self.source.file, self.run, self.path(where)))


def dig(data: Any, path: str) -> Any:
    """The value at dotted ``path`` (``end.sum_sent.bits_per_second``), or None when any step is missing."""
    for key in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _shown(raw: object) -> str:
    if isinstance(raw, str):
        return repr(raw) if len(raw) <= 40 else repr(raw[:37] + "...")
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return "NaN" if math.isnan(raw) else ("Infinity" if raw > 0 else "-Infinity")
    if isinstance(raw, dict):
        return "a JSON object"
    if isinstance(raw, list):
        return "a JSON list"
    return repr(raw)


def unknown_problem(source: Source, kind: str, err: Exception) -> Problem:
    """The E079 problem for a reader that met a shape nobody has seen yet."""
    return Problem("E079", f"unexpected structure in {kind} file ({type(err).__name__}: {err})",
                   source.location(), hint="the file may be damaged or from an unsupported version")
