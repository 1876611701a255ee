"""JSON Schemas generated from the models: one per input file kind, one per props file.

Editors get completion and checks through yaml-language-server (each data file's first line
points at its schema); site developers generate TypeScript types from the props schemas.
"""

from __future__ import annotations

import json

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from pipeline.load.project import CATALOG_FILES
from pipeline.model_docs import describe_fields
from pipeline.models.raw_format import FieldMap
from pipeline.models.report import Report
from pipeline.models.site import SiteLocales
from pipeline.props.models import COMPONENTS

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class _WithoutFieldTitles(GenerateJsonSchema):
    """Field titles would become one type alias per field in generated TypeScript."""

    def field_title_should_be_set(self, schema) -> bool:  # noqa: D102
        return False


def input_schemas() -> dict[str, type[BaseModel]]:
    """File name -> model, for every kind of input file."""
    from pipeline.models.benchmark import Report as BenchmarkReport

    kinds: dict[str, type[BaseModel]] = {"report.schema.json": Report, "benchmark.schema.json": BenchmarkReport,
                                         "locales.schema.json": SiteLocales}
    kinds.update({f"{name}.schema.json": model for name, model in CATALOG_FILES.items()})
    kinds["raw-format.schema.json"] = FieldMap  # data/formats/*.yaml: field maps of scripts' JSON
    return kinds


def props_schemas() -> dict[str, type[BaseModel]]:
    """File name -> model, for every props file."""
    from pipeline.props.general import KIND_PROPS

    found = {f"props/{name}.schema.json": model for name, model in COMPONENTS.items()}
    found.update({f"props/general/{kind}.schema.json": model for kind, model in KIND_PROPS.items()})
    return found


def schema_of(model: type[BaseModel], mode: str, name: str) -> dict:
    """The JSON Schema of ``model`` under ``name``, field docstrings as descriptions."""
    describe_fields(model)
    schema = model.model_json_schema(mode=mode, schema_generator=_WithoutFieldTitles)
    return {"$schema": SCHEMA_DIALECT, "$id": name, **schema}


def schema_files() -> dict[str, bytes]:
    """Relative path under schemas/ -> file bytes."""
    files = {}
    for name, model in input_schemas().items():
        files[name] = _dump(schema_of(model, "validation", name))
    for name, model in props_schemas().items():
        files[name] = _dump(schema_of(model, "serialization", name))
    return files


def _dump(schema: dict) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
