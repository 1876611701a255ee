"""types/site-data.d.ts is what json-schema-to-typescript makes of schemas/props/ today."""

from __future__ import annotations

import json

from tests.project import ROOT
from tests.site.node import require_site_deps, run, tail

DECLARATIONS = ROOT / "types" / "site-data.d.ts"
SCRIPT = "scripts/generate-types.mjs"


def test_declarations_are_current(tmp_path):
    require_site_deps()
    out = tmp_path / "site-data.d.ts"
    generated = run(["node", SCRIPT, str(out)], timeout=120)
    assert generated.returncode == 0, tail(generated)
    assert out.read_bytes() == DECLARATIONS.read_bytes(), \
        "types/site-data.d.ts is stale: run `make schema types` and commit types/"


def test_generic_kinds_declarations_are_current(tmp_path):
    require_site_deps()
    out = tmp_path / "general.d.ts"
    generated = run(["node", SCRIPT, str(out), str(ROOT / "schemas" / "props" / "general"), "kinds"], timeout=120)
    assert generated.returncode == 0, tail(generated)
    assert out.read_bytes() == (ROOT / "types" / "general.d.ts").read_bytes(), \
        "types/general.d.ts is stale: run `make schema types` and commit types/"
    text = out.read_text(encoding="utf-8")
    kinds = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "schemas" / "props" / "general").glob("*.json"))
    block = text[text.index("export interface GeneralProps {"):]
    block = block[:block.index("}")]
    assert sorted(line.split(":")[0].strip() for line in block.splitlines()[1:] if ":" in line) == kinds
    # Each kind's props name their kind as a literal, so a view can switch on it.
    assert "kind: 'bars';" in text and "kind: 'value_table';" in text


def test_declarations_cover_every_component():
    text = DECLARATIONS.read_text(encoding="utf-8")
    components = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "schemas" / "props").glob("*.json"))
    block = text[text.index("export interface SiteDataProps {"):]
    block = block[:block.index("}")]
    assert sorted(line.split(":")[0].strip() for line in block.splitlines()[1:] if ":" in line) == components
    assert "export type ComponentProps<C extends keyof SiteDataProps> = SiteDataProps[C];" in text


def test_schemas_that_disagree_about_a_definition_are_refused(tmp_path):
    require_site_deps()
    shape = {"title": "ScenarioProps", "type": "object", "properties": {"id": {"type": "string"}}}
    for name, extra in (("AChart", {}), ("BChart", {"required": ["id"]})):
        schema = {"title": f"{name}Props", "type": "object",
                  "properties": {"scenario": {"$ref": "#/$defs/ScenarioProps"}},
                  "$defs": {"ScenarioProps": {**shape, **extra}}}
        (tmp_path / f"{name}.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    generated = run(["node", SCRIPT, str(tmp_path / "out.d.ts"), str(tmp_path)], timeout=120)
    assert generated.returncode == 1
    assert "BChart.schema.json: definition 'ScenarioProps' differs from the one in another props schema" \
        in generated.stderr
