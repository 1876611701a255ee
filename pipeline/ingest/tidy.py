"""The tidy table's vocabulary: columns, canonical metrics and units, and one run's rows.

Every parser turns a tool's file into :class:`Run` objects. A run holds the
facts shared by all its rows (tool, model, load, request counts) and one value
per ``(metric, statistic)``, already converted to the canonical unit. Keeping
the conversion and the checks here means each parser only says *which* field
means *what*, and the rules (seconds to ms, NaN is missing, a p50 is the median)
are applied the same way for every tool.

Statistics are named ``mean``, ``median`` (a tool's p50 included), ``std``,
``min``, ``max``, ``sum`` (token counts only) and ``p<percent>`` (``p90``,
``p99.9``, ``p0.1``).

This module does not import pandas: it runs for every file, and pandas is only
needed once, when the final table is built.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

COLUMNS: tuple[str, ...] = (
    "tool", "tool_version", "file", "run", "model", "concurrency", "request_rate",
    "metric", "statistic", "value", "unit", "completed", "failed",
)
"""Column order of the tidy table."""

MS = "ms"
TOKENS_PER_S = "tokens/s"
REQUESTS_PER_S = "requests/s"
TOKENS = "tokens"

METRIC_UNITS: dict[str, str] = {
    "ttft": MS,
    "tpot": MS,
    "itl": MS,
    "e2e_latency": MS,
    "e2e_per_output_token": MS,
    "batch_latency": MS,
    "output_throughput": TOKENS_PER_S,
    "total_throughput": TOKENS_PER_S,
    "per_user_output_throughput": TOKENS_PER_S,
    "request_throughput": REQUESTS_PER_S,
    "request_goodput": REQUESTS_PER_S,
    "input_tokens": TOKENS,
    "output_tokens": TOKENS,
}
"""Canonical metric names and the unit their values are stored in.

- ``ttft``: time to first token.
- ``tpot``: per request, (latency - TTFT) / (output tokens - 1), i.e. the mean gap
  between tokens *excluding* the first; the statistics are over requests. GuideLLM's
  time_per_output_token divides the same decode time by all output tokens, so it reads
  a factor (N - 1) / N lower.
