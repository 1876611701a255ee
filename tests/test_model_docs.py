"""Every field of every input and props model is described: the JSON Schemas are the docs
editors see on hover and site developers read in the TypeScript declarations."""

from __future__ import annotations

from pipeline.schemas import input_schemas, props_schemas, schema_of


def undocumented() -> list[str]:
    missing = []
    for name, model in {**input_schemas(), **props_schemas()}.items():
        schema = schema_of(model, "validation", name)
        for definition, body in [*schema.get("$defs", {}).items(), (model.__name__, schema)]:
            for field, spec in body.get("properties", {}).items():
                if "description" not in spec and "$ref" not in spec and "allOf" not in spec:
                    missing.append(f"{definition}.{field}")
    return sorted(set(missing))


def test_every_field_has_a_description():
    assert undocumented() == []
