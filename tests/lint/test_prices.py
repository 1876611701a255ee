"""L053 and L054: a price's date (as_of) against today, which the suite pins (tests/conftest.py)."""

from __future__ import annotations

import pytest

from pipeline.lint.prices import TODAY_VARIABLE
from tests.lint.helpers import demo_text, lint, messages

DEMO = "data/reports/consistent-demo.yaml"


@pytest.fixture
def today(monkeypatch):
    def set_today(day: str) -> None:
        monkeypatch.setenv(TODAY_VARIABLE, day)
    return set_today


def test_a_price_read_more_than_a_year_ago_is_warned_about(today):
    today("2027-02-11")  # the demo's prices were read on 2026-02-10: 366 days
    assert messages(lint(demo_text()), "L053") == [
        f"{DEMO}:{line}:115: warning[L053] scenarios.{sid}.price.as_of: the price was read on 2026-02-10, more than "
        "365 days ago\n"
        "  hint: check the price at its source and update hourly and as_of (the page shows the date; it is 366 days old)"
        for line, sid in ((26, "A"), (32, "D"), (38, "E"))]


def test_a_price_read_a_year_ago_is_fine(today):
    today("2027-02-10")
    assert messages(lint(demo_text()), "L053") == []


def test_a_price_dated_after_today_is_an_error(today):
    today("2026-02-09")
    found = messages(lint(demo_text()), "L054")
    assert found[0] == (f"{DEMO}:26:115: error[L054] scenarios.A.price.as_of: the price is dated 2026-02-10, after "
                        "today\n  hint: write the date the price was read (YYYY-MM-DD; today is 2026-02-09)")
    assert len(found) == 3


def test_a_date_shared_through_an_anchor_is_reported_once(today):
    today("2028-01-01")
    text = demo_text().replace("    price: {hourly: 98.32,", "    price: &p {hourly: 98.32,", 1)
    text = text.replace("    price: {hourly: 45.00, pricing_model: on-demand, region: us-east-1, source: "
                        "aws-ec2-on-demand-pricing, as_of: 2026-02-10}", "    price: {<<: *p, hourly: 45.00}")
    found = messages(lint(text), "L053")
    assert found[0].startswith(f"{DEMO}:26:118: warning[L053] scenarios.A.price.as_of: the price was read on "
                               "2026-02-10, more than 365 days ago (shared by 2 prices)")
    assert len(found) == 2  # A's (shared with D) and E's own


def test_a_waiver_of_an_old_price_does_not_go_stale_as_days_pass(today):
    # The fingerprint a waiver accepts covers the finding's figures: the age must not be one of them.
    from pipeline.lint.waivers import fingerprint

    prints = []
    for day in ("2027-02-11", "2027-08-01"):
        today(day)
        found = [f for f in lint(demo_text()).active if f.code == "L053"]
        assert found
        prints.append(fingerprint(found))
    assert prints[0] == prints[1]
