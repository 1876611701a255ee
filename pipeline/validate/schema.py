"""Turn pydantic's validation errors into problems that name the file, line and field."""

from __future__ import annotations

import datetime
import functools
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pipeline.errors import Problem, close_match
from pipeline.load.yaml_source import FieldPath, SourceDocument

M = TypeVar("M", bound=BaseModel)

_GUESS = re.compile(r"^did you mean '([^']+)'\?")
_EXPONENT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")

_TYPE_WORDS = {
    "float": "a number", "int": "a whole number", "string": "text", "bool": "true or false",
    "dict": "a mapping (key: value)", "list": "a list", "model": "a mapping (key: value)",
    "date": "a date (YYYY-MM-DD)", "model_attributes": "a mapping (key: value)",
}
_TYPE_HINTS = {
    "a number": "write numbers without units or thousands separators (1234.5, not '1,234.5 ms')",
    "a whole number": "write a whole number without units (3, not 'three')",
    "text": "quote the value to keep it as text",
    "true or false": "write true or false",
    "a mapping (key: value)": "write 'key: value' lines indented under it, or {key: value, ...}",
    "a list": "write a list as [a, b] or as lines starting with '- '",
    "a date (YYYY-MM-DD)": "write the date as YYYY-MM-DD (2026-02-10), a day that exists",
}


