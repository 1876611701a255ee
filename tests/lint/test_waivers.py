"""Waivers: what they cover, and the findings about waivers themselves (L060, L061, E040, E046)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.lint.waivers import covers, steps
from tests.lint.helpers import demo_text, edited, lint
from tests.project import make_project

DEMO = "data/reports/consistent-demo.yaml"
WRONG_COST = ("cost_per_mtok: {A: 293.67", "cost_per_mtok: {A: 293.70")
L001_A = (f"{DEMO}:51:26: error[L001] results[0].stated.cost_per_mtok.A: cost per 1M output tokens of llama4-scout "
          "on A: stated 293.70, but the data give 293.6679 (hourly price / (tokens per second x 3600) x 1,000,000; "
          "tolerance ±0.005)\n"
          "  hint: state 293.67, or correct the figures it is derived from; to publish it as it is, waive it with a "
          "reason")


def with_waivers(text: str, *lines: str) -> str:
    return text + "waivers:\n" + "".join(f"  - {line}\n" for line in lines)


@pytest.mark.parametrize("scope", ["results[0].stated.cost_per_mtok.A", "results.0.stated.cost_per_mtok.A",
                                   "results[0].stated", "results[*].stated.*.A", "results"])
def test_a_waiver_moves_the_findings_it_covers_to_waived(scope):
    result = lint(with_waivers(edited(*WRONG_COST), f'{{rule: L001, scope: "{scope}", reason: published so}}'))
    assert result.active == []
    (waived,) = result.waived
    assert (waived.finding.code, waived.finding.path, waived.reason) == (
        "L001", "results[0].stated.cost_per_mtok.A", "published so")
    assert (waived.waiver.file, waived.waiver.line) == (DEMO, 92)


def test_a_waiver_covers_only_its_rule():
    result = lint(with_waivers(edited(*WRONG_COST), '{rule: L010, scope: "results[0]", reason: other rule}'))
    assert [f.problem().format() for f in result.active] == [
        L001_A,
        f"{DEMO}:92:25: warning[L061] waivers[0].scope: the waiver of L010 at 'results[0]' matches no finding\n"
        "  hint: remove the waiver if the data were fixed; else set scope to the path lint prints for the finding"]


def test_a_waiver_without_a_reason_waives_nothing_and_is_itself_an_error():
    result = lint(with_waivers(edited(*WRONG_COST), '{rule: L001, scope: "results[0].stated"}'))
    assert [f.problem().format() for f in result.active] == [
        L001_A,
        f"{DEMO}:92:5: error[L060] waivers[0]: the waiver of L001 at 'results[0].stated' gives no reason, "
        "so it waives nothing\n"
        "  hint: add reason: why the figure is published although it contradicts the others"]
    assert result.waived == []


def test_an_unused_waiver_is_reported_with_the_closest_path():
    result = lint(with_waivers(edited(*WRONG_COST),
                               '{rule: L001, scope: "results[0].stated.cost_per_mtok.B", reason: a typo}'))
    assert [f.problem().format() for f in result.active] == [
        L001_A,
        f"{DEMO}:92:25: warning[L061] waivers[0].scope: the waiver of L001 at 'results[0].stated.cost_per_mtok.B' "
        "matches no finding\n"
        "  hint: did you mean 'results[0].stated.cost_per_mtok.A'? remove the waiver if the data were fixed; else "
        "set scope to the path lint prints for the finding"]


def test_a_consistent_report_with_a_stale_waiver_gets_only_l061():
    result = lint(with_waivers(demo_text(), '{rule: L020, scope: "models", reason: fixed since}'))
    assert [(f.code, f.path) for f in result.active] == [("L061", "waivers[0].scope")]


def _validate(tmp_path: Path, capsys, waiver: str) -> tuple[int, str]:
    report = tmp_path / "consistent-demo.yaml"
    report.write_text(with_waivers(demo_text(), waiver), encoding="utf-8")
    root = make_project(tmp_path / "project", [report])
    code = main(["--root", str(root), "lint"])
    return code, capsys.readouterr().err


def test_a_waiver_of_an_unknown_rule_is_a_validation_error(tmp_path, capsys):
    code, err = _validate(tmp_path, capsys, '{rule: L011, scope: "sweeps", reason: x}')
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{DEMO}:92:12: error[E040] waivers[0].rule: unknown lint rule 'L011'",
        "  hint: waivable rules: L001, L002, L003, L010, L020, L021, L022, L030, L031, L032, L033, L040, L041, L050, L051, L052, L053, L054, L070, L071, L072, L073, L074, L080, L081 "
        "(see docs/lint/README.md)"]


def test_waiver_findings_cannot_be_waived(tmp_path, capsys):
    code, err = _validate(tmp_path, capsys, '{rule: L061, scope: "waivers", reason: x}')
    assert code == 1
    assert err.splitlines()[:2] == [
        f"{DEMO}:92:12: error[E046] waivers[0].rule: L061 is about waivers themselves and cannot be waived",
        "  hint: fix the waiver it reports instead"]


def test_scope_steps_read_brackets_and_dots_alike():
    assert steps("results[0].stated.cost_per_mtok.A") == ["results", "0", "stated", "cost_per_mtok", "A"]
    assert steps("sweeps.0.points[*].values") == ["sweeps", "0", "points", "*", "values"]
    assert not covers("results[1]", "results[0].stated.cost_per_mtok.A")
    assert not covers("results[0].stated.cost_per_mtok.A.x", "results[0].stated.cost_per_mtok.A")
    assert not covers("", "results[0]")


segment = st.from_regex(r"[a-z_]{1,8}|[0-9]{1,2}|[A-E]", fullmatch=True)
paths = st.lists(segment, min_size=1, max_size=6)


@given(paths, st.integers(min_value=0, max_value=6))
def test_a_scope_covers_its_own_path_and_everything_below(path, cut):
    full = ".".join(path)
    prefix = path[:max(1, min(cut, len(path)))]
    assert covers(full, full)
    assert covers(".".join(prefix), full)
    assert covers(".".join("*" for _ in prefix), full)
    bracketed = "".join(f"[{s}]" if s.isdigit() else f".{s}" for s in path).lstrip(".")
    assert covers(bracketed, full) and covers(full, bracketed)


@given(paths, paths)
def test_a_scope_never_covers_a_path_that_leaves_it(scope, path):
    if covers(".".join(scope), ".".join(path)):
        assert len(scope) <= len(path) and all(s in ("*", p) for s, p in zip(scope, path))


# -- a waiver records what it accepted (L062) ------------------------------------------------------

def _accepted_now(text: str) -> str:
    """The fingerprint lint gives the demo's only waiver (what an editor writes after checking it)."""
    (waived, *_) = lint(text).waived
    return waived.fingerprint


