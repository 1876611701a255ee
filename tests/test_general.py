"""The general report core: a benchmark report built from data alone; its lint rules; a planned report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.project import GOLDEN_REPORTS, ROOT, make_project

DEMO = GOLDEN_REPORTS / "net-demo.yaml"


def project(tmp_path: Path, text: str) -> Path:
    root = make_project(tmp_path / "p", [])
    (root / "data" / "reports" / "net-demo.yaml").write_text(text, encoding="utf-8")
    return root


def edited(old: str, new: str, text: str | None = None) -> str:
    text = DEMO.read_text(encoding="utf-8") if text is None else text
    assert old in text, old
    return text.replace(old, new, 1)


def lint_lines(root: Path, capsys) -> list[str]:
    main(["--root", str(root), "lint"])
    return [line for line in capsys.readouterr().out.splitlines() if "[L0" in line]


def test_the_demo_report_is_consistent(tmp_path, capsys):
    root = project(tmp_path, DEMO.read_text(encoding="utf-8"))
    assert main(["--root", str(root), "lint"]) == 0
    assert capsys.readouterr().out == "lint: 1 report(s): 0 error(s), 0 warning(s), 0 waived\n"


@pytest.mark.parametrize("old, new, code, message", [
    ("values: {A: 10.0, B: 8.0, C: 6.0}", "values: {A: 3.0, B: 8.0, C: 6.0}", "L070",
     "p99 of http_latency for A (3.0 ms) is below its p50 (4.0 ms)"),
    ("    stated: -40\n", "    stated: -36\n", "L071",
     "stated change -36% for A -> C, but the figures give -40.0% (5,000 us -> 3,000 us)"),
    ("    figure: {metric: tcp_throughput}\n  - kind: note", "    figure: {metric: tcp_throughput}\n    stated: {low: 10, high: 13}\n"
     "  - kind: note", "L073", "stated range 10-13 for tcp_throughput (value), but the figures run from 10.00 gbps (A) "
     "to 12.40 gbps (C)"),
    ("values: {A: 10.00, B: 12.00, C: 12.40}", "values: {A: 10.00, B: 12.00, C: 14.40}", "L080",
     "tcp_throughput of C is 14.40 gbps, above the 12.5 Gbps network bandwidth of its instances"),
])
def test_each_rule_reports_its_contradiction(tmp_path, capsys, old, new, code, message):
    root = project(tmp_path, edited(old, new))
    lines = lint_lines(root, capsys)
    assert any(f"[{code}]" in line and message in line for line in lines), lines


def test_a_stated_figure_that_is_another_scenarios_is_named(tmp_path, capsys):
    text = edited("      - {metric: tcp_rtt}\n", "      - {metric: tcp_rtt, stated: {C: 4000}}\n")
    lines = lint_lines(project(tmp_path, text), capsys)
    assert any("L072" in line and "stated 4000 for C, but C's tcp_rtt (value) is 3,000 us; it is B's figure" in line
               for line in lines), lines


def test_udp_received_must_follow_from_sent_and_loss(tmp_path, capsys):
    text = edited("  - metric: tcp_rtt\n", "  - metric: tcp_rtt\n  - metric: udp_throughput\n  - metric: udp_received\n")
    text = edited("figures:\n", "figures:\n  - {metric: udp_throughput, source: cni-benchmark-page, values: {A: 10.0}}\n"
                  "  - {metric: udp_received, source: cni-benchmark-page, values: {A: 9.9}}\n", text)
    lines = lint_lines(project(tmp_path, text), capsys)
    assert any("L081" in line and "sending 10.00 gbps at 20.00% loss delivers 8.00" in line for line in lines), lines


def test_a_planned_two_group_report_with_a_prefix_hit_axis_builds_with_not_measured_cells(tmp_path, capsys):
    root = make_project(tmp_path / "p", [ROOT / "tests/fixtures/general/disagg-plan.yaml"])
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    capsys.readouterr()
    props = json.loads((root / "site-data/disagg-plan/en/TtftChart.json").read_text(encoding="utf-8"))
    assert {b["figure"]["formatted"] for p in props["panels"] for b in p["bars"]} == {"not measured yet"}
    assert props["scenarios"][0]["deployment"] == "2 × p4d.24xlarge + 4 × g6e.12xlarge"
    assert props["scenarios"][0]["hourly_price"]["formatted"] == "$129.92"
    table = (root / "site-data/disagg-plan/ko/tables/ttft-by-prefix-hit.mdx").read_text(encoding="utf-8")
    assert table.count("아직 측정 전") == 10


def test_two_tables_with_one_id_are_refused(tmp_path, capsys):
    text = edited("  - id: http-detail\n", "  - id: http-detail\n    kind: value_table\n    rows: [{metric: tcp_rtt}]\n"
                  "  - id: http-detail\n")
    assert main(["--root", str(project(tmp_path, text)), "validate"]) == 1
    assert "data/reports/net-demo.yaml:217:5: error[E042] tables.http-detail: table 'http-detail' is declared twice" in capsys.readouterr().err


def test_a_figure_that_does_not_apply_reads_n_a_not_not_measured(tmp_path, capsys):
    text = edited("values: {A: 40.0, B: 20.0, C: null}", "values: {A: 40.0, B: 20.0, C: {not_applicable: true}}")
    root = project(tmp_path, text)
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    table = (root / "site-data" / "net-demo" / "en" / "tables" / "http-detail.mdx").read_text(encoding="utf-8")
    assert '| {"HTTP latency p99, Target QPS 5,000 req/s (ms)"} | {"40.0"} | {"20.0"} | {"n/a"} |' in table
    ko = (root / "site-data" / "net-demo" / "ko" / "tables" / "http-detail.mdx").read_text(encoding="utf-8")
    assert '| {"40.0"} | {"20.0"} | {"해당 없음"} |' in ko


def test_a_figure_that_does_not_apply_has_no_value(tmp_path, capsys):
    text = edited("values: {A: 40.0, B: 20.0, C: null}", "values: {A: 40.0, B: 20.0, C: {not_applicable: true, value: 3}}")
    assert main(["--root", str(project(tmp_path, text)), "validate"]) == 1
    assert capsys.readouterr().err.splitlines()[:2] == [
        "data/reports/net-demo.yaml:77:35: error[E029] figures[5].values.C: a figure that does not apply has no value",
        "  hint: keep 'not_applicable: true' alone, or remove it and give the value"]


CNI = ROOT / "tests" / "fixtures" / "cni-page" / "cni-performance-comparison.yaml"


@pytest.mark.parametrize("method, code, message", [
    ("  runs_per_point: 3\n  statistic: median\n", "L052",
     "19:19  warning[L052] method.runs_per_point: the method says each figure reduces 3 runs, but A's tcp_throughput (mean) "
     "comes from 1 run (data/raw/cni-performance-comparison/scenario-a-vpccni.json)"),
    ("  runs_per_point: 1\n  statistic: single\n  published: {runs_per_point: 3, statistic: median}\n", "L074",
     "21:31  error[L074] method.published.runs_per_point: the page says each figure reduces 3 runs, but A's tcp_throughput "
     "(mean) comes from 1 run (data/raw/cni-performance-comparison/scenario-a-vpccni.json)"),
])
def test_runs_claimed_beyond_the_raw_files_are_reported(tmp_path, capsys, method, code, message):
    text = CNI.read_text(encoding="utf-8")
    text = edited("  runs_per_point: 1\n  statistic: single\n", method, text)
    root = make_project(tmp_path / "p", [])
    (root / "data" / "reports" / CNI.name).write_text(text, encoding="utf-8")
    lines = lint_lines(root, capsys)
    assert [line.strip() for line in lines if f"[{code}]" in line] == [message]


def test_a_new_bar_chart_of_an_existing_kind_is_one_declaration_in_the_report(tmp_path, capsys):
    # The report is the only file touched: its strings are in it, its kind's strings in the catalogues.
    declaration = ("  - name: UdpLossOnlyChart\n    kind: bars\n"
                   "    title: {zh: UDP 丢包率, en: UDP loss, ko: UDP 손실률}\n"
                   "    panels: [{metric: udp_loss, reference: A}]\n")
    root = project(tmp_path, edited("  - name: LatencyChart\n", declaration + "  - name: LatencyChart\n"))
    assert main(["--root", str(root), "build"]) == 0
    out = root / "site-data" / "net-demo"
    for locale, title in (("zh", "UDP 丢包率"), ("en", "UDP loss"), ("ko", "UDP 손실률")):
        props = json.loads((out / locale / "UdpLossOnlyChart.json").read_text(encoding="utf-8"))
        assert (props["kind"], props["title"]) == ("bars", title)
        bars = props["panels"][0]["bars"]
        assert [(b["scenario"], b["figure"]["value"]) for b in bars] == [("A", 20.0), ("B", 1.5), ("C", 0.0)]
        assert (out / locale / "charts" / "UdpLossOnlyChart.svg").is_file()
    en = json.loads((out / "en" / "UdpLossOnlyChart.json").read_text(encoding="utf-8"))
    assert [b["relative"]["formatted"] if b["relative"] else None for b in en["panels"][0]["bars"]] == \
        [None, "-93%", "-100%"]
