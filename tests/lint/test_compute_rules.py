"""The compute and KV-cache rules (L021, L022, L032, L033), each with its exact message and a quiet case.

Each case is the physical fixture tests/fixtures/llm/gpu-sweep-demo.yaml (Llama 3.1 8B on one A10G and
one L40S, no finding) with one figure changed; the consistent demo stays quiet too.
"""

from __future__ import annotations

import pytest

from tests.lint.helpers import demo_text, edited, lint, messages
from tests.project import ROOT

FIXTURE = (ROOT / "tests" / "fixtures" / "llm" / "gpu-sweep-demo.yaml").read_text(encoding="utf-8")
FILE = "data/reports/consistent-demo.yaml"

CASES = [
    # The example: 20 ms TTFT for 512 input tokens of an 8B model on one A10G.
    ("L032", "ttft: {A: 120, B: 70}", "ttft: {A: 20, B: 70}", "ttft: {A: 60, B: 70}",
     f"{FILE}:49:17: error[L032] results[0].metrics.ttft.A: TTFT of llama3.1-8b-instruct on A at concurrency 1: "
     "stated 20 ms, below the 66 ms the prefill takes at peak compute (2 x 8.03B active parameters x 512 input "
     "tokens = 8.2 TFLOP, over 1 x 125 TFLOPS dense bf16 of A10G; tolerance -10% after rounding)\n"
     "  hint: a TTFT below 59.2 ms needs more compute than 1 x A10G have; correct the TTFT, the input length or "
     "the footprint (or waive it, naming prefix caching)"),
    ("L033", "{concurrency: 16, values: {A: 320, B: 520}}", "{concurrency: 16, values: {A: 320, B: 26000}}",
     "{concurrency: 16, values: {A: 320, B: 24000}}",
     f"{FILE}:70:47: error[L033] sweeps[2].points[1].values.B: throughput of llama3.1-8b-instruct on B at "
     "concurrency 16: stated 26,000 tokens/s, above the 22,540 tokens/s peak compute allows (1 x 362 TFLOPS dense "
     "bf16 of L40S over 2 x 8.03B active parameters per token; tolerance +10% after rounding)\n"
     "  hint: every generated token passes through the active weights; correct the throughput or the footprint "
     "(or waive it, naming speculative decoding)"),
    ("L021", "{concurrency: 16, values: {A: 600, B: 300}}", "{concurrency: 128, values: {A: 600, B: 300}}",
     "{concurrency: 112, values: {A: 600, B: 300}}",
     f"{FILE}:64:40: warning[L021] sweeps[1].points[1].values.A: the figures of llama3.1-8b-instruct on A at "
     "concurrency 128 keep 81,920 tokens in flight (128 x (512 + 128)): their KV cache takes 10.7 GB (32 layers x "
     "8 KV heads x 128 x 2 x 2 bytes per token), and with 16.1 GB of weights more than the 24 GiB of 1 x A10G\n"
     "  hint: if the server queued the requests it could not hold, say so in a waiver; else correct the "
     "concurrency, the workload or the footprint"),
    ("L022", "max_context_tokens: 32768", "max_context_tokens: 131072", "max_context_tokens: 65536",
     f"{FILE}:39:22: error[L022] models[0].serving_context: Llama 3.1 8B Instruct with 131,072 tokens of context "
     "needs 16.1 GB of weights in bf16 and 17.2 GB of KV cache for that one sequence, more than the 24 GiB of "
     "1 x A10G\n"
     "  hint: correct the context, the footprint or the report's precision (an fp8 KV cache halves it); "
     "to publish it as stated, waive it with a reason"),
]


def _only_the_sweep_point(text: str, old: str, new: str) -> str:
    """Edit a sweep point; the L021 case moves every sweep's last point to the same concurrency."""
    if old.startswith("{concurrency: 16, values: {A: 600"):
        for point in ("{concurrency: 16, values: {A: 45,", "{concurrency: 16, values: {A: 320,"):
            text = edited(point, point.replace("16", new.split(",")[0].split()[-1]), text)
    return edited(old, new, text)


@pytest.mark.parametrize("code,old,firing,quiet,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_with_its_message(code, old, firing, quiet, expected):
    assert messages(lint(_only_the_sweep_point(FIXTURE, old, firing)), code) == [expected]


@pytest.mark.parametrize("code,old,firing,quiet,expected", CASES, ids=[c[0] for c in CASES])
def test_rule_stays_quiet_just_inside_its_tolerance(code, old, firing, quiet, expected):
    assert messages(lint(_only_the_sweep_point(FIXTURE, old, quiet)), code) == []


def test_a_serving_context_beyond_the_context_window_is_reported():
    result = lint(edited("max_context_tokens: 32768", "max_context_tokens: 200000", FIXTURE))
    assert messages(result, "L022") == [
        f"{FILE}:39:98: error[L022] models[0].serving_context.max_context_tokens: the report says vLLM serves "
        "200,000 tokens of context for Llama 3.1 8B Instruct, more than its context window of 131,072 tokens\n"
        "  hint: correct max_context_tokens, or the context window (stated_context_tokens or the model card)"]


def test_the_physical_fixture_and_the_consistent_demo_have_no_finding():
    assert lint(FIXTURE).active == []
    assert lint(demo_text()).active == []
