"""A catalogue of bad inputs, each with the exact message an editor gets.

Each folder under tests/bad_inputs/ is one case. Its files are laid over a throwaway project
(the real catalogues, translations and templates, plus tests/bad_inputs/base-report.yaml as
data/reports/demo.yaml) at the same relative paths:

- ``data/reports/demo.yaml``, ``i18n/locales.yaml``, ...: replace the project's file;
- ``<path>.append``: appended to the project's file at ``<path>`` (a .po entry, a catalogue item);
- ``<path>.delete`` (empty): the project's file at ``<path>`` is removed.

``expected.txt`` holds the exact stderr of ``site-data validate``; ``args`` (optional) extra
arguments, one per line; ``exit`` (optional) the expected exit status, 1 when absent. Lines of
an appended file are written ``<PATH+N>``: the N-th line of the appended text, whatever the
length of the real catalogue it was appended to (other work keeps adding to those).
Cases listed in GENERATED get a file written at test time (too big to commit).

Every case runs through the real command line, twice: ``validate`` and ``build``. Both must
print the expected problems (and no traceback), exit as expected, and leave the project's
site-data/ byte for byte and mtime for mtime as it was.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.project import make_project

CASES = Path(__file__).resolve().parent / "bad_inputs"
BASE_REPORT = CASES / "base-report.yaml"
CONTROL_FILES = {"expected.txt", "args", "exit"}
DOCS = Path(__file__).resolve().parents[1] / "docs" / "codes.md"


def _huge_report(root: Path) -> None:
    """A 10 MB report: a valid start, then a very long comment."""
    path = root / "data" / "reports" / "demo.yaml"
    with path.open("ab") as stream:
        line = b"# " + b"x" * 1022 + b"\n"
        stream.write(line * (10 * 1024))


GENERATED = {"file-over-size-limit": _huge_report}
"""Case name -> writes the case's file into the project at test time."""


def _case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built_site_data(tmp_path_factory) -> Path:
    """site-data/ of the base project, built once; each case starts from a copy of it."""
    root = make_project(tmp_path_factory.mktemp("base") / "project", [])
    shutil.copy(BASE_REPORT, root / "data" / "reports" / "demo.yaml")
    assert main(["--root", str(root), "build"]) == 0
    return root / "site-data"


def lay_out(case: Path, root: Path) -> dict[str, int]:
    """Apply a case's files to the project at ``root``; the line count of each file appended to."""
    lines_before: dict[str, int] = {}
    for source in sorted(p for p in case.rglob("*") if p.is_file()):
        relative = source.relative_to(case).as_posix()
        if relative in CONTROL_FILES:
            continue
        if relative.endswith(".append"):
            target = root / relative.removesuffix(".append")
            lines_before[relative.removesuffix(".append")] = target.read_bytes().count(b"\n")
            with target.open("ab") as stream:
                stream.write(source.read_bytes())
        elif relative.endswith(".delete"):
            (root / relative.removesuffix(".delete")).unlink()
        else:
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return lines_before


def expected_message(case: Path, lines_before: dict[str, int]) -> str:
    """The case's expected stderr, with ``<PATH+N>`` resolved to line numbers."""
    text = (case / "expected.txt").read_text(encoding="utf-8")
    return re.sub(r"<([^<>+]+)\+(\d+)>", lambda m: str(lines_before[m.group(1)] + int(m.group(2))), text)


def make_case_project(name: str, tmp_path: Path, site_data: Path | None = None) -> tuple[Path, dict[str, int]]:
    """A throwaway project with case ``name`` laid over it, and the line counts of appended files."""
    root = make_project(tmp_path / "project", [])
    shutil.copy(BASE_REPORT, root / "data" / "reports" / "demo.yaml")
    if site_data is not None:
        shutil.copytree(site_data, root / "site-data")  # copy2: mtimes are kept
    lines_before = lay_out(CASES / name, root)
    if name in GENERATED:
        GENERATED[name](root)
    return root, lines_before


def test_there_are_at_least_forty_cases():
    assert len(_case_names()) >= 40