def validate_document(document: SourceDocument, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed YAML document against ``model``; every error becomes a located problem."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        problems = [_problem(document, model, error) for error in errors]
        return None, _merge_shared(_merge_typos(problems))


def _merge_shared(problems: list[Problem]) -> list[Problem]:
    """One problem per wrong value: a value shared through an anchor (``<<: *price``) is
    reported once, at the anchor, naming every place that uses it."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.location, p.code, p.message), []).append(p)
    merged = []
    for group in groups.values():
        first = group[0]
        if len(group) > 1:
            others = ", ".join(p.path for p in group[1:])
            first = Problem(first.code, first.message, first.location, first.path,
                            f"{first.hint} (the value is shared through an anchor; also used by {others})",
                            first.severity)
        merged.append(first)
    return merged


def _merge_typos(problems: list[Problem]) -> list[Problem]:
    """A misspelt required field shows as 'unknown x' and 'missing y': keep one problem, the typo.

    The unknown field's hint already says "did you mean 'y'?"; the missing 'y' at the same
    place says nothing more.
    """
    guesses = {(p.path.rsplit(".", 1)[0] if "." in p.path else "", _GUESS.search(p.hint).group(1))
               for p in problems if p.code == "E020" and _GUESS.search(p.hint)}
    kept = []
    for p in problems:
        parent, _, field = p.path.rpartition(".")
        if p.code == "E021" and (parent, field) in guesses:
            continue
        kept.append(p)
    return kept


def _problem(document: SourceDocument, model: type[BaseModel], error: dict) -> Problem:
    kind: str = error["type"]
    data_path, shown = _walk(document.data, tuple(error["loc"]))
    context = error.get("ctx") or {}
    value = error.get("input")
    location = document.locate(data_path)

    if kind == "extra_forbidden":
        field = str(data_path[-1]) if data_path else "?"
        allowed = _allowed_keys(model, data_path[:-1], document.data)
        guess = close_match(field, allowed)
        hint = f"did you mean '{guess}'?" if guess else (
            f"allowed fields here: {', '.join(allowed)}" if allowed else "remove it")
        return Problem("E020", f"unknown field '{field}'", document.locate(data_path, prefer_key=True),
                       shown, hint)
    if kind == "missing":
        field = str(error["loc"][-1])
        about = _properties(model, data_path[:-1], document.data).get(field, {}).get("description", "")
        about = " ".join(about.split())
        return Problem("E021", f"missing required field '{field}'", document.locate(data_path[:-1]),
                       shown, f"add '{field}:' here" + (f" ({about.rstrip('.')})" if about else ""))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        limit = next(iter(context.values()), "?")
        bound = _show(limit)
        if kind.startswith("less") or (isinstance(limit, (int, float)) and limit < 0):
            hint = "check the unit and the exponent; no figure of a report comes near this"
        elif isinstance(limit, (int, float)) and 0 < limit < 1:
            hint = "check the unit and the exponent; a figure this small is a typo"
        else:
            hint = "correct the figure; negative and zero values are not meaningful here"
        return Problem("E023", f"must be {words} {bound} (got {_show(value)})", location, shown, hint)
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
        expected, hint = _pattern_words(context.get("pattern", ""))
        return Problem("E024", f"{_show(value)} is not valid here: {expected}", location, shown, hint)
    if kind in ("literal_error", "union_tag_invalid", "enum"):
        expected = context.get("expected") or context.get("expected_tags") or "?"
        if kind == "union_tag_invalid":
            # pydantic points at the whole entry; the mistake is in its tag field.
            tag_field = str(context.get("discriminator", "kind")).strip("'")
            value = context.get("tag")
            location = document.locate(data_path + (tag_field,))
            shown = f"{shown}.{tag_field}" if shown else tag_field
        choices = re.findall(r"'([^']*)'", str(expected))
        guess = close_match(str(value), choices)
        hint = f"did you mean '{guess}'?" if guess else "use one of the listed values"
        return Problem("E028", f"{_show(value)} is not one of {expected}", location, shown, hint)
    if kind == "union_tag_not_found":
        return Problem("E021", f"missing required field '{context.get('discriminator', 'kind').strip(chr(39))}'",
                       location, shown, "say which kind of entry this is")
    if isinstance(value, str) and _EXPONENT.match(value.strip()) and (
            kind in ("float_type", "int_type") or context.get("class_name") == "FigureInput"):
        return Problem("E022", f"expected a number, got {_show(value)}", location, shown,
                       "YAML 1.1 reads an exponent without a '.' and a sign as text: write 1.0e+30 "
                       "(and check it: no figure of a report comes near 1e+9)")
    if kind == "model_type" and context.get("class_name") == "FigureInput":
        return Problem("E022", f"expected a number, got {_show(value)}", location, shown,
                       "write the figure as a plain number in the metric's unit (120, not '120ms'), "
                       "or as {value: 120, source: <source id>}")
    base = kind.split("_")[0]
    if kind.endswith(("_type", "_parsing")) or kind in ("int_from_float", "date_from_datetime_inexact"):
        wanted = _TYPE_WORDS.get(base, _TYPE_WORDS.get(kind.rsplit("_", 1)[0], base))
        reason = f" ({context['error']})" if isinstance(context.get("error"), str) else ""
        return Problem("E022", f"expected {wanted}, got {_show(value)}{reason}", location, shown,
                       _TYPE_HINTS.get(wanted, "write a value of the expected kind"))
    if kind == "value_error" and isinstance(context.get("error"), ValueError):
        # A model's own check: ValueError(what is wrong[, how to fix it]).
        what, *fix = (str(arg) for arg in context["error"].args)
        return Problem("E029", what, location, shown, fix[0] if fix else None)
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
    # Only asked for to word a problem: the field docstrings (the hints' descriptions) are read then.
    from pipeline.model_docs import describe_fields

    describe_fields(model)
    return model.model_json_schema()


def _allowed_keys(model: type[BaseModel], path: FieldPath, data: Any) -> list[str]:
    """Field names the schema allows at ``path`` (for 'did you mean')."""
    return list(_properties(model, path, data))


def _properties(model: type[BaseModel], path: FieldPath, data: Any) -> dict[str, dict]:
    """The schema's properties (name -> schema) of the mapping at ``path``."""
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
            return {}
        here = here[step] if isinstance(here, (dict, list)) and _has(here, step) else None
        node = resolve(node, here)
    return node.get("properties", {})


def _has(container: Any, step: Any) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(step, int) and 0 <= step < len(container)


def _show(value: Any) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # 'greater than 0', not '0.0'
    if isinstance(value, float):
        return repr(value)  # 1e+308, 1e-320: not 309 digits
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value) if value is not None else "nothing"


def _pattern_words(pattern: str) -> tuple[str, str]:
    """What a pattern expects, in words, and how to write it."""
    if pattern.startswith("^https?://"):
        return ("expected a web address starting with http:// or https://",
                "write the page's full address (https://...); other schemes (javascript:, data:, file:) are refused")
    if pattern.startswith("^#"):
        return "expected a colour like #3b82f6", "write the colour as six hex digits, quoted: color: \"#3b82f6\""
    if "a-z0-9][a-z0-9._-]" in pattern:
        return ("expected a lower-case id (letters, digits, '.', '_', '-'), with no '/' or spaces",
                "ids also name output files; use lower-case letters, digits, '.', '_' and '-' only")
    if "A-Za-z0-9][A-Za-z0-9_-]" in pattern:
        return "expected a short id (letters, digits, '_', '-')", "scenario ids are short: A, B, gpu-1"
    if "[a-z]{2,3}(_" in pattern:
        return "expected a CLDR locale id like zh_Hans_CN", "use a Babel locale id: zh_Hans_CN, en_US, ko_KR"
    if "[a-z]{2,3}" in pattern:
        return "expected a locale id like zh, en, ko or pt-BR", "use the locale ids of i18n/locales.yaml"
    return f"expected text matching {pattern}", "change the value to match the pattern"
