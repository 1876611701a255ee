"""Every figure of the CNI page's five data tables appears in the generated ko tables, with its meaning.

The page (../shared/reports/cni-performance-comparison/page.ko.md) is read at run time, not copied.
Each of its table cells is held against the generated cell that means the same thing (the same
metric, statistic, scenario and coordinates; the maps below say which); a figure is *exact* when the
generated cell prints the same number, *rounded* when the page rounds a figure the table prints
more precisely, and a *contradiction* when neither: each contradiction must be one FACTS.md lists
and one the lint reports. Cells the page leaves empty ("-") must read "not measured"; "N/A" ones
"does not apply" (or "not measured" where a figure could have been taken).

The report is the frozen copy in tests/fixtures/cni-page/, so an editor's correction of the shipped
report never breaks this test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.load.project import ProjectPaths
from pipeline.render.tables import read_table
from tests.project import ROOT, make_project

PAGES = ROOT.parent / "shared" / "reports" / "cni-performance-comparison"
PAGE = PAGES / "page.ko.md"
REPORT = ROOT / "tests" / "fixtures" / "cni-page" / "cni-performance-comparison.yaml"

pytestmark = pytest.mark.skipif(not PAGE.is_file(), reason="../shared/reports is not beside this checkout")


@dataclass(frozen=True)
class TableMap:
    """Which generated table (and which of its rows and columns) holds each cell of a page table."""

    table: str
    rows: dict[int, int]
    """Page row -> generated row (body rows, from 0)."""
    columns: dict[int, int]
    """Page column -> generated column (0 is the row heading in both)."""


TABLES = [
    # ko shows the one iperf3 mean RTT twice, as "RTT p50" and "RTT p99" (FACTS I-1): both are the mean row.
    TableMap("network-detail", {0: 0, 1: 1, 2: 2, 3: 4, 4: 4}, {c: c for c in range(1, 6)}),
    TableMap("http-detail", {r: r for r in range(7)}, {c + 2: c + 1 for c in range(5)}),
    TableMap("service-scaling", {r: r for r in range(4)}, {1: 1, 2: 2, 3: 3}),
    TableMap("kube-proxy-scaling", {r: r for r in range(9)}, {c: c for c in range(1, 8)}),
    # The key conclusions' third column interprets; only the results column holds figures.
    TableMap("key-conclusion", {r: r for r in range(4)}, {1: 1}),
]

EN_TABLES = [TableMap("network-detail", {0: 0, 1: 1, 2: 2, 3: 4}, TABLES[0].columns), *TABLES[1:4], None, TABLES[4]]
"""en shows one RTT row, and a table of the tunings (no figures; the matrix component holds them)."""
LOCALE_TABLES = {"ko": TABLES, "zh": TABLES, "en": EN_TABLES}
ABSENT = {"ko": ("미측정", "해당 없음"), "zh": ("未测量", "不适用"), "en": ("not measured", "n/a")}
"""'not measured' and 'does not apply' as each locale's tables print them."""

KNOWN_CONTRADICTIONS = {
    # (table, page row, page column): why the generated figure differs
    ("kube-proxy-scaling", 4, 4): "I-17: '+101x' for 99 -> 10,059 rules, a ratio of 101.6 (truncated)",
}

NUMBER = re.compile(r"(~)?((?<![\d.])[+-]?\d[\d,]*(?:\.\d+)?)")
"""A number; a hyphen right after a digit is a range (12.34-12.41), not a sign."""


def page_tables(text: str) -> list[list[list[str]]]:
    """The page's tables in order: body rows of cells (the header and rule lines dropped)."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith("|"):
            if current is None:
                current = []
                tables.append(current)
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        else:
            current = None
    return [rows[2:] for rows in tables]


def generated_rows(mdx: str) -> list[list[str]]:
    """Body rows of a generated MDX table, each cell's text."""
    return read_table(mdx)[1]


def numbers(cell: str) -> list[tuple[bool, Decimal]]:
    """(approximate, value) of each number in a cell, signs kept, thousands separators dropped."""
    return [(bool(m.group(1)), Decimal(m.group(2).replace(",", ""))) for m in NUMBER.finditer(cell.replace("**", ""))]


def reproduces(page: Decimal, shown: Decimal, approximate: bool) -> str | None:
    """'exact' or 'rounded' when the shown figure is the page's (to the page's precision), else None.

    An approximate page figure ("~0%") may be off by one in its last digit.
    """
    if page == shown:
        return "exact"
    step = Decimal(1).scaleb(page.as_tuple().exponent)
    if shown.quantize(step, rounding="ROUND_HALF_UP") == page or (approximate and abs(shown - page) <= step):
        return "rounded"
    return None


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("cni") / "project", [REPORT])
    return build(ProjectPaths(root), charts=False)


