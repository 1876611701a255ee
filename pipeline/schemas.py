"""JSON Schemas generated from the models: one per input file kind, one per props file.

Editors get completion and checks through yaml-language-server (each data file's first line
points at its schema); site developers generate TypeScript types from the props schemas.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from pipeline.load.project import CATALOG_FILES
from pipeline.model_docs import describe_fields
from pipeline.models.raw_format import FieldMap
from pipeline.models.report import Report
from pipeline.models.common import LocaleId
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


def schema_files(locales: list[str] | None = None) -> dict[str, bytes]:
    """Relative path under schemas/ -> file bytes.

    With the site's ``locales``, every localized text of the input schemas requires exactly those keys,
    so the editor flags a missing ``ko`` text or a ``kr:`` typo as it is typed.
    """
    files = {}
    for name, model in input_schemas().items():
        schema = schema_of(model, "validation", name)
        files[name] = _dump(_require_locales(schema, locales) if locales else schema)
    for name, model in props_schemas().items():
        files[name] = _dump(schema_of(model, "serialization", name))
    return files


def _dump(schema: dict) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_LOCALE_KEYS = LocaleId.__metadata__[0].pattern
"""The pattern of a locale id: a mapping keyed by it is a localized text."""


def site_locale_ids(root: Path) -> list[str] | None:
    """The locale ids of ``root``'s i18n/locales.yaml, in its order; None if it cannot be read."""
    import yaml

    try:
        data = yaml.safe_load((root / "i18n" / "locales.yaml").read_text(encoding="utf-8"))
        return [str(entry["id"]) for entry in data["locales"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return None  # `site-data validate` reports what is wrong with the file


def _require_locales(node, locales: list[str]):
    """Turn every ``{locale: text}`` mapping into one with exactly the site's locales, all required."""
    if isinstance(node, list):
        return [_require_locales(item, locales) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _require_locales(value, locales) for key, value in node.items()}
    if node.get("type") == "object" and list(node.get("patternProperties", {})) == [_LOCALE_KEYS]:
        text = node.pop("patternProperties")[_LOCALE_KEYS]
        node.pop("propertyNames", None)
        node["properties"] = {locale: text for locale in locales}
        node["required"] = list(locales)
        node["additionalProperties"] = False
    return node
