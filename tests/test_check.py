"""`site-data build --check` (and `make check`): is the committed site-data/ what the data build to?"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.project import ROOT, golden_reports, make_project

OLD = 1_600_000_000_000_000_000


@pytest.fixture
def built(tmp_path, capsys) -> Path:
    """A project whose site-data/ is current, every file with an old mtime."""
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build"]) == 0
    for path in (root / "site-data").rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    capsys.readouterr()
    return root


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def check(root: Path, *args: str) -> int:
    return main(["--root", str(root), "build", "--check", *args])


def make_stale(root: Path) -> None:
    """One file changed, one missing, one that the build does not produce."""
    out = root / "site-data" / "consistent-demo"
    (out / "en" / "TtftChart.json").write_bytes(b"{}\n")
    (out / "ko" / "tables" / "itl-llama4-scout.mdx").unlink()
    (out / "zh" / "Retired.json").write_bytes(b"{}\n")


def test_a_current_folder_passes_and_is_not_touched(built, capsys):
    before = state(built / "site-data")
    assert check(built) == 0
    assert capsys.readouterr() == (f"site-data is current ({len(before)} files)\n", "")
    assert state(built / "site-data") == before


def test_a_stale_folder_fails_listing_each_file_and_is_not_touched(built, capsys):
    make_stale(built)
    before = state(built / "site-data")
    assert check(built) == 1
    assert capsys.readouterr() == ("", (
        "site-data/consistent-demo/ko/tables/itl-llama4-scout.mdx: error[E092] would be created\n"
        "  hint: run `make site-data` and commit the result\n"
        "site-data/consistent-demo/en/TtftChart.json: error[E092] is out of date\n"
        "  hint: run `make site-data` and commit the result\n"
        "site-data/consistent-demo/zh/Retired.json: error[E092] would be deleted\n"
        "  hint: run `make site-data` and commit the result\n"
        "site-data is stale: 1 to create, 1 to update, 1 to delete; run `make site-data` and commit site-data/\n"))
    assert state(built / "site-data") == before


def test_a_missing_folder_lists_every_file_as_to_be_created(tmp_path, capsys):
    root = make_project(tmp_path / "project", golden_reports())
    assert check(root) == 1
    err = capsys.readouterr().err
    assert err.count("error[E092] would be created") > 50
    assert not (root / "site-data").exists()


def test_json_format_is_one_list_of_stale_files(built, capsys):
    make_stale(built)
    assert check(built, "--format", "json") == 1
    out, err = capsys.readouterr()
    assert [(p["code"], p["file"], p["message"]) for p in json.loads(out)] == [
        ("E092", "site-data/consistent-demo/ko/tables/itl-llama4-scout.mdx", "would be created"),
        ("E092", "site-data/consistent-demo/en/TtftChart.json", "is out of date"),
        ("E092", "site-data/consistent-demo/zh/Retired.json", "would be deleted"),
    ]
    assert err.startswith("site-data is stale: 1 to create")


def test_json_format_of_a_current_folder_is_an_empty_list(built, capsys):
    assert check(built, "--format", "json") == 0
    out, err = capsys.readouterr()
    assert out == "[]\n" and err.startswith("site-data is current (")


def test_github_format_annotates_each_stale_file(built, capsys):
    make_stale(built)
    assert check(built, "--format", "github") == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=site-data/consistent-demo/ko/tables/itl-llama4-scout.mdx,title=E092::would be created "
        "(hint: run `make site-data` and commit the result)",
        "::error file=site-data/consistent-demo/en/TtftChart.json,title=E092::is out of date "
        "(hint: run `make site-data` and commit the result)",
        "::error file=site-data/consistent-demo/zh/Retired.json,title=E092::would be deleted "
        "(hint: run `make site-data` and commit the result)",
    ]


def test_invalid_data_fail_the_check_with_their_problems(built, capsys):
    report = built / "data" / "reports" / "consistent-demo.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("hourly: 45.00", "hourly: 0"), encoding="utf-8")
    before = state(built / "site-data")
    assert check(built) == 1
    assert "scenarios.D.price.hourly: must be greater than 0 (got 0)" in capsys.readouterr().err
    assert state(built / "site-data") == before


def test_a_build_after_the_check_makes_it_pass(built, capsys):
    make_stale(built)
    assert main(["--root", str(built), "build"]) == 0
    assert "1 created, 1 updated, 1 deleted" in capsys.readouterr().out
    assert check(built) == 0


def test_make_check_runs_both_checks():
    """CI runs `make check`: the committed site-data/ and schemas/ must both be current."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ncheck:", 1)[1].split("\n\n", 1)[0]
    assert "-m pipeline build --check" in recipe and "-m pipeline schema --check" in recipe