def compare(result, locale: str) -> list[tuple]:
    """(outcome, table, page row, page column, page cell, generated cell) for every cell of one page."""
    page = page_tables((PAGES / f"page.{locale}.md").read_text(encoding="utf-8"))
    maps = LOCALE_TABLES[locale]
    assert len(page) == len(maps)
    outcomes = []
    for mapping, page_rows in zip(maps, page):
        if mapping is None:
            continue
        mdx = result.outputs[f"cni-performance-comparison/{locale}/tables/{mapping.table}.mdx"].decode()
        ours = generated_rows(mdx)
        assert sorted(mapping.rows) == list(range(len(page_rows))), mapping.table
        for r, page_row in enumerate(page_rows):
            for c, g in mapping.columns.items():
                cell, shown = page_row[c], ours[mapping.rows[r]][g]
                outcomes.extend((outcome, mapping.table, r, c, cell, shown)
                                for outcome in classify(cell, shown, ABSENT[locale]))
    return outcomes


@pytest.fixture(scope="module")
def compared(built):
    """The ko page's cells against the generated ko tables, and the build."""
    return compare(built, "ko"), built


def classify(cell: str, shown: str, absent: tuple[str, str]) -> list[str]:
    """The outcome of each figure of a page cell against the generated cell (``absent``: the locale's
    'not measured' and 'does not apply')."""
    if cell == "-" or cell.startswith("N/A"):  # the page writes both for either
        return ["absent" if shown in absent else "wrong"]
    found = numbers(cell)
    if not found:  # "동일", "~동일": the same figure on both sides
        return ["qualitative" if all(abs(v) < 1 for _, v in numbers(shown)) and numbers(shown) else "wrong"]
    ours = numbers(shown)
    outcomes = []
    for approximate, value in found:
        matches = [reproduces(value, v, approximate) for _, v in ours]
        outcomes.append("exact" if "exact" in matches else "rounded" if "rounded" in matches else "differs")
    return outcomes


def test_every_page_figure_is_in_the_generated_ko_tables(compared):
    outcomes, _ = compared
    unexplained = [(t, r, c, cell, shown) for outcome, t, r, c, cell, shown in outcomes
                   if outcome == "wrong" or (outcome == "differs" and (t, r, c) not in KNOWN_CONTRADICTIONS)]
    assert unexplained == []


def test_the_tally_of_figures_reproduced(compared):
    outcomes, _ = compared
    tally = {}
    for outcome, *_ in outcomes:
        tally[outcome] = tally.get(outcome, 0) + 1
    # 116 of the page's 117 table figures are reproduced (109 exactly, 7 as the page rounded them:
    # -8 % for -7.6 %, 12.4 for 12.34-12.41 Gbps...); the one that differs is FACTS I-17; 23 empty
    # cells read "not measured" / "does not apply", and the 2 change cells the page puts in words
    # ("동일", "~동일") are changes under 1 %.
    assert tally == {"exact": 109, "rounded": 7, "differs": 1, "absent": 23, "qualitative": 2}


def test_each_contradiction_is_one_the_lint_reports(compared):
    outcomes, result = compared
    differing = {(t, r, c) for outcome, t, r, c, *_ in outcomes if outcome == "differs"}
    assert differing == set(KNOWN_CONTRADICTIONS)
    waived = {(w.finding.code, w.finding.path) for w in result.waived}
    assert ("L071", "comparisons.nat-rules-growth.stated") in waived


def test_approximate_page_figures_stay_approximate(compared):
    outcomes, _ = compared
    for outcome, table, r, c, cell, shown in outcomes:
        if outcome == "exact" and cell.lstrip("*").startswith("~") and numbers(cell):
            assert shown.startswith("~"), (table, r, c, cell, shown)


@pytest.mark.parametrize("locale", ["zh", "en"])
def test_the_zh_and_en_pages_figures_are_in_their_tables_too(built, locale):
    outcomes = compare(built, locale)
    unexplained = [(t, r, c, cell, shown) for outcome, t, r, c, cell, shown in outcomes
                   if outcome == "wrong" or (outcome == "differs" and (t, r, c) not in KNOWN_CONTRADICTIONS)]
    assert unexplained == []
    figures = sum(outcome in ("exact", "rounded", "differs") for outcome, *_ in outcomes)
    # en shows the RTT mean once (5 figures fewer than ko and zh).
    assert figures == {"zh": 117, "en": 112}[locale]
