"""The bugs listed in issue 10 (item 7): each reproduced on a copy of the consistent-demo fixture,
with the exact message or output the fix gives. Before the fixes each of these exited 3 or
printed the wrong thing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.project import GOLDEN_OUTPUT, GOLDEN_REPORTS, make_project

DEMO = "data/reports/consistent-demo.yaml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A project with the consistent-demo report only."""
    return make_project(tmp_path / "project", [GOLDEN_REPORTS / "consistent-demo.yaml"])


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a project file."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def written(root: Path, locale: str = "en") -> list[str]:
    """Files built for the demo report in one locale, relative to its folder."""
    folder = root / "site-data" / "consistent-demo" / locale
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def props(root: Path, component: str, locale: str = "en") -> dict:
    return json.loads((root / "site-data" / "consistent-demo" / locale / f"{component}.json").read_text("utf-8"))


def golden(locale: str) -> list[str]:
    folder = GOLDEN_OUTPUT / "consistent-demo" / locale
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


ITL_OUTPUTS = {"ItlChart.json", "charts/ItlChart.svg", "charts/ItlChart.png", "charts/ItlChart.key",
               "tables/itl-llama4-scout.mdx"}


# -- a chart whose data are absent is not built -------------------------------------------------

def test_a_report_without_itl_figures_builds_without_the_itl_chart(project, capsys):
    edit(project, DEMO, "      itl: {A: 10, D: 12, E: 15}\n", "")
    assert run(project, "validate") == 0
    assert capsys.readouterr().out == "ok: 1 report(s) valid in 3 locale(s), 0 warning(s)\n"
    assert run(project, "build") == 0
    for locale in ("zh", "en", "ko"):
        assert ITL_OUTPUTS <= set(golden(locale))
        assert written(project, locale) == sorted(set(golden(locale)) - ITL_OUTPUTS)


def test_a_catalogue_without_the_optional_itl_metric_builds(project, capsys):
    edit(project, "data/catalog/metrics.yaml", "  - id: itl\n    unit: ms\n    direction: lower\n", "")
    edit(project, DEMO, "      itl: {A: 10, D: 12, E: 15}\n", "")
    edit(project, DEMO, "metrics: [ttft, itl, output_throughput]", "metrics: [ttft, output_throughput]")
    assert run(project, "validate") == 0
    assert capsys.readouterr().out == "ok: 1 report(s) valid in 3 locale(s), 0 warning(s)\n"
    assert run(project, "build") == 0
    assert written(project) == sorted(set(golden("en")) - ITL_OUTPUTS)


# -- catalogue figures keep the digits they were written with ------------------------------------

def test_a_catalogue_figure_in_scientific_notation_is_shown_in_full(project, capsys):
    # Python writes 0.000001 as 1e-06: its fraction digits were read from that text and exited 3.
    edit(project, "data/catalog/models.yaml", "parameters_total_b: 109\n", "parameters_total_b: 0.000001\n")
    assert run(project, "validate") == 0
    assert capsys.readouterr().out == "ok: 1 report(s) valid in 3 locale(s), 0 warning(s)\n"
    assert run(project, "build", "--no-charts") == 0
    row = next(r for r in props(project, "ModelSpecChart")["rows"] if r["key"] == "parameters_total")
    assert [c["formatted"] for c in row["cells"]] == ["0.000001B"]


def test_a_fractional_network_rate_is_not_rounded(project):
    edit(project, "data/catalog/instances.yaml", "network_gbps: 200\n", "network_gbps: 12.5\n")
    assert run(project, "build", "--no-charts") == 0
    for locale in ("zh", "en", "ko"):
        rows = props(project, "InfraComparisonChart", locale)["rows"]
        assert [r["network"]["formatted"] for r in rows] == ["3,200 Gbps", "3,200 Gbps", "12.5 Gbps"]


# -- one output path, one producer ---------------------------------------------------------------

