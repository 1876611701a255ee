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
        "  hint: waivable rules: L001, L002, L003, L010, L020, L021, L022, L030, L031, L032, L033, L040, L041, L050, L051, L052, L070, L071, L072, L073, L074, L080, L081 "
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
