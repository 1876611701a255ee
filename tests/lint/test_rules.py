"""Every rule: a case that fires (with its exact message) and one that does not.

Each case is the fully consistent demo report with one figure changed.
"""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.derive.findings import derive_findings
from pipeline.lint import RULES, lint_report
from tests.lint.helpers import codes, demo_text, derive, edited, lint, messages

DEMO = "data/reports/consistent-demo.yaml"


def test_the_consistent_demo_has_no_findings():
    result = lint(demo_text())
    assert result.active == [] and result.waived == []


# (code, old, firing replacement, quiet replacement, expected message of the firing case)
CASES = [
    ("L001", "cost_per_mtok: {A: 293.67", "cost_per_mtok: {A: 293.70", "cost_per_mtok: {A: 293.672",
     f"{DEMO}:51:26: error[L001] results[0].stated.cost_per_mtok.A: cost per 1M output tokens of llama4-scout on A: "
     "stated 293.70, but the data give 293.6679 (hourly price / (tokens per second x 3600) x 1,000,000; "
     "tolerance ±0.005)\n"
     "  hint: state 293.67, or correct the figures it is derived from; to publish it as it is, waive it with a reason"),
    ("L002", "stated: {low: 45, high: 80}", "stated: {low: 40, high: 80}", "stated: {low: 44.6, high: 80}",
     f"{DEMO}:62:82: error[L002] findings[0].stated.low: low end of the cost advantage of D, E over A: stated 40, "
     "but the data give 44.72 ((reference - value) / reference; tolerance ±0.5)\n"
     "  hint: state 45, or correct the figures it is derived from; to publish it as it is, waive it with a reason"),
    ("L003", "  - model: llama4-scout\n    minimum", "  - model: llama4-scout\n    stated_context_tokens: 5000000\n"
     "    minimum", "  - model: llama4-scout\n    stated_context_tokens: 10000000\n    minimum",
     f"{DEMO}:41:28: warning[L003] models[0].stated_context_tokens: the report states a context window of "
     "5,000,000 tokens for Llama 4 Scout; its model card (data/catalog/models.yaml) says 10,000,000\n"
     "  hint: remove stated_context_tokens to show the card's figure, or correct the catalogue; "
     "to publish the report's figure, waive it with a reason"),
    ("L010", "{concurrency: 1, values: {A: 93,", "{concurrency: 1, values: {A: 110,",
     "{concurrency: 1, values: {A: 107,",
     f"{DEMO}:57:38: error[L010] sweeps[0].points[0].values.A: throughput of llama4-scout on A at concurrency 1: "
     "stated 110 tokens/s, but its TTFT (100 ms) and ITL (10 ms) allow at most 93 tokens/s "
     "(concurrency x 128 output tokens / (TTFT + 127 x ITL); tolerance +10% after rounding)\n"
     "  hint: 110 tokens/s needs TTFT + 127 x ITL <= 1,163.6 ms; correct the throughput, the latencies, "
     "or the concurrency they were taken at"),
    ("L020", "count: 4, precision: bf16", "count: 2, precision: bf16", "count: 3, precision: bf16",
     f"{DEMO}:41:23: error[L020] models[0].minimum_hardware: Llama 4 Scout's weights take 218 GB in bf16 "
     "(109B parameters x 2 bytes), more than the 160 GB of 2 x H100\n"
     "  hint: the weights alone need at least 3 x H100, or fp8 weights (109 GB); correct the footprint or its "
     "precision, or waive it with a reason"),
    ("L030", "itl: {A: 10, D: 12, E: 15}", "itl: {A: 10, D: 12, E: 2}", "itl: {A: 10, D: 12, E: 3}",
     f"{DEMO}:49:30: error[L030] results[0].metrics.itl.E: ITL of llama4-scout on E at concurrency 1: stated 2 ms, "
     "i.e. 500 tokens/s per stream, above the 289 decode steps/s (12 x 0.82 TB/s over 34 GB of active weights "
     "per step, 17B x 2 bytes in bf16; tolerance +10% after rounding)\n"
     "  hint: an ITL below 3.46 ms needs more memory bandwidth than 12 x Inferentia2 have; correct the ITL or the "
     "model's active parameters (or waive it, naming speculative decoding)"),
    ("L031", "E: 820}", "E: 6000}", "E: 5000}",
     f"{DEMO}:60:57: error[L031] sweeps[0].points[3].values.E: throughput of llama4-scout on E at concurrency 16: "
     "stated 6,000 tokens/s, above the 4,631 tokens/s 16 streams can reach at 289 decode steps/s (12 x 0.82 TB/s "
     "over 34 GB of active weights per step, 17B x 2 bytes in bf16; tolerance +10% after rounding)\n"
     "  hint: each decode step reads the active weights at least once and yields one token per request in flight; "
     "correct the throughput or the concurrency it was taken at"),
    ("L040", "D: 580,", "D: 250,", "D: 295,",
     f"{DEMO}:59:46: warning[L040] sweeps[0].points[2].values.D: throughput of llama4-scout on D falls from "
     "300 tokens/s at concurrency 4 to 250 at 8, then rises to 1,080 at 16: a dip before saturation "
     "(tolerance 3% after rounding)\n"
     "  hint: check the figure at concurrency 8; a dip followed by a recovery is usually a failed, throttled or "
     "mislabelled run"),
    ("L041", "{A: 360,", "{A: 400,", "{A: 390,",
     f"{DEMO}:58:38: warning[L041] sweeps[0].points[1].values.A: throughput of llama4-scout on A grows 4.30x from "
     "concurrency 1 to 4 (4x the requests): scaling efficiency 108%, above 100% (tolerance +5% after rounding)\n"
     "  hint: a request's own rate cannot rise with load; check this figure and the one at concurrency 1"),
    ("L050", "ttft: {A: 100, D: 130, E: 180}", "ttft: {D: 130, E: 180}", "ttft: {A: 100, D: 130}",
     f"{DEMO}:48:17: warning[L050] results[0].metrics.ttft.D: ttft of llama4-scout at concurrency 1 has figures for "
     "D, E but none for the baseline A: no change against the baseline can be shown\n"
     "  hint: add A's figure, or change the report's baseline"),
    ("L051", "{concurrency: 1, values: {A: 93, D: 77, E: 61}}", "{concurrency: 1, values: {A: 93, D: 77}}",
     "{concurrency: 1, values: {A: 93, D: 77, E: 60}}",
     f"{DEMO}:51:48: warning[L051] results[0].stated.cost_per_mtok.E: the stated cost per 1M tokens of llama4-scout "
     "on E cannot be checked or shown: there is no output_throughput at the operating point (concurrency 1)\n"
     "  hint: add E's throughput at concurrency 1, or remove the stated cost"),
]


