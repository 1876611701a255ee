"""The no-op build: skipped only when nothing it depends on changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.build_cache import CACHE_FILE, fingerprint
from pipeline.cli import main
from tests.project import golden_reports, make_project

NOOP = "(no input changed)"


@pytest.fixture()
def built(tmp_path: Path, capsys) -> Path:
    root = make_project(tmp_path / "project", golden_reports())
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    return root


def build(root: Path, capsys, *args: str) -> str:
    assert main(["--root", str(root), "build", *args]) == 0
    return capsys.readouterr().out


def test_nothing_changed_skips_the_build(built, capsys):
    assert NOOP in build(built, capsys)
    assert (built / CACHE_FILE).is_file()


def test_a_changed_input_rebuilds(built, capsys):
    report = built / "data" / "reports" / "consistent-demo.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("ttft: {A: 100,", "ttft: {A: 90,"), encoding="utf-8")
    out = build(built, capsys)
    assert NOOP not in out and "updated" in out and " 0 updated" not in out


@pytest.mark.parametrize("damage", ["edit", "delete", "add"])
def test_a_hand_made_change_to_the_output_is_undone(built, capsys, damage):
    table = built / "site-data" / "consistent-demo" / "en" / "tables" / "ttft-llama4-scout.mdx"
    original = table.read_bytes()
    stray = built / "site-data" / "stray.json"
    if damage == "edit":
        table.write_bytes(original.replace(b"100", b"999"))
    elif damage == "delete":
        table.unlink()
    else:
        stray.write_text("{}", encoding="utf-8")
    out = build(built, capsys)
    assert NOOP not in out
    assert table.read_bytes() == original and not stray.exists()


def test_strict_is_part_of_the_fingerprint(built, capsys):
    assert fingerprint(built, strict=True) != fingerprint(built, strict=False)
    assert NOOP not in build(built, capsys, "--strict")
    assert NOOP in build(built, capsys, "--strict")


def test_force_and_check_never_skip(built, capsys):
    assert NOOP not in build(built, capsys, "--force")
    assert build(built, capsys, "--check").startswith("site-data is current")


def test_an_unreadable_record_means_a_full_build(built, capsys):
    (built / CACHE_FILE).write_text("not json", encoding="utf-8")
    assert NOOP not in build(built, capsys)
    assert NOOP in build(built, capsys)


def test_props_files_are_exactly_what_the_standard_library_writes():
    for path in sorted(Path("site-data").rglob("*.json")):
        raw = path.read_bytes()
        assert raw == (json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n").encode(), path

