"""Golden files: the consistent demo report, rendered in every locale, byte for byte.

After an intended change of output, run `make goldens` and review the diff.
"""

from __future__ import annotations

import pytest

from tests.project import GOLDEN_OUTPUT
from tests.regenerate_goldens import golden_outputs


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return golden_outputs()


def test_golden_file_set_is_unchanged(outputs):
    expected = sorted(p.relative_to(GOLDEN_OUTPUT).as_posix() for p in GOLDEN_OUTPUT.rglob("*") if p.is_file())
    assert sorted(outputs) == expected, "output files differ from tests/golden; run `make goldens` and review"


@pytest.mark.parametrize("locale", ["zh", "en", "ko"])
def test_golden_files_match_per_locale(outputs, locale):
    mismatched = [path for path, data in sorted(outputs.items())
                  if f"/{locale}/" in path and (GOLDEN_OUTPUT / path).read_bytes() != data]
    assert not mismatched, f"{len(mismatched)} {locale} file(s) differ from tests/golden, first: {mismatched[:3]}; " \
                           "run `make goldens` and review the diff"