def test_two_tradeoff_tables_with_one_id_are_refused_at_validate(project, capsys):
    text = (project / DEMO).read_text(encoding="utf-8")
    first = text.index("tradeoffs:\n") + len("tradeoffs:\n")
    (project / DEMO).write_text(text + text[first:].replace("Escaping test", "Second table"), encoding="utf-8")
    line = text[:first].count("\n") + 1
    assert run(project, "validate") == 1
    assert capsys.readouterr().err == (
        f"{DEMO}:{line + text[first:].count(chr(10))}:9: error[E042] tradeoffs.hostile.id: duplicate trade-off "
        f"table id 'hostile' (first defined on line {line})\n"
        "  hint: ids must be unique; rename or merge the two entries\n"
        "1 error(s), 0 warning(s); nothing was written\n")


def test_the_llm_renderer_refuses_a_repeated_output_path(project):
    # Validate refuses two tables with one id (above); should another path ever repeat, the merge of
    # one report's outputs refuses it too instead of keeping the last table.
    from pipeline.build import check
    from pipeline.errors import BuildFailed
    from pipeline.load.project import ProjectPaths
    from pipeline.localize import Localizer, babel_locale
    from pipeline.render.context import RenderContext
    from pipeline.render.report import render_report
    from pipeline.render.tables import template_environment

    paths = ProjectPaths(project)
    checked = check(paths)
    derived = checked.derived[0]
    derived.report.tradeoffs.append(derived.report.tradeoffs[0])
    site_locale = checked.inputs.locales[1]
    loc = Localizer(site_locale, babel_locale(site_locale), checked.inputs.translations[site_locale.id])
    with pytest.raises(BuildFailed) as failed:
        render_report(RenderContext(derived, checked.findings["consistent-demo"], loc),
                      template_environment(paths.templates))
    assert [p.format() for p in failed.value.problems] == [
        f"{DEMO}: error[E095] two outputs would be written to "
        "site-data/consistent-demo/en/tables/tradeoffs-hostile.mdx\n"
        "  hint: give each report, component and table its own id or name"]


# -- charts are what the data give ---------------------------------------------------------------

def test_a_hand_edited_chart_fails_the_check_and_is_redrawn(project, capsys):
    assert run(project, "build") == 0
    chart = project / "site-data" / "consistent-demo" / "zh" / "charts" / "TtftChart.svg"
    drawn = chart.read_bytes()
    chart.write_bytes(drawn + b"<!-- tampered -->\n")
    capsys.readouterr()
    assert run(project, "build", "--check") == 1
    assert capsys.readouterr().err == (
        "site-data/consistent-demo/zh/charts/TtftChart.svg: error[E092] is out of date\n"
        "  hint: run `make site-data` and commit the result\n"
        "site-data is stale: 0 to create, 1 to update, 0 to delete; run `make site-data` and commit site-data/\n")
    assert run(project, "build", "--force") == 0
    assert capsys.readouterr().out.endswith(": 93 files, 0 created, 1 updated, 0 deleted, 92 unchanged; 0 warning(s)\n")
    assert chart.read_bytes() == drawn
    key = (chart.parent / "TtftChart.key").read_text(encoding="utf-8").splitlines()
    assert [line.split(" ")[0] for line in key[1:]] == ["svg", "png"]
    assert key[1] == "svg sha256:" + hashlib.sha256(drawn).hexdigest()


# -- approximate figures stay approximate --------------------------------------------------------

