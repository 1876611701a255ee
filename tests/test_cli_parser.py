"""The CLI builds only the parser of the command it runs: what it says must not depend on that."""

import pytest

from pipeline import cli
from pipeline.commands import COMMAND_NAMES

ARGVS = [
    ["ingest", "--help"], ["ingest"], ["ingest", "--out"], ["ingest", "x.json", "--format", "xml"],
    ["--root", "tests", "ingest", "--help"], ["--root=tests", "ingest", "--strict"], ["--root", "--help"],
    ["build", "--bogus"], ["validate", "--help"], ["lint", "--format"], ["diff", "--against"],
    ["schema", "--help"], ["bogus"], ["--help"], [], ["--version"], ["--ro", "tests", "ingest", "--help"],
]


def _said(argv, capsys) -> tuple:
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # --version and --help of the top-level parser
        status = exc.code
    return (status, *capsys.readouterr())


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_one_command_parser_says_what_the_whole_parser_says(argv, capsys, monkeypatch):
    alone = _said(argv, capsys)
    monkeypatch.setattr(cli, "_named_command", lambda words: COMMAND_NAMES)
    assert alone == _said(argv, capsys)
    assert alone[0] != 0 or alone[1] or alone[2]  # something was said


def test_the_command_run_is_found_after_the_root_option():
    assert cli._named_command(["ingest", "runs"]) == ("ingest",)
    assert cli._named_command(["--root", "site", "build"]) == ("build",)
    assert cli._named_command(["--root=site", "lint"]) == ("lint",)
    assert cli._named_command(["--root", "site"]) == COMMAND_NAMES
    assert cli._named_command(["--help"]) == COMMAND_NAMES
    assert cli._named_command(["ingets"]) == COMMAND_NAMES
