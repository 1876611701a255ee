"""Property tests of the bounds the rules use, and of the rules at the edge of their tolerance."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lint import formulas as f
from pipeline.lint.registry import LATENCY_MARGIN
from tests.lint.helpers import codes, edited, lint

positive = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False, allow_infinity=False)
tokens = st.integers(min_value=1, max_value=8192)
concurrency = st.integers(min_value=1, max_value=1024)


def test_the_shipped_examples():
    # Llama 4 Scout on p5/H100 at concurrency 1: 128 output tokens, TTFT 120 ms, ITL 8 ms.
    assert f.littles_law_throughput(1, 128, 120, 8) == pytest.approx(112.68, abs=0.01)
    # 8 x 3.35 TB/s over 17B active parameters in BF16 (34 GB).
    assert f.decode_rate_bound(3.35, 8, 17, 2) == pytest.approx(788.2, abs=0.1)
    assert f.weights_bytes(109, 2) == 218e9
    assert f.chips_needed(218e9, 80) == 3 and f.chips_needed(800e9, 80) == 10
    assert f.scaling_efficiency(14800, 4, 4200, 1) == pytest.approx(0.881, abs=1e-3)


@given(concurrency, tokens, positive, positive)
def test_littles_law_is_requests_times_tokens_over_latency(c, n, ttft, itl):
    bound = f.littles_law_throughput(c, n, ttft, itl)
    assert bound * f.request_latency_s(ttft, itl, n) == pytest.approx(c * n, rel=1e-9)


@given(concurrency, tokens, positive, positive, st.floats(min_value=1.001, max_value=100))
def test_slower_latencies_allow_less_and_more_requests_allow_more(c, n, ttft, itl, factor):
    bound = f.littles_law_throughput(c, n, ttft, itl)
    assert f.littles_law_throughput(c, n, ttft * factor, itl) < bound
    if n > 1:
        assert f.littles_law_throughput(c, n, ttft, itl * factor) < bound
    assert f.littles_law_throughput(2 * c, n, ttft, itl) == pytest.approx(2 * bound)


@given(positive, st.integers(min_value=1, max_value=64), positive, st.sampled_from([0.5, 1.0, 2.0]))
def test_decode_bound_grows_with_bandwidth_and_falls_with_active_weights(bandwidth, count, active, width):
    bound = f.decode_rate_bound(bandwidth, count, active, width)
    assert f.decode_rate_bound(bandwidth, 2 * count, active, width) == pytest.approx(2 * bound)
    assert f.decode_rate_bound(bandwidth, count, 2 * active, width) == pytest.approx(bound / 2)
    # The step time of the bound is the time to read the active weights once.
    assert f.weights_bytes(active, width) / (bandwidth * 1e12 * count) == pytest.approx(1 / bound)


@given(st.floats(min_value=1e9, max_value=1e13), st.floats(min_value=1, max_value=200))
def test_chips_needed_is_the_fewest_that_hold_the_weights(weights, memory_gb):
    n = f.chips_needed(weights, memory_gb)
    assert f.memory_bytes(memory_gb, n) >= weights
    assert n == 1 or f.memory_bytes(memory_gb, n - 1) < weights


@given(positive, st.integers(min_value=1, max_value=64), st.integers(min_value=1, max_value=64))
def test_linear_scaling_has_efficiency_one(per_request, low, high):
    assert f.scaling_efficiency(per_request * high, high, per_request * low, low) == pytest.approx(1.0)


@given(positive)
def test_per_stream_rate_inverts_itl(itl):
    assert f.per_stream_rate(itl) * itl == pytest.approx(1000)


# The demo's scenario A at concurrency 1: TTFT 100 ms, ITL 10 ms, 128 output tokens.
LENIENT_BOUND = f.littles_law_throughput(1, 128, 99.5, 9.5) * (1 + LATENCY_MARGIN)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_latency_rule_fires_exactly_above_its_documented_tolerance(throughput):
    text = edited("{concurrency: 1, values: {A: 93,", f"{{concurrency: 1, values: {{A: {throughput},")
    fired = bool(codes(lint(text), "L010"))
    assert fired == (throughput - 0.5 > LENIENT_BOUND)


def test_the_latency_rule_draws_the_line_between_108_and_109_tokens_per_second():
    # 128 / (0.0995 + 127 x 0.0095) x 1.1 = 107.8; a typed 109 is at least 108.5.
    assert LENIENT_BOUND == pytest.approx(107.81, abs=0.01)
    quiet, firing = (lint(edited("{concurrency: 1, values: {A: 93,", f"{{concurrency: 1, values: {{A: {t},"))
                     for t in (108, 109))
    assert codes(quiet, "L010") == []
    assert [c[0] for c in codes(firing, "L010")] == ["L010"]
