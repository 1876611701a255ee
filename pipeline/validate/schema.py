"""Turn pydantic's validation errors into problems that name the file, line and field."""

from __future__ import annotations

import difflib
import functools
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pipeline.errors import Problem
from pipeline.load.yaml_source import FieldPath, SourceDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "float": "a number", "int": "a whole number", "string": "text", "bool": "true or false",
    "dict": "a mapping (key: value)", "list": "a list", "model": "a mapping (key: value)",
    "date": "a date (YYYY-MM-DD)", "model_attributes": "a mapping (key: value)",
}


def validate_document(document: SourceDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed YAML document against ``model``; every error becomes a located problem."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        problems = [_problem(document, model, error) for error in exc.errors(include_url=False)]
        return None, problems


def _problem(document: SourceDocument, model: type[BaseModel], error: dict) -> Problem:
    kind: str = error["type"]
    data_path, shown = _walk(document.data, tuple(error["loc"]))
    context = error.get("ctx") or {}
    value = error.get("input")
    location = document.locate(data_path)

    if kind == "extra_forbidden":
        field = str(data_path[-1]) if data_path else "?"
        allowed = _allowed_keys(model, data_path[:-1], document.data)
        guess = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else (
            f"allowed fields here: {', '.join(allowed)}" if allowed else "remove it")
        return Problem("E020", f"unknown field '{field}'", document.locate(data_path, prefer_key=True),
                       shown, hint)
    if kind == "missing":
        field = str(error["loc"][-1])
        return Problem("E021", f"missing required field '{field}'", document.locate(data_path[:-1]),
                       shown, f"add '{field}:' here (see the schema's description of it)")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        bound = next(iter(context.values()), "?")
        return Problem("E023", f"must be {words} {bound} (got {_show(value)})", location, shown,
                       "correct the figure; negative and zero values are not meaningful here")
    if kind == "finite_number":
        return Problem("E025", f"must be a finite number (got {_show(value)})", location, shown,
                       "write the figure as a plain number; NaN and infinity are not allowed")
    if kind == "string_too_long":
        return Problem("E026", f"text is {len(str(value))} characters, over the limit of {context.get('max_length')}",
                       location, shown, "shorten it; long text belongs in the page's prose, not in a label")
    if kind in ("string_too_short", "too_short"):
        what = "text must not be empty" if kind == "string_too_short" else \
            f"needs at least {context.get('min_length')} item(s) (got {context.get('actual_length', 0)})"
        return Problem("E027", what, location, shown, "fill it in, or remove the field")
    if kind == "string_pattern_mismatch":
        return Problem("E024", f"{_show(value)} is not valid here: {_pattern_words(context.get('pattern', ''))}",
                       location, shown, "ids are lower-case letters, digits, '.', '_' and '-'; colours are #rrggbb")
    if kind in ("literal_error", "union_tag_invalid", "enum"):
        expected = context.get("expected") or context.get("expected_tags") or "?"
        return Problem("E028", f"{_show(value if kind != 'union_tag_invalid' else context.get('tag'))} "
                               f"is not one of {expected}", location, shown, "use one of the listed values")
    if kind == "union_tag_not_found":
        return Problem("E021", f"missing required field '{context.get('discriminator', 'kind').strip(chr(39))}'",
                       location, shown, "say which kind of entry this is")
    base = kind.split("_")[0]
    if kind.endswith(("_type", "_parsing")) or kind in ("model_attributes_type",):
        wanted = _TYPE_WORDS.get(base, _TYPE_WORDS.get(kind.rsplit("_", 1)[0], base))
        return Problem("E022", f"expected {wanted}, got {_show(value)}", location, shown,
                       "quote text, write numbers without units or thousands separators")
    return Problem("E029", f"{error['msg']} (got {_show(value)})", location, shown)


def _walk(data: Any, loc: FieldPath) -> tuple[FieldPath, str]:
    """The part of ``loc`` that exists in ``data``, and a readable dotted path.

    pydantic's loc contains steps that are not in the file (a discriminated union's tag,
    the 'value' of a figure written as a bare number); those are skipped.
    """
    path: list[str | int] = []
    shown: list[str] = []
    node = data
    for step in loc:
        if isinstance(node, dict) and step in node:
            path.append(step)
            shown.append(str(step))
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            path.append(step)
            item = node[step]
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), (str, int)) else None
            shown.append(str(label) if label is not None else f"[{step}]")
            node = item
        elif isinstance(node, dict) and node.get("kind") == step:
            continue  # discriminator tag
        elif isinstance(node, dict):
            path.append(step)  # a missing or unknown key: name it, locate its parent
            shown.append(str(step))
            node = None
        else:
            break
    text = ".".join(shown).replace(".[", "[")
    return tuple(path), text


@functools.lru_cache(maxsize=None)
def _schema(model: type[BaseModel]) -> dict:
    return model.model_json_schema()


def _allowed_keys(model: type[BaseModel], path: FieldPath, data: Any) -> list[str]:
    """Field names the schema allows at ``path`` (for 'did you mean')."""
    schema = _schema(model)
    defs = schema.get("$defs", {})

    def resolve(node: dict, here: Any) -> dict:
        while True:
            if "$ref" in node:
                node = defs[node["$ref"].rsplit("/", 1)[-1]]
                continue
            options = node.get("oneOf") or node.get("anyOf")
            if options:
                tag = here.get("kind") if isinstance(here, dict) else None
                mapping = (node.get("discriminator") or {}).get("mapping", {})
                if tag in mapping:
                    node = defs[mapping[tag].rsplit("/", 1)[-1]]
                    continue
                objects = [o for o in options if o.get("type") != "null"]
                objects = [resolve(o, here) for o in objects]
                with_props = [o for o in objects if "properties" in o]
                node = with_props[0] if with_props else (objects[0] if objects else {})
                continue
            return node

    node, here = resolve(schema, data), data
    for step in path:
        if isinstance(step, int) and "items" in node:
            node = node["items"]
        elif "properties" in node and step in node["properties"]:
            node = node["properties"][step]
        elif isinstance(node.get("additionalProperties"), dict):
            node = node["additionalProperties"]
        else:
            return []
        here = here[step] if isinstance(here, (dict, list)) and _has(here, step) else None
        node = resolve(node, here)
    return list(node.get("properties", {}))


def _has(container: Any, step: Any) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(step, int) and 0 <= step < len(container)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value) if value is not None else "nothing"


def _pattern_words(pattern: str) -> str:
    if pattern.startswith("^#"):
        return "expected a colour like #3b82f6"
    if "a-z0-9][a-z0-9._-]" in pattern:
        return "expected a lower-case id (letters, digits, '.', '_', '-'), with no '/' or spaces"
    if "A-Za-z0-9][A-Za-z0-9_-]" in pattern:
        return "expected a short id (letters, digits, '_', '-')"
    if "[a-z]{2,3}" in pattern:
        return "expected a locale id like zh, en, ko or pt-BR"
    return f"expected text matching {pattern}"
