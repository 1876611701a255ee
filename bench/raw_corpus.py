"""Benchmark the raw-file ingest on a generated corpus of vLLM serve results.

``generate_corpus`` writes realistic ``vllm bench serve --save-result`` files:
the three key versions seen in published files (2024, April 2025, 2026 with
``--save-detailed``), some as JSON Lines from ``--append-result``, each with its
per-request arrays (``ttfts``, ``itls`` per chunk, ``generated_texts``...) and
summary statistics computed from those arrays, so sizes and number formats
match real files. It is deterministic for a given seed and needs no network.

``measure_ingest`` times :func:`pipeline.ingest.ingest` on a folder in a fresh
Python process, so the peak RSS it reports is the ingest's own.

Usage: ``python bench/raw_corpus.py [FOLDER] [--files N] [--mb MB] [--seed S]``
(generates into FOLDER, or a temporary folder, then prints the measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

_MODELS = ("meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-4-Scout-17B-16E-Instruct",
           "Qwen/Qwen2.5-7B-Instruct", "/models/mistralai/Mistral-7B-Instruct-v0.3")
_WORDS = ("the", "model", "serving", "token", "latency", "throughput", "request", "batch",
          "cache", "kernel", "attention", "decode", "prefill", "memory", "scheduler", "GPU",
          "a", "of", "and", "to", "in", "is", "for", "with", "on", "that", "this", "as")
_ERAS = ("2024", "2025-04", "2026")
_APPEND_SHARE = 0.1  # share of files written as JSON Lines with several runs
_BYTES_PER_OUTPUT_TOKEN = 28  # one ITL float (~21 bytes), ~5 bytes of text, array overhead


_PER_REQUEST = ("input_lens", "output_lens", "ttfts", "itls", "generated_texts", "errors", "start_times")
"""The arrays ``--save-detailed`` adds; a summary file has none of them."""


def generate_corpus(folder: Path, files: int = 1000, target_mb: float = 200, seed: int = 0, *,
                    detailed: bool = True, for_converter: bool = False) -> tuple[int, int]:
    """Write ``files`` vLLM serve result files totalling about ``target_mb`` MB into ``folder``.

    Without ``detailed``, each file is a run's summary without per-request arrays (a few kB, as
    ``vllm bench serve --save-result`` writes without ``--save-detailed``); ``target_mb`` then only
    sizes the simulated runs. ``for_converter`` writes what vLLM's own nightly
    ``convert-results-json-to-markdown.py`` can read too: one run per file, of the key versions
    that have every field it tabulates, named ``serving_*.json`` with the ``.commands`` file beside
    it. Returns ``(files written, bytes written)`` (result files only). The same arguments always
    give byte-identical files.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = target_mb * 1e6 / max(files, 1)
    start = datetime(2025, 1, 6, 9, 0, 0)
    eras = _ERAS[1:] if for_converter else _ERAS
    written = 0
    for index in range(files):
        era = eras[index % len(eras)]
        model = rng.choice(_MODELS)
        runs = rng.randint(2, 4) if rng.random() < _APPEND_SHARE and not for_converter else 1
        budget = per_file * rng.uniform(0.6, 1.4) / runs
        lines = []
        for number in range(runs):
            when = start + timedelta(minutes=7 * index + number)
            payload = _run_payload(rng, era, model, budget, when)
            if not detailed:
                payload = {key: value for key, value in payload.items() if key not in _PER_REQUEST}
            lines.append(json.dumps(payload))
        # --append-result separates runs with a newline and ends without one.
        path = folder / (f"serving_{index:04d}_{era}.json" if for_converter else f"vllm-{index:04d}-{era}.json")
        text = "\n".join(lines)
        path.write_text(text, encoding="utf-8")
        if for_converter:
            command = {"server_command": f"vllm serve {model}", "client_command": "vllm bench serve",
                       "gpu_type": "NVIDIA L4"}
            path.with_suffix(".commands").write_text(json.dumps(command), encoding="utf-8")
        written += len(text.encode("utf-8"))
    return files, written


def measure_ingest(folder: Path) -> dict:
    """Time ``ingest([folder])`` in a fresh interpreter.

    Returns ``seconds``, ``mb_per_s``, ``files_per_s``, ``peak_rss_mb`` (whole
    process, including the interpreter and pandas), ``baseline_rss_mb`` (peak
    before ingesting), ``files``, ``mb``, ``rows`` and ``problems``. The files are
    usually in the OS page cache, so this measures parsing, not the disk.
    """
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run([sys.executable, "-c", _MEASURE_SCRIPT, str(folder)], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"ingest measurement failed:\n{result.stderr}")
    return json.loads(result.stdout)


_MEASURE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
import pandas  # loaded before the baseline so its memory is not counted as ingest's
from pipeline.ingest import ingest
folder = Path(sys.argv[1])
files = [p for p in folder.rglob("*") if p.suffix in (".json", ".jsonl")]
size = sum(p.stat().st_size for p in files)
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t0 = time.perf_counter()
result = ingest([folder])
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "seconds": round(seconds, 3), "mb_per_s": round(size / 1e6 / seconds, 1),
    "files_per_s": round(len(files) / seconds, 1), "peak_rss_mb": round(peak, 1),
    "baseline_rss_mb": round(baseline, 1), "files": len(files), "mb": round(size / 1e6, 1),
    "rows": len(result.table), "problems": len(result.problems)}))
