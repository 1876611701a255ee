"""The shipped Llama 4 report: lint reports every contradiction among its published figures, by rule,
with file and line; each is waived with a reason, so the build is green and the page can say so."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.build import check
from pipeline.cli import main
from pipeline.lint.registry import RULES
from pipeline.load.project import ProjectPaths
from tests.project import ROOT, make_project

REPORT = "data/reports/llama4-fm-serving.yaml"

EXPECTED = [  # (code, path, line): every contradiction among the published figures
    ("L020", "models[0].minimum_hardware", 87),  # Scout on 1x H100 80 GB in BF16: 218 GB of weights
    ("L003", "models[1].stated_context_tokens", 90),  # Maverick 10M vs the model card's 1M
    ("L020", "models[1].minimum_hardware", 91),  # Maverick on 8x H100 in BF16: 800 GB of weights
    *[("L001", f"results[0].stated.cost_per_mtok.{s}", 110) for s in "ABCDE"],
    ("L020", "results[1].metrics.ttft.A", 115),  # Maverick's figures on p5 in BF16
    ("L010", "results[1].metrics.output_throughput.A", 117), ("L031", "results[1].metrics.output_throughput.A", 117),
    ("L010", "results[1].metrics.output_throughput.D", 117), ("L031", "results[1].metrics.output_throughput.D", 117),
    *[("L001", f"results[1].stated.cost_per_mtok.{s}", 119) for s in "AD"],
    *[(code, f"sweeps[0].points[0].values.{s}", 126) for s in "ABCDE" for code in ("L010", "L031")],
    *[("L031", f"sweeps[0].points[{i}].values.{s}", 126 + i) for i in (1, 2, 3) for s in "ABCDE"],
    *[("L031", f"sweeps[0].points[4].values.{s}", 130) for s in "ACE"],  # B and D fit at 32
    ("L002", "findings[0].stated.low", 136),  # "58-67%" against 58.8%
    ("L002", "findings[4].stated_ratio", 159),  # "3.2x" against 42,000 / 9,200 = 4.6x
]


@pytest.fixture(scope="module")
def checked():
    return check(ProjectPaths(ROOT), report_files=[ROOT / REPORT])


def test_every_contradiction_is_found_and_waived_with_a_reason(checked):
    assert checked.problems == []
    waived = checked.waived
    assert [(w.finding.code, w.finding.path, w.finding.location.line) for w in waived] == EXPECTED
    assert {w.finding.location.file for w in waived} == {REPORT}
    assert all(len(w.reason) > 40 for w in waived)


def test_without_its_waivers_the_report_fails_with_every_finding(tmp_path, capsys):
    text = (ROOT / REPORT).read_text(encoding="utf-8")
    report = tmp_path / "llama4-fm-serving.yaml"
    report.write_text(text[:text.index("\n# Contradictions among the published figures")] + "\n", encoding="utf-8")
    root = make_project(tmp_path / "project", [report])
    assert main(["--root", str(root), "lint", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["path"], f["line"]) for f in found] == EXPECTED
    assert Counter(f["severity"] for f in found) == {"error": 44, "warning": 1}
    assert not any(f["waived"] for f in found)


def test_lint_lists_findings_by_file_and_rule(capsys):
    assert main(["--root", str(ROOT), "lint", str(ROOT / REPORT)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == [
        REPORT,
        "    87:23  waived[L020] models[0].minimum_hardware: Llama 4 Scout's weights take 218 GB in bf16 "
        "(109B parameters x 2 bytes), more than the 80 GB of 1 x H100",
        "           reason: The report says Scout deploys on a single H100 80 GB in BF16, but its 109B parameters "
        "take 218 GB in BF16; Meta's single-H100 claim is for int4 weights (55 GB). Kept as the report states it."]
    assert out[-9:] == [
        "by rule:",
        "  L001  derived-vs-stated            7 waived                 docs/lint/L001.md",
        "  L002  finding-vs-data              2 waived                 docs/lint/L002.md",
        "  L003  stated-vs-catalogue          1 waived                 docs/lint/L003.md",
        "  L010  latency-vs-throughput        7 waived                 docs/lint/L010.md",
        "  L020  memory-fit                   3 waived                 docs/lint/L020.md",
        "  L031  decode-roofline-throughput   25 waived                docs/lint/L031.md",
        "",
        "lint: 1 report(s): 0 error(s), 0 warning(s), 45 waived"]


def test_strict_does_not_fail_on_waived_findings(capsys):
    assert main(["--root", str(ROOT), "lint", "--strict", str(ROOT / REPORT)]) == 0
    assert capsys.readouterr().out.endswith("lint: 1 report(s): 0 error(s), 0 warning(s), 45 waived\n")


def test_the_build_summary_counts_waived_findings_per_rule(tmp_path, capsys):
    root = make_project(tmp_path / "project", [ROOT / REPORT])
    assert main(["--root", str(root), "build"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(
        "0 warning(s), 45 waived lint finding(s) (L001 x7, L002 x2, L003, L010 x7, L020 x3, L031 x25); "
        "see `site-data lint`")


def _props(locale: str, component: str) -> dict:
    return json.loads((ROOT / "site-data" / "llama4-fm-serving" / locale / f"{component}.json").read_text("utf-8"))


def test_waived_findings_reach_the_provenance_of_the_figures_they_concern():
    bars = _props("en", "InferenceThroughputChart")["groups"][0]["bars"]
    assert bars[0]["provenance"]["plausibility"] == [
        {"code": "L010", "title": "Latency vs throughput",
         "note": "Throughput, TTFT and ITL at the same concurrency contradict each other: these latencies allow "
                 "less throughput (Little's law).", "waived": True},
        {"code": "L031", "title": "Decode roofline (throughput)",
         "note": "This throughput needs more memory bandwidth than these accelerators have.", "waived": True}]
    ttft = _props("zh", "TtftChart")["groups"][0]["bars"][0]["provenance"]["plausibility"]
    assert [(p["code"], p["title"], p["waived"]) for p in ttft] == [("L010", "延迟与吞吐量", True)]
    spec = {row["key"]: row for row in _props("ko", "ModelSpecChart")["rows"]}
    assert [[p["code"] for p in cell["provenance"]["plausibility"]] for cell in spec["minimum_hardware"]["cells"]] \
        == [["L020"], ["L020"]]


def test_zh_tables_keep_the_published_costs():
    table = (ROOT / "site-data/llama4-fm-serving/zh/tables/cost-per-mtok-llama4-scout.mdx").read_text("utf-8")
    for cost in ("$0.85", "$0.72", "$0.52", "$0.35", "$0.28"):
        assert f'{{"{cost}"}}' in table


def test_every_rule_has_a_doc_page_and_a_translated_title_and_note():
    for code, rule in RULES.items():
        page = (ROOT / rule.doc).read_text(encoding="utf-8")
        assert page.startswith(f"# {code} {rule.name} ({rule.severity})\n"), rule.doc
        assert f"[{code}]({code}.md) | {rule.name} | {rule.severity} |" in \
            (ROOT / "docs/lint/README.md").read_text(encoding="utf-8")
    for locale in ("zh", "en", "ko"):
        po = (ROOT / "i18n" / locale / "LC_MESSAGES" / "site-data.po").read_text(encoding="utf-8")
        for code in RULES:
            for part in ("title", "note"):
                assert re.search(rf'^msgid "lint\.{code}\.{part}"\nmsgstr ".+"$', po, re.M), (locale, code, part)


def test_korean_templates_attach_no_variable_particle_to_a_placeholder():
    po = (ROOT / "i18n/ko/LC_MESSAGES/site-data.po").read_text(encoding="utf-8")
    # 은/는, 이/가, 을/를, 와/과, (으)로 change with the last syllable, which a placeholder hides.
    offending = re.findall(r"^msgstr .*\}\}(?:은|는|이|가|을|를|와|과|으로|로)(?![가-힣]).*$", po, re.M)
    assert offending == []


def test_the_rule_registry_and_its_docs_folder_match():
    pages = {p.stem for p in (ROOT / "docs/lint").glob("L*.md")}
    assert pages == set(RULES)


def test_lint_of_a_consistent_report_prints_only_the_summary(tmp_path: Path, capsys):
    root = make_project(tmp_path / "project", [ROOT / "tests/fixtures/golden/consistent-demo.yaml"])
    assert main(["--root", str(root), "lint"]) == 0
    assert capsys.readouterr().out == "lint: 1 report(s): 0 error(s), 0 warning(s), 0 waived\n"
    assert main(["--root", str(root), "lint", "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"
