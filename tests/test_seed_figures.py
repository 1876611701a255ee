"""Every figure of the seed page's tables appears, in the same row, in the generated zh tables.

The seed (../shared/seed/000_*.txt) is the published zh page; it is read at run time, not copied. The
tables compared are those of the report as first published (tests/fixtures/frozen/), not of data/: an
editor's price update rightly moves the shipped page away from the seed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.mdx_tables import read_table
from tests.project import ROOT

SEED = next(iter(sorted((ROOT.parent / "shared" / "seed").glob("000_*.txt"))), None)


@pytest.fixture(scope="module")
def zh_tables(frozen_project) -> Path:
    return frozen_project / "site-data" / "llama4-fm-serving" / "zh" / "tables"


# The seed's tables, in page order, and the partial that replaces each.
SEED_TABLE_FILES = [
    "ttft-llama4-scout", "ttft-llama4-maverick", "itl-llama4-scout", "itl-llama4-maverick",
    "output-throughput-llama4-scout", "output-throughput-llama4-maverick", "concurrency-llama4-scout",
    "cost-per-mtok-llama4-scout", "tradeoffs-gpu-vs-custom-silicon",
]

pytestmark = pytest.mark.skipif(SEED is None, reason="../shared/seed (the published zh page) is not beside this "
                                                    "checkout; place the shared folder beside it to compare")


def seed_tables() -> list[list[list[str]]]:
    """The seed's markdown tables (header row first, separator dropped), in order."""
    tables, current = [], []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            cells = [c.strip().replace("**", "") for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_the_seed_has_the_tables_this_test_expects():
    assert len(seed_tables()) == len(SEED_TABLE_FILES)


@pytest.mark.parametrize("index,name", list(enumerate(SEED_TABLE_FILES)), ids=SEED_TABLE_FILES)
def test_seed_figures_appear_in_the_same_row(index, name, zh_tables):
    seed = seed_tables()[index]
    _, rows = read_table(zh_tables / f"{name}.mdx")
    generated = {row[0]: row for row in rows}
    for seed_row in seed[1:]:
        key = seed_row[0]
        assert key in generated, f"{name}: row '{key}' of the seed is missing"
        for cell in seed_row[1:]:
            if re.search(r"\d", cell) and not re.fullmatch(r"[A-Za-z0-9]+/[A-Za-z0-9]+", cell):
                # An approximate figure (the trn2 price estimate) is the same figure marked with '~'.
                shown = generated[key]
                assert cell in shown or f"~{cell}" in shown, f"{name}, row {key}: seed figure '{cell}' not in {shown}"


def test_tradeoff_table_carries_the_seed_text_exactly(zh_tables):
    seed = seed_tables()[SEED_TABLE_FILES.index("tradeoffs-gpu-vs-custom-silicon")]
    header, rows = read_table(zh_tables / "tradeoffs-gpu-vs-custom-silicon.mdx")
    assert [header] + rows == seed
