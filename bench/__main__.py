"""``make bench``: measure the build and ingest on this machine, in one run, as ratios taken pair by pair.

Every figure is timed in fresh Python processes, each repetition right after (or right before) its
reference in the same pair: the light-import floor, a no-op build, or vLLM's own converter. The
figure is the median of the per-pair ratios (or differences), printed with their min-max, so load
that comes and goes on a shared machine moves both halves of a pair alike instead of the ratio.
Nothing here is asserted by the tests.

The floor is ``python -c "import pydantic, jinja2, yaml, babel, babel.numbers"``: a fresh interpreter
that loads the libraries every command needs, and nothing of site-data.

vLLM's ``convert-results-json-to-markdown.py`` (vllm-project/vllm,
``.buildkite/nightly-benchmarks/scripts/``) is compared when ``VLLM_CONVERTER`` names a copy of it,
run by ``VLLM_CONVERTER_PYTHON`` (default: this interpreter; it needs pandas, psutil and tabulate, and
Python 3.12+). The project does not contain the script.

Usage: ``python -m bench [--quick] [--update-readme]``.
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
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
FLOOR = [sys.executable, "-c", "import pydantic, jinja2, yaml, babel, babel.numbers"]
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass
class Sample:
    """One child process: wall seconds and peak RSS (MB)."""

    seconds: float
    peak_mb: float


@dataclass
class Pairs:
    """Repetitions of a reference (``a``) and a measured command (``b``), taken alternately."""

    a: list[Sample]
    b: list[Sample]

    def ratios(self) -> list[float]:
        return [b.seconds / a.seconds for a, b in zip(self.a, self.b)]

    def differences(self) -> list[float]:
        return [b.seconds - a.seconds for a, b in zip(self.a, self.b)]

    def b_seconds(self) -> float:
        return statistics.median(s.seconds for s in self.b)

    def b_peak(self) -> float:
        return max(s.peak_mb for s in self.b)

    def a_peak(self) -> float:
        return max(s.peak_mb for s in self.a)


@dataclass
class Figure:
    """One row of the report."""

    name: str
    value: str
    measure: str = ""
    """The paired figure: 'x floor' ratio, a difference, a speed-up; with min-max."""
    budget: str = ""
    holds: bool | None = None


def run_child(args: list[str], cwd: Path = ROOT) -> Sample:
    """Wall seconds and peak RSS of one child process; a failing child stops the bench."""
    with open(os.devnull, "wb") as sink, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        error = errors.read().decode(errors="replace")
    if code != 0:
        raise SystemExit(f"bench: {' '.join(args)} failed ({code}):\n{error[-2000:]}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def paired(reference: list[str], measured: list[str], repeats: int, *, cwd: Path = ROOT,
           before_reference: Callable[[], None] | None = None,
           before_measured: Callable[[], None] | None = None, reference_cwd: Path | None = None) -> Pairs:
    """``repeats`` pairs, alternating which half runs first so neither always meets a warm cache."""
    pairs = Pairs([], [])
    for index in range(repeats):
        def first() -> None:
            if before_reference:
                before_reference()
            pairs.a.append(run_child(reference, reference_cwd or cwd))

        def second() -> None:
            if before_measured:
                before_measured()
            pairs.b.append(run_child(measured, cwd))

        for step in ((first, second) if index % 2 == 0 else (second, first)):
            step()
    return pairs


def spread(values: list[float], unit: str = "×", digits: int = 2) -> str:
    """``3.10× (2.90–3.40)``: the median and the range of per-pair figures."""
    return (f"{statistics.median(values):.{digits}f}{unit} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def make_project(target: Path, reports: int = 0, only_llama4: bool = True) -> Path:
    """A project with the catalogues, translations and templates: the Llama 4 report (or every shipped
    report, raw files included, with ``only_llama4=False``); with ``reports`` > 0, that many synthetic
    copies of the Llama 4 report instead."""
    for part in ("data", "i18n", "templates"):
        ignore = shutil.ignore_patterns("raw") if only_llama4 else None
        shutil.copytree(ROOT / part, target / part, ignore=ignore)
    folder = target / "data" / "reports"
    if only_llama4:
        for other in folder.glob("*.yaml"):
            if other.name != "llama4-fm-serving.yaml":
                other.unlink()
    if reports:
        source = (folder / "llama4-fm-serving.yaml").read_text(encoding="utf-8")
        for path in folder.glob("*.yaml"):
            path.unlink()
        for index in range(reports):
            report_id = f"synthetic-{index:03d}"
            text = source.replace("id: llama4-fm-serving", f"id: {report_id}", 1)
            # A different English title per report, so no two reports give the same bytes. (Not a figure:
            # the report's waivers carry fingerprints of the figures they accept, and would refuse it.)
            text = text.replace('en: "Llama 4 FM serving benchmark:', f'en: "Llama 4 FM serving benchmark {index}:', 1)
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


def set_aside(path: Path, work: Path) -> None:
    """Move ``path`` out of the way instead of deleting it: all of it goes with the work folder at the end.

    This machine's disk (ext4 mounted with ``discard``) makes creating files slow for about ten seconds
    after many were deleted (6,000 files: 0.14 s fresh, 1.6 s right after deleting as many): deleting
    one run's output before the next would charge the measured build with the last run's deletion.
    """
    if path.exists():
        aside = work / "set-aside"
        aside.mkdir(exist_ok=True)
        path.rename(aside / str(len(list(aside.iterdir()))))


def build_args(root: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "--root", str(root), "build", *extra]


STARTUP_PAIRS = 3
"""The start-up figures take this many times the pairs of the others: a pair costs half a second, and
a figure this short is the most exposed to load that comes and goes (one busy second moves a pair)."""


def bench_builds(work: Path, repeats: int) -> list[Figure]:
    """Start-up budgets of the Llama 4 report, against the floor."""
    repeats *= STARTUP_PAIRS
    project = make_project(work / "llama4")
    output = project / "site-data"
    wipe = lambda: set_aside(output, work)  # noqa: E731
    full = paired(FLOOR, build_args(project, "--no-charts"), repeats, before_measured=wipe)
    floor = statistics.median(s.seconds for s in full.a)
    figures = [Figure("light-import floor (pydantic, jinja2, yaml, babel)", f"{floor:.3f} s", "1.00×"),
               Figure("full build, Llama 4: props + tables, 3 locales (`build --no-charts`, empty site-data/)",
                      f"{full.b_seconds():.3f} s", spread(full.ratios()) + " floor", "≤ 3× floor",
                      statistics.median(full.ratios()) <= 3)]
    run_child(build_args(project))  # charts drawn and a build record: the next build has nothing to do
    noop = paired(FLOOR, build_args(project), repeats)
    figures.append(Figure("no-op build (nothing changed)", f"{noop.b_seconds():.3f} s",
                          spread(noop.ratios()) + " floor", "≤ 1× floor", statistics.median(noop.ratios()) <= 1))
    return figures


CHARTS_REFERENCE = "a2250b3"
"""The revision whose chart drawing the issue's budget is relative to (main before the charts were made
cheaper): ``make bench`` builds its tree beside this one and draws every chart with both, pair by pair."""


def reference_tree(target: Path, revision: str = CHARTS_REFERENCE) -> Path | None:
    """The project (code, data, translations, templates) at ``revision``, or None outside a git clone."""
    import io
    import tarfile

    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "pipeline", "data", "i18n",
                                  "templates"], capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    compile_bytecode(target / "pipeline")
    return target


def compile_bytecode(package: Path) -> None:
    """Byte-compile ``package`` as `make` does after installing: where PYTHONDONTWRITEBYTECODE is set,
    every process would otherwise compile each module it imports again (tens of ms of each figure)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL)


