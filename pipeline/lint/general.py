"""Plausibility rules of benchmark reports: the core's (any metric) and the packs' (networking).

Each rule is a function from a :class:`DerivedBenchmark` to findings located at the offending
figure; waivers apply as for every report.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from pipeline.derive.benchmark import DerivedBenchmark
from pipeline.derive.figures import Figure
from pipeline.lint import LintResult
from pipeline.lint.base import LintFinding, finding, number
from pipeline.lint.registry import UDP_DELIVERED_MARGIN
from pipeline.lint.prices import price_dates
from pipeline.lint.waivers import apply_waivers
from pipeline.packs.networking import THROUGHPUT_METRICS

_PERCENTILE = re.compile(r"^p([0-9]+(?:\.[0-9]+)?)$")


def _rank(statistic: str) -> float | None:
    if statistic == "median":
        return 50.0
    match = _PERCENTILE.match(statistic)
    return float(match.group(1)) if match else None


def _show(derived: DerivedBenchmark, figure: Figure) -> str:
    view = derived.metrics[figure.key.metric]
    return f"{number(figure.number, figure.decimals)} {view.unit.id}"


def percentile_order(derived: DerivedBenchmark) -> list[LintFinding]:
    """L070: for one metric, scenario and place, p50 <= p90 <= p99 (a percentile never falls)."""
    groups: dict[tuple, list[tuple[float, Figure]]] = {}
    for key, figure in derived.figures.items():
        rank = _rank(key.statistic)
        if rank is not None and figure.number is not None:
            groups.setdefault((key.metric, key.scenario, key.at), []).append((rank, figure))
    found = []
    for items in groups.values():
        items.sort(key=lambda item: item[0])
        for (low_rank, low), (high_rank, high) in zip(items, items[1:]):
            if high.number < low.number:
                found.append(LintFinding(
                    "L070", f"{high.key.statistic} of {high.key.metric} for {high.key.scenario} "
                            f"({_show(derived, high)}) is below its {low.key.statistic} ({_show(derived, low)})",
                    high.location, high.path, "a percentile cannot fall as the percentage rises: check which "
                    "figure is which statistic", (high, low)))
    return found


def _published_decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _agrees(figure: float, stated: float) -> bool:
    """True when ``figure`` rounds (half away from zero, as pages do) to ``stated`` at its published digits."""
    step = Decimal(1).scaleb(-_published_decimals(stated))
    # repr, not the binary value: 28.5 is the 28.50 a raw file printed, which pages round up to 29.
    rounded = Decimal(repr(float(figure))).quantize(step, rounding=ROUND_HALF_UP)
    return rounded == Decimal(repr(float(stated))).quantize(step, rounding=ROUND_HALF_UP)


def _end(figure: Figure, other: Figure) -> str:
    """The scenario, and the coordinates where the two ends of a comparison differ: 'A (services 4)'."""
    mine, theirs = dict(figure.key.at), dict(other.key.at)
    differ = [f"{k} {v:g}" if isinstance(v, float) else f"{k} {v}" for k, v in figure.key.at if theirs.get(k) != v]
    differ += [f"{k} -" for k in theirs if k not in mine]
    return f"{figure.key.scenario} ({', '.join(differ)})" if differ else figure.key.scenario


def stated_comparisons(derived: DerivedBenchmark) -> list[LintFinding]:
    """L071: a stated change (percent) or ratio agrees with its figures to the published digits."""
    found = []
    for compared in derived.comparisons.values():
        if compared.stated is None or compared.value is None:
            continue
        actual = compared.value * 100 if compared.measure == "change" else compared.value
        decimals = _published_decimals(compared.stated)
        if _agrees(actual, compared.stated):
            continue
        unit = "%" if compared.measure == "change" else ("x" if compared.measure == "ratio" else "")
        shown = f"{actual:+.{decimals + 1}f}{unit}" if compared.measure == "change" else \
            f"{actual:.{decimals + 1}f}{unit}"
        found.append(LintFinding(
            "L071", f"stated {compared.measure} {compared.stated:g}{unit} for "
                    f"{_end(compared.reference, compared.subject)} -> {_end(compared.subject, compared.reference)}, "
                    f"but the figures give {shown} "
                    f"({_show(derived, compared.reference)} -> {_show(derived, compared.subject)})",
            compared.location, compared.path + ".stated",
            "state the figure the data give, or remove stated: the page shows the computed one",
            (compared.subject, compared.reference)))
    return found


def stated_figures(derived: DerivedBenchmark) -> list[LintFinding]:
    """L072: figures a page stated (rows, cards) equal the data; says whose figure it is when it is another's."""
    found = []
    report = derived.report
    places = [(("components", i), c) for i, c in enumerate(report.components) if c.kind == "value_table"]
    places += [(("tables", i), t) for i, t in enumerate(report.tables) if t.kind == "value_table"]
    for path, spec in places:
        for j, row in enumerate(spec.rows):
            for scenario, stated in row.stated.items():
                figure = derived.figure(row.metric, scenario, row.statistic, row.at)
                found += _stated(derived, figure, stated, path + ("rows", j, "stated", scenario))
    for i, comp in enumerate(report.components):
        for j, card in enumerate(getattr(comp, "cards", []) if comp.kind == "kpi_cards" else []):
            if card.stated is not None and card.figure is not None:
                figure = derived.figure(card.figure.metric, card.scenario or report.baseline, card.figure.statistic,
                                        card.figure.at)
                found += _stated(derived, figure, card.stated, ("components", i, "cards", j, "stated"))
    return found


