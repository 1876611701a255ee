"""Packed positions: the same answers as the tables of marks they pack, whatever order the paths came in."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.load.positions import Positions
from pipeline.load import yaml_source
from pipeline.load.yaml_source import parse_yaml


def closest_in_tables(value_marks: dict, key_marks: dict, path: tuple, prefer_key: bool):
    """What the loader answered when it kept two dicts of marks: the reference the packing must match."""
    probe = tuple(path)
    while True:
        for table in ((key_marks, value_marks) if prefer_key else (value_marks, key_marks)):
            if probe in table:
                return table[probe]
        if not probe:
            return None
        probe = probe[:-1]


_steps = st.one_of(st.sampled_from(["id", "value", "en", "zh", "a"]), st.integers(0, 300))
_paths = st.lists(_steps, max_size=5).map(tuple)
_marks = st.tuples(st.integers(1, 70_000), st.integers(1, 500))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_paths, _marks, max_size=30), st.dictionaries(_paths, _marks, max_size=30),
       st.lists(_paths, max_size=10))
def test_packed_positions_answer_as_the_tables_did_for_any_paths_in_any_order(value_marks, key_marks, probes):
    positions = Positions(value_marks, key_marks)
    for path in [*value_marks, *key_marks, *probes]:
        for child in (path, path + ("missing",), path + (9,)):
            for prefer_key in (False, True):
                assert positions.closest(child, prefer_key) == closest_in_tables(value_marks, key_marks, child,
                                                                                 prefer_key)
        assert positions.value(path) == value_marks.get(path)
        assert positions.key(path) == key_marks.get(path)


def test_an_own_key_replacing_a_merged_mapping_keeps_the_positions_it_had():
    # `own.m` is first read from the anchor (with `only`), then replaced by the own mapping: its path
    # comes twice, and `own.m.only` keeps the anchor's position, as when the marks were two dicts.
    text = b"base: &b\n  m: {only: 1, both: 2}\nown:\n  <<: *b\n  m: {both: 3}\n"
    document = parse_yaml(text, "f.yaml")
    assert document.data["own"] == {"m": {"both": 3}}
    assert str(document.locate(("own", "m"))) == "f.yaml:5:6"
    assert str(document.locate(("own", "m", "both"))) == "f.yaml:5:13"
    assert str(document.locate(("own", "m", "only"))) == "f.yaml:2:13"
    assert str(document.locate(("own", "m", "only"), prefer_key=True)) == "f.yaml:2:7"


def test_a_document_looked_up_again_after_others_answers_the_same():
    documents = [parse_yaml(f"a:\n  b: {i}\n".encode(), f"f{i}.yaml") for i in range(5)]
    for _ in range(2):
        for i, document in enumerate(documents):
            assert str(document.locate(("a", "b"))) == f"f{i}.yaml:2:6"


def test_the_readers_own_order_packs_as_the_checked_one(monkeypatch):
    text = (b"base: &b {x: 1, y: {z: [1, 2]}}\nown: {<<: *b, w: 3}\nlist:\n  - id: a\n    v: [ {p: 1} ]\n"
            b"  - *b\n")
    given = {}

    def keep(value_marks, key_marks, *, in_reading_order=False):
        given.update(value_marks=value_marks, key_marks=key_marks, in_reading_order=in_reading_order)
        return Positions(value_marks, key_marks, in_reading_order=in_reading_order)

    monkeypatch.setattr(yaml_source, "Positions", keep)
    document = parse_yaml(text, "f.yaml")
    assert given["in_reading_order"]
    for path in given["value_marks"]:
        for prefer_key in (False, True):
            assert document.positions.closest(path, prefer_key) == closest_in_tables(
                given["value_marks"], given["key_marks"], path, prefer_key)
