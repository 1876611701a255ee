"""What an edit changes on the pages: every shown figure whose text differs between two builds.

Pure functions over two output trees (path -> bytes, as :func:`pipeline.build.build` returns and as
``site-data/`` holds): a props file's shown figures are its ``formatted`` texts, named by the
model, scenario, metric and field they sit under; a table's are its cells, named by row and column.
A figure with its own provenance says whether it was typed (measured, estimated) or derived; one
without (a change against the baseline, a ratio, a range) is derived from others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.render.tables import read_table

TYPED = ("measured", "estimated")
"""Provenance kinds an editor types or a raw file gives; everything else follows from them."""

_NAMING_KEYS = ("model", "scenario", "metric", "concurrency", "tier", "id")
_LIST_KEYS = {"groups", "bars", "rows", "series", "points", "panels", "cells", "items", "cards", "sections",
              "findings", "columns", "tiers"}


@dataclass(frozen=True)
class Changed:
    """One shown figure that differs between the two builds."""

    page: str
    """``<report>/<locale>``."""
    component: str
    """Props file (``TtftChart``) or table (``tables/ttft-llama4-scout``)."""
    label: str
    """What the figure is: 'llama4-scout · A' or 'B: p5 · Relative'."""
    old: str | None
    """Its text before (None: new)."""
    new: str | None
    """Its text now (None: gone)."""
    typed: bool | None
    """True for a typed or measured figure, False for one derived from others, None for a table cell
    (tables repeat the props' figures)."""


def shown_in_props(props: object) -> dict[str, tuple[str, bool]]:
    """Label -> (formatted text, typed?) for every shown figure of one props file."""
    found: dict[str, tuple[str, bool]] = {}

    def walk(node: object, context: tuple[str, ...]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, context)
            return
        if not isinstance(node, dict):
            return
        names = tuple(str(node[k]) for k in _NAMING_KEYS if isinstance(node.get(k), (str, int, float))
                      and not isinstance(node.get(k), bool))
        here = context + tuple(n for n in names if n not in context)
        if isinstance(node.get("formatted"), str):
            kind = node.get("provenance", {}).get("kind") if isinstance(node.get("provenance"), dict) else None
            label = " · ".join(here) or "value"
            while label in found:  # two figures under one name: keep both
                label += " ·"
            found[label] = (node["formatted"], kind in TYPED)
        for key, value in node.items():
            if key == "provenance" or not isinstance(value, (dict, list)):
                continue
            walk(value, here if key in _LIST_KEYS else here + (key,))

    walk(props, ())
    return found


def shown_in_table(mdx: str) -> dict[str, tuple[str, bool | None]]:
    """'row · column' -> (cell text, None) for every body cell of a generated MDX table."""
    heads, rows = read_table(mdx)
    found = {}
    for row in rows:
        for column, cell in zip(heads[1:], row[1:]):
            found[f"{row[0]} · {column}"] = (cell, None)
    return found


def _shown(path: str, data: bytes) -> dict[str, tuple[str, bool]]:
    if path.endswith(".json"):
        return shown_in_props(json.loads(data))
    return shown_in_table(data.decode("utf-8"))


def diff_outputs(old: dict[str, bytes], new: dict[str, bytes]) -> list[Changed]:
    """Every shown figure of the props and tables whose text differs, typed ones first per page."""
    changed = []
    for path in sorted(set(old) | set(new)):
        if not path.endswith((".json", ".mdx")) or old.get(path) == new.get(path):
            continue
        page, _, component = path.partition("/")[2].partition("/")
        page = f"{path.split('/')[0]}/{page}"
        before = _shown(path, old[path]) if path in old else {}
        after = _shown(path, new[path]) if path in new else {}
        for label in list(before) + [k for k in after if k not in before]:
            was, now = before.get(label), after.get(label)
            if (was and was[0]) != (now and now[0]):
                typed = (now or was)[1]
                changed.append(Changed(page, component.rsplit(".", 1)[0], label, was and was[0], now and now[0], typed))
    order = {True: 0, False: 1, None: 2}
    return sorted(changed, key=lambda c: (c.page, order[c.typed]))


_KIND = {True: "typed", False: "derived", None: "table"}


def _arrow(c: Changed) -> str:
    return f"{c.old if c.old is not None else '(new)'} -> {c.new if c.new is not None else '(gone)'}"


def format_diff(changes: list[Changed], style: str = "text") -> str:
    """The changes for a terminal (``text``), a review comment (``markdown``) or GitHub annotations."""
    if not changes:
        return "no shown figure changed\n"
    lines: list[str] = []
    pages = list(dict.fromkeys(c.page for c in changes))
    for page in pages:
        mine = [c for c in changes if c.page == page]
        if style == "github":
            lines += [f"::notice title=site-data {page} {c.component}::{c.label}: {_arrow(c)}"
                      + ("" if c.typed is not False else " (derived)") for c in mine]
            continue
        if style == "markdown":
            lines += [f"### {page}", "", "| component | figure | before | after | |", "| --- | --- | --- | --- | --- |"]
            lines += [f"| {c.component} | {c.label} | {c.old or ''} | {c.new or ''} | {_KIND[c.typed]} |"
                      for c in mine]
            lines.append("")
            continue
        lines.append(page)
        for typed, heading in ((True, "typed or measured"), (False, "derived"), (None, "in tables")):
            group = [c for c in mine if c.typed == typed]
            if group:
                lines.append(f"  {heading}:")
                lines += [f"    {c.component}  {c.label}: {_arrow(c)}" for c in group]
    count = {kind: sum(c.typed is kind for c in changes) for kind in (True, False, None)}
    lines.append(f"{len(changes)} shown figure(s) changed on {len(pages)} page(s): {count[True]} typed or measured, "
                 f"{count[False]} derived, {count[None]} table cells")
    return "\n".join(lines) + "\n"