def stated_ranges(derived: DerivedBenchmark) -> list[LintFinding]:
    """L073: a range finding's published spread ('25-28 ms') agrees with its figures' lowest and highest."""
    found = []
    for i, item in enumerate(derived.report.findings):
        if item.kind != "range" or item.stated is None or item.figure is None:
            continue
        ref = item.figure
        figures = [derived.figure(ref.metric, s, ref.statistic, ref.at) for s in derived.scenario_ids(item.scenarios)]
        known = sorted((f for f in figures if f.number is not None), key=lambda f: f.number)
        if not known:
            continue
        low, high = known[0], known[-1]
        if _agrees(low.number, item.stated.low) and _agrees(high.number, item.stated.high):
            continue
        found.append(finding(
            derived, "L073", ("findings", i, "stated"),
            f"stated range {item.stated.low:g}-{item.stated.high:g} for {ref.metric} ({ref.statistic}), but the "
            f"figures run from {_show(derived, low)} ({low.key.scenario}) to {_show(derived, high)} ({high.key.scenario})",
            "the card shows the data's range; correct the stated one (or waive with the reason)", (low, high)))
    return found


def published_runs(derived: DerivedBenchmark) -> list[LintFinding]:
    """L052 / L074: the runs the method (L052) or the page (L074) claims per figure are the runs the raw files hold."""
    measured = [f for f in derived.figures.values() if f.runs is not None]
    if not measured:
        return []
    fewest = min(measured, key=lambda f: f.runs)
    method = derived.report.method
    claims = [("L052", ("method", "runs_per_point"), method.runs_per_point, "the method says")]
    if method.published is not None:
        claims.append(("L074", ("method", "published", "runs_per_point"), method.published.runs_per_point,
                       "the page says"))
    found = []
    for code, path, runs, who in claims:
        if runs > fewest.runs:
            found.append(finding(
                derived, code, path,
                f"{who} each figure reduces {runs} runs, but {fewest.key.scenario}'s {fewest.key.metric} "
                f"({fewest.key.statistic}) comes from {fewest.runs} run{'s' if fewest.runs != 1 else ''} "
                f"({', '.join(fewest.files)})",
                "state the runs the raw files hold, or add the missing runs' files", (fewest,)))
    return found


def _stated(derived: DerivedBenchmark, figure: Figure, stated: float, path) -> list[LintFinding]:
    if figure.number is None:
        return []
    if _agrees(figure.number, stated):
        return []
    owners = [k.scenario for k, f in derived.figures.items()
              if k.moved(scenario=figure.key.scenario) == figure.key and f.number is not None
              and _agrees(f.number, stated)]
    whose = f"; it is {', '.join(sorted(owners))}'s figure" if owners else ""
    return [finding(derived, "L072", path,
                    f"stated {stated:g} for {figure.key.scenario}, but {figure.key.scenario}'s "
                    f"{figure.key.metric} ({figure.key.statistic}) is {_show(derived, figure)}{whose}",
                    "the page shows the data's figure; correct the stated one (or waive with the reason)",
                    (figure,))]


def network_bandwidth(derived: DerivedBenchmark) -> list[LintFinding]:
    """L080 (networking): one flow between two instances cannot beat their network bandwidth."""
    found = []
    for key, figure in derived.figures.items():
        if key.metric not in THROUGHPUT_METRICS or figure.number is None:
            continue
        limit = derived.deployments[key.scenario].network_gbps
        view = derived.metrics[key.metric]
        if limit is None or view.unit.dimension != "bitrate":
            continue
        gbps = figure.number * view.unit.scale / 1e9
        if gbps > limit * (1 + 1e-9):
            found.append(LintFinding(
                "L080", f"{key.metric} of {key.scenario} is {_show(derived, figure)}, above the {limit:g} Gbps "
                        f"network bandwidth of its instances", figure.location, figure.path,
                "check the unit (bits, not bytes) and the instance type; a flow cannot beat the NIC", (figure,)))
    return found


def udp_delivered(derived: DerivedBenchmark) -> list[LintFinding]:
    """L081 (networking): a received UDP rate equals sending rate x (1 - loss), within the margin."""
    found = []
    for key, received in derived.figures.items():
        if key.metric != "udp_received" or received.number is None:
            continue
        sent = derived.figures.get(key.moved(metric="udp_throughput"))
        loss = derived.figures.get(key.moved(metric="udp_loss"))
        if sent is None or loss is None or sent.number is None or loss.number is None:
            continue
        expected = sent.number * (1 - loss.number / 100)
        if abs(received.number - expected) > UDP_DELIVERED_MARGIN * expected:
            found.append(LintFinding(
                "L081", f"UDP received {_show(derived, received)} for {key.scenario}, but sending "
                        f"{_show(derived, sent)} at {number(loss.number, 2)}% loss delivers {number(expected, 2)}",
                received.location, received.path, "check that the sending and received rates are of the same run",
                (received, sent, loss)))
    return found


CORE_RULES = (percentile_order, stated_comparisons, stated_figures, stated_ranges, published_runs, price_dates)
PACK_RULES = {"networking": (network_bandwidth, udp_delivered)}
"""Rules each pack adds."""


def lint_benchmark(derived: DerivedBenchmark) -> LintResult:
    """Every rule of the core and of the report's packs, waivers applied."""
    found = [f for rule in CORE_RULES for f in rule(derived)]
    for pack in derived.report.packs:
        found += [f for rule in PACK_RULES.get(pack, ()) for f in rule(derived)]
    found.sort(key=lambda f: f.problem().sort_key())
    active, waived = apply_waivers(derived, found)
    return LintResult(derived.report.id, sorted(active, key=lambda f: f.problem().sort_key()), waived)
