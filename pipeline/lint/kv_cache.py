"""L021, L022: the weights and the KV cache together against the memory of a footprint.

Every token in flight keeps its keys and values in every layer: layers x KV heads x head dim x 2 x
bytes (head dim = hidden dim / attention heads). At concurrency c with the report's workload, c x
(input + output) tokens are in flight at the end of their requests; a stated serving context holds
one sequence of its length. Memory is read as GiB (the larger reading), and activations are left
out, so a finding is certain. A server that queues requests it cannot hold keeps fewer in flight:
L021 is a warning, and a report whose server did so says it in a waiver.
"""

from __future__ import annotations

from pipeline.derive import metrics as m
from pipeline.derive.report import DerivedReport
from pipeline.lint import formulas as f
from pipeline.lint.base import LintFinding, figure_finding, finding, number


def kv_cache_fit(derived: DerivedReport) -> list[LintFinding]:
    """Loads whose requests in flight cannot hold their KV cache, and serving contexts that cannot fit."""
    return _loads(derived) + _serving_contexts(derived)


def _kv_per_token(model, precision: str) -> float | None:
    if None in (model.layers, model.kv_heads, model.hidden_dim, model.attention_heads):
        return None
    return f.kv_bytes_per_token(model.layers, model.kv_heads, model.hidden_dim / model.attention_heads,
                                m.BYTES_PER_PARAMETER[precision])


def _gb(value: float) -> str:
    return number(value / f.BYTES_PER_GB, 1)


def _loads(derived: DerivedReport) -> list[LintFinding]:
    precision = derived.report.method.precision
    workload = derived.report.method.workload
    found = []
    for entry in derived.report.models:
        model = derived.catalogs.models[entry.model]
        per_token = _kv_per_token(model, precision)
        if per_token is None:
            continue
        weights = f.weights_bytes(model.parameters_total_b, m.BYTES_PER_PARAMETER[precision])
        for facts in derived.scenarios:
            sid, count = facts.scenario.id, facts.instance.accelerator_count
            memory = f.memory_bytes(facts.accelerator.memory_gb, count)
            if weights > memory:
                continue  # L020 already says the weights alone do not fit
            keys = sorted(k for k in derived.figures if k[0] == entry.model and k[3] == sid)
            for concurrency in sorted({k[2] for k in keys}):
                tokens = concurrency * (workload.input_tokens + workload.output_tokens)
                kv = per_token * tokens
                if weights + kv <= memory:
                    continue
                at = [k for k in keys if k[2] == concurrency]
                found.append(figure_finding(
                    derived, "L021", at[0],
                    f"the figures of {entry.model} on {sid} at concurrency {concurrency} keep {number(tokens)} tokens "
                    f"in flight ({concurrency} x ({workload.input_tokens} + {workload.output_tokens})): their KV cache "
                    f"takes {_gb(kv)} GB ({model.layers} layers x {model.kv_heads} KV heads x "
                    f"{model.hidden_dim // model.attention_heads} x 2 x {m.BYTES_PER_PARAMETER[precision]:g} bytes per "
                    f"token), and with {_gb(weights)} GB of weights more than the "
                    f"{number(count * facts.accelerator.memory_gb)} GiB of {count} x {facts.accelerator.name}",
                    "if the server queued the requests it could not hold, say so in a waiver; else correct the "
                    "concurrency, the workload or the footprint", related=tuple(at[1:])))
    return found


def _serving_contexts(derived: DerivedReport) -> list[LintFinding]:
    precision = derived.report.method.precision
    found = []
    for i, entry in enumerate(derived.report.models):
        serving = entry.serving_context
        if serving is None:
            continue
        model = derived.catalogs.models[entry.model]
        window = derived.model(entry.model).context_tokens.value
        if serving.max_context_tokens > window:
            found.append(finding(
                derived, "L022", ("models", i, "serving_context", "max_context_tokens"),
                f"the report says {serving.engine} serves {number(serving.max_context_tokens)} tokens of context "
                f"for {model.name}, more than its context window of {number(window)} tokens",
                "correct max_context_tokens, or the context window (stated_context_tokens or the model card)"))
            continue
        per_token = _kv_per_token(model, precision)
        if per_token is None:
            continue
        accelerator = derived.catalogs.accelerators[serving.accelerator]
        weights = f.weights_bytes(model.parameters_total_b, m.BYTES_PER_PARAMETER[precision])
        kv = per_token * serving.max_context_tokens
        if weights + kv <= f.memory_bytes(accelerator.memory_gb, serving.count):
            continue
        found.append(finding(
            derived, "L022", ("models", i, "serving_context"),
            f"{model.name} with {number(serving.max_context_tokens)} tokens of context needs {_gb(weights)} GB of "
            f"weights in {precision} and {_gb(kv)} GB of KV cache for that one sequence, more than the "
            f"{number(serving.count * accelerator.memory_gb)} GiB of {serving.count} x {accelerator.name}",
            "correct the context, the footprint or the report's precision (an fp8 KV cache halves it); "
            "to publish it as stated, waive it with a reason"))
    return found
