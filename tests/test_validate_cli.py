"""`site-data validate`, the CI entry point: every problem in one run, three output formats, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.project import ROOT, golden_reports, make_project

BASE = ROOT / "tests" / "bad_inputs" / "base-report.yaml"


@pytest.fixture
def project(tmp_path) -> Path:
    """A valid project with one report, data/reports/demo.yaml."""
    root = make_project(tmp_path / "project", [])
    shutil.copy(BASE, root / "data" / "reports" / "demo.yaml")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; the number of lines the file had before."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n")


def validate(root: Path, *args: str) -> int:
    return main(["--root", str(root), "validate", *args])


def break_three_files(root: Path) -> tuple[int, int]:
    """One problem in a report, one in a catalogue, one in a translation; where the last two start."""
    edit(root / "data" / "reports" / "demo.yaml", "hourly: 45.00", "hourly: -45")
    sources = append(root / "data" / "catalog" / "sources.yaml",
                     "  - {id: extra-source, title: Extra, publisher: AWS, url: 42}\n")
    po = append(root / "i18n" / "en" / "LC_MESSAGES" / "site-data.po", '\nmsgid "note.extra"\nmsgstr "An extra note"\n')
    return sources, po


def test_a_clean_project_passes(project, capsys):
    assert validate(project) == 0
    assert capsys.readouterr() == ("ok: 1 report(s) valid in 3 locale(s), 0 warning(s)\n", "")


def test_problems_in_several_files_are_all_reported_in_one_run(project, capsys):
    sources, po = break_three_files(project)
    assert validate(project) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"data/catalog/sources.yaml:{sources + 1}:59: error[E022] sources.extra-source.url: expected text, got 42\n"
        "  hint: quote the value to keep it as text\n"
        "data/reports/demo.yaml:27:21: error[E023] scenarios.D.price.hourly: must be greater than 0 (got -45)\n"
        "  hint: correct the figure; negative and zero values are not meaningful here\n"
        "i18n/ko/LC_MESSAGES/site-data.po: error[E060] no 'ko' translation for message 'note.extra'\n"
        f"  hint: add  msgid \"note.extra\"  and its translation; see i18n/en/LC_MESSAGES/site-data.po:{po + 2}\n"
        "i18n/zh/LC_MESSAGES/site-data.po: error[E060] no 'zh' translation for message 'note.extra'\n"
        f"  hint: add  msgid \"note.extra\"  and its translation; see i18n/en/LC_MESSAGES/site-data.po:{po + 2}\n"
        "4 error(s), 0 warning(s); nothing was written\n")


def test_json_format_is_one_machine_readable_list(project, capsys):
    sources, _ = break_three_files(project)
    assert validate(project, "--format", "json") == 1
    out, err = capsys.readouterr()
    problems = json.loads(out)
    assert [(p["code"], p["file"], p["line"], p["column"], p["path"]) for p in problems] == [
        ("E022", "data/catalog/sources.yaml", sources + 1, 59, "sources.extra-source.url"),
        ("E023", "data/reports/demo.yaml", 27, 21, "scenarios.D.price.hourly"),
        ("E060", "i18n/ko/LC_MESSAGES/site-data.po", None, None, ""),
        ("E060", "i18n/zh/LC_MESSAGES/site-data.po", None, None, ""),
    ]
    assert set(problems[0]) == {"code", "severity", "file", "line", "column", "path", "message", "hint"}
    assert problems[1]["message"] == "must be greater than 0 (got -45)"
    assert err == ""


def test_json_format_of_a_clean_run_is_an_empty_list(project, capsys):
    assert validate(project, "--format", "json") == 0
    assert capsys.readouterr() == ("[]\n", "")


def test_github_format_prints_workflow_annotations(project, capsys):
    edit(project / "data" / "reports" / "demo.yaml", "hourly: 45.00", "hourly: -45")
    edit(project / "data" / "reports" / "demo.yaml", "runs_per_point: 3", "run_per_point: 3")
    assert validate(project, "--format", "github") == 1
    out, err = capsys.readouterr()
    assert out == (
        "::error file=data/reports/demo.yaml,line=9,col=3,title=E020::method.run_per_point: unknown field "
        "'run_per_point' (hint: did you mean 'runs_per_point'?)\n"
        "::error file=data/reports/demo.yaml,line=27,col=21,title=E023::scenarios.D.price.hourly: must be "
        "greater than 0 (got -45) (hint: correct the figure; negative and zero values are not meaningful here)\n")
    assert err == ""


def test_a_report_outside_data_reports_is_checked(project, tmp_path, capsys):
    elsewhere = tmp_path / "drafts" / "demo.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(BASE, elsewhere)
    edit(elsewhere, "itl: {A: 10, D: 12}", "itl: {A: 10, E: 12}")
    assert validate(project, str(elsewhere)) == 1
    assert capsys.readouterr().err == (
        f"{elsewhere.as_posix()}:35:23: error[E040] results[0].metrics.itl.E: unknown scenario 'E'\n"
        "  hint: known scenario ids: A, D\n"
        "1 error(s), 0 warning(s); nothing was written\n")


def test_only_the_named_reports_are_checked(project, capsys):
    edit(project / "data" / "reports" / "demo.yaml", "hourly: 45.00", "hourly: -45")
    golden = golden_reports()[0]
    assert validate(project, str(golden)) == 0
    assert capsys.readouterr().out == "ok: 1 report(s) valid in 3 locale(s), 0 warning(s)\n"


def test_a_folder_stands_for_the_reports_in_it(project, capsys, monkeypatch):
    shutil.copy(golden_reports()[0], project / "data" / "reports")
    monkeypatch.chdir(project)
    assert validate(project, "data/reports") == 0
    assert capsys.readouterr().out == "ok: 2 report(s) valid in 3 locale(s), 0 warning(s)\n"
    # Catalogues are always checked: naming one checks everything.
    assert validate(project, "data/catalog/models.yaml") == 0
    assert capsys.readouterr().out == "ok: 2 report(s) valid in 3 locale(s), 0 warning(s)\n"
    assert validate(project, "data") == 0
    assert capsys.readouterr().out == "ok: 2 report(s) valid in 3 locale(s), 0 warning(s)\n"


@pytest.mark.parametrize(("args", "message"), [
    (["nope.yaml"], "site-data validate: error: no such file or folder: nope.yaml\n"),
    (["i18n/zh"], "site-data validate: error: no .yaml files in i18n/zh\n"),
    (["templates/mdx/table.mdx.j2"], "site-data validate: error: templates/mdx/table.mdx.j2 is not a report "
                                     "(reports are .yaml files)\n"),
])
def test_paths_that_name_no_report_are_usage_errors(project, capsys, monkeypatch, args, message):
    monkeypatch.chdir(project)
    assert validate(project, *args) == 2
    assert capsys.readouterr() == ("", message)


def test_unknown_format_is_a_usage_error(project, capsys):
    assert validate(project, "--format", "xml") == 2
    assert "argument --format: invalid choice: 'xml'" in capsys.readouterr().err


def test_no_data_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "validate"]) == 2
    assert capsys.readouterr().err == (f"site-data: error: no data/ folder in {tmp_path.resolve()}; "
                                       "run from the project root or pass --root\n")


def test_warnings_pass_and_strict_turns_them_into_errors(project, capsys):
    # A metric without a figure for the baseline is a warning (lint rule L050).
    edit(project / "data" / "reports" / "demo.yaml", "itl: {A: 10, D: 12}", "itl: {D: 12}")
    assert validate(project) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 1 report(s) valid in 3 locale(s), 1 warning(s)\n"
    assert err.startswith("data/reports/demo.yaml:35:16: warning[L050] results[0].metrics.itl.D: ")
    assert validate(project, "--strict") == 1
    out, strict_err = capsys.readouterr()
    assert out == ""
    assert strict_err.startswith("data/reports/demo.yaml:35:16: error[L050] results[0].metrics.itl.D: ")
    assert strict_err.endswith("; (a warning, failing because of --strict)\n"
                               "1 error(s), 0 warning(s); nothing was written\n")
    assert validate(project, "--strict", "--format", "json") == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert (problem["code"], problem["severity"]) == ("L050", "error")


def test_validate_writes_nothing(project, capsys):
    assert validate(project) == 0
    assert not (project / "site-data").exists()


def test_the_installed_command_runs_as_a_program(project):
    """Through a real process: exit status and streams as CI sees them."""
    edit(project / "data" / "reports" / "demo.yaml", "hourly: 45.00", "hourly: -45")
    done = subprocess.run([sys.executable, "-m", "pipeline", "validate"], cwd=project, capture_output=True,
                          text=True, check=False, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT),
                                                       "LANG": "C", "TZ": "Pacific/Kiritimati"})
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("data/reports/demo.yaml:27:21: error[E023] scenarios.D.price.hourly")
    assert "Traceback" not in done.stderr


def _explode(*args, **kwargs):
    raise ValueError("max() arg is an empty sequence")


@pytest.mark.parametrize("command", [["validate"], ["build"], ["build", "--check"]])
def test_a_bug_is_reported_in_one_paragraph_without_a_traceback(project, capsys, monkeypatch, command):
    monkeypatch.setattr("pipeline.build.build", _explode)
    monkeypatch.setattr("pipeline.build.render_outputs", _explode)  # what `site-data build` streams from
    monkeypatch.delenv("SITE_DATA_DEBUG", raising=False)
    assert main(["--root", str(project), *command]) == 3
    out, err = capsys.readouterr()
    assert out == ""
    head, hint = err.splitlines()
    assert re.fullmatch(r"site-data: internal error in test_validate_cli\.py:\d+: "
                        r"ValueError: max\(\) arg is an empty sequence", head)
    assert hint == ("  hint: this is a bug in site-data, not a mistake in your data, and nothing was written. "
                    "Please report it with the input that triggers it; run with SITE_DATA_DEBUG=1 to see the "
                    "traceback")
    assert not (project / "site-data").exists()


def test_debug_mode_lets_a_bug_through(project, monkeypatch):
    monkeypatch.setattr("pipeline.build.build", _explode)
    monkeypatch.setenv("SITE_DATA_DEBUG", "1")
    with pytest.raises(ValueError, match="empty sequence"):
        main(["--root", str(project), "validate"])
