"""Read one YAML file into plain Python data plus a map of where every value sits.

PyYAML's ``compose()`` keeps a mark (line, column) on every node; we build the
Python objects ourselves from the node tree so each value's position survives,
and so the traps PyYAML lets through (duplicate keys, alias bombs) are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import Location, fail

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Data files are hand-written; anything larger is a mistake (or an attack)."""
MAX_NODES = 200_000
"""Upper bound on values after alias expansion; a 'billion laughs' file exceeds it."""

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceDocument:
    """A parsed YAML file: its data and the position of every key and value."""

    file: str
    """Path as shown in messages (relative to the project root when possible)."""
    data: Any
    """Plain Python data: dicts, lists, str, int, float, bool, None, date."""
    value_marks: dict[FieldPath, tuple[int, int]]
    """(line, column), 1-based, of the value at each field path."""
    key_marks: dict[FieldPath, tuple[int, int]]
    """(line, column), 1-based, of the mapping key that introduces each field path."""

    def locate(self, path: FieldPath, *, prefer_key: bool = False) -> Location:
        """The closest known position for ``path`` (walking up to its parents)."""
        probe = tuple(path)
        while True:
            marks = (self.key_marks, self.value_marks) if prefer_key else (self.value_marks, self.key_marks)
            for table in marks:
                if probe in table:
                    line, column = table[probe]
                    return Location(self.file, line, column)
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader whose timestamps stay dates and whose YAML 1.1 quirks are tamed."""


# YAML 1.1 reads `on`, `no`, `yes` as booleans; editors mean the words (Norway's 'NO').
_BOOL_RE = r"^(?:true|True|TRUE|false|False|FALSE)$"
_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", __import__("re").compile(_BOOL_RE), list("tTfF"))


def display_path(root: Path, path: Path) -> str:
    """Path relative to ``root`` with forward slashes, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_yaml(path: Path, shown_as: str | None = None) -> SourceDocument:
    """Parse ``path``; raise :class:`BuildFailed` with one precise problem if it can't be read."""
    name = shown_as or path.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail("E001", "file not found", location=Location(name),
                   hint="check the path; data files live under data/") from None
    except OSError as exc:
        raise fail("E001", f"cannot read file ({exc.strerror})", location=Location(name)) from None
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> SourceDocument:
    """Parse YAML bytes named ``name`` in messages; see :func:`read_yaml`."""
    if len(raw) > MAX_FILE_BYTES:
        raise fail("E008", f"file is {len(raw):,} bytes, over the {MAX_FILE_BYTES:,}-byte limit for data files",
                   location=Location(name),
                   hint="split it, or ingest large raw benchmark output with `site-data ingest` instead")
    text = _decode(raw, name)
    if not text.strip() or all(
            not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise fail("E005", "file is empty", location=Location(name, 1, 1),
                   hint="write the report's fields, or delete the file")
    _reject_tabs(text, name)
    try:
        nodes = list(yaml.compose_all(text, Loader=_StrictLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise fail("E002", f"YAML syntax error: {what}",
                   location=Location(name, mark.line + 1, mark.column + 1) if mark else Location(name),
                   hint="check indentation and quoting on this line and the one before; "
                        "quote text that contains ': ' or starts with a special character") from None
    except yaml.YAMLError as exc:
        raise fail("E002", f"YAML syntax error: {exc}", location=Location(name)) from None
    nodes = [n for n in nodes if n is not None]
    if not nodes:
        raise fail("E005", "file is empty", location=Location(name, 1, 1),
                   hint="write the report's fields, or delete the file")
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise fail("E006", "file holds more than one YAML document ('---' separator)",
                   location=Location(name, second.line + 1, 1),
                   hint="keep one document per file; remove the '---' line or split the file")
    builder = _Builder(name)
    data = builder.build(nodes[0], ())
    return SourceDocument(name, data, builder.value_marks, builder.key_marks)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail("E004", f"file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                   location=Location(name, line, column),
                   hint="save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)") from None


def _reject_tabs(text: str, name: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise fail("E003", "tab character in indentation",
                       location=Location(name, number, indent.index("\t") + 1),
                       hint="YAML indents with spaces only; replace the tab with spaces")


class _Builder:
    """Turns a composed node tree into Python data, recording marks."""

    def __init__(self, name: str):
        self.name = name
        self.constructor = _StrictLoader("")
        self.value_marks: dict[FieldPath, tuple[int, int]] = {}
        self.key_marks: dict[FieldPath, tuple[int, int]] = {}
        self.count = 0

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            line, column = self._mark(node)
            raise fail("E007", f"document expands to more than {MAX_NODES:,} values through aliases",
                       location=Location(self.name, line, column),
                       hint="remove the nested anchors (&) and aliases (*); data files need no aliases")
        self.value_marks.setdefault(path, self._mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            line, column = self._mark(node)
            raise fail("E002", f"YAML value error: {exc.problem}", location=Location(self.name, line, column)) from None
        return value

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        # Duplicates are checked among the mapping's own keys; keys brought in by a
        # '<<' merge may be overridden, which is what merges are for.
        first_seen: dict[str, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self._key(key_node)
            line, column = self._mark(key_node)
            if key in first_seen:
                raise fail("E009", f"duplicate key '{key}' (first defined on line {first_seen[key]})",
                           location=Location(self.name, line, column),
                           path=_dotted(path + (key,)),
                           hint="YAML would silently keep only the last value; "
                                "merge the two entries or rename one")
            first_seen[key] = line
        self.constructor.flatten_mapping(node)  # merged pairs first, own pairs after
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            self.key_marks[path + (key,)] = self._mark(key_node)
            self.value_marks.pop(path + (key,), None)  # an own value replaces a merged one
            result[key] = self.build(value_node, path + (key,))
        return result

    def _key(self, key_node: yaml.Node) -> str:
        key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or isinstance(key, (list, dict)):
            line, column = self._mark(key_node)
            raise fail("E002", "mapping keys must be plain text or numbers",
                       location=Location(self.name, line, column))
        return key if isinstance(key, str) else str(key)


def _dotted(path: FieldPath) -> str:
    return ".".join(str(p) for p in path)
