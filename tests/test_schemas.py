"""The JSON Schemas editors and site developers use: committed, current, and true to the data.

Editors get completion and checks in VS Code through yaml-language-server, which reads the
``# yaml-language-server: $schema=...`` line of each data file and sees YAML the way YAML 1.2
does: a date is a string, ``yes`` is a string. These tests load the shipped files the same way
and check them against the exported schemas with ``jsonschema``.
"""

from __future__ import annotations

import json
import shutil
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from pipeline.cli import main
from pipeline.load.project import CATALOG_FILES
from pipeline.props.models import COMPONENTS
from pipeline.schemas import schema_files, site_locale_ids
from tests.project import FROZEN_REPORT, ROOT, golden_reports

SCHEMAS = ROOT / "schemas"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _data_files() -> dict[Path, str]:
    """Each data file the pipeline reads -> the schema (file under schemas/) it must point at."""
    files = {ROOT / "data" / "catalog" / f"{name}.yaml": f"{name}.schema.json" for name in CATALOG_FILES}
    files[ROOT / "i18n" / "locales.yaml"] = "locales.schema.json"
    for report in sorted((ROOT / "data" / "reports").glob("*.yaml")) + golden_reports() + \
            []:
        general = yaml.safe_load(report.read_text(encoding="utf-8")).get("kind") == "benchmark"
        files[report] = "benchmark.schema.json" if general else "report.schema.json"
    for field_map in sorted((ROOT / "data" / "formats").glob("*.yaml")):
        files[field_map] = "raw-format.schema.json"
    return files


DATA_FILES = _data_files()


class _LanguageServerLoader(yaml.SafeLoader):
    """Reads YAML as yaml-language-server does: dates stay strings, only true/false are booleans."""


_LanguageServerLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LanguageServerLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _errors(name: str, instance) -> list[str]:
    return sorted(f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(name).iter_errors(instance))


def test_committed_schemas_are_current():
    expected = schema_files(site_locale_ids(ROOT))
    on_disk = sorted(p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json"))
    assert on_disk == sorted(expected), "schemas/ holds other files than the models export; run `make schema`"
    stale = [name for name, data in sorted(expected.items()) if (SCHEMAS / name).read_bytes() != data]
    assert stale == [], "run `make schema` and commit schemas/"


def test_schema_check_command_reports_a_stale_schema(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    shutil.copytree(ROOT / "i18n", tmp_path / "i18n")  # the locales every localized text requires
    for name, data in schema_files(site_locale_ids(ROOT)).items():
        (tmp_path / "schemas" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "schemas" / name).write_bytes(data)
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 0
    (tmp_path / "schemas" / "report.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "schema", "--check"]) == 1
    assert capsys.readouterr().err == "schemas/report.schema.json: stale; run `make schema` and commit schemas/\n"


def test_there_is_a_schema_for_every_input_kind_and_every_props_file():
    names = set(schema_files(site_locale_ids(ROOT)))
    assert {f"{name}.schema.json" for name in CATALOG_FILES} | {"report.schema.json", "locales.schema.json"} <= names
    assert {f"props/{component}.schema.json" for component in COMPONENTS} <= names


@pytest.mark.parametrize("path", sorted(DATA_FILES), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_file_points_at_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.name}: first line must be '# yaml-language-server: $schema=<relative path>'"
    target = (path.parent / match.group(1)).resolve()
    assert target == (SCHEMAS / DATA_FILES[path]).resolve(), f"{path.name} points at {match.group(1)}"


@pytest.mark.parametrize("path", sorted(DATA_FILES), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_data_file_validates_against_its_schema(path):
    instance = yaml.load(path.read_text(encoding="utf-8"), Loader=_LanguageServerLoader)
    assert _errors(DATA_FILES[path], instance) == []


def test_the_schema_catches_what_editors_get_wrong():
    """The editor sees the same mistakes the pipeline reports (so the check above can fail)."""
    report = yaml.load(FROZEN_REPORT.read_text(encoding="utf-8"),
                       Loader=_LanguageServerLoader)
    report["scenarios"][3]["price"]["hourly"] = -45
    report["method"]["run_per_point"] = report["method"].pop("runs_per_point")
    report["date"] = "2026-02-30"
    report["results"][0]["metrics"]["ttft"]["A"] = "120ms"
    report["results"][0]["metrics"]["ttft"]["B"] = -280  # a plain figure has a minimum too
    report["title"]["kr"] = report["title"].pop("ko")  # a locale typo: ko missing, kr unknown
    del report["scenarios"][0]["role"]["en"]  # a text missing in one locale
    assert _errors("report.schema.json", report) == [
        "date: '2026-02-30' is not a 'date'",
        "method: 'runs_per_point' is a required property",
        "method: Additional properties are not allowed ('run_per_point' was unexpected)",
        "results.0.metrics.ttft.A: '120ms' is not valid under any of the given schemas",
        "results.0.metrics.ttft.B: -280 is not valid under any of the given schemas",
        "scenarios.0.role: 'en' is a required property",
        "scenarios.3.price.hourly: -45 is less than or equal to the minimum of 0",
        "title: 'ko' is a required property",
        "title: Additional properties are not allowed ('kr' was unexpected)",
    ]


def test_props_files_validate_against_their_schemas():
    props = sorted((ROOT / "site-data").rglob("*.json")) + sorted((ROOT / "tests" / "golden").rglob("*.json"))
    assert len(props) >= 60
    for path in props:
        instance = json.loads(path.read_text(encoding="utf-8"))
        # Generic components (benchmark reports) name their kind; their schema is the kind's.
        name = f"props/general/{instance['kind']}.schema.json" if "kind" in instance else f"props/{path.stem}.schema.json"
        assert _errors(name, instance) == [], path


EDITORS = ROOT / "docs" / "editors.md"


def _json_blocks(markdown: str) -> list[dict]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", markdown, flags=re.DOTALL)]


def test_the_vscode_settings_in_the_docs_map_each_data_file_to_its_schema():
    settings = _json_blocks(EDITORS.read_text(encoding="utf-8"))[0]
    mapped: dict[Path, str] = {}
    for schema, patterns in settings["yaml.schemas"].items():
        assert (ROOT / schema).is_file(), schema
        for pattern in patterns:
            for path in ROOT.glob(pattern):
                mapped[path] = Path(schema).name
    shipped = {path: schema for path, schema in DATA_FILES.items() if "tests" not in path.parts}
    assert mapped == shipped


def test_the_problem_matcher_in_the_docs_reads_every_message():
    tasks = _json_blocks(EDITORS.read_text(encoding="utf-8"))[1]
    pattern = tasks["tasks"][0]["problemMatcher"]["pattern"]
    regexp = re.compile(pattern["regexp"])
    heads = [line for case in sorted((ROOT / "tests" / "bad_inputs").glob("*/expected.txt"))
             for line in case.read_text(encoding="utf-8").splitlines() if re.search(r" (error|warning)\[", line)]
    assert len(heads) > 40
    for line in heads:
        match = regexp.match(line)
        assert match, line
        assert match.group(pattern["file"]).split("/")[0] in ("data", "i18n"), line
        assert match.group(pattern["severity"]) in ("error", "warning")
    match = regexp.match("data/reports/demo.yaml:27:21: error[E023] scenarios.D.price.hourly: must be greater than 0")
    assert [match.group(pattern[k]) for k in ("file", "line", "column", "code", "message")] == [
        "data/reports/demo.yaml", "27", "21", "E023", "scenarios.D.price.hourly: must be greater than 0"]