@pytest.mark.parametrize("code,old,firing,quiet,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_its_message(code, old, firing, quiet, expected):
    assert messages(lint(edited(old, firing)), code) == [expected]


@pytest.mark.parametrize("code,old,firing,quiet,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_stays_quiet_just_inside_its_tolerance(code, old, firing, quiet, expected):
    assert codes(lint(edited(old, quiet)), code) == []


def test_every_figure_rule_has_a_case():
    # L052 below; waivers in test_waivers.py; L053, L054 in test_prices.py; the benchmark-report rules in tests/test_general.py.
    # L021, L022, L032, L033 need a model with its attention dimensions: tests/lint/test_compute_rules.py.
    tested = {c[0] for c in CASES} | {"L021", "L022", "L032", "L033", "L052", "L053", "L054", "L060", "L061", "L062",
                                      "L070", "L071", "L072", "L073", "L074", "L080", "L081"}
    assert tested == set(RULES)


def test_memory_fit_of_a_scenario_names_the_first_figure_and_flags_the_others():
    text = edited("  - model: llama4-scout\n    minimum", "  - model: llama4-maverick\n  - model: llama4-scout\n"
                                                          "    minimum")
    text = edited("sweeps:", "  - model: llama4-maverick\n    source: llama4-report-projection\n"
                             "    metrics: {ttft: {A: 250, D: 300}, itl: {A: 12, D: 15}}\nsweeps:", text)
    result = lint(text)
    assert messages(result, "L020") == [
        f"{DEMO}:55:25: error[L020] results[1].metrics.ttft.A: the figures of Llama 4 Maverick on A (p5.48xlarge) "
        "assume its weights fit: they take 800 GB in bf16 (the report's precision), more than the 640 GB of "
        "8 x H100\n"
        "  hint: the weights alone need 10 x H100; drop these figures, or state the precision they were taken at"]
    (memory,) = [f for f in result.active if f.code == "L020"]
    # Every figure of Maverick on A is flagged: its TTFT (the finding's place) and its ITL.
    assert [(v.value, v.location.line, v.location.column) for v in memory.subjects] == [(250, 55, 25), (12, 55, 48)]
    # Maverick has no throughput, hence no cost, on either scenario.
    assert codes(result, "L051") == [("L051", "results[1].metrics.ttft.A", 55),
                                     ("L051", "results[1].metrics.ttft.D", 55)]


def _measured(derived, files, **runs):
    key = ("llama4-scout", "ttft", 1, "D")
    derived.figures[key] = dataclasses.replace(derived.figures[key], provenance="measured", files=files, **runs)
    return lint_report(derived, derive_findings(derived))


def test_too_few_runs_fires_on_a_measured_figure_with_fewer_files_than_runs():
    result = _measured(derive(demo_text()), ("run=0.json", "run=1.json"))
    assert [f.problem().format() for f in result.active] == [
        f"{DEMO}:48:25: warning[L052] results[0].metrics.ttft.D: ttft of llama4-scout on D at concurrency 1 comes "
        "from 2 run(s), but the method declares the median of 3\n"
        "  hint: ingest the missing runs' result files, or lower method.runs_per_point to what was run"]


def test_too_few_runs_is_quiet_with_enough_files():
    assert _measured(derive(demo_text()), ("run=0.json", "run=1.json", "run=2.json")).active == []


def test_too_few_runs_counts_runs_not_files_when_the_ingest_says_how_many():
    one_file = ("profile_export.json",)
    assert _measured(derive(demo_text()), one_file, runs=3).active == []
    assert [f.message for f in _measured(derive(demo_text()), one_file, runs=2).active] == [
        "ttft of llama4-scout on D at concurrency 1 comes from 2 run(s), but the method declares the median of 3"]
