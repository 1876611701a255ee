"""Read one YAML file into plain Python data plus a map of where every value sits.

PyYAML's ``compose()`` keeps a mark (line, column) on every node; we build the
Python objects ourselves from the node tree so each value's position survives,
and so the traps PyYAML lets through (duplicate keys, alias bombs) are refused.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import Location, fail
from pipeline.load.positions import FieldPath, Positions
from pipeline.load.yaml_messages import explain_syntax_error

_RELEASED = object()
"""A document's data once :meth:`SourceDocument.release_data` let them go."""

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Data files are hand-written; anything larger is a mistake (or an attack)."""
MAX_NODES = 200_000
"""Upper bound on values after alias expansion; a 'billion laughs' file exceeds it."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists; the deepest real data file nests 8 levels."""

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
"""Tags plain YAML values resolve to; anything else (``!!python/...``, ``!!binary``, ``!custom``) is refused."""
_STR = _CORE + "str"


class SourceDocument:
    """A parsed YAML file: its data and the position of every key and value."""

    __slots__ = ("file", "_data", "positions", "merged", "_raw")

    def __init__(self, file: str, data: Any, positions: Positions,
                 merged: dict[FieldPath, tuple[int, int]] | None = None, raw: bytes | None = None):
        self.file = file
        """Path as shown in messages (relative to the project root when possible)."""
        self._data = data
        self.positions = positions
        """(line, column), 1-based, of the value at each field path and of the mapping key introducing it."""
        self.merged = merged if merged is not None else {}
        """Field paths whose value reached their mapping through a ``<<:`` merge (not typed there), each with
        the (line, column) of the ``<<:`` key that brought it."""
        self._raw = raw
        """The file's bytes, to read the data again once :meth:`release_data` has dropped them."""

    @property
    def data(self) -> Any:
        """Plain Python data: dicts, lists, str, int, float, bool, None, date."""
        if self._data is _RELEASED:
            return parse_yaml(self._raw, self.file).data  # after the checks, only errors look (E081)
        return self._data

    def release_data(self) -> None:
        """Let the data go once every check has read them (a build keeps the validated model, not the
        plain data, for every report); :attr:`data` parses the file's bytes again if it is asked later."""
        if self._raw is not None:
            self._data = _RELEASED

    def locate(self, path: FieldPath, *, prefer_key: bool = False) -> Location:
        """The closest known position for ``path`` (walking up to its parents)."""
        line, column = self.positions.closest(path, prefer_key) or (1, 1)
        return Location(self.file, line, column)

    def shown(self, path: FieldPath) -> str:
        """``path`` as messages print it: list items by their ``id`` when they have one, else ``[i]``.

        ``("scenarios", 3, "price", "hourly")`` -> ``scenarios.D.price.hourly``;
        ``("results", 0, "metrics")`` -> ``results[0].metrics``.
        """
        return shown_path(self.data, path)


def shown_path(data: Any, path: FieldPath) -> str:
    """See :meth:`SourceDocument.shown`; steps missing from ``data`` are printed as given."""
    text = ""
    node = data
    for step in path:
        if isinstance(step, int) and isinstance(node, list):
            item = node[step] if 0 <= step < len(node) else None
            label = item.get("id") if isinstance(item, dict) else None
            text += f".{label}" if isinstance(label, (str, int)) and not isinstance(label, bool) else f"[{step}]"
            node = item
        else:
            text += f".{step}"
            node = node.get(step) if isinstance(node, dict) else None
    return text.lstrip(".")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader whose timestamps stay dates and whose YAML 1.1 quirks are tamed."""


# YAML 1.1 reads `on`, `no`, `yes` as booleans; editors mean the words (Norway's 'NO').
_BOOL_RE = r"^(?:true|True|TRUE|false|False|FALSE)$"
_StrictLoader.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(_BOOL_RE), list("tTfF"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters no text may hold (tab, newline and carriage return are allowed)."""
_TRUTHY = frozenset("yes Yes YES no No NO on On ON off Off OFF".split())
"""YAML 1.1 booleans that 1.2 (and this loader) reads as text: refused, so nobody gets the other reading."""
_KEY_LINE = re.compile(r"^\s*(?:- )?[A-Za-z_][\w-]*:(?:\s|$)")
"""A line that looks like ``key: value``: a quoted text swallowing it has lost its closing quote."""
_OCTAL = re.compile(r"^[-+]?0[0-9_]+$")
"""A plain integer with a leading zero: YAML 1.1 reads `0120` as octal 80 (and `0129` as text)."""
_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
"""YAML 1.1's base 60: `1:30` is 90."""


