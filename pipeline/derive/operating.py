"""Operating points of a sweep: the Pareto front of throughput against per-user speed, and the highest
load meeting the report's SLO, with its cost per 1M tokens.

Per scenario, every load (concurrency) with a throughput and an ITL is a point: throughput per
instance (and per accelerator) against per-user speed, 1000 / ITL. A point is on the front when no
other load of the scenario is at least as fast per user *and* at least as productive, one of them
strictly. The SLO point is the highest load at which the SLO holds at that load and at every lower
measured one; with ``interpolation: linear`` it moves on to where the first latency reaches its limit,
linear between the two measured loads around it (a monotone method: between two points the
interpolated figures lie between their values). Pure: a derived report (and its raw samples) in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Literal

from pipeline.derive import metrics as m
from pipeline.derive.costs import costs_per_mtok
from pipeline.derive.measured import reduce_runs, run_spread
from pipeline.derive.report import DerivedReport, ScenarioFacts, Value, cost_decimals
from pipeline.models.report import Slo

if TYPE_CHECKING:
    from pipeline.load.measurements import MeasuredPoints


@dataclass(frozen=True)
class FrontPoint:
    """One load of a scenario on the throughput / per-user speed plane."""

    concurrency: int
    throughput: Value
    """Output tokens/s of the instance."""
    per_accelerator: Value
    """Output tokens/s per accelerator."""
    per_user: Value
    """Tokens/s one user receives, 1000 / ITL."""
    on_front: bool
    """No other load of the scenario is both at least as fast per user and at least as productive."""


@dataclass(frozen=True)
class ScenarioFront:
    scenario: str
    points: list[FrontPoint]
    """Every load with a throughput and an ITL, by concurrency."""


@dataclass(frozen=True)
class SloPoint:
    """Where a scenario meets the SLO at the highest load, or why it does not."""

    scenario: str
    status: Literal["measured", "interpolated", "none", "no_data"]
    """measured: at a measured load; interpolated: between two; none: no measured load meets it; no_data:
    the figures the SLO needs are missing."""
    limited_by: Literal["ttft", "itl"] | None = None
    """The latency that stops a higher load; None when the SLO holds at every measured load."""
    concurrency: Value | None = None
    throughput: Value | None = None
    per_accelerator: Value | None = None
    ttft: Value | None = None
    """TTFT at the SLO's statistic there."""
    itl: Value | None = None
    """ITL at the SLO's statistic there."""
    cost: Value | None = None
    """Cost per 1M tokens there (headline price, the report's convention)."""


@dataclass(frozen=True)
class OperatingPoints:
    """The fronts of one model's sweep, and its SLO points when the report states an SLO for it."""

    model: str
    fronts: list[ScenarioFront]
    slo: Slo | None
    slo_points: list[SloPoint]


def operating_points(derived: DerivedReport, measured: Iterable["MeasuredPoints"] = ()) -> list[OperatingPoints]:
    """Fronts (and SLO points) of every model whose figures hold two or more loads with throughput and ITL."""
    measured = list(measured)
    slo = derived.report.slo
    slo_model = (slo.model or derived.report.models[0].model) if slo is not None else None
    found = []
    for entry in derived.report.models:
        fronts = [front for f in derived.scenarios if (front := scenario_front(derived, entry.model, f)) is not None]
        if not fronts:
            continue
        own_slo = slo if entry.model == slo_model else None
        points = [slo_point(derived, entry.model, f, own_slo, measured) for f in derived.scenarios
                  if any(fr.scenario == f.scenario.id for fr in fronts)] if own_slo is not None else []
        found.append(OperatingPoints(entry.model, fronts, own_slo, points))
    return found


def _loads(derived: DerivedReport, model: str, sid: str, *metrics: str) -> list[int]:
    """Concurrencies at which the scenario has every one of ``metrics``, increasing."""
    levels = {c for (mo, me, c, s) in derived.figures if mo == model and s == sid and me == metrics[0]}
    return sorted(c for c in levels if all((model, me, c, sid) in derived.figures for me in metrics))


def _derived(value: float, formula: str, *inputs: Value, decimals: int = 0) -> Value:
    return Value(value, "derived", formula=formula, approximate=any(v.approximate for v in inputs), decimals=decimals)


