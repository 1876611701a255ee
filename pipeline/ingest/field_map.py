"""Read a team's own script output through a declared field map (:mod:`pipeline.models.raw_format`).

A map recognises a document by keys that must be present, then walks each field's path:
plain keys step into objects (or list positions), ``*`` steps into every child, and a key
with ``{name}`` captures matches every key of that shape, the captured text becoming a
dimension. What the script writes for "no value" is not a measurement: a text listed in
``missing_text`` (``N/A``), or a 0 where ``zero_is_missing`` says the script writes 0 for an
empty value, is reported as not measured (E111) instead of being read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from pipeline.errors import BuildFailed, Problem

if TYPE_CHECKING:
    from pipeline.ingest.readings import Collector
    from pipeline.models.raw_format import FieldMap, FieldSpec  # pydantic models: loaded where maps are read

_CAPTURE = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_MISSING = object()


def matches(data: Any, field_map: FieldMap) -> bool:
    """Whether ``data`` has every key the map requires, with the values it pins."""
    if not isinstance(data, dict):
        return False
    if any(_lookup(data, path) is _MISSING for path in field_map.recognise.required):
        return False
    return all(_lookup(data, path) == value for path, value in field_map.recognise.equals.items())


def read_mapped(data: dict, field_map: FieldMap, out: Collector) -> None:
    """Every declared field of one document into ``out``."""
    if field_map.version_path:
        version = _lookup(data, field_map.version_path)
        out.tool_version = str(version) if isinstance(version, (str, int, float)) and version != "" else None
    missing = {text.strip().lower() for text in field_map.missing_text}
    for spec in field_map.fields:
        hits = list(_walk(data, spec.path.split("."), "", {}))
        if not hits and not spec.optional:
            out.source.warn("E112", f"no value at {spec.path} (field map {field_map.id})", path=spec.path,
                            hint="the script may have changed; update the field map, or mark the field "
                                 "optional: true")
        for where, raw, captured in hits:
            dims = _dimensions(spec, captured, field_map, where, out)
            if dims is None:
                continue
            if isinstance(raw, str) and raw.strip().lower() in missing:
                out.source.warn("E111", f"not measured: the file says {raw!r}", path=out.path(where),
                                hint="the script could not measure this figure; re-run it if it matters")
            elif spec.zero_is_missing and isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw == 0:
                out.source.warn("E111", "not measured: 0 is this script's placeholder for an empty value",
                                path=out.path(where), hint=f"field map {field_map.id} declares zero_is_missing "
                                "for this field; re-run the measurement if it matters")
            else:
                out.add(spec.metric, spec.statistic, raw, spec.unit, where, dimensions=dims)


def _dimensions(spec: FieldSpec, captured: dict[str, str], field_map: FieldMap, where: str,
                out: Collector) -> dict[str, str | float] | None:
    dims: dict[str, str | float] = {name: (float(v) if isinstance(v, (int, float)) else v)
                                    for name, v in spec.dimensions.items()}
    for name, text in captured.items():
        number = _float(text)
        kind = field_map.capture_kind(name)
        if kind == "number" and number is None:
            out.source.warn("E074", f"captured {name} is not a number, ignored (got {text!r})",
                            path=out.path(where), hint=f"field map {field_map.id} types {name} as a number")
            return None
        dims[name] = number if number is not None and kind != "text" else text
    return dims


def _walk(data: Any, segments: list[str], where: str, captured: dict[str, str]
          ) -> Iterator[tuple[str, Any, dict[str, str]]]:
    """``(json path, value, captures)`` for every value the segments reach."""
    if not segments:
        yield where, data, captured
        return
    head, rest = segments[0], segments[1:]
    for key, child in _children(data):
        if head == "*":
            found: dict[str, str] | None = {}
        elif "{" in head:
            found = _capture(head, key)
        else:
            found = {} if key == head else None
        if found is not None:
            yield from _walk(child, rest, _join(where, key, data), {**captured, **found})


def _children(data: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        yield from ((str(k), v) for k, v in data.items())
    elif isinstance(data, list):
        yield from ((str(i), v) for i, v in enumerate(data))


def _capture(pattern: str, key: str) -> dict[str, str] | None:
    parts = _CAPTURE.split(pattern)  # literal, name, literal, name, ..., literal
    names = parts[1::2]
    regex = "".join(re.escape(text) if i % 2 == 0 else ("(.+)" if i == len(parts) - 2 else "(.+?)")
                    for i, text in enumerate(parts))
    match = re.fullmatch(regex, key)
    return dict(zip(names, match.groups())) if match else None


def _lookup(data: Any, path: str) -> Any:
    for key in path.split("."):
        if isinstance(data, dict) and key in data:
            data = data[key]
        elif isinstance(data, list) and key.isdigit() and int(key) < len(data):
            data = data[int(key)]
        else:
            return _MISSING
    return data


def _join(where: str, key: str, container: Any) -> str:
    if isinstance(container, list):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def load_field_maps(paths: Iterable[Path], shown: Iterable[str] | None = None) -> tuple[list[FieldMap], list[Problem]]:
    """Parse and validate field map files; problems (with file and line) instead of exceptions.

    ``shown`` names each path in messages (default: the path itself). Two maps with one id
    are an error (E110): a file would be read by whichever came first.
    """
    paths = list(paths)
    if not paths:
        return [], []
    from pipeline.load.yaml_source import read_yaml
    from pipeline.models.raw_format import FieldMap
    from pipeline.validate.schema import validate_document

    names = list(shown) if shown is not None else [p.as_posix() for p in paths]
    maps: list[FieldMap] = []
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for path, name in zip(paths, names):
        try:
            document = read_yaml(path, name)
        except BuildFailed as failed:
            problems.extend(failed.problems)
            continue
        field_map, found = validate_document(document, FieldMap)
        problems.extend(found)
        if field_map is None:
            continue
        if field_map.id in first:
            problems.append(Problem("E110", f"field map id '{field_map.id}' is also declared in {first[field_map.id]}",
                                    document.locate(("id",)), "id", "give each field map its own id"))
            continue
        first[field_map.id] = name
        maps.append(field_map)
    return maps, problems


def project_field_map_files(root: Path) -> list[Path]:
    """The field maps a project ships: ``data/formats/*.yaml``, sorted."""
    folder = root / "data" / "formats"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []

