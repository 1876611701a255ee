"""Price tiers, cost conventions, operating points (Pareto fronts, SLO points) and run spread.

Exact figures come from the fixture tests/fixtures/llm/gpu-sweep-demo.yaml (typed, consistent);
the shipped Llama 3.1 report's SLO points are recomputed from its raw files with ``json`` only.
"""

from __future__ import annotations

import glob
import json
import math
import statistics
from pathlib import Path

import pytest

from pipeline.build import build, check
from pipeline.cli import main
from pipeline.load.project import ProjectPaths
from tests.lint.helpers import derive, edited
from tests.project import ROOT, make_project

DEMO = ROOT / "tests" / "fixtures" / "llm" / "gpu-sweep-demo.yaml"
MODEL = "llama3.1-8b-instruct"


def demo() -> str:
    return DEMO.read_text(encoding="utf-8")


def per_mtok(hourly: float, tokens_per_s: float) -> float:
    """The formula of the issue, written out: price / (throughput x 3,600) x 1e6."""
    return hourly / (tokens_per_s * 3600) * 1e6


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, bytes]:
    root = make_project(tmp_path_factory.mktemp("llm") / "project", [DEMO])
    return build(ProjectPaths(root)).outputs


def props(outputs, component: str, locale: str = "en") -> dict:
    return json.loads(outputs[f"gpu-sweep-demo/{locale}/{component}.json"])


# -- tiers ----------------------------------------------------------------------------------

def test_every_tier_costs_price_over_throughput_at_the_operating_point():
    derived = derive(demo())
    throughput = {"A": 28, "B": 40}
    prices = {"A": {"on-demand": (1.006, 1.006), "spot": (0.30, 0.45), "savings-plan-1y": (0.75, 0.75)},
              "B": {"on-demand": (1.861, 1.861), "spot": (1.861 * 0.30, 1.861 * 0.50)}}
    for sid, tiers in prices.items():
        costs = {c.tier: c for c in derived.tier_costs[(MODEL, sid)]}
        assert list(costs) == list(tiers)
        for tier, (low, high) in tiers.items():
            assert math.isclose(costs[tier].low.value, per_mtok(low, throughput[sid]), rel_tol=1e-12)
            assert math.isclose(costs[tier].high.value, per_mtok(high, throughput[sid]), rel_tol=1e-12)
            assert costs[tier].low.convention == "output"


def test_cost_props_carry_every_tier_named_and_the_table_shows_the_chosen_ones(outputs):
    chart = props(outputs, "CostPerTokenChart")
    assert chart["tiers_shown"] == ["on-demand", "spot", "savings-plan-1y"]
    assert chart["tier_labels"] == {"on-demand": "On-demand", "spot": "Spot", "savings-plan-1y": "1-year savings plan"}
    row_a, row_b = chart["groups"][0]["rows"]
    assert [(t["tier"], t["hourly"]["formatted"], t["cost"]["formatted"], t["region"], t["as_of"])
            for t in row_a["tiers"]] == [
        ("on-demand", "$1.01", "$9.98", "us-east-1", "2026-03-16"),
        ("spot", "~$0.30–$0.45", "~$2.98–$4.46", "us-east-1", "2026-03-16"),
        ("savings-plan-1y", "$0.75", "$7.44", "us-east-1", "2026-03-16")]
    spot_b = row_b["tiers"][1]
    assert (spot_b["hourly"]["low"], spot_b["hourly"]["high"]) == pytest.approx((0.5583, 0.9305))
    assert spot_b["hourly"]["provenance"]["formula"] == "headline hourly price × (1 − saving)"
    table = outputs["gpu-sweep-demo/en/tables/cost-per-mtok-llama3.1-8b-instruct.mdx"].decode()
    assert '{"$/1M tokens, Spot (price per hour)"} | {"$/1M tokens, 1-year savings plan (price per hour)"}' in table
    assert '| {"A"} | {"$1.01"} | {"28"} | {"$9.98"} | {"Baseline"} | {"~$2.98–$4.46 (~$0.30–$0.45)"} | ' \
           '{"$7.44 ($0.75)"} |' in table
    assert '| {"B"} | {"$1.86"} | {"40"} | {"$12.92"} | {"+29%"} | {"$3.88–$6.46 ($0.56–$0.93)"} | {""} |' in table


# -- conventions ----------------------------------------------------------------------------

def test_split_and_blended_costs_follow_their_formulas():
    split = derive(edited("costs:\n", "costs:\n  convention: {tokens: split, output_input_ratio: 4}\n", demo()))
    blended = derive(edited("costs:\n", "costs:\n  convention: {tokens: blended, mix: {input: 3, output: 1}, "
                                        "output_input_ratio: 4}\n", demo()))
    total = derive(edited("costs:\n", "costs:\n  convention: {tokens: total}\n", demo()))
    hourly, output_tps = 1.006, 28
    input_tps = output_tps * 512 / 128
    # The hour is paid by both kinds of token: c_in x input rate + c_out x output rate = price / 3600.
    c_in = hourly / 3600 / (input_tps + 4 * output_tps) * 1e6
    c_out = 4 * c_in
    assert math.isclose(c_in * input_tps + c_out * output_tps, hourly / 3600 * 1e6)
    head = split.tier_costs[(MODEL, "A")][0]
    assert (head.low.value, head.input_low.value) == pytest.approx((c_out, c_in), rel=1e-12)
    assert split.figure(MODEL, "cost_per_mtok", "A").value == pytest.approx(4.990079, abs=1e-6)
    assert blended.figure(MODEL, "cost_per_mtok", "A").value == pytest.approx((3 * c_in + c_out) / 4, rel=1e-12)
    assert blended.figure(MODEL, "cost_per_mtok", "A").value == pytest.approx(2.183160, abs=1e-6)
    assert total.figure(MODEL, "cost_per_mtok", "A").value == pytest.approx(per_mtok(hourly, 28 * 640 / 128))
    assert {split.figure(MODEL, "cost_per_mtok", s).convention for s in "AB"} == {"split-ratio-4"}
    assert blended.figure(MODEL, "cost_per_mtok", "A").convention == "blended-3:1-ratio-4"


def test_every_cost_figure_states_its_convention_in_its_provenance(outputs):
    chart = props(outputs, "CostPerTokenChart")
    costs = [r[k] for g in chart["groups"] for r in g["rows"] for k in ("cost", "derived_cost")]
    costs += [t["cost"] for g in chart["groups"] for r in g["rows"] for t in r["tiers"]]
    assert {c["provenance"]["convention"]["key"] for c in costs} == {"output"} == {chart["convention_key"]}
    assert costs[0]["provenance"]["convention"]["label"] == "output tokens only"
    assert props(outputs, "CostPerTokenChart", "ko")["groups"][0]["rows"][0]["cost"]["provenance"]["convention"][
        "label"] == "출력 토큰만"
    assert all(r["hourly_price"]["provenance"]["convention"] is None for g in chart["groups"] for r in g["rows"])


def validate(tmp_path: Path, text: str, capsys) -> tuple[int, str]:
    path = tmp_path / "gpu-sweep-demo.yaml"
    path.write_text(text, encoding="utf-8")
    root = make_project(tmp_path / "project", [path])
    status = main(["--root", str(root), "validate"])
    return status, capsys.readouterr().err


def test_two_conventions_in_one_report_are_refused(tmp_path, capsys):
    text = edited("operating_point: {concurrency: 1}", "operating_point: {concurrency: 1, tokens: total}",
                  edited("costs:\n", "costs:\n  convention: {tokens: output}\n", demo()))
    assert validate(tmp_path, text, capsys) == (1, (
        "data/reports/gpu-sweep-demo.yaml:42:24: error[E046] costs.convention.tokens: operating_point.tokens says "
        "total but costs.convention says output: one report computes cost one way\n"
        "  hint: remove operating_point.tokens; costs.convention decides\n"
        "1 error(s), 0 warning(s); nothing was written\n"))


def test_a_blended_cost_needs_its_mix_and_ratio(tmp_path, capsys):
    text = edited("costs:\n", "costs:\n  convention: {tokens: blended}\n", demo())
    status, err = validate(tmp_path, text, capsys)
    assert status == 1
    assert "error[E046] costs.convention: a blended cost needs the input:output mix it blends at\n" in err
    assert "error[E046] costs.convention: a blended cost needs output_input_ratio" in err


