"""k6 end-of-test summaries: ``--summary-export`` files and the ``handleSummary`` data as JSON.

Both hold ``metrics``; the export form puts each metric's statistics directly in it
(``{"avg": .., "p(95)": ..}``, rates as ``value`` with ``passes``/``fails``), the
``handleSummary`` form under ``values`` with the metric's ``type`` and ``contains``.
Durations are in ms in both. A metric name may carry tags (``http_req_duration{expected_response:true}``):
they become dimensions. In a rate metric ``passes`` counts the true samples, so for
``http_req_failed`` it is the number of *failed* requests. Custom metrics of a script are
not read: nothing says what they measure.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.ingest.readings import Collector

_BUILTIN = ("http_reqs", "http_req_duration", "iterations", "vus", "checks", "data_received")
_TRENDS = {
    "http_req_duration": "http_latency", "http_req_waiting": "http_waiting",
    "http_req_connecting": "http_connecting", "http_req_tls_handshaking": "http_tls_handshaking",
    "http_req_blocked": "http_blocked", "http_req_sending": "http_sending",
    "http_req_receiving": "http_receiving", "iteration_duration": "iteration_duration",
}
_TREND_STATS = {"avg": "mean", "med": "median", "min": "min", "max": "max"}
_PERCENTILE = re.compile(r"^p\((\d+(?:\.\d+)?)\)$")
_NAME = re.compile(r"^([A-Za-z0-9_]+)(?:\{(.*)\})?$")


def is_k6(obj: Any) -> bool:
    """Whether a parsed document is a k6 summary (either form)."""
    metrics = obj.get("metrics") if isinstance(obj, dict) else None
    return isinstance(metrics, dict) and any(_NAME.match(str(k)) and str(k).split("{")[0] in _BUILTIN
                                             for k in metrics)


def read_k6(data: dict, out: Collector) -> None:
    """Every built-in metric and check of one k6 summary into ``out``."""
    for name, metric in data["metrics"].items():
        match = _NAME.match(str(name))
        if match is None or not isinstance(metric, dict):
            continue
        base, tags = match.group(1), _tags(match.group(2))
        values = metric.get("values") if isinstance(metric.get("values"), dict) else metric
        where = f"metrics.{name}" + (".values" if values is not metric else "")
        _metric(base, values, where, tags, out)
    root = data.get("root_group")
    if isinstance(root, dict):
        _checks(root, "root_group", out)


def _metric(base: str, values: dict, where: str, tags: dict, out: Collector) -> None:
    if base in _TRENDS:
        for key, raw in values.items():
            percentile = _PERCENTILE.match(str(key))
            statistic = _TREND_STATS.get(key) or (_p(percentile.group(1)) if percentile else None)
            if statistic is not None:
                out.add(_TRENDS[base], statistic, raw, "ms", f"{where}.{key}", dimensions=tags)
        return
    rate_key = "rate" if "rate" in values and "passes" in values else "value"
    counters = {
        "http_reqs": [("http_throughput", "mean", "rate", "req/s"), ("http_requests", "value", "count", "count")],
        "http_req_failed": [("http_failed_rate", "value", rate_key, "ratio"),
                            ("http_errors", "value", "passes", "count")],
        "checks": [("checks_rate", "value", rate_key, "ratio"), ("checks_passed", "value", "passes", "count"),
                   ("checks_failed", "value", "fails", "count")],
        "iterations": [("iterations", "value", "count", "count")],
        "dropped_iterations": [("dropped_iterations", "value", "count", "count")],
        "data_received": [("data_received", "value", "count", "bytes")],
        "data_sent": [("data_sent", "value", "count", "bytes")],
        "vus": [("vus", "min", "min", "count"), ("vus", "max", "max", "count")],
        "vus_max": [("vus_max", "value", "value", "count")],
    }
    for metric, statistic, key, unit in counters.get(base, ()):
        if key in values:
            out.add(metric, statistic, values[key], unit, f"{where}.{key}", dimensions=tags)


def _checks(group: dict, where: str, out: Collector) -> None:
    """Per-check passes and fails, through nested groups (dicts in the export form, lists in handleSummary)."""
    checks = group.get("checks")
    items = checks.items() if isinstance(checks, dict) else enumerate(checks if isinstance(checks, list) else [])
    for key, check in items:
        if not isinstance(check, dict):
            continue
        name = check.get("path") or check.get("name") or str(key)
        step = f"{where}.checks.{key}" if isinstance(checks, dict) else f"{where}.checks[{key}]"
        out.add("checks_passed", "value", check.get("passes"), "count", f"{step}.passes", dimensions={"check": name})
        out.add("checks_failed", "value", check.get("fails"), "count", f"{step}.fails", dimensions={"check": name})
    groups = group.get("groups")
    items = groups.items() if isinstance(groups, dict) else enumerate(groups if isinstance(groups, list) else [])
    for key, sub in items:
        if isinstance(sub, dict):
            step = f"{where}.groups.{key}" if isinstance(groups, dict) else f"{where}.groups[{key}]"
            _checks(sub, step, out)


def _tags(text: str | None) -> dict[str, str]:
    """``expected_response:true,status:200`` -> ``{'expected_response': 'true', 'status': '200'}``."""
    tags = {}
    for part in (text or "").split(","):
        key, sep, value = part.partition(":")
        if sep and key.strip():
            tags[key.strip()] = value.strip()
    return tags


def _p(percent: str) -> str:
    value = float(percent)
    return "median" if value == 50 else f"p{round(value, 6):g}"