def test_a_range_with_an_approximate_end_is_marked_once_in_each_locale(project):
    # D's price is approximate and its cost is derived (not stated): D's cost is approximate.
    edit(project, DEMO, "price: {hourly: 45.00,", "price: {hourly: 45.00, approximate: true,")
    edit(project, DEMO, "cost_per_mtok: {A: 293.67, D: 162.34, E: 58.70}", "cost_per_mtok: {A: 293.67, E: 58.70}")
    assert run(project, "build", "--no-charts") == 0
    expected = {"zh": ("约$58.70-$162.34", "在 Llama 4 Scout 上，D: trn2和E: inf2 每 1M tokens 成本为 约$58.70-$162.34，"
                                          "比 A: p5/H100 的 $293.67 低 45-80%。"),
                "en": ("~$58.70–$162.34", "For Llama 4 Scout, D: trn2 and E: inf2 cost ~$58.70–$162.34 per 1M tokens, "
                                         "45–80% less than the $293.67 of A: p5/H100."),
                "ko": ("약 $58.70–$162.34", "Llama 4 Scout 기준 D: trn2 및 E: inf2의 1M 토큰당 비용은 약 $58.70–$162.34 "
                                           "수준으로, A: p5/H100의 $293.67 대비 45~80% 낮습니다.")}
    for locale, (cell, finding) in expected.items():
        table = (project / "site-data" / "consistent-demo" / locale / "tables" / "tradeoffs-hostile.mdx").read_text("utf-8")
        assert f'| {{"$293.67 <!-- c -->"}} | {{"{cell} </script>"}} |' in table
        assert props(project, "KeyFindingsMLChart", locale)["findings"][0]["text"] == finding


# -- wording that follows the data ----------------------------------------------------------------

TTFT_SWEEP = """sweeps:
  - model: llama4-scout
    metric: ttft
    source: llama4-report-projection
    points:
      - {concurrency: 16, values: {A: 300, D: 350, E: 420}}
      - {concurrency: 32, values: {A: 400, D: 500, E: 700}}
"""


def test_the_throughput_under_load_reason_quotes_the_throughput_sweep(project):
    edit(project, DEMO, "sweeps:\n", TTFT_SWEEP)
    assert run(project, "build", "--no-charts") == 0
    balanced = props(project, "MLRecommendationChart")["workloads"][2]
    assert balanced["rationale"] == ("83% of A: p5/H100's throughput at 55% of its cost per token; "
                                     "1,080 tokens/sec at 16 concurrent requests (83% of A: p5/H100)")
    # The concurrency chart is the throughput sweep's too, exactly as without the TTFT sweep.
    for locale in ("zh", "en", "ko"):
        built = project / "site-data" / "consistent-demo" / locale / "ConcurrencyChart.json"
        assert built.read_bytes() == (GOLDEN_OUTPUT / "consistent-demo" / locale / "ConcurrencyChart.json").read_bytes()


def test_a_concurrency_chart_of_another_metric_names_it(project):
    edit(project, DEMO, "    metric: output_throughput\n", "    metric: ttft\n")
    edit(project, DEMO, "      - {concurrency: 1, values: {A: 93, D: 77, E: 61}}\n", "")
    edit(project, DEMO, "  - {kind: scaling, model: llama4-scout, scenario: A, versus: E, concurrency: 16, "
                        "stated_ratio: 1.6}\n", "")
    assert run(project, "build", "--no-charts") == 0
    assert {locale: props(project, "ConcurrencyChart", locale)["description"] for locale in ("zh", "en", "ko")} == {
        "zh": "并发请求数增加时首 token 生成时间（TTFT）的变化。",
        "en": "Time to first token (TTFT) as the number of concurrent requests rises.",
        "ko": "동시 요청 수가 늘어날 때의 첫 토큰 생성 시간 (TTFT) 변화입니다."}


def test_the_concurrency_column_is_written_like_the_figures_beside_it(project):
    edit(project, DEMO, "{concurrency: 16, values: {A: 1300,", "{concurrency: 1000, values: {A: 1300,")
    edit(project, DEMO, "versus: E, concurrency: 16,", "versus: E, concurrency: 1000,")
    assert run(project, "build", "--no-charts") == 0
    table = (project / "site-data" / "consistent-demo" / "en" / "tables" / "concurrency-llama4-scout.mdx")
    assert table.read_text("utf-8").splitlines()[-1] == '| {"1,000"} | {"1,300"} | {"1,080"} | {"820"} |'


