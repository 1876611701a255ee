"""The benchmark corpus generator: deterministic, realistic enough to ingest cleanly."""

from pathlib import Path

from bench.raw_corpus import generate_corpus, measure_ingest
from pipeline.ingest import ingest


def test_generate_corpus_is_deterministic_and_sized(tmp_path):
    first = generate_corpus(tmp_path / "a", files=12, target_mb=0.6, seed=3)
    second = generate_corpus(tmp_path / "b", files=12, target_mb=0.6, seed=3)
    assert first == second
    assert first[0] == 12
    assert 0.6e6 * 0.7 < first[1] < 0.6e6 * 1.3
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert sum(p.stat().st_size for p in (tmp_path / "a").iterdir()) == first[1]


def test_generated_files_ingest_without_problems(tmp_path):
    generate_corpus(tmp_path, files=30, target_mb=0.5, seed=0)
    result = ingest([tmp_path])
    assert result.problems == []
    table = result.table
    assert set(table.tool) == {"vllm"}
    assert table.file.nunique() == 30
    # Some files are --append-result JSON Lines with several runs.
    assert table.groupby("file").run.nunique().max() > 1
    assert {"ttft", "tpot", "itl", "output_throughput"} <= set(table.metric)


def test_measure_ingest_reports_speed_and_memory(tmp_path):
    generate_corpus(tmp_path, files=5, target_mb=0.2, seed=1)
    figures = measure_ingest(Path(tmp_path))
    assert figures["files"] == 5 and figures["problems"] == 0
    assert figures["seconds"] > 0 and figures["mb_per_s"] > 0 and figures["files_per_s"] > 0
    assert figures["peak_rss_mb"] >= figures["baseline_rss_mb"] > 0
