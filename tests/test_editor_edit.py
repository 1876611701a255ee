"""An editor's real edit, replayed on a copy of the shipped data: the price fact-check of
tests/editor_edits.py (8 lines). Validate must report the waivers it made stale and the flag its anchor
spreads; once the editor confirms the waivers, everything the suite checks of shipped reports holds."""

from __future__ import annotations

import re

import pytest

from pipeline.cli import main
from tests.editor_edits import PRICE_FACT_CHECK, apply_edits, confirm_stale_waivers
from tests.project import make_project
from tests.shipped import assert_reports_hold

REPORT = "data/reports/llama4-fm-serving.yaml"


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("edit") / "project")
    assert apply_edits(root / REPORT, PRICE_FACT_CHECK) > 0
    return root


def _validate(root, capsys) -> tuple[int, str]:
    code = main(["--root", str(root), "validate"])
    return code, capsys.readouterr().err


def test_the_edit_makes_the_waiver_over_the_old_costs_stale(edited, capsys):
    code, err = _validate(edited, capsys)
    assert code == 1
    stale = [line for line in err.splitlines() if "error[L062]" in line]
    assert len(stale) >= 1
    cost_waiver = next(line for line in stale if "at 'results[*].stated.cost_per_mtok'" in line)
    # Its reason quotes the old price and the old published cost; the data give neither any more.
    quoted = re.search(r"its reason quotes (.*), which neither", cost_waiver).group(1).split(", ")
    assert {"98.32", "0.85"} <= set(quoted)
    # The findings it waived are reported again, with their new figures.
    assert re.search(r"error\[L001\] results\[0\]\.stated\.cost_per_mtok\.A: .*stated 0\.48", err)


def test_the_flag_typed_in_the_anchored_price_is_reported_for_every_price_merging_it(edited, capsys):
    _, err = _validate(edited, capsys)
    flagged = re.findall(r"warning\[E053\] (scenarios\.\w\.price\.approximate)", err)
    assert flagged == ["scenarios.B.price.approximate", "scenarios.C.price.approximate",
                       "scenarios.E.price.approximate"]  # D types its own


def test_once_the_editor_confirms_the_waivers_everything_holds(edited, capsys):
    _, err = _validate(edited, capsys)
    assert confirm_stale_waivers(edited / REPORT, err)
    code, err = _validate(edited, capsys)
    assert code == 0, err
    assert main(["--root", str(edited), "build", "--no-charts"]) == 0
    capsys.readouterr()
    assert_reports_hold(edited)
