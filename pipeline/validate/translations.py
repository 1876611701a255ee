"""Translations are complete and their templates sound, in every locale, before anything renders.

The renderer reports a message it asks for and cannot find; these checks also catch what it
would not ask for yet: an entry one locale lacks (or left empty or fuzzy), a msgstr that is
not a valid Jinja2 template, and a translation whose ``{{ placeholders }}`` differ from the
other locales' (a dropped ``{{ value }}`` silently drops a figure from the page).
"""

from __future__ import annotations

import re

from pipeline.errors import Location, Problem
from pipeline.load.po_source import PoScan
from pipeline.load.project import Inputs
from pipeline.localize import babel_locale, plain_placeholders, plural_categories

TEMPLATE_SYNTAX = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)|\{#.*?(?:#\}|$)", re.DOTALL)
"""Template syntax in a message; the first piece that is no ``{{ name }}`` slot is quoted."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters no text may hold (tab and newline are allowed)."""


def control_character(text: str) -> str | None:
    """'U+0000' for the first control character of ``text``, or None."""
    found = CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def check_translations(inputs: Inputs) -> list[Problem]:
    """Problems of the site's .po catalogues, compared with each other."""
    scans = {loc.id: inputs.po_scans[loc.id] for loc in inputs.locales if loc.id in inputs.po_scans}
    problems: list[Problem] = []
    placeholders: dict[str, dict[str, set[str]]] = {}
    for locale, scan in scans.items():
        for msgid, entry in scan.entries.items():
            bad = control_character(entry.string or "")
            if bad:
                problems.append(Problem(
                    "E067", f"the translation of '{msgid}' holds the control character {bad}",
                    Location(scan.file, entry.line), hint="remove it (an editor may show nothing there); "
                    "write a line break as \\n, a tab as \\t"))
                continue
            if not entry.string or entry.fuzzy or "{" not in entry.string:
                placeholders.setdefault(msgid, {})[locale] = set()
                continue
            names = plain_placeholders(entry.string)  # most templates: no need to parse them
            if names is not None:
                placeholders.setdefault(msgid, {})[locale] = names
                continue
            # Messages are not templates: nothing but {{ name }} slots is filled in.
            piece = next(m.group() for m in TEMPLATE_SYNTAX.finditer(entry.string) if not _is_slot(m.group()))
            problems.append(Problem(
                "E063", f"the translation of '{msgid}' holds {piece[:40]!r}, which is not a placeholder",
                Location(scan.file, entry.line), hint="placeholders are written {{ name }} with a name the "
                "other languages use; nothing else is evaluated (write the text itself, and braces only "
                "for placeholders)"))
    problems += _missing(scans)
    problems += _placeholders_differ(scans, placeholders)
    problems += _plural_forms(inputs, scans)
    return problems


def _plural_forms(inputs: Inputs, scans: dict[str, PoScan]) -> list[Problem]:
    """A plural message (``msgid_plural``) is plural in every locale, with one msgstr[i] per plural
    category of the language (en: 2, ko and zh: 1), so every count finds its form."""
    plural = {msgid for scan in scans.values() for msgid, entry in scan.entries.items() if entry.forms}
    problems = []
    for loc in inputs.locales:
        scan = scans.get(loc.id)
        if scan is None:
            continue
        try:
            categories = plural_categories(babel_locale(loc))
        except ValueError:
            continue  # an unknown Babel locale is reported on its own (E062)
        for msgid in sorted(plural):
            entry = scan.entries.get(msgid)
            if entry is None or len(entry.forms) == len(categories):
                continue  # a missing entry is reported by _missing
            problems.append(Problem(
                "E060", f"the '{loc.id}' translation of '{msgid}' has {len(entry.forms)} plural form(s); "
                        f"{loc.id} needs {len(categories)} ({', '.join(categories)})",
                Location(scan.file, entry.line),
                hint=f'write  msgid_plural "{msgid}"  then msgstr[0] to msgstr[{len(categories) - 1}], '
                     f'one per category in that order'))
    return problems


def _is_slot(piece: str) -> bool:
    return plain_placeholders(piece) not in (None, set())


def _missing(scans: dict[str, PoScan]) -> list[Problem]:
    problems = []
    everywhere = sorted({msgid for scan in scans.values() for msgid in scan.entries})
    for msgid in everywhere:
        having = [loc for loc, scan in scans.items() if _translated(scan, msgid)]
        for locale, scan in scans.items():
            if locale in having:
                continue
            entry = scan.entries.get(msgid)
            if entry is None:
                donor = scans[having[0]] if having else next(s for s in scans.values() if msgid in s.entries)
                problems.append(Problem(
                    "E060", f"no '{locale}' translation for message '{msgid}'", Location(scan.file),
                    hint=f"add  msgid \"{msgid}\"  and its translation; see "
                         f"{donor.file}:{donor.entries[msgid].line}"))
            else:
                why = "marked fuzzy" if entry.fuzzy else "empty"
                problems.append(Problem(
                    "E060", f"the '{locale}' translation of '{msgid}' is {why}", Location(scan.file, entry.line),
                    hint="translate it" + (" and remove the '#, fuzzy' line" if entry.fuzzy else "")))
    return problems


def _translated(scan: PoScan, msgid: str) -> bool:
    entry = scan.entries.get(msgid)
    return entry is not None and bool(entry.string) and not entry.fuzzy


def _placeholders_differ(scans: dict[str, PoScan], placeholders: dict[str, dict[str, set[str]]]) -> list[Problem]:
    problems = []
    for msgid, by_locale in sorted(placeholders.items()):
        filled = {loc: names for loc, names in by_locale.items() if _translated(scans[loc], msgid)}
        if len(filled) < 2 or len({frozenset(n) for n in filled.values()}) == 1:
            continue
        # The placeholders most translations use are the expected ones; report the others.
        every = set().union(*filled.values())
        expected = {name for name in every if sum(name in n for n in filled.values()) * 2 > len(filled)}
        for locale, names in filled.items():
            if names == expected:
                continue
            entry = scans[locale].entries[msgid]
            parts = []
            if expected - names:
                parts.append(f"lacks {_list(expected - names)}")
            if names - expected:
                parts.append(f"uses {_list(names - expected)}, which the other translations do not")
            problems.append(Problem(
                "E066", f"the '{locale}' translation of '{msgid}' {' and '.join(parts)}",
                Location(scans[locale].file, entry.line),
                hint=f"use the same placeholders as the other languages: {_list(expected) or 'none'}"))
    return problems


def _list(names: set[str]) -> str:
    return ", ".join("{{ " + n + " }}" for n in sorted(names))
