"""Editors' texts: every locale present and no other, and never a template (only declared slots)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from pipeline.load.yaml_source import FieldPath
from pipeline.models.common import LocalizedText
from pipeline.validate.checker import Checker
from pipeline.validate.translations import TEMPLATE_SYNTAX


def check_localized(check: Checker, value: Any, path: FieldPath, locales: list[str]) -> None:
    """Every LocalizedText in ``value`` has exactly the site's locales."""
    if isinstance(value, BaseModel):
        for name, kind in _field_kinds(type(value)):
            child = getattr(value, name)
            if child is None:
                continue
            if kind is _TEXT and isinstance(child, dict):  # Text | LocalizedText: a dict is per locale
                _check_text(check, child, path + (name,), locales, _slots(value, path))
            elif kind is _TEXTS:
                for i, text in enumerate(child):
                    _check_text(check, text, path + (name, i), locales)
            else:
                check_localized(check, child, path + (name,), locales)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check_localized(check, item, path + (i,), locales)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_localized(check, item, path + (key,), locales)


_TEXT, _TEXTS, _OTHER = "text", "texts", "other"
_kinds: dict[type, tuple[tuple[str, str], ...]] = {}


def _field_kinds(model: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """Each field of ``model`` with what it holds: a text (or a value that may be one), a list of texts,
    or anything else; worked out once per model class (every report asks for every one of its values)."""
    kinds = _kinds.get(model)
    if kinds is None:
        kinds = _kinds[model] = tuple(
            (name, _TEXT if _is_localized(field.annotation) else _TEXTS if (
                typing.get_origin(field.annotation) is list and typing.get_args(field.annotation) == (LocalizedText,))
             else _OTHER)
            for name, field in model.model_fields.items())
    return kinds


def _is_localized(annotation: Any) -> bool:
    if annotation == LocalizedText:
        return True
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return any(_is_localized(a) for a in typing.get_args(annotation))
    return False


def _slots(model: BaseModel, path: FieldPath) -> tuple[str, ...]:
    """The placeholders a text of ``model`` may hold: a table cell's figure, or the figures it quotes."""
    quoted = getattr(model, "figures", None)
    if isinstance(quoted, list):  # a generic matrix cell: {{ figure1 }} ... {{ figureN }}
        return tuple(f"{{{{ figure{k + 1} }}}}" for k in range(len(quoted)))
    return ("{{ figure }}",) if "cells" in path else ()


def _slot_hint(slots: tuple[str, ...]) -> str:
    if len(slots) > 1 or (slots and slots[0] != "{{ figure }}"):
        return f"remove the braces, or write the figure itself; this cell fills in only {', '.join(slots)}"
    return "remove the braces, or write the figure itself; only '{{ figure }}' in a table cell with a figure is filled in"


def _check_text(check: Checker, text: dict, path: FieldPath, locales: list[str],
                slots: tuple[str, ...] = ()) -> None:
    for loc in locales:
        if loc not in text:
            check.add("E044", f"no '{loc}' text", path,
                      f"add '{loc}: ...' beside the other languages; every text needs all of: {', '.join(locales)}")
    for loc, value in text.items():
        # Editors' text is shown as written; only the slots a cell declares are filled in (E046).
        rest = value
        for slot in slots:
            rest = rest.replace(slot, "")
        found = TEMPLATE_SYNTAX.search(rest)
        if found:
            piece = found.group()
            check.add("E052", f"text holds {piece[:40]!r}: editors' text is shown as written, never evaluated",
                      path + (loc,), _slot_hint(slots))
    for loc in text:
        if loc not in locales:
            check.add("E045", f"'{loc}' is not a locale of the site ({', '.join(locales)})", path + (loc,),
                      "remove it, or add the locale to i18n/locales.yaml", key=True)
