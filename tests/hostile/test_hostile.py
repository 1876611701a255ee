"""The hostile-input suite: every case exits as expected with its exact first line, never a traceback
or an internal error, and leaves site-data/ byte for byte and mtime for mtime as it was.

Cases run in-process (one project copy each, no subprocess), so the suite stays fast. The table is
tests/hostile/cases.py; the expectations tests/hostile/expected.json (``python -m tests.hostile.regenerate``).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.cases import CASES
from tests.hostile.runner import make_bases, run_case

EXPECTED = json.loads(Path(__file__).with_name("expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bases(tmp_path_factory) -> dict[str, Path]:
    return make_bases(tmp_path_factory.mktemp("hostile-bases"))


def test_the_suite_has_at_least_150_cases_across_its_classes():
    counts = Counter(case.klass for case in CASES)
    assert sum(counts.values()) >= 150
    assert set(counts) == {"numbers", "yaml", "text", "translations", "templates", "raw", "locales", "output",
                           "benchmark"}
    assert len({(c.klass, c.name) for c in CASES}) == len(CASES), "case names repeat"
    assert sorted(EXPECTED) == sorted(f"{c.klass}/{c.name}" for c in CASES), "run python -m tests.hostile.regenerate"


@pytest.mark.parametrize("case", CASES, ids=[f"{c.klass}/{c.name}" for c in CASES])
def test_hostile_input(case, bases, tmp_path):
    expected = EXPECTED[f"{case.klass}/{case.name}"]
    outcomes = run_case(case, bases, tmp_path)
    for outcome in outcomes:
        assert "Traceback" not in outcome.output and "internal error" not in outcome.output, outcome.output
        assert outcome.status in (0, 1), f"{outcome.command}: exit {outcome.status}"
    first = outcomes[0]
    assert (first.status, first.first) == (expected["exit"], expected["first"])
    if first.status or first.command == "validate":
        assert first.unchanged, f"{first.command} changed site-data/"
    accepted = case.name.endswith("-accepted")
    assert accepted == (first.status == 0) or case.klass in ("raw", "output"), \
        "a case the pipeline accepts is named '...-accepted'"
    for later in outcomes[1:]:
        if first.status:  # a refused input: build refuses it the same way and writes nothing
            assert (later.status, later.first) == (first.status, first.first), later.command
            assert later.unchanged, f"{later.command} changed site-data/"
