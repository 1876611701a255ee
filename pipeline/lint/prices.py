"""L053, L054: the date a price was read (``as_of``), against today.

Cloud prices change; a cost per token computed from a price read long ago may no longer hold,
and the page says when the price was read. A price read after today is a typo in its date.
Every mapping of a report that has both ``hourly`` and ``as_of`` is a price (either report model).
"""

from __future__ import annotations

import datetime
import os

from pipeline.lint.base import LintFinding, finding
from pipeline.lint.registry import PRICE_MAX_AGE_DAYS
from pipeline.load.yaml_source import FieldPath

TODAY_VARIABLE = "SITE_DATA_TODAY"
"""Environment variable that sets 'today' (YYYY-MM-DD), so that tests and rebuilds of old revisions
see the dates as they were; unset, today is the UTC date."""


def today() -> datetime.date:
    """The date the prices are judged against."""
    pinned = os.environ.get(TODAY_VARIABLE)
    if pinned:
        return datetime.date.fromisoformat(pinned)
    return datetime.datetime.now(datetime.timezone.utc).date()


def price_dates(derived) -> list[LintFinding]:
    """L053 (a price older than PRICE_MAX_AGE_DAYS) and L054 (a price dated after today)."""
    now = today()
    found = []
    by_place: dict = {}
    for path, as_of in _price_dates(derived.document.data, ()):
        # A date shared through an anchor is one date: reported once, where it is typed.
        by_place.setdefault(derived.document.locate(path + ("as_of",)), []).append((path, as_of))
    for place in by_place.values():
        path, as_of = place[0]
        shared = f" (shared by {len(place)} prices)" if len(place) > 1 else ""
        age = (now - as_of).days
        if age < 0:
            found.append(finding(
                derived, "L054", path + ("as_of",),
                f"the price is dated {as_of.isoformat()}, after today{shared}",
                f"write the date the price was read (YYYY-MM-DD; today is {now.isoformat()})"))
        elif age > PRICE_MAX_AGE_DAYS:
            found.append(finding(
                derived, "L053", path + ("as_of",),
                # The age stays out of the message: waivers fingerprint a finding's figures, and one
                # that changed every day would make its waiver stale the next morning.
                f"the price was read on {as_of.isoformat()}, more than {PRICE_MAX_AGE_DAYS} days ago{shared}",
                f"check the price at its source and update hourly and as_of (the page shows the date; it is "
                f"{age} days old)"))
    return found


def _price_dates(data: object, path: FieldPath):
    if isinstance(data, dict):
        if "hourly" in data and isinstance(data.get("as_of"), datetime.date):
            yield path, data["as_of"]
        for key, value in data.items():
            yield from _price_dates(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _price_dates(value, path + (i,))
