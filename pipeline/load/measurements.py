"""Read the raw result files a report's ``measurements`` name: the only code of the build that opens them.

For each ``measurements[i]`` entry the file patterns (relative to data/) are expanded, every
file is parsed by :mod:`pipeline.ingest` (one parser per tool format, detected from the content;
pandas is not needed), and each run's value of each report metric is kept as a :class:`Sample`,
grouped by metric and concurrency. Reducing the samples to one figure is the derive stage's job
(:mod:`pipeline.derive.measured`).

Every problem is located at the report line that names the files (``measurements[i].files[j]``)
and names the raw file it is about, so an editor fixes it where the files are referenced. Codes
of the raw files themselves (E070-E079) keep their meaning; the ones below are about how a
report uses the files.
"""

from __future__ import annotations

import glob
import math
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Problem
from pipeline.ingest.batch import ingest_files
from pipeline.ingest.discover import InputFile, file_problem, files_under, safe_glob
from pipeline.ingest.tidy import COLUMNS
from pipeline.load.yaml_source import SourceDocument, display_path
from pipeline.models.catalog import Model
from pipeline.models.common import LARGEST, SMALLEST
from pipeline.models.report import Measurement, Report, Slo

MEASUREMENT_CODES: dict[str, str] = {
    "E030": "A files pattern is absolute or leaves data/ (error)",
    "E031": "Run without a whole-number concurrency; left out (warning)",
    "E032": "Run of another model than the measurement's (error)",
    "E033": "Metric or statistic missing from the runs: an error when listed in 'metrics', else a warning",
    "E035": "Sweep 'from: measurements' with fewer than two measured concurrencies (error; "
            "pipeline.validate.references)",
    "E036": "A raw file that is not read: a symlink loop, dangling or leading out of the project, a device, too large (error)",
    "E037": "A run's figure zero, negative or beyond the plausible range; the run is left out (error)",
}
"""Codes of problems about how a report uses raw files: title and, in parentheses, severity.
Problems of the files themselves keep their ingest codes (pipeline.ingest.INGEST_CODES), and a
pattern matching nothing is E070."""

MEASURABLE: dict[str, str] = {
    "ttft": "ttft",
    "itl": "itl",
    "output_throughput": "output_throughput",
}
"""Report metric id -> the tool metric (pipeline.ingest.METRIC_UNITS) read for it.

TTFT and ITL are read at the measurement's ``latency_statistic`` (ITL from ``itl_from``);
throughput is the run's overall rate (its ``mean``). Units already agree: ms and tokens/s.
"""

_DRIVE_RE = re.compile(r"^[A-Za-z]:")


def implausible(value: float, allowed: str = "positive", maximum: float | None = None,
                what: str = "it") -> str | None:
    """Why a raw run's figure cannot be published — 'zero', 'negative', 'out of range' (outside
    SMALLEST..LARGEST in size, or not a number), or above ``maximum`` — else None.

    ``allowed`` is a metric's ``values``: positive, non-negative (0 is a reading) or any.
    """
    if value == 0 and allowed == "positive":
        return "zero"
    if value < 0 and allowed != "any":
        return "negative"
    if value != value or abs(value) > LARGEST or (value != 0 and abs(value) < SMALLEST):
        return "out of range"
    if maximum is not None and value > maximum:
        return f"above the most {what} can be, {maximum:g}"
    return None


@dataclass(frozen=True)
class Sample:
    """One run's value of one report metric."""

    file: str
    """The raw file, relative to the project root (data/raw/...)."""
    run: int
    """Index of the run within its file."""
    value: float
    """In the metric's unit (ms, tokens/s)."""


@dataclass(frozen=True)
class MeasuredPoints:
    """What the files of one ``measurements`` entry hold, ready to be reduced."""

    index: int
    """Position of the entry in the report's ``measurements`` list."""
    model: str
    scenario: str
    files: tuple[str, ...]
    """Every file read, relative to the project root, in the order the patterns list them."""
    samples: dict[tuple[str, int], tuple[Sample, ...]]
    """(report metric, concurrency) -> one sample per run that has the value, in file and run order."""
    at_statistic: dict[tuple[str, str, int], tuple[Sample, ...]] = field(default_factory=dict)
    """(report metric, latency statistic, concurrency) -> samples, for the statistics the report's SLO names."""


