"""Declared field maps: the five CNI files through data/formats/cni-bench-v1.yaml, map errors, placeholders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.ingest import ingest
from pipeline.ingest.field_map import load_field_maps
from pipeline.ingest.observations import read_observations

CNI = "data/raw/cni-performance-comparison"
CNI_MAP = Path("data/formats/cni-bench-v1.yaml")
FILES = {"A": "scenario-a-vpccni.json", "B": "scenario-b-cilium-kp.json", "C": "scenario-c-kpless.json",
         "D": "scenario-d-eni.json", "E": "scenario-e-eni-tuned.json"}

# FACTS.md §2: field -> (metric, statistic, unit, dimensions), then A..E as the files write them.
EXPECTED = [
    ("network.tcp_throughput_gbps", "tcp_throughput", "mean", "Gbps", {}, [12.41, 12.34, 12.34, 12.41, 12.40]),
    ("network.udp_throughput_gbps", "udp_throughput", "mean", "Gbps", {}, [10.00, 7.92, 7.92, 10.00, 7.96]),
    ("network.udp_loss_percent", "udp_loss", "value", "percent", {}, [20.39, 0.94, 0.69, 20.42, 0.03]),
    ("network.mean_rtt_us", "tcp_rtt", "mean", "us", {}, [4894, 4955, 5092, 4453, 3135]),
    ("http.qps_1000.actual_qps", "http_throughput", "mean", "req/s", {"qps_level": 1000.0},
     [999.6, 999.6, 999.7, 999.7, 999.7]),
    ("http.qps_1000.p50_ms", "http_latency", "median", "ms", {"qps_level": 1000.0}, [4.39, 4.36, 4.45, 4.29, 4.21]),
    ("http.qps_1000.p99_ms", "http_latency", "p99", "ms", {"qps_level": 1000.0}, [10.92, 9.87, 8.91, 8.75, 9.89]),
    ("http.qps_5000.actual_qps", "http_throughput", "mean", "req/s", {"qps_level": 5000.0},
     [4071.1, 4012.0, 3986.5, 3992.6, 4053.2]),
    ("http.qps_5000.p99_ms", "http_latency", "p99", "ms", {"qps_level": 5000.0},
     [440.45, 21.60, 358.38, 23.01, 24.44]),
    ("http.qps_max.actual_qps", "http_throughput", "mean", "req/s", {"qps_level": "max"},
     [4103.9, 4044.7, 4019.3, 4026.4, 4181.9]),
    ("http.qps_max.p99_ms", "http_latency", "p99", "ms", {"qps_level": "max"}, [28.07, 25.25, 28.50, 26.67, 28.45]),
    ("dns.p50_ms", "dns_latency", "median", "ms", {}, [2, 2, 2, 2, 2]),
    ("dns.p99_ms", "dns_latency", "p99", "ms", {}, [4, 4, 2, 4, 3]),
]


@pytest.fixture(scope="module")
def cni_map():
    maps, problems = load_field_maps([CNI_MAP])
    assert problems == []
    return maps


@pytest.mark.parametrize("scenario", list(FILES))
def test_every_cni_field_of_each_scenario(scenario, cni_map):
    path = f"{CNI}/{FILES[scenario]}"
    observations, problems = read_observations(Path(path), path, cni_map)
    assert problems == []
    got = {o.where: (o.metric, o.statistic, o.unit, dict(o.dimensions), o.value) for o in observations}
    index = list(FILES).index(scenario)
    assert got == {where: (metric, statistic, unit, dims, float(values[index]))
                   for where, metric, statistic, unit, dims, values in EXPECTED}
    assert {(o.tool, o.tool_version, o.file, o.run) for o in observations} == {("cni-bench-v1", None, path, 0)}


def _map(tmp_path, **changes) -> list:
    text = CNI_MAP.read_text(encoding="utf-8")
    for old, new in changes.items():
        text = text.replace(old, new)
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    maps, problems = load_field_maps([path], ["map.yaml"])
    assert problems == []
    return maps


def _scenario(tmp_path, edit) -> Path:
    data = json.loads(Path(CNI, FILES["A"]).read_text())
    edit(data)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    return path


def _read(path: Path, maps) -> tuple[list, list[str]]:
    observations, problems = read_observations(path, "a.json", maps)
    return observations, [p.format() for p in problems]


def test_na_text_and_declared_zero_are_not_measured(tmp_path, cni_map):
    def edit(data):
        data["http"]["qps_1000"]["p50_ms"] = "N/A"
        data["network"]["tcp_throughput_gbps"] = 0
        data["network"]["udp_loss_percent"] = 0  # a real 0 % loss: no placeholder declared
    observations, problems = _read(_scenario(tmp_path, edit), cni_map)
    assert problems == [
        "a.json: warning[E111] network.tcp_throughput_gbps: not measured: 0 is this script's placeholder for "
        "an empty value\n  hint: field map cni-bench-v1 declares zero_is_missing for this field; re-run the "
        "measurement if it matters",
        "a.json: warning[E111] http.qps_1000.p50_ms: not measured: the file says 'N/A'\n"
        "  hint: the script could not measure this figure; re-run it if it matters",
    ]
    assert len(observations) == 11
    assert [o.value for o in observations if o.metric == "udp_loss"] == [0.0]


def test_nan_and_wrong_types_name_the_file_and_json_path(tmp_path, cni_map):
    def edit(data):
        data["network"]["mean_rtt_us"] = float("nan")
        data["dns"]["p99_ms"] = {"value": 4}
        data["http"]["qps_max"]["p99_ms"] = True
    observations, problems = _read(_scenario(tmp_path, edit), cni_map)
    assert problems == [
        "a.json: warning[E075] network.mean_rtt_us: NaN/Infinity treated as missing (got NaN)\n"
        "  hint: the tool wrote NaN for a figure it could not compute",
        "a.json: warning[E074] http.qps_max.p99_ms: not a number, ignored (got true)\n"
        "  hint: this field should hold a number; check the file was not edited by hand",
        "a.json: warning[E074] dns.p99_ms: not a number, ignored (got a JSON object)\n"
        "  hint: this field should hold a number; check the file was not edited by hand",
    ]
    assert len(observations) == 10


def test_a_map_path_that_matches_nothing_is_reported(tmp_path):
    maps = _map(tmp_path, **{"path: dns.p99_ms": "path: dns.p999_ms"})
    observations, problems = _read(Path(CNI, FILES["A"]), maps)
    assert problems == [
        "a.json: warning[E112] dns.p999_ms: no value at dns.p999_ms (field map cni-bench-v1)\n"
        "  hint: the script may have changed; update the field map, or mark the field optional: true"]
    assert len(observations) == 12


def test_unquoted_na_as_the_script_writes_it_is_invalid_json(tmp_path, cni_map):
    path = tmp_path / "a.json"
    path.write_text(Path(CNI, FILES["A"]).read_text().replace('"p50_ms": 4.39', '"p50_ms": N/A'))
    assert _read(path, cni_map)[1] == [
        "a.json:14:17: error[E071] not valid JSON: Expecting value\n"
        "  hint: the file looks truncated or damaged; copy it again from the benchmark run, "
        "or leave it out of the inputs"]


def test_a_file_no_map_recognises_is_refused(tmp_path, cni_map):
    path = _scenario(tmp_path, lambda data: data.pop("dns"))
    assert _read(path, cni_map)[1] == [
        "a.json: error[E072] unrecognised benchmark format: a JSON object with keys scenario, timestamp, "
        "cluster, network, http\n  hint: supported: iperf3, fortio, k6, field maps cni-bench-v1; for a "
        "script's own JSON, declare a field map (data/formats/*.yaml, --map)"]


def test_map_files_are_validated_with_line_numbers(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(CNI_MAP.read_text().replace("unit: Gbps", "unit: ms", 1), encoding="utf-8")
    twin = tmp_path / "twin.yaml"
    twin.write_text(CNI_MAP.read_text(), encoding="utf-8")
    maps, problems = load_field_maps([CNI_MAP, twin, bad], ["cni.yaml", "twin.yaml", "bad.yaml"])
    assert [m.id for m in maps] == ["cni-bench-v1"]
    assert [(p.code, p.location.file, p.location.line) for p in problems] == [
        ("E110", "twin.yaml", 4), ("E029", "bad.yaml", 16)]
    assert "tcp_throughput is a bitrate (e.g. bps); 'ms' is a time unit" in problems[1].message


def test_captures_with_number_kind_refuse_text(tmp_path):
    maps = _map(tmp_path, **{"qps_level: auto": "qps_level: number"})
    observations, problems = _read(Path(CNI, FILES["A"]), maps)
    assert len(observations) == 11  # the two qps_max figures are left out
    assert problems[0] == ("a.json: warning[E074] http.qps_max.actual_qps: captured qps_level is not a number, "
                           "ignored (got 'max')\n  hint: field map cni-bench-v1 types qps_level as a number")


def test_the_llm_ingest_does_not_read_networking_files():
    # ingest() (the build's reader) is unchanged: a CNI file is no LLM format.
    result = ingest([f"{CNI}/{FILES['A']}"])
    assert result.table.empty and [p.code for p in result.problems] == ["E072"]


def test_vllm_nightly_files_trimmed_to_latency_statistics_are_read(tmp_path):
    path = tmp_path / "serving_llama8B_tp1_qps_1.json"
    path.write_text(json.dumps({"mean_ttft_ms": 31.2, "median_ttft_ms": 30.4, "p99_ttft_ms": 45.0,
                                "mean_itl_ms": 11.5, "median_itl_ms": 11.2, "p99_itl_ms": 14.9}))
    result = ingest([path])
    assert result.problems == []
    table = result.table
    assert sorted(zip(table.metric, table.statistic, table.value)) == [
        ("itl", "mean", 11.5), ("itl", "median", 11.2), ("itl", "p99", 14.9),
        ("ttft", "mean", 31.2), ("ttft", "median", 30.4), ("ttft", "p99", 45.0)]
    # Not measured, so absent: no throughput rows, no request counts.
    assert table.completed.isna().all() and table.failed.isna().all()


def test_cli_prints_and_exports_networking_figures(tmp_path, capsys):
    assert main(["ingest", f"{CNI}/{FILES['E']}", "tests/fixtures/raw/cli/vllm-c4.json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("1 run(s) from 1 file(s) under tests/fixtures/raw/cli/\n")
    assert ("13 networking figure(s) from 1 file(s)\n\n"
            f"{CNI}/{FILES['E']}: cni-bench-v1, 13 figure(s)\n") in out
    assert "  http_latency     p99        qps_level=max     28.45  ms\n" in out
    target = tmp_path / "runs.csv"
    assert main(["ingest", CNI, "tests/fixtures/raw/cli/vllm-c4.json", "--out", str(target)]) == 0
    assert capsys.readouterr().out == (
        f"wrote 9 rows (1 run(s) from 1 file(s)) to {target}\n"
        f"wrote 65 networking figure(s) from 5 file(s) to {tmp_path / 'runs.observations.csv'}\n")
    lines = (tmp_path / "runs.observations.csv").read_text().splitlines()
    assert lines[0] == "tool,tool_version,file,run,metric,statistic,dimensions,value,unit,where"
    assert f"cni-bench-v1,,{CNI}/{FILES['A']},0,http_latency,p99,qps_level=max,28.07,ms,http.qps_max.p99_ms" in lines


def test_cli_map_option_reads_a_map_outside_the_project(tmp_path, capsys, monkeypatch):
    copy = tmp_path / "other.yaml"
    copy.write_text(CNI_MAP.read_text().replace("id: cni-bench-v1", "id: other-bench"), encoding="utf-8")
    path = Path(CNI, FILES["A"]).resolve()
    monkeypatch.chdir(tmp_path)  # no data/ here: only --map applies
    assert main(["ingest", str(path), "--map", "other.yaml"]) == 0
    assert f"{path.as_posix()}: other-bench, 13 figure(s)" in capsys.readouterr().out
