"""Write the raw benchmark files behind the report ``llama31-8b-gpu-sweep`` (data/raw/llama31-8b-gpu-sweep/).

The files are *simulated*: no GPU was rented. A small model of a vLLM-style server (continuous
batching, chunked prefill, a KV cache of fixed size) serves Llama 3.1 8B Instruct in BF16 on one
A10G (g5.xlarge), one L4 (g6.xlarge) and one L40S (g6e.xlarge), driven by a closed-loop client at
concurrency 1 to 64, three runs per point. The results are written in the formats real tools
write: ``vllm bench serve --save-result`` for g5, AIPerf (profile export, schema 1.3) for g6 and
GuideLLM (benchmarks.json, concurrent sweep) for g6e. The report reads them like any other raw
files, so they exercise the whole path from raw output to published page.

The physics, per engine step (each step yields one token for every request decoding):

- memory time: the BF16 weights (16.06 GB) plus every running request's KV cache (128 KiB per
  token) are read once, at a share of the data-sheet bandwidth: a stream can never decode faster
  than bandwidth / weight bytes (A10G 37, L4 19, L40S 54 tokens/s);
- compute time: 2 x 8.03 G FLOP per token processed (prefill chunks and decode tokens), at an
  effective rate well below the data-sheet peak;
- a step lasts the longer of the two plus a fixed scheduling overhead, with a little noise;
- a request is admitted when the KV cache can hold its whole prompt and output (otherwise it
  queues: that is the saturation at high concurrency on the 24 GB cards);
- throughput is what the closed loop achieves, so it obeys Little's law with the simulated TTFT
  and inter-token latencies by construction, and scales sub-linearly.

Everything is seeded and uses only float arithmetic and ``random.random``, so the output is
byte-identical on every machine. Run ``python tools/make_raw_example.py`` to rewrite the files,
``--check`` to verify the committed ones are current.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPORT_ID = "llama31-8b-gpu-sweep"
ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "data" / "raw" / REPORT_ID

MODEL = "meta-llama/Llama-3.1-8B-Instruct"
PARAMETERS = 8.03e9
WEIGHT_BYTES = PARAMETERS * 2  # BF16
KV_BYTES_PER_TOKEN = 2 * 32 * 8 * 128 * 2  # K and V x 32 layers x 8 KV heads x 128 dims x 2 bytes
INPUT_TOKENS = 512
OUTPUT_TOKENS = 128
CONCURRENCY = (1, 2, 4, 8, 16, 32, 64)
RUNS = 3
TOKEN_BUDGET = 2048
"""Tokens one engine step may process (vLLM's max_num_batched_tokens with chunked prefill)."""
MAX_SEQUENCES = 256
"""Requests one engine step may hold (vLLM's max_num_seqs)."""
CLIENT_DELAY_S = 0.010
"""Mean time a client takes from one response's last token to sending its next request (HTTP, tokenizing)."""
GPU_MEMORY_UTILIZATION = 0.90
ACTIVATION_BYTES = 1.2e9
"""Memory vLLM keeps for activations and CUDA graphs, besides weights and KV cache."""


@dataclass(frozen=True)
class Gpu:
    """One accelerator as the simulation sees it."""

    instance: str
    name: str
    memory_bytes: float
    bandwidth: float
    """Data-sheet memory bandwidth, bytes/s."""
    bandwidth_share: float
    """Share of it a decode step achieves."""
    flops: float
    """Effective dense BF16 FLOP/s for prefill and batched decode (well below the data-sheet peak)."""
    overhead_s: float
    """Fixed cost of one engine step (scheduling, sampling, kernel launches)."""

    @property
    def kv_tokens(self) -> int:
        """Tokens the KV cache holds once weights and activations are in memory."""
        free = self.memory_bytes * GPU_MEMORY_UTILIZATION - WEIGHT_BYTES - ACTIVATION_BYTES
        return int(free // KV_BYTES_PER_TOKEN)


GPUS = {
    "g5.xlarge": Gpu("g5.xlarge", "A10G", 24e9, 600e9, 0.82, 70e12, 0.0015),
    "g6.xlarge": Gpu("g6.xlarge", "L4", 24e9, 300e9, 0.80, 55e12, 0.0015),
    "g6e.xlarge": Gpu("g6e.xlarge", "L40S", 48e9, 864e9, 0.82, 190e12, 0.0012),
}


@dataclass
class Request:
    """One request as the client sees it."""

    sent: float
    prefilled: int = 0
    tokens: list[float] = field(default_factory=list)
    """Time each output token reached the client."""

    @property
    def ttft(self) -> float:
        return self.tokens[0] - self.sent

    @property
    def latency(self) -> float:
        return self.tokens[-1] - self.sent

    @property
    def gaps(self) -> list[float]:
        return [b - a for a, b in zip(self.tokens, self.tokens[1:])]


def noise(rng: random.Random, scale: float) -> float:
    """Zero-mean noise of about ``scale`` standard deviation (Irwin-Hall: no libm, so bit-stable)."""
    return (rng.random() + rng.random() + rng.random() - 1.5) * 2 * scale


def simulate(gpu: Gpu, concurrency: int, requests: int, rng: random.Random) -> tuple[list[Request], float]:
    """Serve ``requests`` with ``concurrency`` clients in a closed loop; the finished requests and the duration."""
    run_speed = 1 + noise(rng, 0.006)  # clocks and thermals differ a little from run to run
    clients_sent = 0
    waiting: list[Request] = []
    running: list[Request] = []
    done: list[Request] = []
    now = 0.0
    for _ in range(min(concurrency, requests)):
        waiting.append(Request(sent=0.0))
        clients_sent += 1
    capacity = gpu.kv_tokens // (INPUT_TOKENS + OUTPUT_TOKENS)
    pending: list[Request] = []
    """Requests a client is still preparing (reading the last response, tokenizing, sending)."""
    while len(done) < requests:
        if not running and not waiting:
            now = max(now, min(r.sent for r in pending))  # the engine idles until the next request arrives
        waiting += [r for r in pending if r.sent <= now]
        pending = [r for r in pending if r.sent > now]
        budget = TOKEN_BUDGET
        decoding = [r for r in running if r.prefilled == INPUT_TOKENS]
        budget -= len(decoding)
        chunks: list[tuple[Request, int]] = []
        for r in running:
            if r.prefilled < INPUT_TOKENS and budget > 0:
                take = min(INPUT_TOKENS - r.prefilled, budget)
                chunks.append((r, take))
                budget -= take
        while waiting and budget > 0 and len(running) < min(capacity, MAX_SEQUENCES):
            r = waiting.pop(0)
            running.append(r)
            take = min(INPUT_TOKENS, budget)
            chunks.append((r, take))
            budget -= take
        context = sum(r.prefilled + len(r.tokens) for r in running)
        tokens = len(decoding) + sum(take for _, take in chunks)
        memory_s = (WEIGHT_BYTES + context * KV_BYTES_PER_TOKEN) / (gpu.bandwidth * gpu.bandwidth_share)
        compute_s = tokens * 2 * PARAMETERS / gpu.flops
        step = (max(memory_s, compute_s) + gpu.overhead_s) * run_speed * (1 + noise(rng, 0.015))
        now += step
        for r in decoding:
            r.tokens.append(now)
        for r, take in chunks:
            r.prefilled += take
            if r.prefilled == INPUT_TOKENS:
                r.tokens.append(now)  # the prefill step samples the first token
        for r in [r for r in running if len(r.tokens) == OUTPUT_TOKENS]:
            running.remove(r)
            done.append(r)
            if clients_sent < requests:
                pending.append(Request(sent=now + CLIENT_DELAY_S * (0.2 + rng.random())))
                clients_sent += 1
    return done, now


# -- statistics, as the tools compute them -----------------------------------------------

def percentile(values: list[float], percent: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, used by vLLM, AIPerf and GuideLLM)."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * percent / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def std(values: list[float]) -> float:
    """Population standard deviation (numpy's default)."""
    m = mean(values)
    return (sum((v - m) ** 2 for v in values) / len(values)) ** 0.5


def r6(value: float) -> float:
    return round(value, 6)


# -- vLLM bench serve ----------------------------------------------------------------------

def vllm_result(done: list[Request], duration: float, concurrency: int, stamp: str) -> dict:
    """A ``vllm bench serve --save-result --percentile-metrics ttft,tpot,itl,e2el --metric-percentiles 90,95,99``."""
    ms = lambda values: [v * 1000 for v in values]  # noqa: E731
    ttft = ms([r.ttft for r in done])
    tpot = ms([(r.latency - r.ttft) / (OUTPUT_TOKENS - 1) for r in done])
    itl = ms([g for r in done for g in r.gaps])
    e2el = ms([r.latency for r in done])
    result = {
        "date": stamp, "endpoint_type": "openai", "backend": "vllm", "label": None,
        "model_id": MODEL, "tokenizer_id": MODEL, "num_prompts": len(done), "request_rate": "inf",
        "burstiness": 1.0, "max_concurrency": concurrency, "duration": r6(duration),
        "completed": len(done), "failed": 0,
        "total_input_tokens": INPUT_TOKENS * len(done), "total_output_tokens": OUTPUT_TOKENS * len(done),
        "request_throughput": r6(len(done) / duration), "request_goodput": None,
        "output_throughput": r6(OUTPUT_TOKENS * len(done) / duration),
        "total_token_throughput": r6((INPUT_TOKENS + OUTPUT_TOKENS) * len(done) / duration),
        "max_output_tokens_per_s": float(max_tokens_in_a_second(done)),
        "max_concurrent_requests": concurrency,
    }
    for name, values in (("ttft", ttft), ("tpot", tpot), ("itl", itl), ("e2el", e2el)):
        result[f"mean_{name}_ms"] = r6(mean(values))
        result[f"median_{name}_ms"] = r6(percentile(values, 50))
        result[f"std_{name}_ms"] = r6(std(values))
        for p in (90, 95, 99):
            result[f"p{p}_{name}_ms"] = r6(percentile(values, p))
    return result


def max_tokens_in_a_second(done: list[Request]) -> int:
    """Most output tokens delivered within one whole second of the run (vLLM's peak figure)."""
    counts: dict[int, int] = {}
    for r in done:
        for t in r.tokens:
            counts[int(t)] = counts.get(int(t), 0) + 1
    return max(counts.values())


# -- AIPerf ---------------------------------------------------------------------------------

_AIPERF_PERCENTILES = (1, 5, 10, 25, 50, 75, 90, 95, 99)


def aiperf_block(unit: str, values: list[float]) -> dict:
    block: dict = {"unit": unit, "avg": r6(mean(values))}
    for p in _AIPERF_PERCENTILES:
        block[f"p{p}"] = r6(percentile(values, p))
    block.update(min=r6(min(values)), max=r6(max(values)), std=r6(std(values)), count=len(values),
                 sum=r6(sum(values)))
    return block


def aiperf_export(done: list[Request], duration: float, concurrency: int, start_ns: int) -> dict:
    """An AIPerf ``profile_export_aiperf.json`` (schema 1.3) of one concurrency run."""
    ms = lambda values: [v * 1000 for v in values]  # noqa: E731
    total_osl = OUTPUT_TOKENS * len(done)
    end_ns = start_ns + int(round(duration * 1e9))
    return {
        "schema_version": "1.3",
        "aiperf_version": "0.10.0",
        "benchmark_id": f"00000000-0000-4000-8000-{start_ns % 10 ** 12:012d}",
        "request_throughput": {"unit": "requests/sec", "avg": r6(len(done) / duration)},
        "request_latency": aiperf_block("ms", ms([r.latency for r in done])),
        "time_to_first_token": aiperf_block("ms", ms([r.ttft for r in done])),
        "time_to_second_token": aiperf_block("ms", ms([r.gaps[0] for r in done])),
        "inter_token_latency": aiperf_block("ms", ms([(r.latency - r.ttft) / (OUTPUT_TOKENS - 1) for r in done])),
        "inter_chunk_latency": aiperf_block("ms", ms([g for r in done for g in r.gaps])),
        "output_token_throughput": {"unit": "tokens/sec", "avg": r6(total_osl / duration)},
        "output_token_throughput_per_user": aiperf_block(
            "tokens/sec/user", [(OUTPUT_TOKENS - 1) / (r.latency - r.ttft) for r in done]),
        "output_sequence_length": aiperf_block("tokens", [float(OUTPUT_TOKENS)] * len(done)),
        "input_sequence_length": aiperf_block("tokens", [float(INPUT_TOKENS)] * len(done)),
        "total_token_throughput": {"unit": "tokens/sec",
                                   "avg": r6((INPUT_TOKENS + OUTPUT_TOKENS) * len(done) / duration)},
        "request_count": {"unit": "requests", "avg": len(done)},
        "error_request_count": {"unit": "requests", "avg": 0},
        "total_output_tokens": {"unit": "tokens", "avg": total_osl},
        "total_isl": {"unit": "tokens", "avg": INPUT_TOKENS * len(done)},
        "total_osl": {"unit": "tokens", "avg": total_osl},
        "benchmark_duration": {"unit": "sec", "avg": r6(duration)},
        "min_request_timestamp": {"unit": "ns", "avg": start_ns},
        "max_response_timestamp": {"unit": "ns", "avg": end_ns},
        "input_config": {
            "models": {"items": [{"name": MODEL}], "strategy": "round_robin"},
            "endpoint": {"urls": ["http://localhost:8000"], "type": "chat", "streaming": True},
            "datasets": [{"name": "synthetic", "input_tokens": {"mean": INPUT_TOKENS, "stddev": 0},
                          "output_tokens": {"mean": OUTPUT_TOKENS, "stddev": 0}}],
            "phases": [{"name": "profiling", "type": "concurrency", "requests": len(done),
                        "concurrency": concurrency}],
        },
        "run_info": {"cli_command": f"aiperf profile --model {MODEL} --url http://localhost:8000 --endpoint-type chat "
                                    f"--streaming --synthetic-input-tokens-mean {INPUT_TOKENS} "
                                    f"--output-tokens-mean {OUTPUT_TOKENS} --extra-inputs ignore_eos:true "
                                    f"--concurrency {concurrency} --request-count {len(done)}"},
        "was_cancelled": False,
        "error_summary": [],
    }


# -- GuideLLM -------------------------------------------------------------------------------

_GUIDELLM_PERCENTILES = {"p001": 0.1, "p01": 1, "p05": 5, "p10": 10, "p25": 25, "p50": 50, "p75": 75,
                         "p90": 90, "p95": 95, "p99": 99, "p999": 99.9}


def guidellm_distribution(values: list[float]) -> dict:
    """GuideLLM's distribution summary; ``mode`` is the lowest value, as GuideLLM reports for continuous data."""
    m = mean(values)
    sd = std(values)
    return {
        "mean": r6(m), "median": r6(percentile(values, 50)), "mode": r6(min(values)), "variance": r6(sd * sd),
        "std_dev": r6(sd), "min": r6(min(values)), "max": r6(max(values)), "count": len(values),
        "total_sum": r6(sum(values)),
        "percentiles": {key: r6(percentile(values, p)) for key, p in _GUIDELLM_PERCENTILES.items()},
        "pdf": None,
    }


def guidellm_status(values: list[float]) -> dict:
    """A metric split by request status; every request of these runs succeeded."""
    empty = {"mean": 0.0, "median": 0.0, "mode": 0.0, "variance": 0.0, "std_dev": 0.0, "min": 0.0, "max": 0.0,
             "count": 0, "total_sum": 0.0, "percentiles": {key: 0.0 for key in _GUIDELLM_PERCENTILES}, "pdf": None}
    summary = guidellm_distribution(values)
    return {"successful": summary, "errored": empty, "incomplete": empty, "total": summary}


def guidellm_rate(overall: float, per_second: list[float]) -> dict:
    """A rate metric: ``mean`` is the run's overall rate; the rest describe one-second windows."""
    block = guidellm_distribution(per_second)
    block["mean"] = r6(overall)
    return {"successful": block, "errored": guidellm_status([0.0])["errored"],
            "incomplete": guidellm_status([0.0])["incomplete"], "total": dict(block)}


def guidellm_benchmark(done: list[Request], duration: float, concurrency: int, index: int, start: float,
                       rng: random.Random) -> dict:
    """One GuideLLM benchmark (one concurrency of a sweep), with five sampled requests."""
    decode = [r.latency - r.ttft for r in done]
    windows = max(1, int(duration))
    finished = [0] * windows
    tokens = [0] * windows
    for r in done:
        finished[min(int(r.tokens[-1]), windows - 1)] += 1
        for t in r.tokens:
            tokens[min(int(t), windows - 1)] += 1
    in_flight = sum(r.latency for r in done) / duration
    sample = sorted(rng.sample(range(len(done)), 5))
    requests = [{
        "type_": "generative_request_stats", "request_id": f"req-{index:02d}{i:04d}",
        "request_type": "text_completions", "prompt_tokens": INPUT_TOKENS, "output_tokens": OUTPUT_TOKENS,
        "request_latency": r6(done[i].latency), "time_to_first_token_ms": r6(done[i].ttft * 1000),
        "time_per_output_token_ms": r6(decode[i] * 1000 / OUTPUT_TOKENS),
        "inter_token_latency_ms": r6(decode[i] * 1000 / (OUTPUT_TOKENS - 1)),
    } for i in sample]
    return {
        "type_": "generative_benchmark",
        "id_": f"00000000-0000-4000-8000-{int(start):012d}",
        "run_id": f"00000000-0000-4000-9000-{int(start) - index:012d}",
        "run_index": index,
        "config": {"strategy": {"type_": "concurrent", "streams": concurrency},
                   "backend": {"type_": "openai_http", "target": "http://localhost:8000", "model": MODEL},
                   "warmup": None, "cooldown": None, "constraints": {"max_requests": len(done)}},
        "scheduler_metrics": {"requests_made": {"successful": len(done), "errored": 0, "incomplete": 0,
                                                "total": len(done)}},
        "metrics": {
            "request_totals": {"successful": len(done), "errored": 0, "incomplete": 0, "total": len(done)},
            "requests_per_second": guidellm_rate(len(done) / duration, [float(v) for v in finished]),
            "request_concurrency": guidellm_status([in_flight]),
            "request_latency": guidellm_status([r.latency for r in done]),
            "prompt_token_count": guidellm_status([float(INPUT_TOKENS)] * len(done)),
            "output_token_count": guidellm_status([float(OUTPUT_TOKENS)] * len(done)),
            "time_to_first_token_ms": guidellm_status([r.ttft * 1000 for r in done]),
            # GuideLLM's formulas: decode time over N tokens (TPOT) and over the N - 1 gaps (ITL).
            "time_per_output_token_ms": guidellm_status([d * 1000 / OUTPUT_TOKENS for d in decode]),
            "inter_token_latency_ms": guidellm_status([d * 1000 / (OUTPUT_TOKENS - 1) for d in decode]),
            "output_tokens_per_second": guidellm_rate(OUTPUT_TOKENS * len(done) / duration,
                                                      [float(v) for v in tokens]),
            "tokens_per_second": guidellm_rate((INPUT_TOKENS + OUTPUT_TOKENS) * len(done) / duration,
                                               [float(v + INPUT_TOKENS * f) for v, f in zip(tokens, finished)]),
        },
        "requests": {"successful": requests, "errored": [], "incomplete": [], "total": len(done)},
        "start_time": r6(start), "end_time": r6(start + duration), "duration": r6(duration),
        "warmup_duration": 0.0, "cooldown_duration": 0.0,
    }


def guidellm_report(benchmarks: list[dict]) -> dict:
    return {
        "metadata": {"version": 1, "guidellm_version": "0.5.0", "python_version": "3.12.3",
                     "platform": "Linux-6.8.0-1024-aws-x86_64-with-glibc2.39"},
        "args": {"target": "http://localhost:8000", "model": MODEL, "profile": "concurrent",
                 "rate": list(CONCURRENCY), "data": [f"prompt_tokens={INPUT_TOKENS},output_tokens={OUTPUT_TOKENS}"],
                 "backend": "openai_http"},
        "benchmarks": benchmarks,
    }


# -- the files ------------------------------------------------------------------------------

def requests_for(concurrency: int) -> int:
    """Requests per run: ten per client, at least 40 (vLLM's --num-prompts, AIPerf's --request-count)."""
    return max(40, 10 * concurrency)


def dump(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def files() -> dict[str, bytes]:
    """Path under data/raw/<report id>/ -> contents, for every raw file of the report."""
    out: dict[str, bytes] = {}
    for instance, gpu in GPUS.items():
        for run in range(1, RUNS + 1):
            benchmarks = []
            clock = 1773136800.0 + 86400 * list(GPUS).index(instance) + 3 * 3600 * run  # 2026-03-10 10:00 UTC
            for index, concurrency in enumerate(CONCURRENCY):
                rng = random.Random(f"{REPORT_ID}/{instance}/c{concurrency}/run{run}")
                done, duration = simulate(gpu, concurrency, requests_for(concurrency), rng)
                stamp = f"20260310-{10 + run:02d}{index:02d}00"
                if instance == "g5.xlarge":
                    name = f"{instance}/vllm/vllm-infqps-concurrency{concurrency}-Llama-3.1-8B-Instruct-{stamp}.json"
                    out[name] = dump(vllm_result(done, duration, concurrency, stamp))
                elif instance == "g6.xlarge":
                    folder = f"Llama-3.1-8B-Instruct-openai-chat-concurrency{concurrency}-run{run}"
                    out[f"{instance}/aiperf/{folder}/profile_export_aiperf.json"] = dump(
                        aiperf_export(done, duration, concurrency, int(clock * 1e9)))
                else:
                    benchmarks.append(guidellm_benchmark(done, duration, concurrency, index, clock, rng))
                clock += duration + 30
            if instance == "g6e.xlarge":
                out[f"{instance}/guidellm/run{run}/benchmarks.json"] = dump(guidellm_report(benchmarks))
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    parser.add_argument("--out", type=Path, default=OUTPUT, help=f"folder to write (default: {OUTPUT})")
    args = parser.parse_args(argv)
    wanted = files()
    existing = {p.relative_to(args.out).as_posix() for p in args.out.rglob("*.json")} if args.out.is_dir() else set()
    stale = sorted(name for name, data in wanted.items()
                   if not (args.out / name).is_file() or (args.out / name).read_bytes() != data)
    extra = sorted(existing - set(wanted))
    if args.check:
        for name in stale + extra:
            print(f"{args.out / name}: stale; run python tools/make_raw_example.py", file=sys.stderr)
        return 1 if stale or extra else 0
    for name in extra:
        (args.out / name).unlink()
    for name in stale:
        (args.out / name).parent.mkdir(parents=True, exist_ok=True)
        (args.out / name).write_bytes(wanted[name])
    print(f"{len(wanted)} files under {args.out}: {len(stale)} written, {len(extra)} removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
