"""``site-data ingest --out`` writes, byte for byte, the CSV committed in tests/ingest/expected/."""

import pytest

from tests.ingest.expected_csv import EXPECTED, written_csvs


@pytest.fixture(scope="module")
def written() -> dict[str, bytes]:
    return written_csvs()


def test_every_expected_file_is_written_and_nothing_else(written):
    assert sorted(written) == sorted(path.name for path in EXPECTED.glob("*.csv"))
    assert len(written) == 5


@pytest.mark.parametrize("name", ["fixtures.csv", "fixtures.observations.csv", "summaries.csv", "detailed.csv",
                                  "quoted.csv"])
def test_the_csv_is_the_committed_bytes(written, name):
    expected = (EXPECTED / name).read_bytes()
    assert len(written[name].splitlines()) == len(expected.splitlines())
    assert written[name] == expected
