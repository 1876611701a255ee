"""Unit and property tests of the derived-metric functions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.derive import metrics as m

positive = st.floats(min_value=1e-3, max_value=1e7, allow_nan=False, allow_infinity=False)


def test_seed_examples():
    assert m.relative_to_baseline(280, 120) == pytest.approx(1.3333, abs=1e-4)
    assert m.relative_to_baseline(1800, 4200) == pytest.approx(-0.5714, abs=1e-4)
    assert m.cost_per_mtok_usd(98.32, 4200) == pytest.approx(6.5026, abs=1e-4)
    assert m.cost_per_accelerator_hour_usd(21.96, 8) == pytest.approx(2.745)
    assert m.total_accelerator_memory_gb(96, 16) == 1536
    assert m.weights_gb(109, "bf16") == 218
    assert m.weights_gb(400, "fp8") == 400
    assert m.total_tokens_per_s(128, 512, 128) == 640
    assert m.scaling_factor(42000, 4200) == 10


@given(positive, positive)
def test_relative_and_share_agree(value, baseline):
    assert m.relative_to_baseline(value, baseline) == pytest.approx(m.share_of_reference(value, baseline) - 1)
    assert m.reduction_versus(value, baseline) == pytest.approx(-m.relative_to_baseline(value, baseline))


@given(positive, positive)
def test_relative_to_baseline_round_trips(value, baseline):
    # 1 + r loses digits when value << baseline, so the error is relative to the baseline.
    assert baseline * (1 + m.relative_to_baseline(value, baseline)) == pytest.approx(value, rel=1e-9,
                                                                                      abs=baseline * 1e-12)


@given(positive, positive, positive)
def test_cost_falls_as_throughput_rises(hourly, tokens, factor):
    faster = tokens * (1 + factor)
    assert m.cost_per_mtok_usd(hourly, faster) < m.cost_per_mtok_usd(hourly, tokens)
    assert m.cost_per_mtok_usd(hourly, tokens) * tokens * 3600 / 1e6 == pytest.approx(hourly, rel=1e-9)


@given(st.dictionaries(st.sampled_from("ABCDE"), positive, min_size=1))
def test_best_of_is_the_extreme_value_first_in_order(values):
    order = list("ABCDE")
    low, high = m.best_of(values, "lower", order), m.best_of(values, "higher", order)
    assert values[low] == min(values.values()) and values[high] == max(values.values())
    assert low == next(k for k in order if k in values and values[k] == values[low])


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_a_figure_agrees_with_itself_rounded(derived, decimals):
    stated = round(derived, decimals)
    assert m.agrees(stated, derived, decimals)
    assert not m.agrees(stated + 2 * 10 ** -decimals, derived, decimals)


def test_agrees_at_exact_half():
    # 21.96 / 8 = 2.745 is published as 2.75: half a unit away still agrees.
    assert m.agrees(2.75, 2.745, 2) and m.agrees(2.74, 2.745, 2)
    assert not m.agrees(2.76, 2.745, 2)


def test_best_of_needs_a_value():
    with pytest.raises(ValueError):
        m.best_of({}, "lower")


def test_weights_know_every_precision():
    assert set(m.BYTES_PER_PARAMETER) == {"bf16", "fp16", "fp8", "int8", "int4"}
    assert all(math.isfinite(v) and v > 0 for v in m.BYTES_PER_PARAMETER.values())