if getattr(yaml, "__with_libyaml__", False):
    class _FastStrictLoader(yaml.CSafeLoader):
        """libyaml's parser with the same resolvers; composes several times faster."""

    _FastStrictLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers
else:  # pragma: no cover - PyYAML built without libyaml
    _FastStrictLoader = None


def _compose(text: str) -> list:
    """The document nodes of ``text``, marks included.

    libyaml composes fast; on any problem the pure-Python parser runs instead, so that
    errors carry its precise marks and the messages `explain_syntax_error` rewords.
    """
    if _FastStrictLoader is not None:
        try:
            return list(yaml.compose_all(text, Loader=_FastStrictLoader))
        except (yaml.YAMLError, RecursionError):
            pass
    return list(yaml.compose_all(text, Loader=_StrictLoader))


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
                   hint="fill in the file's fields (its schema lists them), or delete it")
    _reject_tabs(text, name)
    try:
        nodes = _compose(text)
    except RecursionError:
        # PyYAML composes recursively; its event parser does not, so it can find the spot.
        raise _too_deep(text, name) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        raise fail("E002", f"character U+{exc.character:04X} is not allowed in YAML",
                   location=Location(name, line, column),
                   hint="remove it; control characters cannot appear in data files, even inside quotes") from None
    except yaml.MarkedYAMLError as exc:
        message, hint, mark = explain_syntax_error(exc)
        raise fail("E002", f"YAML syntax error: {message}",
                   location=Location(name, mark.line + 1, mark.column + 1) if mark else Location(name),
                   hint=hint) from None
    except yaml.YAMLError as exc:
        raise fail("E002", f"YAML syntax error: {exc}", location=Location(name)) from None
    nodes = [n for n in nodes if n is not None and not _is_empty(n)]
    if not nodes:
        raise fail("E005", "file is empty", location=Location(name, 1, 1),
                   hint="fill in the file's fields (its schema lists them), or delete it")
    if len(nodes) > 1:
        raise fail("E006", "file holds more than one YAML document ('---' separator)",
                   location=Location(name, _separator_line(text, nodes[1].start_mark.line + 1), 1),
                   hint="keep one document per file; remove the '---' line or split the file")
    builder = _Builder(name)
    builder.lines = text.split("\n")
    data = builder.build(nodes[0], ())
    positions = Positions(builder.value_marks, builder.key_marks, in_reading_order=not builder.replaced)
    return SourceDocument(name, data, positions, builder.merged, raw)


def _is_empty(node: yaml.Node) -> bool:
    """A document that is only '---' (or '--- ~'): nothing to read."""
    return isinstance(node, yaml.ScalarNode) and node.tag == _CORE + "null"


def _separator_line(text: str, line: int) -> int:
    """The '---' line that starts the document whose content starts on ``line``."""
    lines = text.splitlines()
    for number in range(min(line, len(lines)), 0, -1):
        if lines[number - 1].startswith("---"):
            return number
    return line


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _too_deep(text: str, name: str):
    depth = 0
    mark = None
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:  # the root collection is depth 1, as path () is length 0
                mark = event.start_mark
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    where = Location(name, mark.line + 1, mark.column + 1) if mark else Location(name)
    return _too_deep_failure(where)