- ``itl``: every gap between streamed chunks, pooled over all requests (vLLM's ITL,
  AIPerf's inter_chunk_latency), or GuideLLM's per-request inter_token_latency (decode
  time / (N - 1)). Differs from ``tpot`` when chunks carry several tokens.
- ``e2e_latency``: request latency, from sending to the last token.
- ``e2e_per_output_token``: per request, latency / output tokens, so it *includes*
  TTFT (LLMPerf's inter_token_latency).
- ``batch_latency``: time to run one whole offline batch (vLLM ``benchmark_latency``);
  the file does not say how many requests a batch held.
- ``output_throughput`` / ``total_throughput``: aggregate output (resp. input+output)
  tokens per second over the run.
- ``per_user_output_throughput``: output tokens per second seen by one request.
- ``request_throughput`` / ``request_goodput``: completed (resp. good) requests per second.
- ``input_tokens`` / ``output_tokens``: tokens per request (``sum``: over the run).
"""

_FLOAT_INTS = 2 ** 1023
"""Integers below this in size are finite floats (larger ones overflow, or round to infinity)."""

MS_PER_S = 1000.0
S_PER_MIN = 60.0

_PERCENTILE_RE = re.compile(r"^p(\d+(?:\.\d+)?)$")


def percentile_statistic(percent: float) -> str:
    """Name of the statistic for a percentile in percent: 99 -> ``p99``, 99.9 -> ``p99.9``."""
    # 'g' drops a trailing '.0' and keeps short decimals as written (0.1, 99.9).
    return f"p{round(percent, 6):g}"


def percentile_from_fraction_digits(digits: str) -> str:
    """GuideLLM's percentile keys are quantile digits: ``001`` -> p0.1, ``05`` -> p5, ``999`` -> p99.9."""
    return percentile_statistic(float("0." + digits) * 100.0)


@dataclass
class Run:
    """One benchmark run (one load point) of one file, with its values in canonical units."""

    tool: str
    """Tool family: ``vllm``, ``aiperf``, ``genai-perf``, ``guidellm`` or ``llmperf``."""
    tool_version: str | None
    """Version string written in the file, or None when the file carries none."""
    run: int
    """Index of the run within its file (JSON Lines line number, sweep run number, list index, or 0)."""
    model: str | None = None
    """Model name or path as the file gives it."""
    concurrency: float = math.nan
    """Concurrency limit of the load generator; NaN when the run had none."""
    request_rate: float = math.nan
    """Target request rate in requests/s (``inf``: all at once); NaN when not rate-driven."""
    completed: int | None = None
    """Requests that succeeded, when the file says."""
    failed: int | None = None
    """Requests that failed, when the file says."""
    where: str = ""
    """Field path of the run inside its document (``benchmarks[2]``); empty for the whole document."""
    values: dict[tuple[str, str], float] = field(default_factory=dict)
    """``(metric, statistic) -> value`` in the metric's canonical unit."""
    non_finite: list[str] = field(default_factory=list)
    """Source fields whose value was NaN or +-Infinity and was dropped."""
    invalid: list[str] = field(default_factory=list)
    """Source fields whose value was not a number and was dropped."""
    _from_p50: set[str] = field(default_factory=set, repr=False)
    """Metrics whose ``median`` came from a p50 and may be replaced by a stated median."""

    def add(self, metric: str, statistic: str, raw: object, *, scale: float = 1.0,
            source: str = "") -> None:
        """Record ``raw * scale`` as ``metric``/``statistic``; skip missing or unusable values.

        ``None`` is silently missing (tools write null for "not measured"). NaN and
        infinities, booleans and non-numeric strings are dropped and remembered in
        :attr:`non_finite` / :attr:`invalid` under ``source`` so the caller can warn.
        A ``p50`` is stored as ``median`` unless the tool also states a median.
        """
        if type(raw) is float and raw - raw == 0.0:  # a finite float, as JSON numbers mostly are
            number = raw
        else:
            number = self.number(raw, source)
            if number is None:
                return
        weak = statistic == "p50"
        if weak:
            statistic = "median"
        key = (metric, statistic)
        if key in self.values:
            # A stated median wins over a p50; otherwise the first spelling seen wins,
            # so an alias (e.g. old and new key names in one file) never duplicates a row.
            if weak or metric not in self._from_p50:
                return
            self._from_p50.discard(metric)
        elif weak:
            self._from_p50.add(metric)
        self.values[key] = number * scale

    def add_all(self, figures: list[tuple[tuple[str, str], object, str]]) -> None:
        """:meth:`add` each ``((metric, statistic), raw, source)`` of ``figures`` in turn (unscaled).

        A finite float under a key not seen yet, as nearly every figure of a tool's summary is, is stored
        here as :meth:`add` would store it (``raw * 1.0`` is ``raw``), without a call per figure.
        """
        values = self.values
        for key, raw, source in figures:
            if type(raw) is float and raw - raw == 0.0 and key[1] != "p50" and key not in values:
                values[key] = raw
            else:
                self.add(key[0], key[1], raw, source=source)

    def number(self, raw: object, source: str = "") -> float | None:
        """``raw`` as a finite float, or None (and remember why when it is not missing)."""
        kind = type(raw)
        if kind is float:  # what JSON numbers mostly are: the checks below, in one step
            if raw - raw == 0.0:  # False for NaN and the infinities
                return raw
            self.non_finite.append(source)
            return None
        if kind is int:  # and the rest are ints
            if -_FLOAT_INTS < raw < _FLOAT_INTS:
                return float(raw)
        elif raw is None:
            return None
        if isinstance(raw, bool):
            self.invalid.append(source)
            return None
        if not isinstance(raw, (int, float, str)):
            self.invalid.append(source)
            return None
        try:
            # LLMPerf writes some numbers as strings ("120"); accept any numeric text.
            value = float(raw.strip()) if isinstance(raw, str) else float(raw)
        except ValueError:
            self.invalid.append(source)
            return None
        except OverflowError:  # an integer too large for a float: as good as infinite
            value = math.inf
        if not math.isfinite(value):
            self.non_finite.append(source)
            return None
        return value

    def count(self, raw: object, source: str = "") -> int | None:
        """A request count as an int (``12.0`` -> 12), or None when missing or unusable."""
        value = self.number(raw, source)
        if value is None:
            return None
        if value < 0 or not value.is_integer():
            self.invalid.append(source)
            return None
        return int(value)

    def row(self, file: str, key: tuple[str, str]) -> tuple:
        """The row of value ``key`` (``(metric, statistic)``), in :data:`COLUMNS` order."""
        return (self.tool, self.tool_version, file, self.run, self.model, self.concurrency, self.request_rate,
                key[0], key[1], self.values[key], METRIC_UNITS[key[0]], self.completed, self.failed)

    def rows(self, file: str) -> list[tuple]:
        """The run's rows for the tidy table, in :data:`COLUMNS` order."""
        tool, version, run, model = self.tool, self.tool_version, self.run, self.model
        concurrency, rate, completed, failed = self.concurrency, self.request_rate, self.completed, self.failed
        return [(tool, version, file, run, model, concurrency, rate, metric, statistic, value, METRIC_UNITS[metric],
                 completed, failed) for (metric, statistic), value in self.values.items()]


def load_value(raw: object, *, allow_inf: bool = False) -> float:
    """A load knob (concurrency, rate) as float; NaN when missing, zero, negative or not a number.

    ``"inf"`` and Infinity mean "send everything at once" for a request rate, so
    they are kept when ``allow_inf``; a concurrency is never infinite.
    """
    if raw is None or isinstance(raw, bool):
        return math.nan
    try:
        value = float(raw.strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError, OverflowError):
        return math.nan
    if math.isnan(value) or value <= 0 or (math.isinf(value) and not allow_inf):
        return math.nan
    return value


def percentile_key(key: str) -> str | None:
    """``p99`` -> ``p99``, ``p99.9`` -> ``p99.9``, ``p50`` -> ``p50``; None if ``key`` is no percentile."""
    match = _PERCENTILE_RE.match(key)
    if match is None:
        return None
    return percentile_statistic(float(match.group(1)))


def text_value(value: object) -> str | None:
    """A non-empty string field, or None (tools write null, "" or numbers for absent names)."""
    return value if isinstance(value, str) and value.strip() else None


def dig(data: object, *keys: str) -> object:
    """``data[k1][k2]...`` through nested objects, or None as soon as a level is missing or not an object."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
