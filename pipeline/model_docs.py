"""Field docstrings as field descriptions, read only where the JSON Schemas are generated.

Every field of the input and props models is documented by the string literal under it. Pydantic
can read those itself (``use_attribute_docstrings``), but it does so for every class as it is
defined, parsing the module's source each time: about 50 ms of every command's start-up, for text
only ``site-data schema`` shows. So the models are defined without it, and :func:`describe_fields`
fills in the same descriptions (a field's own ``Field(description=...)`` still wins) and rebuilds
the models, when a schema is asked for.
"""

from __future__ import annotations

import ast
import inspect
import sys
import typing
from functools import cache

from pydantic import BaseModel


def describe_fields(model: type[BaseModel]) -> None:
    """Give every field of ``model`` and of the models its fields hold its docstring as description."""
    models = _models_reachable_from(model)
    changed = [_fill_descriptions(each) for each in models]
    if any(changed):
        # A model's schema embeds a copy of the schemas of the models its fields hold, so they are
        # rebuilt first (``models`` lists each after everything it holds).
        for each in models:
            each.model_rebuild(force=True)


def _models_reachable_from(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model its fields hold, directly or not, each after the models it holds."""
    ordered: list[type[BaseModel]] = []
    seen: set[type] = set()

    def visit(model: type[BaseModel]) -> None:
        seen.add(model)
        for info in model.__pydantic_fields__.values():
            for held in _models_in(info.annotation):
                if held not in seen:
                    visit(held)
        ordered.append(model)

    visit(root)
    return ordered


def _models_in(annotation) -> list[type[BaseModel]]:
    """The model classes an annotation names, inside unions, lists, dicts and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


def _fill_descriptions(model: type[BaseModel]) -> bool:
    """Set each undescribed field's description from the docstring under it; whether any changed."""
    changed = False
    for name, info in model.__pydantic_fields__.items():
        if info.description is not None:
            continue
        # The class that declares the field: an inherited field keeps its base's docstring, a
        # redeclared one has only its own, as pydantic's own reading of docstrings does.
        owner = next(cls for cls in model.__mro__ if name in vars(cls).get("__annotations__", {}))
        docstring = _attribute_docstrings(owner).get(name)
        if docstring is not None:
            info.description = docstring
            changed = True
    return changed


@cache
def _attribute_docstrings(cls: type) -> dict[str, str]:
    """Field name -> the string literal right under its annotated assignment in ``cls``'s body."""
    node = _class_node(sys.modules[cls.__module__].__file__, cls.__qualname__)
    if node is None:
        return {}
    found: dict[str, str] = {}
    for statement, following in zip(node.body, node.body[1:]):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def _class_node(path: str, qualname: str) -> ast.ClassDef | None:
    """The class statement named ``qualname`` (``Outer.Inner`` for nested classes) in a module."""
    body = _module_tree(path).body
    node = None
    for part in qualname.split("."):
        node = next((s for s in body if isinstance(s, ast.ClassDef) and s.name == part), None)
        if node is None:
            return None
        body = node.body
    return node


@cache
def _module_tree(path: str) -> ast.Module:
    with open(path, encoding="utf-8") as source:
        return ast.parse(source.read(), filename=path)