@dataclass
class _Run:
    file: str
    run: int
    model: str | None
    concurrency: float
    request_rate: float
    values: dict[tuple[str, str], float]


def read_measurements(report: Report, document: SourceDocument, root: Path,
                      models: dict[str, Model]) -> tuple[list[MeasuredPoints], list[Problem]]:
    """The samples of every ``measurements`` entry of ``report``, and the problems met reading them.

    ``root`` is the project root (patterns are relative to ``root/data``); ``models`` is the model
    catalogue, whose ``hf_id`` the runs' model names are checked against.
    """
    found: list[MeasuredPoints] = []
    problems: list[Problem] = []
    for index, entry in enumerate(report.measurements):
        slo = report.slo if report.slo is not None and (report.slo.model or report.models[0].model) == entry.model \
            else None
        reader = _EntryReader(document, root, index, entry, models.get(entry.model), slo)
        found.append(reader.read())
        problems.extend(reader.problems)
    return found, problems


def expand_entry_files(document: SourceDocument, root: Path, index: int,
                       entry) -> tuple[list[InputFile], list[Problem]]:
    """The files a ``measurements`` entry's patterns name (relative to data/), each once, with the problems
    (unsafe pattern, nothing matched, empty folder) located at the entry's ``files:`` lines.

    Any entry with ``files`` will do: benchmark reports' measurements expand their patterns here too.
    """
    reader = _EntryReader(document, root, index, entry, None)
    return reader._expand(), reader.problems


