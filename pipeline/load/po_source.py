"""Check a gettext .po file line by line before Babel reads it.

Babel's reader is lenient: an entry with an unterminated quote or a missing keyword is
dropped without a word, a duplicate msgid silently replaces the first, and its few errors
say "on 0". Translators then see "no translation" for an entry that is right there. This
scan knows the small .po grammar the catalogues use and names the line and column of
anything else; it also records each entry's line and fuzzy flag for later checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import Location, Problem

_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)(\s+)(.*)$')
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_SYNTAX_HINT = 'each entry is  msgid "..."  then  msgstr "..."; text continues on lines that are only "..."'


@dataclass(frozen=True)
class PoEntry:
    """One msgid of a catalogue as written."""

    line: int
    """Line of its ``msgid`` keyword."""
    string: str
    """Its msgstr (the first form for plural entries); empty when untranslated."""
    fuzzy: bool
    """Marked ``#, fuzzy``: gettext treats it as untranslated."""
    forms: tuple[str, ...] = ()
    """A plural entry's (``msgid_plural``) msgstr[0], msgstr[1], ...; empty for other entries."""


@dataclass(frozen=True)
class PoScan:
    """What the scan found: entries by msgid (the header entry, msgid "", left out)."""

    file: str
    entries: dict[str, PoEntry]


def scan_po(raw: bytes, name: str) -> tuple[PoScan | None, list[Problem]]:
    """Scan ``raw`` (the bytes of ``name``); a problem for every line that breaks the grammar."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem("E064", f"file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                              Location(name, line, column),
                              hint="save the catalogue as UTF-8 (and keep 'charset=utf-8' in its header)")]
    scanner = _Scanner(name)
    # Lines end at \n only (str.splitlines also splits at U+2028, U+0085, ..., which a msgstr may hold
    # and which must be reported as the control characters they are, on their own line).
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        scanner.feed(number, line)
    scanner.finish(len(lines) + 1)
    if scanner.problems:
        return None, scanner.problems
    return PoScan(name, scanner.entries), []


class _Scanner:
    """A small state machine over the lines of one .po file."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.entries: dict[str, PoEntry] = {}
        self.contexts: dict[tuple[str | None, str], int] = {}
        self._reset()

    def _reset(self) -> None:
        self.fields: dict[str, str] = {}
        self.lines: dict[str, int] = {}
        self.current: str | None = None
        self.fuzzy = False
        self.has_msgstr = False

    def _problem(self, code: str, message: str, line: int, column: int, hint: str = _SYNTAX_HINT) -> None:
        self.problems.append(Problem(code, message, Location(self.name, line, column), hint=hint))

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            if self.fields or self.fuzzy:
                self._end_entry(number)
            return
        first = stripped[0]
        if first == "#":
            if self.fields:
                self._end_entry(number)
            if stripped.startswith("#,") and "fuzzy" in (f.strip() for f in stripped[2:].split(",")):
                self.fuzzy = True
            return
        indent = len(line) - len(line.lstrip()) if line[0] != first else 0
        if first == '"':
            if self.current is None:
                self._problem("E064", "quoted text outside an entry", number, indent + 1,
                              'continuation lines follow a  msgid "..."  or  msgstr "..."  line')
                return
            self.fields[self.current] += self._string(stripped, number, indent + 1)
            return
        match = _KEYWORD.match(stripped)
        if not match:
            word = stripped.split()[0]
            self._problem("E064", f"unknown keyword '{word[:30]}'", number, indent + 1,
                          "lines start with msgid, msgstr, msgctxt, '#' (a comment) or '\"' (more text)")
            return
        keyword, space, rest = match.groups()
        if self.has_msgstr and keyword in ("msgctxt", "msgid"):
            self._end_entry(number)
        if keyword in self.fields:
            self._problem("E064", f"'{keyword}' appears twice in one entry (first on line {self.lines[keyword]})",
                          number, indent + 1, "separate entries with a blank line, each with one msgid")
            return
        if keyword.startswith("msgstr") and "msgid" not in self.fields:
            self._problem("E064", f"'{keyword}' without a msgid before it", number, indent + 1)
            return
        self.current = keyword
        self.has_msgstr = self.has_msgstr or keyword.startswith("msgstr")
        self.lines[keyword] = number
        self.fields[keyword] = self._string(rest, number, indent + 1 + len(keyword) + len(space))

    def _string(self, text: str, number: int, column: int) -> str:
        """The content of one ``"..."`` literal, unescaped; a problem if it is malformed."""
        text = text.rstrip()
        if not text.startswith('"'):
            self._problem("E064", "expected text in double quotes", number, column)
            return ""
        inner = text[1:-1]
        if len(text) > 1 and text[-1] == '"' and '"' not in inner and "\\" not in inner:
            return inner  # the common case, without escapes: nothing to read character by character
        out: list[str] = []
        i = 1
        while i < len(text):
            char = text[i]
            if char == "\\":
                code = text[i + 1: i + 2]
                if code not in _ESCAPES:
                    self._problem("E064", f"unknown escape '\\{code}'", number, column + i,
                                  'write \\" for a quote, \\\\ for a backslash, \\n for a new line')
                    return "".join(out)
                out.append(_ESCAPES[code])
                i += 2
                continue
            if char == '"':
                if text[i + 1:].strip():
                    self._problem("E064", "text after the closing quote", number, column + i + 1,
                                  'escape a quote inside the text as \\"')
                return "".join(out)
            out.append(char)
            i += 1
        self._problem("E064", "the quoted text is not closed", number, column + len(text),
                      'end the text with a double quote on the same line; continue it on the next line as "..."')
        return "".join(out)

    def _end_entry(self, number: int) -> None:
        fields, lines = self.fields, self.lines
        fuzzy = self.fuzzy
        self._reset()
        if not fields:
            return
        if "msgid" not in fields:
            first = min(lines.values())
            self._problem("E064", "entry has no msgid", first, 1)
            return
        # Most entries are a msgid and a msgstr: no other keyword to look for.
        strings = ["msgstr"] if len(fields) == 2 and "msgstr" in fields \
            else sorted(k for k in fields if k.startswith("msgstr"))
        if not strings:
            self._problem("E064", f"msgid '{fields['msgid'][:60]}' has no msgstr", lines["msgid"], 1,
                          'add  msgstr "..."  on the line after it')
            return
        msgid = fields["msgid"]
        key = (fields.get("msgctxt"), msgid)
        if key in self.contexts:
            self._problem("E065", f"duplicate msgid '{msgid[:60]}' (first defined on line {self.contexts[key]})",
                          lines["msgid"], 1, "gettext keeps only one of them; delete or merge the other entry")
            return
        self.contexts[key] = lines["msgid"]
        if msgid:
            forms = tuple(fields[k] for k in sorted(strings, key=lambda k: int(k[7:-1] or 0) if "[" in k else 0)) \
                if "msgid_plural" in fields else ()
            self.entries[msgid] = PoEntry(lines["msgid"], forms[0] if forms else fields[strings[0]], fuzzy, forms)

    def finish(self, number: int) -> None:
        self._end_entry(number)
