"""``make bench``: measure the build and ingest on this machine, in one run, as ratios.

Every figure is the median of several runs of a fresh Python process (what an editor
or CI pays), divided by the light-import floor measured in the same run, so results
from noisy or slow machines stay comparable. Nothing here is asserted by the tests.

Usage: ``python -m bench [--quick]`` (``--quick`` takes fewer repeats and a smaller corpus).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHT_IMPORTS = "import pydantic, jinja2, yaml, babel, babel.numbers"


@dataclass
class Figure:
    """One measured figure and its budget."""

    name: str
    value: float
    unit: str
    budget: str = ""
    holds: bool | None = None
    ratio: float | None = None
    note: str = ""


def run_child(args: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    # stderr goes to a file: a pipe would fill up (warnings) while we wait for the child.
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        errors.seek(0)
        error = errors.read().decode(errors="replace")
    if code != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed ({code}):\n{error[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_time(args: list[str], repeats: int, cwd: Path = ROOT, before=None) -> tuple[float, float]:
    """Median seconds and max peak RSS over ``repeats`` runs; ``before()`` runs untimed before each."""
    times, peaks = [], []
    for _ in range(repeats):
        if before is not None:
            before()
        seconds, peak = run_child(args, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def make_project(target: Path, reports: int = 0) -> Path:
    """The Llama 4 report with the project's catalogues, translations and templates; with ``reports``
    > 0, that many synthetic copies of it instead."""
    for part in ("data", "i18n", "templates"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("raw"))
    for other in (target / "data" / "reports").glob("*.yaml"):
        if other.name != "llama4-fm-serving.yaml":
            other.unlink()
    if reports:
        folder = target / "data" / "reports"
        source = (ROOT / "data" / "reports" / "llama4-fm-serving.yaml").read_text(encoding="utf-8")
        for path in folder.glob("*.yaml"):
            path.unlink()
        for index in range(reports):
            report_id = f"synthetic-{index:03d}"
            text = source.replace("id: llama4-fm-serving", f"id: {report_id}", 1)
            # A different TTFT per report, so no two reports are the same work.
            text = re.sub(r"ttft: \{A: 120,", f"ttft: {{A: {100 + index % 50},", text, count=1)
            (folder / f"{report_id}.yaml").write_text(text, encoding="utf-8")
    return target


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least-squares slope, intercept and R² of ys against xs."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sxx
    intercept = mean_y - slope * mean_x
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys))
    total = sum((y - mean_y) ** 2 for y in ys)
    return slope, intercept, 1 - residual / total if total else 1.0


def build_args(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "--root", str(root), "build", *extra]


def bench(quick: bool) -> list[Figure]:
    repeats = 3 if quick else 7
    figures: list[Figure] = []
    python_floor, _ = median_time([sys.executable, "-c", "pass"], repeats)
    light_floor, _ = median_time([sys.executable, "-c", LIGHT_IMPORTS], repeats)
    figures.append(Figure("interpreter floor (python -c pass)", python_floor, "s"))
    figures.append(Figure("light-import floor (pydantic, jinja2, yaml, babel)", light_floor, "s", ratio=1.0))

    with tempfile.TemporaryDirectory(prefix="site-data-bench-") as folder:
        work = Path(folder)
        project = make_project(work / "llama4")
        output = project / "site-data"

        def wipe() -> None:
            shutil.rmtree(output, ignore_errors=True)

        full, full_peak = median_time(build_args(project, "--no-charts"), repeats, before=wipe)
        figures.append(Figure("full build: Llama 4 report, props + tables, 3 locales", full, "s",
                              "≤ 4× floor", full <= 4 * light_floor, full / light_floor,
                              note="build --no-charts into an empty site-data/"))
        def wipe_charts() -> None:
            for folder in output.glob("*/*/charts"):
                shutil.rmtree(folder)

        drawn, _ = median_time(build_args(project), 1, before=wipe_charts)
        count = len(list(output.glob("*/*/charts/*.svg")))
        figures.append(Figure(f"charts, full: build drawing all {count} charts (SVG + PNG)", drawn, "s",
                              ratio=drawn / light_floor, note=f"{os.cpu_count()} worker processes"))
        report = project / "data" / "reports" / "llama4-fm-serving.yaml"
        text = report.read_text(encoding="utf-8")
        values = iter([f"ttft: {{A: {v}," for v in range(121, 200)])

        def change_one_number() -> None:
            report.write_text(re.sub(r"ttft: \{A: \d+,", next(values), text, count=1), encoding="utf-8")

        incremental, _ = median_time(build_args(project), repeats, before=change_one_number)
        figures.append(Figure("charts, incremental: one TTFT changed (redraws 3 charts)", incremental, "s",
                              ratio=incremental / light_floor))
        report.write_text(text, encoding="utf-8")
        run_child(build_args(project))
        cached, _ = median_time(build_args(project, "--force"), repeats)
        figures.append(Figure("full build with every chart current (--force)", cached, "s",
                              ratio=cached / light_floor, note="props, tables, chart keys checked"))
        noop, _ = median_time(build_args(project), repeats)
        figures.append(Figure("no-op build (nothing changed)", noop, "s", "≤ 2× floor", noop <= 2 * light_floor,
                              noop / light_floor))


        times: dict[int, float] = {}
        peak = 0.0
        sizes = (5, 10, 20) if quick else (10, 25, 50, 100)
        for count in sizes:
            site = make_project(work / f"site-{count}", reports=count)
            seconds, used = median_time(build_args(site, "--no-charts"), min(repeats, 3),
                                        before=lambda s=site: shutil.rmtree(s / "site-data", ignore_errors=True))
            times[count] = seconds
            peak = max(peak, used)
        slope, intercept, r_squared = linear_fit(list(times), list(times.values()))
        largest = sizes[-1]
        figures.append(Figure(f"synthetic site: {largest} reports, props + tables", times[largest], "s",
                              "≤ 10 s" if largest == 100 else "(quick run: budget is for 100)",
                              times[largest] <= 10 if largest == 100 else None, times[largest] / light_floor,
                              note=", ".join(f"{c}: {times[c]:.2f} s" for c in sizes)))
        figures.append(Figure("  time per report (least-squares slope)", slope, "s",
                              "linear: R² ≥ 0.98", r_squared >= 0.98,
                              note=f"t = {intercept:.2f} s + {slope * 1000:.0f} ms × reports, R² = {r_squared:.4f}"))
        figures.append(Figure(f"  peak memory, {largest}-report build", peak, "MB", "≤ 500 MB", peak <= 500))

        figures += bench_ingest(work, quick)
    return figures


def bench_ingest(work: Path, quick: bool) -> list[Figure]:
    """Ingest throughput on a generated corpus of vLLM result files with per-request arrays."""
    sys.path.insert(0, str(ROOT))
    from bench.raw_corpus import generate_corpus, measure_ingest

    files, megabytes = (200, 40) if quick else (1000, 200)
    corpus = work / "corpus"
    count, size = generate_corpus(corpus, files=files, target_mb=megabytes)
    result = measure_ingest(corpus)
    mb_s = result.get("mb_per_s") or size / 1e6 / result["seconds"]
    return [
        Figure(f"ingest: {count} vLLM files, {size / 1e6:.0f} MB", result["seconds"], "s",
               note=f"{result.get('files_per_s', count / result['seconds']):,.0f} files/s"),
        Figure("  ingest throughput", mb_s, "MB/s", "≥ 100 MB/s", mb_s >= 100),
        Figure("  ingest peak memory", result.get("peak_rss_mb", float("nan")), "MB", "≤ 500 MB",
               result.get("peak_rss_mb", 0) <= 500),
    ]


def render(figures: list[Figure]) -> str:
    lines = [f"site-data bench — {platform.python_implementation()} {platform.python_version()}, "
             f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
             f"{'figure':<58} {'value':>10} {'× floor':>8}  {'budget':<34} holds"]
    for f in figures:
        value = f"{f.value:.3f} {f.unit}" if f.unit == "s" else f"{f.value:,.0f} {f.unit}"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else ""
        holds = {True: "yes", False: "NO", None: ""}[f.holds]
        lines.append(f"{f.name:<58} {value:>10} {ratio:>8}  {f.budget:<34} {holds}"
                     + (f"   ({f.note})" if f.note else ""))
    failed = [f.name.strip() for f in figures if f.holds is False]
    lines.append("all budgets hold" if not failed else f"budgets not met: {'; '.join(failed)}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and a smaller corpus")
    args = parser.parse_args()
    print(render(bench(args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