class _EntryReader:
    """Reads one ``measurements`` entry, collecting problems located at its lines."""

    def __init__(self, document: SourceDocument, root: Path, index: int, entry: Measurement,
                 model: Model | None, slo: Slo | None = None):
        self.document = document
        self.root = root
        self.data = root / "data"
        self.index = index
        self.entry = entry
        self.model = model
        self.slo = slo
        self.problems: list[Problem] = []
        self.pattern_of: dict[str, int] = {}
        """Shown file -> index of the first pattern that matched it."""

    def read(self) -> MeasuredPoints:
        files = self._expand()
        rows, found = ingest_files(files)
        for problem in found:
            self._relay(problem)
        runs = self._runs(rows)
        samples = self._samples(runs)
        return MeasuredPoints(self.index, self.entry.model, self.entry.scenario,
                              tuple(f.shown for f in files), samples, self._slo_samples(runs))

    def _slo_samples(self, runs: list[_Run]) -> dict[tuple[str, str, int], tuple[Sample, ...]]:
        """Each run's TTFT and ITL at the statistics the SLO names (p99 TTFT, ...); runs without one are skipped."""
        if self.slo is None:
            return {}
        found: dict[tuple[str, str, int], list[Sample]] = {}
        for metric, statistic in (("ttft", self.slo.ttft_statistic), ("itl", self.slo.itl_statistic)):
            key = (self.entry.itl_from if metric == "itl" else MEASURABLE[metric], statistic)
            for run in runs:
                value = run.values.get(key)
                if value is not None and implausible(value) is None:
                    found.setdefault((metric, statistic, int(run.concurrency)), []).append(
                        Sample(run.file, run.run, value))
        return {k: tuple(v) for k, v in sorted(found.items())}

    # -- locating ---------------------------------------------------------------------

    def _path(self, *steps: str | int) -> tuple:
        return ("measurements", self.index) + steps

    def _add(self, code: str, message: str, steps: tuple, hint: str, severity: str = "error",
             key: bool = False) -> None:
        path = self._path(*steps)
        self.problems.append(Problem(code, message, self.document.locate(path, prefer_key=key),
                                     self.document.shown(path), hint, severity))

    def _at_file(self, shown: str) -> tuple:
        return ("files", self.pattern_of.get(shown, 0))

    def _relay(self, problem: Problem) -> None:
        """An ingest problem, moved to the line naming the file; the message names the file."""
        where = problem.location.file if problem.location else ""
        if problem.location and problem.location.line is not None:
            where += f":{problem.location.line}"
        inner = f"{problem.path}: " if problem.path else ""
        self._add(problem.code, f"{where}: {inner}{problem.message}", self._at_file(
            problem.location.file if problem.location else ""), problem.hint, problem.severity)

    # -- files ------------------------------------------------------------------------

    def _expand(self) -> list[InputFile]:
        files: list[InputFile] = []
        for j, pattern in enumerate(self.entry.files):
            if not self._safe(pattern, j):
                continue
            matches = self._match(pattern, j)
            for path in matches:
                shown = display_path(self.root, path) if not path.is_symlink() else \
                    display_path(self.root, path.parent) + "/" + path.name
                if shown in self.pattern_of:
                    continue
                self.pattern_of[shown] = j
                refused = file_problem(path, inside=self.root)
                if refused:
                    self._add("E036", f"{shown} {refused[0]}; it is not read", ("files", j), refused[1])
                    continue
                files.append(InputFile(path, shown))
        return files

    def _folder_files(self, path: Path) -> list[Path]:
        """The raw files below a matched folder; a symlinked folder only if it stays in the project."""
        if path.is_symlink() and not os.path.realpath(path).startswith(os.path.realpath(self.root) + os.sep):
            return [path]  # refused, as a link out of the project, where files are checked
        return files_under(path)

    def _safe(self, pattern: str, j: int) -> bool:
        steps = pattern.replace("\\", "/").split("/")
        if pattern.startswith("/") or _DRIVE_RE.match(pattern) or "\\" in pattern or ".." in steps:
            self._add("E030", f"'{pattern}' must be a path inside data/, relative to it, with '/' between folders",
                      ("files", j), "write it as data/ sees it, e.g. raw/<report id>/g5/*.json; raw files "
                      "belong in the repository so every build reads the same ones")
            return False
        return True

    def _match(self, pattern: str, j: int) -> list[Path]:
        where = posixpath.join("data", pattern)
        if glob.has_magic(pattern):
            paths: list[Path] = []
            for path in safe_glob(self.data, pattern):
                paths += self._folder_files(path) if path.is_dir() else [path]
            if not paths:
                self._add("E070", f"no files match '{pattern}' (looked in {where})", ("files", j),
                          "check the pattern; it is relative to data/ (raw/<report id>/...)")
            return paths
        path = self.data / pattern
        if path.is_dir():
            paths = self._folder_files(path)
            if not paths:
                self._add("E078", f"{where}/ holds no .json or .jsonl files", ("files", j),
                          "point at the folder the benchmark tool wrote its results to", "warning")
            return paths
        if not os.path.lexists(path):
            self._add("E070", f"no such file or folder: {where}", ("files", j),
                      "check the path; it is relative to data/ (raw/<report id>/...)")
            return []
        return [path]

    # -- runs -------------------------------------------------------------------------

    def _runs(self, rows: list[tuple]) -> list[_Run]:
        runs: dict[tuple[str, int], _Run] = {}
        at = {name: i for i, name in enumerate(COLUMNS)}
        for row in rows:
            key = (row[at["file"]], row[at["run"]])
            run = runs.get(key)
            if run is None:
                run = runs[key] = _Run(row[at["file"]], row[at["run"]], row[at["model"]],
                                       row[at["concurrency"]], row[at["request_rate"]], {})
            run.values[(row[at["metric"]], row[at["statistic"]])] = row[at["value"]]
        kept = []
        for run in runs.values():
            if self._placed(run) and self._same_model(run):
                kept.append(run)
        return kept

    def _placed(self, run: _Run) -> bool:
        """Whether the run has a whole-number concurrency to file its figures under."""
        c = run.concurrency
        if not math.isnan(c) and c.is_integer() and c >= 1:
            return True
        load = f"request rate {run.request_rate:g}/s" if not math.isnan(run.request_rate) else "no load setting"
        what = f"concurrency {c:g}" if not math.isnan(c) else f"no concurrency limit ({load})"
        self._add("E031", f"{run.file}: run {run.run} has {what}; it cannot be placed on the report's "
                          "concurrency axis and is left out", self._at_file(run.file),
                  "run the benchmark with a fixed concurrency (vLLM --max-concurrency, AIPerf --concurrency, "
                  "GuideLLM --rate-type concurrent), or leave this file out", "warning")
        return False

    def _same_model(self, run: _Run) -> bool:
        expected = self.entry.served_model or (self.model.hf_id if self.model else None)
        if run.model is None or expected is None or _base_name(run.model) == _base_name(expected):
            return True
        if self.entry.served_model is None and self.model is not None and \
                _base_name(run.model) == _base_name(self.model.id):
            return True
        self._add("E032", f"{run.file}: run {run.run} is of model '{run.model}', not '{expected}' "
                          f"({self.entry.model})", self._at_file(run.file),
                  f"point files at {self.entry.model}'s results; if the server gave the model another "
                  f"name, set served_model: {run.model}")
        return False

    # -- samples ----------------------------------------------------------------------

    def _samples(self, runs: list[_Run]) -> dict[tuple[str, int], tuple[Sample, ...]]:
        listed = self.entry.metrics is not None
        wanted = [m for m in (self.entry.metrics if listed else MEASURABLE) if m in MEASURABLE]
        samples: dict[tuple[str, int], list[Sample]] = {}
        for metric in wanted:
            key = self._source_key(metric)
            missing = [run for run in runs if key not in run.values]
            for run in runs:
                if key in run.values and not self._plausible(run, metric, key):
                    continue
                if key in run.values:
                    samples.setdefault((metric, int(run.concurrency)), []).append(
                        Sample(run.file, run.run, run.values[key]))
            if runs and missing:
                self._missing(metric, key, missing, len(runs), listed)
        return {k: tuple(v) for k, v in sorted(samples.items())}

    def _plausible(self, run: _Run, metric: str, key: tuple[str, str]) -> bool:
        """A run's figure can be published: positive and within the range every typed figure keeps to."""
        value = run.values[key]
        what = implausible(value)
        if what is None:
            return True
        self._add("E037", f"{run.file}: run {run.run} reports {key[0]} {value:g} ({what}); the run is left out "
                          f"of {metric}, and the build fails", self._at_file(run.file),
                  f"a figure must be between {SMALLEST:g} and {LARGEST:g}: a broken or misconfigured run; "
                  "rerun it, or leave its file out of files:")
        return False

    def _source_key(self, metric: str) -> tuple[str, str]:
        if metric == "output_throughput":
            return MEASURABLE[metric], "mean"
        tool_metric = self.entry.itl_from if metric == "itl" else MEASURABLE[metric]
        return tool_metric, self.entry.latency_statistic

    def _missing(self, metric: str, key: tuple[str, str], missing: list[_Run], total: int, listed: bool) -> None:
        files = sorted({run.file for run in missing})
        shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        what = f"{key[0]} ({key[1]})" if metric != "output_throughput" else key[0]
        every = len(missing) == total
        message = (f"none of the {total} run(s) reports {what}, so no {metric} figure comes from these files"
                   if every else f"{len(missing)} of {total} run(s) report no {what}: {shown}")
        hint = "those runs do not count towards this metric's figures"
        if every and metric == "itl" and key[0] == "itl":
            hint = ("GenAI-Perf and LLMPerf report no ITL between chunks: set itl_from: tpot, "
                    "or leave itl out of metrics")
        elif every and key[1] not in ("mean", "median"):
            hint = f"the tools wrote no {key[1]}: choose another latency_statistic (median is always there)"
        elif every:
            hint = "list the metrics these files do carry under metrics:"
        steps = ("metrics",) if listed else ("files",)
        self._add("E033", message, steps, hint, "error" if listed and every else "warning")


def _base_name(name: str) -> str:
    """A model name without its organisation or folder, lower-cased: /models/Llama-3.1-8B -> llama-3.1-8b."""
    return name.rstrip("/").rsplit("/", 1)[-1].lower()
