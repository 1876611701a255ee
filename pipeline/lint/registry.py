"""Every lint rule: its stable code, name, title, severity and documentation page.

Codes never change meaning and are never reused; a retired rule keeps its code reserved.
Tolerances are constants here, so the docs (docs/lint/<code>.md) and the code quote one number.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.errors import Severity


@dataclass(frozen=True)
class Rule:
    """One plausibility rule."""

    code: str
    """Stable code, e.g. ``L010``; waivers name rules by it."""
    name: str
    """Short kebab-case name, e.g. ``latency-vs-throughput``."""
    title: str
    """One line saying what the rule checks."""
    severity: Severity
    """``error`` fails the build unless waived; ``warning`` fails it only under ``--strict``."""

    @property
    def doc(self) -> str:
        """The rule's documentation page, relative to the project root."""
        return f"docs/lint/{self.code}.md"


_RULES = [
    Rule("L001", "derived-vs-stated", "a stated figure differs from its derivation", "error"),
    Rule("L002", "finding-vs-data", "a finding's stated figure differs from the data it summarizes", "error"),
    Rule("L003", "stated-vs-catalogue", "a figure the report states contradicts the catalogue", "warning"),
    Rule("L010", "latency-vs-throughput", "throughput above what TTFT and ITL allow (Little's law)", "error"),
    Rule("L020", "memory-fit", "the model's weights do not fit in the accelerator memory", "error"),
    Rule("L021", "kv-cache-fit", "weights plus the KV cache of the requests in flight exceed the memory", "warning"),
    Rule("L022", "serving-context", "a stated serving context does not fit in memory or in the context window",
         "error"),
    Rule("L030", "decode-roofline-itl", "ITL below the memory-bandwidth limit of decoding", "error"),
    Rule("L031", "decode-roofline-throughput", "throughput above the memory-bandwidth limit of decoding", "error"),
    Rule("L032", "prefill-compute", "TTFT below the time the prefill takes at peak compute", "error"),
    Rule("L033", "decode-compute", "throughput above what peak compute allows", "error"),
    Rule("L040", "sweep-dip", "throughput falls as concurrency rises, before saturation", "warning"),
    Rule("L041", "sweep-superlinear", "throughput grows faster than concurrency (efficiency above 100%)", "warning"),
    Rule("L050", "missing-baseline", "a metric has figures but none for the baseline", "warning"),
    Rule("L051", "missing-cost", "a scenario's cost per token cannot be derived", "warning"),
    Rule("L052", "too-few-runs", "a measured figure comes from fewer runs than the method declares", "warning"),
    Rule("L053", "price-age", "a price was read longer ago than the site allows", "warning"),
    Rule("L054", "price-date-future", "a price is dated after today", "error"),
    Rule("L060", "waiver-without-reason", "a waiver gives no reason, so it waives nothing", "error"),
    Rule("L061", "unused-waiver", "a waiver matches no finding", "warning"),
    Rule("L062", "stale-waiver", "a waived figure changed since the waiver was accepted", "error"),
    Rule("L070", "percentile-order", "a higher percentile is below a lower one (or below the median)", "error"),
    Rule("L071", "stated-comparison", "a stated change or ratio disagrees with the figures it compares", "error"),
    Rule("L072", "stated-figure", "a stated figure differs from the data (or is another scenario's)", "error"),
    Rule("L073", "stated-range", "a stated range differs from the lowest and highest figures", "error"),
    Rule("L074", "published-runs", "the runs claimed per figure are more than the raw files hold", "error"),
    Rule("L080", "above-network-bandwidth", "a throughput above the instances' network bandwidth", "error"),
    Rule("L081", "udp-delivered", "UDP received rate differs from sending rate x (1 - loss)", "warning"),
]

RULES: dict[str, Rule] = {r.code: r for r in _RULES}
"""Code -> rule, in code order."""

WAIVER_RULES = frozenset({"L060", "L061", "L062"})
"""Rules about waivers themselves; they cannot be waived."""

# -- tolerances (each documented on its rule's page) -----------------------------------

LATENCY_MARGIN = 0.10
"""L010: relative slack on Little's-law bound (medians, not means; ramp-up; tool definitions of ITL)."""
ROOFLINE_MARGIN = 0.10
"""L030/L031: relative slack on the bandwidth bound (data-sheet rounding; the bound is already a peak)."""
DIP_MARGIN = 0.03
"""L040: a drop smaller than this share of the previous point is run-to-run noise."""
PRICE_MAX_AGE_DAYS = 365
"""L053: a price read longer ago than this (days before today) is warned about; cloud prices change yearly."""
UDP_DELIVERED_MARGIN = 0.02
"""L081: relative slack between the received rate and sent x (1 - loss) (interval edges, rounding)."""
COMPUTE_MARGIN = 0.10
"""L032/L033: relative slack on the compute bounds (boost clocks, data-sheet rounding; the peak is already optimistic)."""
SUPERLINEAR_MARGIN = 0.05
"""L041: scaling efficiency up to 100% + this is noise on medians."""


def rule(code: str) -> Rule:
    """The rule with ``code`` (KeyError for an unknown one)."""
    return RULES[code]