def test_a_sweep_point_without_figures_is_named_as_such(project, capsys):
    edit(project, DEMO, "      - {concurrency: 16, values: {A: 1300, D: 1080, E: 820}}\n",
         "      - {concurrency: 16, values: {A: 1300, D: 1080, E: 820}}\n      - {concurrency: 32, values: {}}\n")
    assert run(project, "validate") == 0
    assert capsys.readouterr().err == (
        f"{DEMO}:61:35: warning[L050] sweeps[0].points[4].values: output_throughput of llama4-scout at "
        "concurrency 32 has no figures, not even for the baseline A\n"
        "  hint: add the figures taken at concurrency 32, or remove the point\n")


# -- "did you mean" only for a likely typo ------------------------------------------------------

def test_an_unknown_unit_unlike_any_known_one_lists_them_instead_of_guessing(tmp_path, capsys):
    root = make_project(tmp_path / "net", [GOLDEN_REPORTS / "net-demo.yaml"])
    edit(root, "data/reports/net-demo.yaml", "    unit: req/s\n", "    unit: evictions/s\n")
    assert run(root, "validate") == 1
    assert capsys.readouterr().err == (
        "data/reports/net-demo.yaml:22:11: error[E040] dimensions.qps.unit: unknown unit 'evictions/s'\n"
        "  hint: known unit ids: bps, bytes, count, gb, gbps, mbps, mib, millicores, ms, percent, ratio, req/s, "
        "rules, s, services, tokens, tokens/s, us, usd_per_hour, usd_per_mtok (units are defined in "
        "data/catalog/units.yaml)\n"
        "1 error(s), 0 warning(s); nothing was written\n")


@pytest.mark.parametrize(("typed", "meant"), [
    ("llama4-scoot", "llama4-scout"), ("trn2.48xl", "trn2.48xlarge"), ("on-demnad", "on-demand"),
    ("colour", "color"), ("gpbs", "gbps"), ("ttl", "itl"), ("tokens/sec", "tokens/s"),
    ("evictions/s", None), ("tpot", None), ("Gbit", None), ("x", None),
])
def test_close_match_suggests_typos_only(typed, meant):
    from pipeline.errors import close_match

    known = ["llama4-scout", "trn2.48xlarge", "on-demand", "color", "gbps", "itl", "tokens/s", "tcp_rtt", "req/s", "s"]
    assert close_match(typed, known) == meant


# -- plural forms come from the catalogues ------------------------------------------------------

def test_one_run_is_one_run(project):
    edit(project, DEMO, "runs_per_point: 3", "runs_per_point: 1")
    assert run(project, "build", "--no-charts") == 0
    method = {locale: next(i["value"] for i in props(project, "InfraComparisonChart", locale)["environment"]
                           if i["label"] == label)
              for locale, label in (("zh", "测量方式"), ("en", "Method"), ("ko", "측정 방식"))}
    assert method == {"zh": "至少重复测量1次后使用中位数", "en": "median of at least 1 run",
                      "ko": "최소 1회 반복 측정 후 중앙값 사용"}


def test_a_plural_message_lacking_a_form_is_refused_at_validate(project, capsys):
    po = "i18n/en/LC_MESSAGES/site-data.po"
    edit(project, po, 'msgstr[1] "median of at least {{ runs }} runs"\n', "")
    line = (project / po).read_text("utf-8").splitlines().index('msgid "environment.method.median"') + 1
    assert run(project, "validate") == 1
    assert capsys.readouterr().err == (
        f"{po}:{line}: error[E060] the 'en' translation of 'environment.method.median' has 1 plural form(s); "
        "en needs 2 (one, other)\n"
        '  hint: write  msgid_plural "environment.method.median"  then msgstr[0] to msgstr[1], one per category '
        "in that order\n"
        "1 error(s), 0 warning(s); nothing was written\n")
