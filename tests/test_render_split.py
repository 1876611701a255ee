"""A large build renders its later reports in a second process: the same outputs, in the same order,
with the same problems, as rendering every report in one process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import pipeline.build as build_module
from pipeline.build import build
from pipeline.errors import BuildFailed, fail
from pipeline.load.project import ProjectPaths
from pipeline.render import charts, split
from tests.project import GOLDEN_REPORTS, make_project

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the second process is forked: Linux only")

LLM_COPIES, GENERAL_COPIES = 5, 2
"""Seven reports: the second process renders the last three LLM reports and both general ones."""


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("split") / "project", [])
    folder = root / "data" / "reports"
    for name, copies in (("consistent-demo", LLM_COPIES), ("net-demo", GENERAL_COPIES)):
        text = (GOLDEN_REPORTS / f"{name}.yaml").read_text(encoding="utf-8")
        for index in range(copies):
            (folder / f"{name}-{index}.yaml").write_text(text.replace(f"id: {name}\n", f"id: {name}-{index}\n", 1),
                                                         encoding="utf-8")
    return root


@pytest.fixture()
def split_from_two(monkeypatch):
    monkeypatch.setattr(split, "SPLIT_FROM", 2)
    monkeypatch.setattr(split.cores, "available", lambda: 2)


def one_process(monkeypatch, run):
    with monkeypatch.context() as m:
        m.setattr(split, "SPLIT", False)
        return run()


def test_a_split_build_gives_the_outputs_of_one_process_in_its_order(project, split_from_two, monkeypatch):
    forks = []
    real = split.SecondHalf.__init__
    monkeypatch.setattr(split.SecondHalf, "__init__", lambda self, first, records: (forks.append(first),
                                                                                     real(self, first, records))[1])
    paths = ProjectPaths(project)
    both = build(paths, charts=False).outputs
    assert forks == [4]  # seven reports: the second process renders the last three
    alone = one_process(monkeypatch, lambda: build(paths, charts=False).outputs)
    assert forks == [4]
    assert list(both) == list(alone)
    assert both == alone
    assert len({path.split("/")[0] for path in both}) == LLM_COPIES + GENERAL_COPIES


def test_charts_planned_in_the_second_process_are_drawn_as_in_one(project, split_from_two, monkeypatch):
    def drawn() -> dict[str, bytes]:
        monkeypatch.setattr(charts, "_MEMO", {})  # each build draws every chart (a remembered one comes first)
        return build(ProjectPaths(project)).outputs

    both = drawn()
    alone = one_process(monkeypatch, drawn)
    drawn_charts = [path for path in both if "/charts/" in path]
    assert drawn_charts and any(path.startswith("net-demo-1/") for path in drawn_charts)
    assert list(both) == list(alone) and both == alone


def test_a_message_missing_in_a_later_report_fails_as_in_one_process(tmp_path, split_from_two, monkeypatch):
    root = make_project(tmp_path / "project", [])
    for index in range(4):
        text = (GOLDEN_REPORTS / "consistent-demo.yaml").read_text(encoding="utf-8")
        (root / "data" / "reports" / f"r{index}.yaml").write_text(
            text.replace("id: consistent-demo\n", f"id: r{index}\n", 1), encoding="utf-8")
    catalogue = root / "i18n" / "ko" / "LC_MESSAGES" / "site-data.po"
    text = catalogue.read_text(encoding="utf-8")
    entry = 'msgid "chart.ttft.title"\n'
    start = text.index(entry)
    catalogue.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")

    def problems() -> list:
        with pytest.raises(BuildFailed) as failed:
            build(ProjectPaths(root), charts=False)
        return failed.value.problems

    both = problems()
    assert [p.code for p in both] == ["E060"] and "chart.ttft.title" in both[0].message
    assert both == one_process(monkeypatch, problems)


def _failing_later(monkeypatch, action):
    """Make rendering the last report do ``action`` (in whichever process renders it)."""
    real = build_module._render_report

    def render(derived, *args):
        if derived.report.id == f"net-demo-{GENERAL_COPIES - 1}":
            action()
        return real(derived, *args)
    monkeypatch.setattr(build_module, "_render_report", render)


def test_problems_found_in_the_second_process_stop_the_build_as_they_would_in_one(project, split_from_two,
                                                                                   monkeypatch):
    def refuse():
        raise fail("E095", "refused", stage="render")
    _failing_later(monkeypatch, refuse)
    with pytest.raises(BuildFailed) as failed:
        build(ProjectPaths(project), charts=False)
    assert failed.value.stage == "render"
    assert [(p.code, p.message) for p in failed.value.problems] == [("E095", "refused")]


def test_a_bug_in_the_second_process_is_reported_with_its_traceback(project, split_from_two, monkeypatch):
    def crash():
        raise ZeroDivisionError("a bug")
    _failing_later(monkeypatch, crash)
    with pytest.raises(RuntimeError, match=r"failed in the second process:\n(.|\n)*ZeroDivisionError: a bug"):
        build(ProjectPaths(project), charts=False)


def test_a_second_process_that_dies_fails_the_build_instead_of_losing_reports(project, split_from_two, monkeypatch):
    _failing_later(monkeypatch, lambda: os._exit(3))
    with pytest.raises(RuntimeError, match=r"stopped before it was done \(exit status 3"):
        build(ProjectPaths(project), charts=False)


def test_small_builds_and_single_core_machines_render_in_one_process(monkeypatch):
    monkeypatch.setattr(split.cores, "available", lambda: 2)
    assert not split.should_split(split.SPLIT_FROM - 1) and split.should_split(split.SPLIT_FROM)
    monkeypatch.setattr(split.cores, "available", lambda: 1)
    assert not split.should_split(100)