def _too_deep_failure(where: Location):
    return fail("E011", f"values are nested more than {MAX_DEPTH} levels deep", location=where,
                hint="data files nest a few levels; look for unbalanced '[' or '{' or runaway indentation")


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
        # A constructor alone, not a whole loader: a loader's parser holds a bound method of itself, and
        # that cycle kept every file's nodes alive until a collection (none runs while a build checks).
        self.constructor = yaml.constructor.SafeConstructor()
        self.value_marks: dict[FieldPath, tuple[int, int]] = {}
        self.key_marks: dict[FieldPath, tuple[int, int]] = {}
        self.count = 0
        self.lines: list[str] = []
        """The file's lines (to see what an unclosed quote swallowed)."""
        self.flattened: set[int] = set()
        """ids of mapping nodes already merged; an alias visits the same node again."""
        self.own_keys: dict[int, tuple[set[str], tuple[int, int] | None]] = {}
        """id of a mapping node -> the keys typed in it, and the mark of its '<<:' key (None without one)."""
        self.merged: dict[FieldPath, tuple[int, int]] = {}
        """See :attr:`SourceDocument.merged`."""
        self.replaced = False
        """Whether an own key replaced a merged one: its path was read twice, so the marks are not in
        reading order (see :class:`Positions`)."""

    def _mark(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            # Name the top-level key whose value blew up, not a leaf deep in some anchor.
            line, column = self.key_marks.get(path[:1]) or self._mark(node)
            raise fail("E007", f"document expands to more than {MAX_NODES:,} values through aliases",
                       location=Location(self.name, line, column),
                       hint="each alias (*name) repeats its anchor (&name); aliases of lists of aliases multiply. "
                            "Write the values out, or alias whole blocks only")
        if len(path) > MAX_DEPTH:
            raise _too_deep_failure(Location(self.name, *self._mark(node)))
        if node.tag not in _ALLOWED_TAGS:
            line, column = self._mark(node)
            tag = node.tag.replace(_CORE, "!!")
            raise fail("E010", f"unsupported YAML tag '{tag}'", location=Location(self.name, line, column),
                       path=_dotted(path), hint="data files hold plain text, numbers, dates, lists and mappings; "
                                                "remove the tag (quote the value if it should stay text)")
        self.value_marks.setdefault(path, self._mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        self._refuse_yaml11_number(node, path)
        value = self._scalar(node)
        if isinstance(value, str):
            self._refuse_control_characters(value, node, path)
        return value

    def _refuse_control_characters(self, value: str, node: yaml.ScalarNode, path: FieldPath) -> None:
        """An escape in a quoted value (``"\\0"``, ``"\\x07"``) can put a control character in any text."""
        found = _CONTROL.search(value)
        if found:
            raise fail("E013", f"text holds the control character U+{ord(found.group()):04X}",
                       location=Location(self.name, *self._mark(node)), path=_dotted(path),
                       hint="remove the escape (\\0, \\x.., \\u....) that writes it; "
                            "text may hold line breaks and tabs, no other control characters")

    def _refuse_yaml11_number(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """Plain scalars YAML 1.1 reads as numbers nobody means: octal `0120`, base-60 `1:30`."""
        if node.style in ('"', "'"):
            self._refuse_runaway_quote(node, path)
        if node.style:  # quoted or a block scalar: text as written (libyaml says '' for plain, PyYAML None)
            return
        text = node.value
        if text in _TRUTHY:
            raise fail("E012", f"'{text}' is true or false to some YAML readers and text to others",
                       location=Location(self.name, *self._mark(node)), path=_dotted(path),
                       hint=f"write true or false, or quote it (\"{text}\") if it is text")
        if _OCTAL.match(text):
            digits = text.lstrip("+-").lstrip("0_") or "0"
            reading = f"the octal number {self._scalar(node)}" if node.tag == _CORE + "int" else "text"
            fix = f"write {text[0] if text[0] in '+-' else ''}{digits} without the leading zero"
        elif _SEXAGESIMAL.match(text):
            reading = f"the base-60 number {self._scalar(node)}"
            fix = "write the number itself (90 for 1:30)"
        else:
            return
        raise fail("E012", f"'{text}' would be read as {reading} (a YAML 1.1 rule), not as written",
                   location=Location(self.name, *self._mark(node)), path=_dotted(path),
                   hint=f"{fix}, or quote it (\"{text}\") if it is text")

    def _refuse_runaway_quote(self, node: yaml.ScalarNode, path: FieldPath) -> None:
        """A quote left open swallows the following lines up to the next quote: valid YAML, wrong data."""
        first, last = node.start_mark.line, node.end_mark.line
        if last == first:
            return
        swallowed = self.lines[first + 1:last + 1]
        if any(_KEY_LINE.match(line) for line in swallowed):
            raise fail("E002", f"YAML syntax error: the quote opened here is closed only on line {last + 1}",
                       location=Location(self.name, *self._mark(node)), path=_dotted(path),
                       hint="close the quote on the line it opens on; the lines in between "
                            "were read as part of this text")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value  # what the constructor returns for text, without its bookkeeping (most scalars)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            # A date-like value that is no date (2026-02-30): keep the text, so validation
            # reports it against the field with the file's other problems.
            return node.value

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        # Duplicates are checked among the mapping's own keys; keys brought in by a
        # '<<' merge may be overridden, which is what merges are for.
        first_seen: dict[str, int] = {}
        read: dict[int, tuple[str, tuple[int, int]]] = {}  # id of an own key node -> its key and mark
        merge_mark = None
        for key_node, _ in (node.value if id(node) not in self.flattened else ()):
            if key_node.tag == "tag:yaml.org,2002:merge":
                merge_mark = self._mark(key_node)
                continue
            key = self._key(key_node)
            mark = self._mark(key_node)
            read[id(key_node)] = key, mark
            line, column = mark
            if key in first_seen:
                raise fail("E009", f"duplicate key '{key}' (first defined on line {first_seen[key]})",
                           location=Location(self.name, line, column),
                           path=_dotted(path + (key,)),
                           hint="YAML would silently keep only the last value; "
                                "merge the two entries or rename one")
            first_seen[key] = line
        try:
            self.constructor.flatten_mapping(node)  # merged pairs first, own pairs after
        except yaml.constructor.ConstructorError as exc:
            mark = exc.problem_mark or node.start_mark
            raise fail("E002", f"YAML merge error: {exc.problem}", location=Location(self.name, mark.line + 1,
                                                                                    mark.column + 1),
                       path=_dotted(path), hint="'<<:' takes an alias of a mapping (<<: *name) "
                                                "or a list of them") from None
        if id(node) not in self.flattened:
            self.own_keys[id(node)] = (set(first_seen), merge_mark)
        self.flattened.add(id(node))
        own, merge_mark = self.own_keys[id(node)]
        result: dict = {}
        for key_node, value_node in node.value:
            key, mark = read.get(id(key_node)) or (self._key(key_node), self._mark(key_node))
            child = path + (key,)  # one tuple for both tables of marks
            if merge_mark is not None and key not in own:
                self.merged[child] = merge_mark
            if child in self.key_marks:
                self.replaced = True
            self.key_marks[child] = mark
            self.value_marks.pop(child, None)  # an own value replaces a merged one
            result[key] = self.build(value_node, child)
        return result

    def _key(self, key_node: yaml.Node) -> str:
        if isinstance(key_node, (yaml.MappingNode, yaml.SequenceNode)):
            # `text: {{ figure }} and more` reads as a mapping used as a key.
            line, column = self._mark(key_node)
            raise fail("E002", "YAML syntax error: unquoted '{' or '[' starts a nested mapping or list here",
                       location=Location(self.name, line, column),
                       hint="quote text that starts with '{' or '[': text: \"{{ figure }} ...\"")
        plain = isinstance(key_node, yaml.ScalarNode) and key_node.tag in _ALLOWED_TAGS
        key = self._scalar(key_node) if plain else None
        if key is None or isinstance(key, (list, dict)):
            line, column = self._mark(key_node)
            raise fail("E002", "mapping keys must be plain text or numbers",
                       location=Location(self.name, line, column))
        # Interned: the same few dozen keys recur in every report, and positions keep them as path steps.
        return sys.intern(key if isinstance(key, str) else str(key))


def _dotted(path: FieldPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