def bench_charts(work: Path, repeats: int) -> list[Figure]:
    """Every chart of the shipped reports from scratch, against the same with the reference revision's
    drawing code, and an edit that redraws one TTFT's charts."""
    project = make_project(work / "shipped", only_llama4=False)
    output = project / "site-data"

    def wipe_charts(out: Path = output) -> None:
        for folder in out.glob("*/*/charts"):
            set_aside(folder, work)
    run_child(build_args(project))
    figures = []
    count = len(list(output.glob("*/*/charts/*.svg")))
    reference = reference_tree(work / "reference")
    if reference is None:
        drawn = paired(FLOOR, build_args(project, "--force"), max(2, repeats // 2), before_measured=wipe_charts)
        figures.append(Figure(f"charts, full: all {count} charts of the shipped reports (SVG + PNG), from scratch",
                              f"{drawn.b_seconds():.2f} s", spread(drawn.ratios(), digits=1) + " floor",
                              f"(not a git clone: no {CHARTS_REFERENCE} to compare with)"))
    else:
        run_child(build_args(reference), cwd=reference)
        # `python -m pipeline` run in the reference tree imports that tree's pipeline/ (the cwd comes first).
        drawn = paired(build_args(reference, "--force"), build_args(project, "--force"), repeats,
                       reference_cwd=reference, before_reference=lambda: wipe_charts(reference / "site-data"),
                       before_measured=wipe_charts)
        share = statistics.median(drawn.ratios())
        figures.append(Figure(f"charts, full: all {count} charts of the shipped reports (SVG + PNG), from scratch",
                              f"{drawn.b_seconds():.2f} s", spread([r * 100 for r in drawn.ratios()], " %", 0)
                              + f" of {CHARTS_REFERENCE}'s {statistics.median(s.seconds for s in drawn.a):.2f} s",
                              "≤ 25 %", share <= 0.25))
    report = project / "data" / "reports" / "llama4-fm-serving.yaml"
    text = report.read_text(encoding="utf-8")
    values = iter(range(121, 400))

    def change_one_number() -> None:
        """Llama 4 Scout's TTFT on A, as an editor changes it: the number, then the fingerprint of the
        waiver that quotes it, which the build's L062 error names (the rest of the build is unchanged)."""
        edited = re.sub(r"ttft: \{A: \d+,", f"ttft: {{A: {next(values)},", text, count=1)
        assert edited != text, "the bench's edit no longer matches the Llama 4 report"
        report.write_text(edited, encoding="utf-8")
        lint = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(project), "lint"], cwd=ROOT,
                              capture_output=True, text=True)
        for old, new in re.findall(r"accepted (\w+), the findings now give (\w+)", lint.stderr + lint.stdout):
            edited = edited.replace(f"accepted: {old}", f"accepted: {new}")
        report.write_text(edited, encoding="utf-8")

    def restore() -> None:  # the reference: a no-op build (an edit made and undone is no change)
        if report.read_text(encoding="utf-8") != text:
            report.write_text(text, encoding="utf-8")
            run_child(build_args(project))

    edit = paired(build_args(project), build_args(project), repeats, before_reference=restore,
                  before_measured=change_one_number)
    report.write_text(text, encoding="utf-8")
    above = statistics.median(edit.differences())
    return figures + [Figure("charts, an edit: one TTFT changed (3 charts redrawn), above a no-op build",
                             f"{above:.2f} s", spread(edit.differences(), " s") + " above", "≤ 1 s", above <= 1)]


