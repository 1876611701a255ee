"""The .po scan: what Babel writes reads back entry for entry; what it would silently drop is refused."""

from __future__ import annotations

import io

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.load.po_source import scan_po
from tests.project import ROOT


def problems(text: str) -> list[str]:
    scan, found = scan_po(text.encode("utf-8"), "x.po")
    assert scan is None
    return [p.format().splitlines()[0] for p in found]


@pytest.mark.parametrize("locale", ["zh", "en", "ko"])
def test_the_shipped_catalogues_scan_cleanly(locale):
    raw = (ROOT / "i18n" / locale / "LC_MESSAGES" / "site-data.po").read_bytes()
    scan, found = scan_po(raw, "x.po")
    assert found == []
    assert len(scan.entries) > 100
    assert all(entry.string and not entry.fuzzy for entry in scan.entries.values())


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z0-9_.]{0,20}", fullmatch=True), _text, min_size=1, max_size=8),
       st.sets(st.integers(0, 7)))
def test_what_babel_writes_scans_back_unchanged(messages, fuzzy_positions):
    catalog = Catalog(locale="ko")
    for i, (msgid, string) in enumerate(sorted(messages.items())):
        catalog.add(msgid, string, flags=["fuzzy"] if i in fuzzy_positions else [])
    out = io.BytesIO()
    write_po(out, catalog, width=30)  # narrow: long strings are split over continuation lines
    scan, found = scan_po(out.getvalue(), "x.po")
    assert found == []
    assert {k: v.string for k, v in scan.entries.items()} == messages
    assert {k for k, v in scan.entries.items() if v.fuzzy} == {
        msgid for i, msgid in enumerate(sorted(messages)) if i in fuzzy_positions}


def test_lines_and_fuzzy_flags_are_recorded():
    scan, found = scan_po(b'msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "a"\nmsgstr "x"\n\nmsgid "b"\nmsgstr ""\n"y\\n"\n',
                          "x.po")
    assert found == []
    assert (scan.entries["a"].line, scan.entries["a"].fuzzy, scan.entries["a"].string) == (5, True, "x")
    assert (scan.entries["b"].line, scan.entries["b"].fuzzy, scan.entries["b"].string) == (8, False, "y\n")


@pytest.mark.parametrize(("text", "first"), [
    ('msgid "a\nmsgstr "b"\n', 'x.po:1:9: error[E064] the quoted text is not closed'),
    ('msgid a\nmsgstr "b"\n', 'x.po:1:7: error[E064] expected text in double quotes'),
    ('hello\nmsgid "a"\nmsgstr "b"\n', "x.po:1:1: error[E064] unknown keyword 'hello'"),
    ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', "x.po:1:1: error[E064] msgid 'a' has no msgstr"),
    ('msgstr "b"\n', "x.po:1:1: error[E064] 'msgstr' without a msgid before it"),
    ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', "x.po:3:1: error[E064] 'msgstr' appears twice in one entry (first on line 2)"),
    ('msgid "a"\nmsgstr "\\q"\n', "x.po:2:9: error[E064] unknown escape '\\q'"),
    ('msgid "a"\nmsgstr "b" c\n', "x.po:2:11: error[E064] text after the closing quote"),
    ('"x"\nmsgid "a"\nmsgstr "b"\n', "x.po:1:1: error[E064] quoted text outside an entry"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "x.po:4:1: error[E065] duplicate msgid 'a' (first defined on line 1)"),
])
def test_what_babel_would_drop_is_refused_with_its_line(text, first):
    assert problems(text)[0] == first


def test_not_utf8():
    scan, found = scan_po('msgid "a"\nmsgstr "caf\xe9"\n'.encode("latin-1"), "x.po")
    assert scan is None
    assert found[0].format() == (
        "x.po:2:12: error[E064] file is not UTF-8: byte 0xe9 cannot be decoded\n"
        "  hint: save the catalogue as UTF-8 (and keep 'charset=utf-8' in its header)")
