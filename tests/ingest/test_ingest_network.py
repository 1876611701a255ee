"""Networking formats: each real published file's headline figure, read exactly (see SOURCES.md per folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.observations import read_observations

RAW = "tests/fixtures/raw"


def read_clean(path: str):
    observations, problems = read_observations(Path(path), path)
    assert [p.format() for p in problems] == []
    return observations


def one(observations, metric: str, statistic: str, **dimensions):
    """The single observation of ``metric``/``statistic`` whose dimensions include ``dimensions``."""
    found = [o for o in observations if o.metric == metric and o.statistic == statistic
             and all(o.dimension(k) == v for k, v in dimensions.items())
             and (dimensions or not any(k in ("code", "check", "expected_response", "gateway")
                                        for k, _ in o.dimensions))]
    assert len(found) == 1, f"{metric}/{statistic} {dimensions}: {found}"
    return found[0]


# --- iperf3: the headline is TCP throughput received, or the UDP sending rate ---------------------

IPERF3 = [
    # file, headline metric, value (bits/s, as written), version, dimensions
    ("3.1.3-udp-client.json", "udp_throughput", 834711189.017002, "3.1.3",
     {"protocol": "udp", "streams": 1.0, "reverse": "false"}),
    ("3.9-tcp-10s-client.json", "tcp_throughput", 87767054.788000956, "3.9",
     {"protocol": "tcp", "streams": 1.0, "reverse": "false", "duration": 10.0}),
    ("3.19.1-tcp-2streams-client.json", "tcp_throughput", 8379198.160465797, "3.19.1",
     {"protocol": "tcp", "streams": 2.0, "reverse": "false", "duration": 1.0, "target_bitrate": 4000000.0}),
    ("3.21-tcp-reverse-2streams-client.json", "tcp_throughput", 8380495.680181583, "3.21",
     {"protocol": "tcp", "streams": 2.0, "reverse": "true"}),
    ("3.21-udp-2streams-client.json", "udp_throughput", 8002902.731506332, "3.21",
     {"protocol": "udp", "streams": 2.0, "target_bitrate": 4000000.0}),
    ("3.22-udp-reverse-2streams-client.json", "udp_throughput", 8016773.532340893, "3.22",
     {"protocol": "udp", "streams": 2.0, "reverse": "true"}),
]


@pytest.mark.parametrize("name, metric, value, version, dims", IPERF3, ids=[row[0] for row in IPERF3])
def test_iperf3_headline(name, metric, value, version, dims):
    observations = read_clean(f"{RAW}/iperf3/{name}")
    headline = one(observations, metric, "mean")
    assert (headline.value, headline.unit, headline.tool, headline.tool_version) == (value, "bps", "iperf3", version)
    assert {k: headline.dimension(k) for k in dims} == dims
    assert {o.dimensions for o in observations} == {headline.dimensions}


def test_iperf3_tcp_sent_retransmits_and_rtt():
    observations = read_clean(f"{RAW}/iperf3/3.9-tcp-10s-client.json")
    assert one(observations, "tcp_throughput_sent", "mean").value == 87031921.1414975
    assert one(observations, "tcp_retransmits", "value").value == 0
    rtt = {o.statistic: (o.value, o.unit, o.where) for o in observations if o.metric == "tcp_rtt"}
    assert rtt == {"mean": (277053.0, "us", "end.streams[0].sender.mean_rtt"),
                   "min": (275734.0, "us", "end.streams[0].sender.min_rtt"),
                   "max": (286111.0, "us", "end.streams[0].sender.max_rtt")}


def test_iperf3_parallel_streams_rtt_is_the_mean_of_the_streams():
    observations = read_clean(f"{RAW}/iperf3/3.19.1-tcp-2streams-client.json")
    assert [(o.statistic, o.value, o.where) for o in observations if o.metric == "tcp_rtt"] == [
        ("mean", 19.5, "end.streams[*].sender.mean_rtt"), ("min", 19.0, "end.streams[*].sender.min_rtt"),
        ("max", 20.0, "end.streams[*].sender.max_rtt")]


def test_iperf3_reverse_mode_has_no_rtt_from_the_receiving_client():
    # The client received; its sender blocks say "sender": false and carry zero RTTs.
    observations = read_clean(f"{RAW}/iperf3/3.21-tcp-reverse-2streams-client.json")
    assert sorted(o.metric for o in observations) == ["tcp_retransmits", "tcp_throughput", "tcp_throughput_sent"]


def test_iperf3_udp_loss_and_jitter_come_from_the_receiver():
    new = read_clean(f"{RAW}/iperf3/3.22-udp-reverse-2streams-client.json")
    assert one(new, "udp_throughput_received", "mean").value == 8017061.829151953
    assert (one(new, "udp_jitter", "value").value, one(new, "udp_jitter", "value").where) == (
        0.015015323265549343, "end.sum_received.jitter_ms")
    old = read_clean(f"{RAW}/iperf3/3.1.3-udp-client.json")
    loss = one(old, "udp_loss", "value")
    assert (loss.value, loss.unit, loss.where) == (0.690276, "percent", "end.sum.lost_percent")
    assert one(old, "udp_lost_packets", "value").value == 69
    assert one(old, "udp_jitter", "value").value == 0.092
    assert not [o for o in old if o.metric == "udp_throughput_received"]  # 3.1 wrote no receiver rate


# --- fortio: the headline is the actual QPS (and the p99 latency) -----------------------------------

FORTIO = [
    # file, ActualQPS, p99 in seconds as written, protocol
    ("1.3.2-http-h1-baseline.json", 3999.9442574168197, 0.0007714007373473735, "http"),
    ("1.3.2-grpc-health-baseline.json", 3999.9346815466424, 0.0009910639613022606, "grpc"),
    ("1.3.2-http-h1-forward-proxy.json", 658.2976663654698, 0.007662704309063888, "http"),
    ("1.3.2-http-h1-proxy.json", 658.3265616718809, 0.007402124430955991, "http"),
    ("1.3.2-http-h1-via-h2-proxy.json", 630.5023110053502, 0.007979149389882714, "http"),
]


@pytest.mark.parametrize("name, qps, p99, protocol", FORTIO, ids=[row[0] for row in FORTIO])
def test_fortio_headline(name, qps, p99, protocol):
    observations = read_clean(f"{RAW}/fortio/{name}")
    actual = one(observations, "http_throughput", "mean")
    assert (actual.value, actual.unit, actual.tool, actual.tool_version) == (qps, "req/s", "fortio", "1.3.2-pre")
    assert dict(actual.dimensions) == {"protocol": protocol, "qps_level": 4000.0, "connections": 4.0}
    latency = one(observations, "http_latency", "p99")
    assert (latency.value, latency.unit) == (p99 * 1000, "ms")
    assert one(observations, "http_requested_rate", "value").value == 4000
    assert one(observations, "http_requests", "value").value == 100000
    assert one(observations, "http_errors", "value").value == 0


def test_fortio_statistics_and_return_codes():
    observations = read_clean(f"{RAW}/fortio/1.3.2-http-h1-forward-proxy.json")
    assert {o.statistic for o in observations if o.metric == "http_latency"} == {
        "mean", "min", "max", "median", "p75", "p90", "p99", "p99.9"}
    assert one(observations, "http_latency", "p99.9").value == 0.0155 * 1000
    assert one(observations, "http_latency", "median").where == "DurationHistogram.Percentiles[0].Value"
    code = one(observations, "http_responses", "value", code="200")
    assert (code.value, code.where) == (100000, "RetCodes.200")
    grpc = read_clean(f"{RAW}/fortio/1.3.2-grpc-health-baseline.json")
    assert one(grpc, "http_responses", "value", code="SERVING").value == 100000


# --- k6: the headline is http_req_duration p95 (p99 where the file has no p95) and http_reqs rate ---

K6 = [
    # file, latency statistic, value (ms), requests/s
    ("summary-export-qr-code-generator.json", "p99", 348.6492700000003, 4288.100370179589),
    ("summary-export-ticket-reserve.json", "p95", 4101.811365, 23.738350582489275),
    ("summary-export-api-gateway-benchmarks.json", "p95", 23.400920499999998, 1355.9762175963654),
    ("summary-export-api-performance-tracker.json", "p95", 8.377714999999998, 1602.4084558734573),
    ("summary-export-backend-systems-lab.json", "p99", 204.22331733000001, 9.896940324923172),
    ("handle-summary-spring-redis-demo.json", "p95", 20.951749999999915, 19.760755219177735),
    ("handle-summary-dineops.json", "p95", 68.81914135, 12.391809164834799),
]


@pytest.mark.parametrize("name, statistic, latency, rate", K6, ids=[row[0] for row in K6])
def test_k6_headline(name, statistic, latency, rate):
    observations = read_clean(f"{RAW}/k6/{name}")
    duration = one(observations, "http_latency", statistic)
    assert (duration.value, duration.unit, duration.tool, duration.tool_version) == (latency, "ms", "k6", None)
    assert one(observations, "http_throughput", "mean").value == rate


def test_k6_failed_requests_checks_and_tags():
    export = read_clean(f"{RAW}/k6/summary-export-ticket-reserve.json")
    # In a rate metric `passes` counts true samples: for http_req_failed, the failed requests.
    assert one(export, "http_errors", "value").value == 1
    assert one(export, "http_failed_rate", "value").value == 0.01
    assert one(export, "checks_rate", "value").value == 0.99
    assert one(export, "checks_failed", "value", check="::status was 200").value == 1
    assert one(export, "http_latency", "p95", expected_response="true").value == 4102.77963
    gateway = read_clean(f"{RAW}/k6/summary-export-api-gateway-benchmarks.json")
    ocelot = one(gateway, "http_errors", "value", gateway="ocelot")
    assert (ocelot.value, ocelot.where) == (0, "metrics.http_req_failed{gateway:ocelot}.passes")
    summary = read_clean(f"{RAW}/k6/handle-summary-dineops.json")
    assert one(summary, "http_failed_rate", "value").where == "metrics.http_req_failed.values.rate"
    assert one(summary, "checks_passed", "value").value == 2848
    assert one(summary, "checks_passed", "value", check="::Place Order status 201").value == 356
    # Custom metrics (order_placement_duration) are not read; a negative minimum is kept as written.
    assert one(summary, "http_latency", "min").value == -401.453365
    assert not [o for o in summary if "order" in o.metric]


# --- shapes and problems ------------------------------------------------------------------------------


def test_a_json_list_of_fortio_results_is_read_item_by_item(tmp_path):
    names = [row[0] for row in FORTIO[:2]]
    path = tmp_path / "reports.json"
    path.write_text("[" + ",".join(Path(RAW, "fortio", n).read_text() for n in names) + "]")
    observations, problems = read_observations(path, "reports.json")
    assert problems == []
    assert [(o.run, o.where) for o in observations if o.metric == "http_throughput"] == [
        (0, "[0].ActualQPS"), (1, "[1].ActualQPS")]


def test_fortio_max_qps_is_a_dimension_not_a_rate(tmp_path):
    text = Path(RAW, "fortio", FORTIO[0][0]).read_text().replace('"RequestedQPS": "4000"', '"RequestedQPS": "max"')
    path = tmp_path / "max.json"
    path.write_text(text)
    observations, problems = read_observations(path, "max.json")
    assert problems == []
    assert {o.dimension("qps_level") for o in observations} == {"max"}
    assert not [o for o in observations if o.metric == "http_requested_rate"]


def test_iperf3_nan_and_error_are_reported_with_the_json_path(tmp_path):
    text = Path(RAW, "iperf3", IPERF3[1][0]).read_text()
    text = text.replace('"bits_per_second":\t87767054.788000956', '"bits_per_second":\tNaN')
    text = text.replace('{\n\t"start"', '{\n\t"error": "interrupted by signal",\n\t"start"', 1)
    path = tmp_path / "tcp.json"
    path.write_text(text)
    observations, problems = read_observations(path, "tcp.json")
    assert [p.format() for p in problems] == [
        "tcp.json: warning[E113] error: iperf3 reported an error: interrupted by signal\n"
        "  hint: the test did not complete; re-run it, or leave this file out",
        "tcp.json: warning[E075] end.sum_received.bits_per_second: NaN/Infinity treated as missing (got NaN)\n"
        "  hint: the tool wrote NaN for a figure it could not compute",
    ]
    assert "tcp_throughput" not in {o.metric for o in observations}
    assert "tcp_throughput_sent" in {o.metric for o in observations}


def test_iperf3_wrong_type_and_empty_result(tmp_path):
    path = tmp_path / "udp.json"
    path.write_text(Path(RAW, "iperf3", IPERF3[0][0]).read_text().replace(
        '"lost_percent":\t0.690276\n\t\t}', '"lost_percent":\t"0.69 %"\n\t\t}'))
    assert [p.format() for p in read_observations(path, "udp.json")[1]] == [
        "udp.json: warning[E074] end.sum.lost_percent: not a number, ignored (got '0.69 %')\n"
        "  hint: this field should hold a number; check the file was not edited by hand"]
    path.write_text('{"start": {"version": "iperf 3.16", "test_start": {"protocol": "TCP"}}, "end": {}}')
    assert [p.format() for p in read_observations(path, "udp.json")[1]] == [
        "udp.json: warning[E077] no metrics found; result excluded\n"
        "  hint: the file has none of the fields the reader takes; check it is complete"]