"""


def _run_payload(rng: random.Random, era: str, model: str, budget: float, when: datetime) -> dict:
    """One run's result object, shaped like the given vLLM era's ``--save-result`` output."""
    concurrency = rng.choice((1, 4, 8, 16, 32, 64))
    rate = rng.choice(("inf", 1.0, 2.0, 4.0, 8.0, 16.0))
    requests = _requests(rng, budget, concurrency)
    ok = [r for r in requests if not r["error"]]
    duration = max(r["start"] + r["latency"] for r in requests) if requests else 1.0
    total_in = sum(r["input_len"] for r in ok)
    total_out = sum(r["output_len"] for r in ok)
    head: dict = {"date": when.strftime("%Y%m%d-%H%M%S")}
    if era == "2026":
        head["endpoint_type"] = "openai-chat"
    head["backend"] = "vllm"
    if era == "2026":
        head["label"] = None
    head.update(model_id=model, tokenizer_id=model)
    if era == "2024":
        head.update(best_of=1, use_beam_search=False)
    head.update(num_prompts=len(requests), request_rate=rate)
    if era != "2024":
        head.update(burstiness=1.0, max_concurrency=concurrency)
    result: dict = {"duration": duration, "completed": len(ok)}
    if era == "2026":
        result["failed"] = len(requests) - len(ok)
    result.update(total_input_tokens=total_in, total_output_tokens=total_out,
                  request_throughput=len(ok) / duration)
    if era == "2024":
        result["input_throughput"] = total_in / duration
    else:
        result["request_goodput:" if era == "2025-04" else "request_goodput"] = None
    result["output_throughput"] = total_out / duration
    if era != "2024":
        result["total_token_throughput"] = (total_in + total_out) / duration
    if era == "2026":
        result.update(max_output_tokens_per_s=float(int(total_out / duration * 1.3)),
                      max_concurrent_requests=concurrency)
    result.update(
        input_lens=[r["input_len"] for r in requests],
        output_lens=[r["output_len"] if not r["error"] else 0 for r in requests],
        ttfts=[r["ttft"] if not r["error"] else 0.0 for r in requests],
        itls=[r["itls"] for r in requests],
        generated_texts=[r["text"] for r in requests],
        errors=[r["error"] for r in requests],
    )
    if era == "2026":
        result["start_times"] = [r["start"] for r in requests]
    metrics = ("ttft", "tpot", "itl", "e2el") if era == "2026" else ("ttft", "tpot", "itl")
    result.update(_latency_stats(ok, metrics))
    return {**head, **result}


def _requests(rng: random.Random, budget: float, concurrency: int) -> list[dict]:
    """Simulated requests until their per-request arrays fill about ``budget`` bytes."""
    requests: list[dict] = []
    used = 0.0
    clock = 0.0
    step_s = rng.uniform(0.008, 0.03) * (1 + concurrency / 64)
    while used < budget or not requests:
        input_len = rng.randint(128, 2048)
        output_len = rng.randint(16, 512)
        if rng.random() < 0.01:  # an occasional failed request, as real runs have
            requests.append({"input_len": input_len, "output_len": 0, "ttft": 0.0, "itls": [],
                             "text": "", "latency": 0.0, "start": clock,
                             "error": "Bad Request: context length exceeded"})
            used += 80
            continue
        ttft = rng.lognormvariate(-2.5, 0.5) * (1 + input_len / 2048)
        itls = [rng.gauss(step_s, step_s * 0.15) for _ in range(output_len - 1)]
        itls = [gap if gap > 0.001 else 0.001 for gap in itls]
        text = " ".join(rng.choice(_WORDS) for _ in range(output_len))
        requests.append({"input_len": input_len, "output_len": output_len, "ttft": ttft,
                         "itls": itls, "text": text, "latency": ttft + sum(itls),
                         "start": clock, "error": ""})
        clock += rng.expovariate(4.0)
        used += 60 + output_len * _BYTES_PER_OUTPUT_TOKEN
    return requests


def _latency_stats(ok: list[dict], metrics: tuple[str, ...]) -> dict:
    """vLLM's mean/median/std/p99 summary fields (ms) computed from the simulated requests."""
    samples = {
        "ttft": [r["ttft"] * 1000 for r in ok],
        "tpot": [(r["latency"] - r["ttft"]) / (r["output_len"] - 1) * 1000
                 for r in ok if r["output_len"] > 1],
        "itl": [gap * 1000 for r in ok for gap in r["itls"]],
        "e2el": [r["latency"] * 1000 for r in ok],
    }
    stats: dict = {}
    for metric in metrics:
        values = sorted(samples[metric]) or [0.0]  # vLLM writes 0.0 when nothing completed
        stats[f"mean_{metric}_ms"] = statistics.fmean(values)
        stats[f"median_{metric}_ms"] = statistics.median(values)
        stats[f"std_{metric}_ms"] = statistics.pstdev(values)  # numpy's default, as vLLM uses
        position = 0.99 * (len(values) - 1)
        low = int(position)
        high = min(low + 1, len(values) - 1)
        stats[f"p99_{metric}_ms"] = values[low] + (values[high] - values[low]) * (position - low)
    return stats


def main(argv: list[str] | None = None) -> None:
    """Generate a corpus (into a temporary folder unless one is given) and print the measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--mb", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="raw-corpus-") as scratch:
        folder = args.folder or Path(scratch)
        n_files, n_bytes = generate_corpus(folder, args.files, args.mb, args.seed)
        print(f"corpus: {n_files} files, {n_bytes / 1e6:.1f} MB in {folder}")
        print(json.dumps(measure_ingest(folder), indent=2))


if __name__ == "__main__":
    main()
