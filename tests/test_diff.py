"""`site-data diff`: the shown figures an edit changes, and nothing else."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.diff import diff_outputs, shown_in_props
from tests.project import GOLDEN_REPORTS, make_project

DEMO = GOLDEN_REPORTS / "consistent-demo.yaml"


@pytest.fixture
def built(tmp_path, capsys) -> Path:
    root = make_project(tmp_path / "p", [DEMO])
    assert main(["--root", str(root), "build", "--no-charts"]) == 0
    capsys.readouterr()
    return root


def edit_ttft(root: Path) -> None:
    report = root / "data" / "reports" / DEMO.name
    report.write_text(report.read_text(encoding="utf-8").replace("ttft: {A: 100,", "ttft: {A: 103,", 1),
                      encoding="utf-8")


def test_a_ttft_edit_lists_the_ttft_figures_and_what_they_moved(built, capsys):
    edit_ttft(built)
    assert main(["--root", str(built), "diff"]) == 0
    out = capsys.readouterr().out.splitlines()
    en = out[out.index("consistent-demo/en"):out.index("consistent-demo/ko")]
    assert en == [
        "consistent-demo/en",
        "  typed or measured:",
        "    MLOverviewChart  llama4-scout · highlights · A · ttft: 100 ms -> 103 ms",
        "    TtftChart  ttft · llama4-scout · 1 · A: 100 -> 103",
        "  derived:",
        "    TtftChart  ttft · llama4-scout · 1 · D · relative: +30% -> +26%",
        "    TtftChart  ttft · llama4-scout · 1 · E · relative: +80% -> +75%",
        "  in tables:",
        "    tables/ttft-llama4-scout  A · TTFT (ms): 100 -> 103",
        "    tables/ttft-llama4-scout  D · vs. baseline: +30% -> +26%",
        "    tables/ttft-llama4-scout  E · vs. baseline: +80% -> +75%",
    ]
    assert out[-1] == "21 shown figure(s) changed on 3 page(s): 6 typed or measured, 6 derived, 9 table cells"


def test_no_edit_no_change_and_exit_code_on_request(built, capsys):
    assert main(["--root", str(built), "diff", "--exit-code"]) == 0
    assert capsys.readouterr().out == "no shown figure changed\n"
    edit_ttft(built)
    assert main(["--root", str(built), "diff", "--exit-code", "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "::notice title=site-data consistent-demo/en MLOverviewChart::llama4-scout · highlights · A · ttft: " \
                    "100 ms -> 103 ms"


def test_against_a_git_revision(built, capsys):
    def git(*words):
        subprocess.run(["git", "-C", str(built), *words], check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")
    edit_ttft(built)
    assert main(["--root", str(built), "diff", "--against", "HEAD", "--format", "markdown"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == ["### consistent-demo/en", "", "| component | figure | before | after | |",
                       "| --- | --- | --- | --- | --- |"]
    assert out[4] == "| MLOverviewChart | llama4-scout · highlights · A · ttft | 100 ms | 103 ms | typed |"
    assert main(["--root", str(built), "diff", "--against", "no-such-rev"]) == 1
    assert capsys.readouterr().err.startswith("site-data: error: cannot read site-data/ at 'no-such-rev': ")


def test_a_figure_that_appears_or_goes_is_listed():
    old = {"r/en/A.json": b'{"groups": [{"model": "m", "bars": [{"scenario": "A", "formatted": "1"}]}]}'}
    new = {"r/en/A.json": b'{"groups": [{"model": "m", "bars": [{"scenario": "B", "formatted": "2"}]}]}'}
    assert [(c.label, c.old, c.new) for c in diff_outputs(old, new)] == [("m · A", "1", None), ("m · B", None, "2")]
    assert shown_in_props({"formatted": "x"}) == {"value": ("x", False)}