def test_a_spot_point_and_an_unknown_shown_tier_are_refused(tmp_path, capsys):
    text = edited("{tier: spot, hourly_range: {low: 0.30, high: 0.45}", "{tier: spot, hourly: 0.30", demo())
    text = edited("tiers: [on-demand, spot, savings-plan-1y]", "tiers: [on-demand, spot, reserved-3y]", text)
    status, err = validate(tmp_path, text, capsys)
    assert status == 1
    assert ("data/reports/gpu-sweep-demo.yaml:26:30: error[E046] scenarios.A.prices[0].hourly: a spot price varies: "
            "give it as hourly_range or savings_pct, not one hourly figure\n") in err
    assert "error[E040] costs.tiers[2]: unknown price tier 'reserved-3y'" in err


def test_the_fixture_validates_clean(tmp_path, capsys):
    assert validate(tmp_path, demo(), capsys) == (0, "")


# -- operating points -----------------------------------------------------------------------

def test_the_front_plots_throughput_against_per_user_speed(outputs):
    chart = props(outputs, "ParetoChart")
    a = chart["series"][0]
    assert [(p["concurrency"], p["per_user"]["formatted"], p["throughput"]["formatted"], p["on_front"])
            for p in a["points"]] == [(1, "29.4", "28", True), (4, "27.8", "105", True), (16, "22.2", "320", True)]
    assert a["front"] == [16, 4, 1]
    assert chart["x_label"] == "Per-user speed (tokens/sec per user)"


def test_a_load_that_is_slower_and_less_productive_is_off_the_front():
    derived = derive(edited("{concurrency: 4, values: {A: 105, B: 150}}", "{concurrency: 4, values: {A: 25, B: 150}}",
                            demo()))
    a = derived.operating[0].fronts[0]
    assert [(p.concurrency, p.on_front) for p in a.points] == [(1, True), (4, False), (16, True)]


def test_slo_points_interpolated_linearly_or_at_measured_loads():
    points = {p.scenario: p for p in derive(demo()).operating[0].slo_points}
    a, b = points["A"], points["B"]
    # A meets TTFT <= 300 and ITL <= 40 at 1 and 4, not at 16 (600 ms, 45 ms): TTFT reaches 300 ms first,
    # at 4 + (300 - 200) / (600 - 200) x 12 = 7 (ITL would at 4 + 4 / 9 x 12 = 9.3).
    assert (a.status, a.limited_by, a.concurrency.value) == ("interpolated", "ttft", 7.0)
    assert a.throughput.value == pytest.approx(105 + 0.25 * (320 - 105))
    assert a.cost.value == pytest.approx(per_mtok(1.006, 158.75))
    assert a.itl.value == pytest.approx(36 + 0.25 * 9)
    assert (b.status, b.limited_by, b.concurrency.value, b.cost.value) == (
        "measured", None, 16, pytest.approx(per_mtok(1.861, 520)))
    measured = {p.scenario: p for p in derive(edited("interpolation: linear", "interpolation: none", demo())
                                              ).operating[0].slo_points}
    assert (measured["A"].status, measured["A"].limited_by, measured["A"].concurrency.value,
            measured["A"].throughput.value) == ("measured", "ttft", 4, 105)
    none = derive(edited("slo: {ttft_ms: 300,", "slo: {ttft_ms: 100,", demo())).operating[0].slo_points
    assert [(p.scenario, p.status, p.limited_by) for p in none] == [("A", "none", "ttft"), ("B", "interpolated", "ttft")]


def test_the_slo_table_in_every_locale(outputs):
    en = outputs["gpu-sweep-demo/en/tables/slo-llama3.1-8b-instruct.mdx"].decode()
    assert '| {"A"} | {"7.0"} | {"159"} | {"159"} | {"300"} | {"38"} | {"$1.76"} | {"Interpolated (limited by TTFT)"} |' \
        in en
    assert '| {"B"} | {"16"} | {"520"} | {"520"} | {"300"} | {"28"} | {"$0.99"} | ' \
           '{"At a measured load (met at every measured load)"} |' in en
    assert "SLO: TTFT p99 ≤ 300 ms and ITL median ≤ 40 ms." in en
    zh = outputs["gpu-sweep-demo/zh/tables/slo-llama3.1-8b-instruct.mdx"].decode()
    ko = outputs["gpu-sweep-demo/ko/tables/slo-llama3.1-8b-instruct.mdx"].decode()
    assert "插值（受 TTFT 限制）" in zh and "SLO：TTFT p99 ≤ 300 ms 且 ITL 中位数 ≤ 40 ms。" in zh
    assert "보간 (TTFT가 한계)" in ko and "ITL 중앙값 ≤ 40 ms" in ko


