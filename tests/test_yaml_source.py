"""The YAML loader: positions kept for every value, and each YAML trap refused with its own message."""

from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.errors import BuildFailed
from pipeline.load.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml, shown_path


def refused(text: str | bytes) -> str:
    """The one problem ``text`` is refused with, formatted as the CLI prints it."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(BuildFailed) as caught:
        parse_yaml(raw, "f.yaml")
    [problem] = caught.value.problems
    return problem.format()


def test_marks_name_line_and_column_of_every_value_and_key():
    document = parse_yaml(b"a:\n  - id: x\n    n: 5\nb: {c: 1}\n", "f.yaml")
    assert document.data == {"a": [{"id": "x", "n": 5}], "b": {"c": 1}}
    assert str(document.locate(("a", 0, "n"))) == "f.yaml:3:8"
    assert str(document.locate(("a", 0, "n"), prefer_key=True)) == "f.yaml:3:5"
    assert str(document.locate(("b", "c"))) == "f.yaml:4:8"
    # A path that is not in the file is located at its closest parent.
    assert str(document.locate(("b", "missing"))) == "f.yaml:4:4"
    assert str(document.locate(("nowhere",))) == "f.yaml:1:1"


def test_paths_are_shown_with_ids_for_list_items():
    data = {"scenarios": [{"id": "A"}, {"id": "D", "price": {"hourly": -45}}], "results": [{"x": 1}]}
    assert shown_path(data, ("scenarios", 1, "price", "hourly")) == "scenarios.D.price.hourly"
    assert shown_path(data, ("results", 0, "x")) == "results[0].x"
    assert shown_path(data, ("results", 5)) == "results[5]"
    assert shown_path(data, ()) == ""


def test_yaml_11_words_are_refused_quoted_they_stay_text_and_dates_stay_dates():
    document = parse_yaml(b"a: 'no'\nb: \"on\"\nd: true\ne: 2026-02-10\nf: '2026-02-10'\n", "f.yaml")
    assert document.data == {"a": "no", "b": "on", "d": True, "e": datetime.date(2026, 2, 10), "f": "2026-02-10"}
    for word in ("no", "on", "yes", "off", "NO"):
        with pytest.raises(BuildFailed) as caught:
            parse_yaml(f"region: {word}\n".encode(), "f.yaml")
        [problem] = caught.value.problems
        assert problem.format() == (
            f"f.yaml:1:9: error[E012] region: '{word}' is true or false to some YAML readers and text to others\n"
            f"  hint: write true or false, or quote it (\"{word}\") if it is text")


def test_an_impossible_date_stays_text_for_validation_to_report():
    assert parse_yaml(b"date: 2026-02-30\n", "f.yaml").data == {"date": "2026-02-30"}


def test_byte_order_mark_and_windows_line_ends_are_fine():
    assert parse_yaml(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n", "f.yaml").data == {"a": 1, "b": 2}


def test_merge_keys_may_override_and_a_shared_anchor_is_not_a_duplicate():
    text = b"base: &b {x: 1, y: 2}\nown: &o {<<: *b, y: 3}\nfirst: *o\nsecond: *o\n"
    document = parse_yaml(text, "f.yaml")
    assert document.data["own"] == document.data["first"] == document.data["second"] == {"x": 1, "y": 3}
    assert str(document.locate(("own", "y"))) == "f.yaml:2:21"


def test_duplicate_key_names_both_lines():
    assert refused("a: 1\nb:\n  c: 2\n  c: 3\n") == (
        "f.yaml:4:3: error[E009] b.c: duplicate key 'c' (first defined on line 3)\n"
        "  hint: YAML would silently keep only the last value; merge the two entries or rename one")


def test_duplicate_key_inside_a_list_item_names_the_item():
    assert refused("a:\n  - {x: 1, x: 2}\n").splitlines()[0] == (
        "f.yaml:2:12: error[E009] a[0].x: duplicate key 'x' (first defined on line 2)")


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        lines.append(f"l{i}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    assert refused("\n".join(lines) + "\n") == (
        "f.yaml:6:1: error[E007] document expands to more than 200,000 values through aliases\n"
        "  hint: each alias (*name) repeats its anchor (&name); aliases of lists of aliases multiply. "
        "Write the values out, or alias whole blocks only")


def test_tab_in_indentation():
    assert refused("a:\n\tb: 1\n") == (
        "f.yaml:2:1: error[E003] tab character in indentation\n"
        "  hint: YAML indents with spaces only; replace the tab with spaces")


def test_tab_inside_quoted_text_is_fine():
    assert parse_yaml(b'a: "x\ty"\n', "f.yaml").data == {"a": "x\ty"}


def test_bytes_that_are_not_utf8():
    assert refused("a: 1\nb: caf\xe9\n".encode("latin-1")) == (
        "f.yaml:2:7: error[E004] file is not UTF-8: byte 0xe9 cannot be decoded\n"
        "  hint: save the file as UTF-8 (in VS Code: 'Save with Encoding' > UTF-8)")


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "   \n# x\n"])
def test_empty_file(text):
    assert refused(text) == (
        "f.yaml:1:1: error[E005] file is empty\n"
        "  hint: fill in the file's fields (its schema lists them), or delete it")


def test_several_documents_point_at_the_separator():
    assert refused("a: 1\n---\nb: 2\n") == (
        "f.yaml:2:1: error[E006] file holds more than one YAML document ('---' separator)\n"
        "  hint: keep one document per file; remove the '---' line or split the file")
    assert refused("---\na: 1\n---\nb: 2\n").splitlines()[0] == (
        "f.yaml:3:1: error[E006] file holds more than one YAML document ('---' separator)")


def test_a_leading_or_trailing_separator_alone_is_harmless():
    assert parse_yaml(b"---\na: 1\n---\n", "f.yaml").data == {"a": 1}


def test_file_over_the_size_limit():
    assert refused(b"a: " + b"x" * MAX_FILE_BYTES + b"\n") == (
        "f.yaml: error[E008] file is 5,242,884 bytes, over the 5,242,880-byte limit for data files\n"
        "  hint: split it, or ingest large raw benchmark output with `site-data ingest` instead")


@pytest.mark.parametrize(("text", "tag"), [
    ("a: !!python/object/apply:os.system [x]\n", "!!python/object/apply:os.system"),
    ("a: !!binary aGk=\n", "!!binary"),
    ("a: !!set {x}\n", "!!set"),
    ("a: [!custom x]\n", "!custom"),
])
def test_tags_are_refused(text, tag):
    assert refused(text).splitlines()[0].endswith(f"unsupported YAML tag '{tag}'")
    assert "error[E010]" in refused(text)


def test_nesting_too_deep_for_the_parser():
    depth = 2000  # deep enough to exhaust PyYAML's recursive composer
    assert refused("a: " + "[" * depth + "]" * depth + "\n") == (
        f"f.yaml:1:{MAX_DEPTH + 4}: error[E011] values are nested more than {MAX_DEPTH} levels deep\n"
        "  hint: data files nest a few levels; look for unbalanced '[' or '{' or runaway indentation")


def test_nesting_too_deep_for_data():
    assert refused("a: " + "[" * 80 + "]" * 80 + "\n").splitlines()[0] == (
        f"f.yaml:1:{MAX_DEPTH + 4}: error[E011] values are nested more than {MAX_DEPTH} levels deep")


def test_control_character():
    assert refused("a: ok\nb: x\x00y\n") == (
        "f.yaml:2:5: error[E002] character U+0000 is not allowed in YAML\n"
        "  hint: remove it; control characters cannot appear in data files, even inside quotes")


@pytest.mark.parametrize(("text", "first_line"), [
    ("a: b: c\n", "f.yaml:1:5: error[E002] YAML syntax error: unexpected ':' (a colon followed by a space starts a key)"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: error[E002] YAML syntax error: this line is not indented like the lines above it"),
    ("a: 1\nb\nc: 2\n", "f.yaml:2:1: error[E002] YAML syntax error: a line is neither 'key: value' nor a list item '- value'"),
    ("a: *x\n", "f.yaml:1:4: error[E002] YAML syntax error: alias '*x' has no anchor '&x' before it"),
    ("a: @x\n", "f.yaml:1:4: error[E002] YAML syntax error: a value cannot start with '@'"),
    ("a: 'abc\nb: 1\n", "f.yaml:1:4: error[E002] YAML syntax error: a quote opened here is never closed"),
    ("a: [1, 2\nb: 1\n", "f.yaml:2:2: error[E002] YAML syntax error: the '[' opened on line 1 is not closed here"),
    ("a: {{ figure }}\n", "f.yaml:1:5: error[E002] YAML syntax error: unquoted '{' or '[' starts a nested mapping or list here"),
    ("a: {{ figure }} more\n", "f.yaml:1:17: error[E002] YAML syntax error: text continues after a '{...}' or '[...]' value"),
    ("a: &x 1\nb: &x 2\n", "f.yaml:2:4: error[E002] YAML syntax error: the same anchor is defined twice (first on line 1)"),
    ("a: {<<: 5}\n", "f.yaml:1:9: error[E002] a: YAML merge error: expected a mapping or list of mappings for merging, but found scalar"),
    ("? [a]\n: 1\n", "f.yaml:1:3: error[E002] YAML syntax error: unquoted '{' or '[' starts a nested mapping or list here"),
])
def test_syntax_errors_say_what_an_editor_did(text, first_line):
    assert refused(text).splitlines()[0] == first_line


# YAML reads NEL and the Unicode line and paragraph separators as line breaks, whatever the quoting.
_chars = st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="\x85\u2028\u2029")
_keys = st.text(_chars, min_size=1, max_size=8)
_scalars = st.one_of(st.integers(-10**6, 10**6), st.text(_chars, max_size=12), st.booleans(), st.none(),
                     st.floats(allow_nan=False, allow_infinity=False, width=32))
_data = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(_keys, inner, max_size=4)), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(_keys, _data, min_size=1, max_size=5))
def test_what_pyyaml_writes_reads_back_unchanged_with_a_mark_for_every_value(data):
    written = yaml.safe_dump(data, allow_unicode=True)
    try:
        document = parse_yaml(written.encode("utf-8"), "f.yaml")
    except BuildFailed as failed:
        # PyYAML leaves a text like 08 or 1:30 unquoted (YAML 1.1 cannot read it as a number), but a
        # YAML 1.2 reader would: such a value is refused as ambiguous (E012), never read differently.
        assert {p.code for p in failed.problems} == {"E012"}, written
        return
    assert document.data == data

    def paths(value, prefix=()):
        yield prefix
        if isinstance(value, dict):
            for key, item in value.items():
                yield from paths(item, prefix + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from paths(item, prefix + (i,))

    for path in paths(data):
        assert document.positions.value(path) is not None