def bench_site(work: Path, repeats: int, quick: bool) -> list[Figure]:
    """Synthetic sites of many reports: time, linearity and memory per report."""
    sizes = (5, 10, 20) if quick else (10, 25, 50, 100)
    seconds: dict[int, float] = {}
    peaks: dict[int, float] = {}
    ratios: list[float] = []
    for count in sizes:
        site = make_project(work / f"site-{count}", reports=count)
        pairs = paired(FLOOR, build_args(site, "--no-charts"), 1 if count < sizes[-1] else max(3, repeats // 2),
                       before_measured=lambda s=site: set_aside(s / "site-data", work))
        seconds[count], peaks[count] = pairs.b_seconds(), pairs.b_peak()
        if count == sizes[-1]:
            ratios = pairs.ratios()
            # The same build right after deleting the last one's output: what this disk then adds.
            deleted = paired(FLOOR, build_args(site, "--no-charts"), 3,
                             before_measured=lambda s=site: shutil.rmtree(s / "site-data", ignore_errors=True))
        set_aside(site, work)
    slope, intercept, r_squared = linear_fit(list(seconds), list(seconds.values()))
    memory_slope, _, _ = linear_fit(list(peaks), list(peaks.values()))
    largest = sizes[-1]
    budget = largest == 100
    return [
        Figure(f"synthetic site: {largest} reports, props + tables", f"{seconds[largest]:.2f} s",
               spread(ratios, digits=1) + " floor", "≤ 4 s" if budget else "(quick: budget is for 100)",
               seconds[largest] <= 4 if budget else None),
        Figure(f"— the same, right after deleting the last build's {largest} reports (this disk's discard)",
               f"{deleted.b_seconds():.2f} s", spread(deleted.ratios(), digits=1) + " floor", ""),
        Figure("— time per report (least-squares fit over " + "/".join(map(str, sizes)) + ")",
               f"{slope * 1000:.0f} ms", f"R² {r_squared:.4f}, t = {intercept:.2f} s + n × {slope * 1000:.0f} ms",
               "linear: R² ≥ 0.98", r_squared >= 0.98),
        Figure(f"— memory per report (fit of peak RSS; {largest} reports: {peaks[largest]:.0f} MB)",
               f"{memory_slope:.2f} MB", "", "≤ 0.3 MB", memory_slope <= 0.3),
    ]


def bench_ingest(work: Path, repeats: int, quick: bool) -> list[Figure]:
    """``site-data ingest DIR --out runs.csv`` on three corpora, against vLLM's converter when given."""
    from bench.raw_corpus import generate_corpus

    converter = os.environ.get("VLLM_CONVERTER")
    converter_python = os.environ.get("VLLM_CONVERTER_PYTHON", sys.executable)
    scale = 5 if quick else 1
    corpora = [(100 // scale, 2, False), (1000 // scale, 20, False), (1000 // scale, 200 / scale, True)]
    figures = []
    for files, megabytes, detailed in corpora:
        label = f"{files:,} files " + (f"with per-request arrays, {megabytes:.0f} MB" if detailed else "of summaries")
        folder = work / f"ingest-{files}-{int(detailed)}" / "results"  # the converter reads ./results/
        _, size = generate_corpus(folder, files, megabytes, detailed=detailed, for_converter=True)
        ours = [sys.executable, "-m", "pipeline", "ingest", str(folder), "--out", str(work / "runs.csv")]
        if converter:
            def clean(folder=folder) -> None:  # what the converter writes into results/ is no input
                for name in ("benchmark_results.md", "benchmark_results.json"):
                    (folder / name).unlink(missing_ok=True)
            pairs = paired([converter_python, converter], ours, repeats, cwd=folder.parent, before_reference=clean,
                           before_measured=clean)
            speedup = [1 / r for r in pairs.ratios()]
            figures.append(Figure(
                f"ingest to CSV: {label}", f"{pairs.b_seconds():.3f} s", spread(speedup) + " faster than vLLM's",
                "≥ 5× faster", statistics.median(speedup) >= 5))
            figures.append(Figure(f"— peak memory, {label}", f"{pairs.b_peak():.0f} MB",
                                  f"vLLM's converter: {pairs.a_peak():.0f} MB", "less than vLLM's",
                                  pairs.b_peak() < pairs.a_peak()))
        else:
            pairs = paired(FLOOR, ours, repeats, cwd=folder.parent)
            figures.append(Figure(f"ingest to CSV: {label}", f"{pairs.b_seconds():.3f} s",
                                  spread(pairs.ratios()) + f" floor, {size / 1e6 / pairs.b_seconds():.0f} MB/s",
                                  "(set VLLM_CONVERTER to compare)"))
            figures.append(Figure(f"— peak memory, {label}", f"{pairs.b_peak():.0f} MB"))
        shutil.rmtree(folder.parent)
    return figures


def render(figures: list[Figure]) -> str:
    """The report as a Markdown table (the README shows it as it is)."""
    lines = ["| figure | value | paired measure: median (min–max) | budget | holds |", "|---|---:|---|---|---|"]
    for f in figures:
        holds = {True: "yes", False: "**no**", None: ""}[f.holds]
        lines.append(f"| {f.name} | {f.value} | {f.measure} | {f.budget} | {holds} |")
    return "\n".join(lines)


def heading(repeats: int) -> str:
    return (f"Run of {date.today().isoformat()}, {os.cpu_count()} cores {platform.machine()} {platform.system()}, "
            f"{platform.python_implementation()} {platform.python_version()}, {repeats} pairs per figure "
            f"({repeats * STARTUP_PAIRS} for the two start-up figures) "
            f"(`{' '.join(['python -m bench', *sys.argv[1:]])}`"
            + (", with VLLM_CONVERTER" if os.environ.get("VLLM_CONVERTER") else "") + "):")


def update_readme(text: str) -> None:
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    start, end = content.index(README_START) + len(README_START), content.index(README_END)
    readme.write_text(content[:start] + "\n" + text + "\n" + content[end:], encoding="utf-8")


PARTS: dict[str, Callable[[Path, int, bool], list[Figure]]] = {
    "builds": lambda work, repeats, quick: bench_builds(work, repeats),
    "charts": lambda work, repeats, quick: bench_charts(work, repeats),
    "site": bench_site,
    "ingest": bench_ingest,
}
"""The parts of a run, in the order the table shows them."""


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pairs and smaller inputs")
    parser.add_argument("--update-readme", action="store_true", help="put this run's table in README.md")
    parser.add_argument("--only", choices=sorted(PARTS), action="append",
                        help="measure only this part (repeatable); --update-readme needs every part")
    args = parser.parse_args()
    if args.only and args.update_readme:
        parser.error("--update-readme puts one whole run in README.md: leave out --only")
    repeats = 3 if args.quick else 7
    sys.path.insert(0, str(ROOT))
    compile_bytecode(ROOT / "pipeline")
    with tempfile.TemporaryDirectory(prefix="site-data-bench-") as folder:
        work = Path(folder)
        figures = [figure for part, measure in PARTS.items() if not args.only or part in args.only
                   for figure in measure(work, repeats, args.quick)]
    failed = [f.name for f in figures if f.holds is False]
    text = heading(repeats) + "\n\n" + render(figures)
    print(text)
    print("all budgets hold" if not failed else f"budgets not met: {'; '.join(failed)}")
    if args.update_readme:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
