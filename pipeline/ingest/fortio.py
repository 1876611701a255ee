"""fortio ``load -json`` results (HTTP, gRPC, TCP/UDP echo), alone or collected in a JSON list.

Durations are in seconds in the file and are given here in ms. ``RequestedQPS`` is text
("1000", or "max" for no rate limit; some converters write a number): it becomes the
``qps_level`` dimension (1000.0 or 'max') and, when numeric, ``http_requested_rate``.
``NumThreads`` is the number of connections. Errors are the calls whose return code is not
the run type's success code (200 for HTTP, SERVING for gRPC health), as fortio counts them.
"""

from __future__ import annotations

from typing import Any

from pipeline.ingest.readings import Collector, dimension_value

MS_PER_S = 1000.0
_OK_CODES = {"http": {"200"}, "grpc": {"SERVING", "OK"}}


def is_fortio(obj: Any) -> bool:
    """Whether a parsed document is one fortio result."""
    return (isinstance(obj, dict) and isinstance(obj.get("DurationHistogram"), dict)
            and "ActualQPS" in obj and "RequestedQPS" in obj)


def read_fortio(data: dict, out: Collector) -> None:
    """Every figure of one fortio result into ``out``."""
    version = data.get("Version")
    out.tool_version = version if isinstance(version, str) and version else None
    protocol = _protocol(data.get("RunType"))
    requested = _requested(data.get("RequestedQPS"), out)
    dims = {"protocol": protocol, "qps_level": requested,
            "connections": dimension_value(data.get("NumThreads"))}
    if isinstance(data.get("DisableKeepAlive"), bool):  # written by builds that flatten HTTP options
        dims["keep_alive"] = "false" if data["DisableKeepAlive"] else "true"
    out.dimensions.update({k: v for k, v in dims.items() if v is not None})
    if isinstance(requested, float):
        out.put("http_requested_rate", "value", requested, "req/s", "RequestedQPS")
    out.add("http_throughput", "mean", data.get("ActualQPS"), "req/s", "ActualQPS")
    _histogram(data["DurationHistogram"], out)
    _codes(data.get("RetCodes"), protocol, out)


def _protocol(run_type: object) -> str | None:
    if not isinstance(run_type, str) or not run_type.strip():
        return None
    word = run_type.split()[0].lower()
    return {"http": "http", "grpc": "grpc"}.get(word, word)


def _requested(raw: object, out: Collector) -> str | float | None:
    """'max' for no limit, else the target as a float; a value that is neither is reported."""
    if isinstance(raw, str) and raw.strip().lower() == "max":
        return "max"
    value = out.number(float(raw) if isinstance(raw, str) and _numeric(raw) else raw, "RequestedQPS")
    if value is None:
        return None
    return value if value > 0 else "max"  # fortio runs at full speed for qps <= 0


def _histogram(hist: dict, out: Collector) -> None:
    out.add("http_requests", "value", hist.get("Count"), "count", "DurationHistogram.Count")
    for key, statistic in (("Avg", "mean"), ("Min", "min"), ("Max", "max")):
        out.add("http_latency", statistic, hist.get(key), "ms", f"DurationHistogram.{key}", scale=MS_PER_S)
    percentiles = hist.get("Percentiles")
    for index, entry in enumerate(percentiles if isinstance(percentiles, list) else []):
        if not isinstance(entry, dict):
            continue
        where = f"DurationHistogram.Percentiles[{index}]"
        percent = out.number(entry.get("Percentile"), f"{where}.Percentile")
        if percent is None:
            continue
        statistic = "median" if percent == 50 else f"p{round(percent, 6):g}"
        out.add("http_latency", statistic, entry.get("Value"), "ms", f"{where}.Value", scale=MS_PER_S)


def _codes(codes: object, protocol: str | None, out: Collector) -> None:
    if not isinstance(codes, dict):
        return
    ok = _OK_CODES.get(protocol or "", set())
    errors = 0.0
    for code, raw in codes.items():
        count = out.number(raw, f"RetCodes.{code}")
        if count is None:
            continue
        out.put("http_responses", "value", count, "count", f"RetCodes.{code}", {"code": str(code)})
        if str(code) not in ok:
            errors += count
    if ok:  # TCP/UDP echo runs have no success code to compare with
        out.put("http_errors", "value", errors, "count", "RetCodes")


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