@pytest.mark.parametrize("name", _case_names())
def test_bad_input_gets_its_exact_message(name, tmp_path, capsys, built_site_data):
    case = CASES / name
    root, lines_before = make_case_project(name, tmp_path, built_site_data)
    expected = expected_message(case, lines_before)
    args = (case / "args").read_text(encoding="utf-8").split() if (case / "args").is_file() else []
    status = int((case / "exit").read_text(encoding="utf-8")) if (case / "exit").is_file() else 1
    before = _snapshot(root / "site-data")

    assert main(["--root", str(root), "validate", *args]) == status
    out, err = capsys.readouterr()
    assert err == expected
    assert "Traceback" not in out + err

    if status == 2:  # a usage error is the same for every command taking PATHS; build takes none
        return
    assert main(["--root", str(root), "build", *[a for a in args if a.startswith("--")]]) == status
    build_out, build_err = capsys.readouterr()
    assert "Traceback" not in build_out + build_err
    if status:
        assert build_err == expected, "build and validate must report the same problems"
        assert _snapshot(root / "site-data") == before, "a failed build changed site-data/"


def test_every_case_has_an_expected_message():
    for name in _case_names():
        case = CASES / name
        assert (case / "expected.txt").is_file(), name
        inputs = [p for p in case.rglob("*") if p.is_file() and p.name not in CONTROL_FILES]
        assert inputs or name in GENERATED or (case / "args").is_file(), f"{name}: no input files"


def test_mdx_hostile_text_is_escaped_not_rejected(tmp_path, capsys):
    """Text MDX would misread is data like any other: accepted, escaped, and read back intact."""
    from tests.test_mdx_compile import run_mdx_check

    root, _ = make_case_project("mdx-hostile-text-is-accepted", tmp_path)
    assert main(["--root", str(root), "build"]) == 0
    capsys.readouterr()
    table = root / "site-data" / "demo" / "en" / "tables" / "ttft-llama4-scout.mdx"
    assert '| {"D"} | {"trn2 <5ms"} |' in table.read_text(encoding="utf-8")
    status, report = run_mdx_check(root / "site-data")
    assert status == 0 and report["errors"] == {}
    rows = report["files"][str(table)]["tables"][0]
    assert ["D", "trn2 <5ms"] == rows[2][:2]
    props = (root / "site-data" / "demo" / "en" / "InfraComparisonChart.json").read_text(encoding="utf-8")
    assert '"role": "Custom {x} a|b <!-- c --> </script>"' in props


CODE = re.compile(r'"(E\d{3})"')
HEADING = re.compile(r"^## (E\d{3}) — .+$", re.MULTILINE)


def _codes_in_pipeline() -> dict[str, list[str]]:
    pipeline = Path(__file__).resolve().parents[1] / "pipeline"
    used: dict[str, list[str]] = {}
    for source in sorted(pipeline.rglob("*.py")):
        for code in CODE.findall(source.read_text(encoding="utf-8")):
            used.setdefault(code, []).append(source.relative_to(pipeline.parent).as_posix())
    return used


def test_every_code_used_in_the_pipeline_is_documented():
    documented = set(HEADING.findall(DOCS.read_text(encoding="utf-8")))
    missing = {code: files for code, files in _codes_in_pipeline().items() if code not in documented}
    assert missing == {}, "add a section to docs/codes.md for each of these"


def test_every_documented_code_is_used_and_fully_described():
    text = DOCS.read_text(encoding="utf-8")
    sections = re.split(r"^## (?=E\d{3} — )", text, flags=re.MULTILINE)[1:]
    codes = [section[:4] for section in sections]
    assert codes == sorted(codes), "keep docs/codes.md in code order"
    assert len(codes) == len(set(codes))
    assert sorted(set(codes) - set(_codes_in_pipeline())) == [], "documented codes nothing emits"
    for section in sections:
        body = section.split("\n## ", 1)[0]
        for part in ("**When:**", "**Example:**", "**Fix:**"):
            assert part in body, f"{section[:4]} lacks {part}"
        example = body.split("**Example:**", 1)[1]
        assert f"[{section[:4]}]" in example, f"{section[:4]}: the example message shows another code"


def test_every_bad_input_message_uses_a_documented_code():
    documented = set(HEADING.findall(DOCS.read_text(encoding="utf-8")))
    for name in _case_names():
        for code in re.findall(r"(?:error|warning)\[(E\d{3})\]", (CASES / name / "expected.txt").read_text("utf-8")):
            assert code in documented, f"{name}: {code}"