def test_a_waiver_accepted_for_its_figures_keeps_waiving():
    text = with_waivers(edited(*WRONG_COST), '{rule: L001, scope: "results[0].stated", reason: "stated $293.70"}')
    fingerprint = _accepted_now(text)
    assert len(fingerprint) == 8
    accepted = text.replace("reason: ", f"accepted: {fingerprint}, reason: ")
    result = lint(accepted)
    assert result.active == [] and [w.finding.code for w in result.waived] == ["L001"]


def test_a_waiver_goes_stale_when_a_figure_it_covers_changes():
    text = with_waivers(edited(*WRONG_COST),
                        '{rule: L001, scope: "results[0].stated", accepted: PRINT, reason: "published $293.70, '
                        'not the 293.67 the prices give"}')
    text = text.replace("PRINT", _accepted_now(text.replace("accepted: PRINT, ", "")))
    # The editor types a new published cost; the waiver was written for the old one.
    changed = text.replace("cost_per_mtok: {A: 293.70", "cost_per_mtok: {A: 293.80")
    result = lint(changed)
    assert result.waived == []
    found = [f.problem().format() for f in result.active]
    assert [f.code for f in result.active] == ["L001", "L062"]
    assert found[0].startswith(f"{DEMO}:51:26: error[L001] results[0].stated.cost_per_mtok.A: cost per 1M output "
                               "tokens of llama4-scout on A: stated 293.80, but the data give 293.6679")
    stale = found[1]
    old = text.split("accepted: ")[1][:8]
    new = stale.split("the findings now give ")[1][:8]
    assert new != old
    assert stale == (
        f"{DEMO}:92:56: error[L062] waivers[0].accepted: the waiver of L001 at 'results[0].stated' was accepted for "
        f"other figures (accepted {old}, the findings now give {new}), so its 1 finding(s) (line 51) are reported "
        "again; its reason quotes 293.70, which neither the findings nor the report give any more\n"
        "  hint: `site-data diff` lists each figure that moved, old -> new; check them and the reason (rewrite the "
        f"figures it quotes); if the page is to publish them as they now are, set accepted: {new}; else correct "
        "the data")
    confirmed = changed.replace(f"accepted: {old}", f"accepted: {new}")
    assert lint(confirmed).active == []


def test_a_price_change_makes_the_waiver_over_its_derived_costs_stale():
    text = with_waivers(edited(*WRONG_COST), '{rule: L001, scope: "results[0].stated", accepted: PRINT, reason: r}')
    text = text.replace("PRINT", _accepted_now(text.replace("accepted: PRINT, ", "")))
    repriced = text.replace("price: {hourly: 98.32,", "price: {hourly: 55.04,")
    assert [f.code for f in lint(repriced).active] == ["L001", "L062"]


def test_the_fingerprint_follows_figures_not_wording():
    from pipeline.lint.base import LintFinding
    from pipeline.lint.waivers import fingerprint

    one = LintFinding("L001", "stated 0.85, but the data give 6.5026", None, "results[0].stated.cost_per_mtok.A", "")
    reworded = LintFinding("L001", "published 0.85 whereas the figures give 6.5026", None, one.path, "")
    refigured = LintFinding("L001", "stated 0.48, but the data give 6.5026", None, one.path, "")
    assert fingerprint([one]) == fingerprint([reworded]) != fingerprint([refigured])
    assert fingerprint([one, refigured]) == fingerprint([refigured, one])


@pytest.mark.parametrize("reason,gone", [
    ("$98.32/h at 4,200 tokens/s is $6.50, not $0.85", ["98.32", "0.85"]),
    ("8 x H100 and 55 GB of int4 weights", []),  # small integers are not checked
    ("6.5 rounds from 6.5026", []),
])
def test_figures_a_stale_reason_quotes_that_the_data_no_longer_give(reason, gone):
    from pipeline.lint.base import LintFinding
    from pipeline.lint.waivers import outdated_figures

    now = [LintFinding("L001", "stated 0.48, but the data give 6.5026", None, "results[0]", "")]
    assert outdated_figures(reason, now, {"price": {"hourly": 55.04}, "sweep": [4200]}) == gone