# -- the shipped sweep report, against its raw files -----------------------------------------

SWEEP = ROOT / "data" / "reports" / "llama31-8b-gpu-sweep.yaml"
RAW = f"{ROOT}/data/raw/llama31-8b-gpu-sweep"


def raw_runs() -> dict[tuple[str, int], dict[str, list[float]]]:
    """(scenario, concurrency) -> p99 TTFT, median ITL (per-request TPOT) and output rate of each run, via json."""
    runs: dict[tuple[str, int], dict[str, list[float]]] = {}

    def add(sid: str, c: int, ttft: float, itl: float, rate: float) -> None:
        point = runs.setdefault((sid, c), {"ttft": [], "itl": [], "rate": []})
        for name, value in (("ttft", ttft), ("itl", itl), ("rate", rate)):
            point[name].append(value)

    for path in glob.glob(f"{RAW}/g5.xlarge/vllm/*.json"):
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        add("A", run["max_concurrency"], run["p99_ttft_ms"], run["median_tpot_ms"], run["output_throughput"])
    for path in glob.glob(f"{RAW}/g6.xlarge/aiperf/*/profile_export_aiperf.json"):
        run = json.loads(Path(path).read_text(encoding="utf-8"))
        add("B", run["input_config"]["phases"][0]["concurrency"], run["time_to_first_token"]["p99"],
            run["inter_token_latency"]["p50"], run["output_token_throughput"]["avg"])
    for path in glob.glob(f"{RAW}/g6e.xlarge/guidellm/*/benchmarks.json"):
        for bench in json.loads(Path(path).read_text(encoding="utf-8"))["benchmarks"]:
            metrics = bench["metrics"]
            add("C", bench["config"]["strategy"]["streams"],
                metrics["time_to_first_token_ms"]["successful"]["percentiles"]["p99"],
                metrics["inter_token_latency_ms"]["successful"]["median"],
                metrics["output_tokens_per_second"]["successful"]["mean"])
    return runs


def test_the_shipped_sweeps_slo_points_agree_with_the_raw_files():
    checked = check(ProjectPaths(ROOT), report_files=[SWEEP])
    derived = checked.derived[0]
    slo = derived.report.slo
    runs = raw_runs()
    points = {p.scenario: p for p in derived.operating[0].slo_points}
    assert set(points) == {"A", "B", "C"}
    for sid, point in points.items():
        loads = sorted(c for s, c in runs if s == sid)
        best = None
        for c in loads:  # the highest load meeting the SLO there and at every lower load
            medians = {k: statistics.median(v) for k, v in runs[(sid, c)].items()}
            if medians["ttft"] > slo.ttft_ms or medians["itl"] > slo.itl_ms:
                break
            best = (c, medians)
        assert best is not None and point.status == "measured"
        c, medians = best
        price = next(s.price.hourly for s in derived.report.scenarios if s.id == sid)
        assert (point.concurrency.value, point.ttft.value, point.itl.value, point.throughput.value) == (
            c, medians["ttft"], medians["itl"], medians["rate"])
        assert point.cost.value == pytest.approx(per_mtok(price, medians["rate"]), rel=1e-12)


def test_the_shipped_sweep_has_spread_on_its_measured_figures():
    derived = check(ProjectPaths(ROOT), report_files=[SWEEP]).derived[0]
    runs = raw_runs()
    figure = derived.figures[(MODEL, "output_throughput", 32, "A")]
    assert figure.spread == (min(runs[("A", 32)]["rate"]), max(runs[("A", 32)]["rate"]))


def test_the_pareto_front_is_drawn_in_every_locale(outputs):
    import io

    from PIL import Image

    for locale in ("zh", "en", "ko"):
        png = Image.open(io.BytesIO(outputs[f"gpu-sweep-demo/{locale}/charts/ParetoChart.png"]))
        assert png.mode == "RGB" and png.size[0] == 1200
        assert outputs[f"gpu-sweep-demo/{locale}/charts/ParetoChart.svg"].startswith(b"<?xml")
        # The lines' colours are the scenarios' own: each front is painted.
        chart = props(outputs, "ParetoChart", locale)
        drawn = {s["scenario"] for s in chart["series"]}
        colours = {s["color"].lower() for s in chart["scenarios"] if s["id"] in drawn}
        pixels = {"#%02x%02x%02x" % rgb for _, rgb in png.getcolors(maxcolors=1 << 24)}
        assert colours <= pixels