def scenario_front(derived: DerivedReport, model: str, facts: ScenarioFacts) -> ScenarioFront | None:
    """The scenario's loads on the plane, front marked; None below two loads."""
    sid = facts.scenario.id
    loads = _loads(derived, model, sid, "output_throughput", "itl")
    if len(loads) < 2:
        return None
    rows = []
    for c in loads:
        throughput, itl = derived.figures[(model, "output_throughput", c, sid)], derived.figures[(model, "itl", c, sid)]
        rows.append((c, throughput, itl, m.tokens_per_s_per_user(itl.value)))
    points = []
    for c, throughput, itl, speed in rows:
        dominated = any(s2 >= speed and t2.value >= throughput.value and (s2 > speed or t2.value > throughput.value)
                        for c2, t2, _, s2 in rows if c2 != c)
        points.append(FrontPoint(
            c, throughput,
            _derived(throughput.value / facts.instance.accelerator_count, "throughput_per_accelerator", throughput),
            _derived(speed, "tokens_per_s_per_user", itl, decimals=1), not dominated))
    return ScenarioFront(sid, points)


def _latency(derived: DerivedReport, model: str, sid: str, metric: str, statistic: str, c: int,
             samples: dict) -> Value | None:
    """A latency at the SLO's statistic: from the raw runs when the figure was measured, else as typed."""
    figure = derived.figures.get((model, metric, c, sid))
    if figure is None:
        return None
    if figure.provenance != "measured":
        return figure
    runs = samples.get((metric, statistic, c))
    if not runs:
        return None
    values = [r.value for r in runs]
    return Value(reduce_runs(values, derived.report.method.statistic), "measured",
                 files=tuple(dict.fromkeys(r.file for r in runs)), runs=len(runs), location=figure.location,
                 decimals=figure.decimals, spread=run_spread(values))


def slo_point(derived: DerivedReport, model: str, facts: ScenarioFacts, slo: Slo,
              measured: list["MeasuredPoints"]) -> SloPoint:
    """The highest load of one scenario meeting ``slo`` (see the module docstring)."""
    sid = facts.scenario.id
    samples: dict = {}
    for points in measured:
        if points.model == model and points.scenario == sid:
            samples.update(points.at_statistic)
    rows = []
    for c in _loads(derived, model, sid, "output_throughput", "ttft", "itl"):
        ttft = _latency(derived, model, sid, "ttft", slo.ttft_statistic, c, samples)
        itl = _latency(derived, model, sid, "itl", slo.itl_statistic, c, samples)
        if ttft is None or itl is None:
            return SloPoint(sid, "no_data")
        rows.append((c, derived.figures[(model, "output_throughput", c, sid)], ttft, itl))
    if not rows:
        return SloPoint(sid, "no_data")
    limits = {"ttft": slo.ttft_ms, "itl": slo.itl_ms}
    last = None
    for k, (c, throughput, ttft, itl) in enumerate(rows):
        if ttft.value > slo.ttft_ms or itl.value > slo.itl_ms:
            break
        last = k
    if last is None:
        failing = "ttft" if rows[0][2].value > slo.ttft_ms else "itl"
        return SloPoint(sid, "none", limited_by=failing)
    c, throughput, ttft, itl = rows[last]
    if last == len(rows) - 1:
        return _point(derived, facts, sid, "measured", None, Value(c, "measured"), throughput, ttft, itl)
    nxt = rows[last + 1]
    crossings = {}
    for name, index in (("ttft", 2), ("itl", 3)):
        low, high = rows[last][index].value, nxt[index].value
        if high > limits[name]:
            crossings[name] = c + (limits[name] - low) / (high - low) * (nxt[0] - c)
    limited_by = min(crossings, key=lambda name: (crossings[name], name))
    if slo.interpolation == "none":
        return _point(derived, facts, sid, "measured", limited_by, Value(c, "measured"), throughput, ttft, itl)
    at = crossings[limited_by]
    share = (at - c) / (nxt[0] - c)

    def between(a: Value, b: Value, decimals: int) -> Value:
        return _derived(a.value + share * (b.value - a.value), "slo_interpolated", a, b, decimals=decimals)

    return _point(derived, facts, sid, "interpolated", limited_by, _derived(at, "slo_interpolated", decimals=1),
                  between(throughput, nxt[1], throughput.decimals), between(ttft, nxt[2], ttft.decimals),
                  between(itl, nxt[3], itl.decimals))


def _point(derived: DerivedReport, facts: ScenarioFacts, sid: str, status, limited_by, concurrency: Value,
           throughput: Value, ttft: Value, itl: Value) -> SloPoint:
    cost, _ = costs_per_mtok(derived.convention, facts.price.value, throughput.value, derived.report.method.workload)
    cost_value = Value(cost, "derived", formula=derived.convention.formula, decimals=cost_decimals(derived.catalogs),
                       approximate=facts.price.approximate or throughput.approximate,
                       convention=derived.convention.key)
    per_accelerator = _derived(throughput.value / facts.instance.accelerator_count, "throughput_per_accelerator",
                               throughput)
    return SloPoint(sid, status, limited_by, concurrency, throughput, per_accelerator, ttft, itl, cost_value)
