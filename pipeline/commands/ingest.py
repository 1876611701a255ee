"""``site-data ingest``: show what raw benchmark files say, or export them as one tidy table.

The table on the terminal has one line per run; ``--out`` writes every row of the tidy table
(run x metric x statistic) to CSV or Parquet instead. Problems go to stderr. A progress bar is
drawn on stderr while files are read, only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from pipeline.commands.output import add_common_options, print_problems

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
OUT_SUFFIXES = (".csv", ".parquet")


def register(sub) -> None:
    parser = sub.add_parser(
        "ingest", help="read raw benchmark output (vLLM, AIPerf, GenAI-Perf, GuideLLM, LLMPerf, iperf3, "
                       "fortio, k6, field maps)",
        description="Read raw benchmark result files and show what was understood: one line per LLM run "
                    "(tool, model, load, median TTFT/TPOT/ITL, output tokens/s, completed/failed requests) and, "
                    "per networking file (iperf3, fortio, k6, or a script's JSON read through a field map), its "
                    "figures with their dimensions; or, with --out, the whole tidy table as CSV or Parquet. Each "
                    "file's format is recognised from its content. In a project, the field maps in "
                    "data/formats/*.yaml are used. Exit status: 0 read (warnings allowed), 1 a file could not be "
                    "read (or a warning under --strict), 2 usage error.")
    add_common_options(parser)
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="result files, folders (searched for .json and .jsonl) or glob patterns "
                             "(quote them; ** searches sub-folders), relative to the current folder")
    parser.add_argument("--out", type=Path, metavar="FILE",
                        help="write the tidy table to FILE, a .csv or .parquet file, instead of showing it "
                             "(networking figures go to FILE when no LLM run was read, else to "
                             "FILE's stem + .observations + suffix); nothing is written if a file could not be read")
    parser.add_argument("--map", action="append", type=Path, default=[], metavar="FILE",
                        help="a field map (YAML) for a script's own JSON output; repeat for several; "
                             "added to the project's data/formats/*.yaml")
    # Reading raw files needs no project; pipeline.cli may skip its data/ check for this command.
    parser.set_defaults(handler=run, needs_project=False)


def run(args: argparse.Namespace, root: Path) -> int:
    from pipeline.errors import Problems
    from pipeline.ingest import format_summary
    from pipeline.ingest.field_map import load_field_maps, project_field_map_files
    from pipeline.ingest.mixed import ingest_all

    if args.out is not None and args.out.suffix.lower() not in OUT_SUFFIXES:
        print(f"site-data ingest: error: --out {args.out}: the file name must end in .csv or .parquet",
              file=sys.stderr)
        return EXIT_USAGE
    map_files = list(dict.fromkeys([*project_field_map_files(root), *args.map]))
    field_maps, map_problems = load_field_maps(map_files)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    try:
        result = ingest_all(args.paths, field_maps, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    problems = Problems([_strict(p) if args.strict else p for p in map_problems + result.problems])
    print_problems(problems.items, args.format, summary=False)
    failed = bool(problems.errors)
    observations = result.observations
    if args.out is None:
        from pipeline.ingest.obs_table import format_observations

        shown = [format_summary(result.rows)] if result.rows or not observations else []
        shown += [format_observations(observations)] if observations else []
        _print_to_reader("\n\n".join(shown))
        return EXIT_PROBLEMS if failed else EXIT_OK
    if failed:
        print(f"{len(problems.errors)} error(s); nothing was written to {args.out}", file=sys.stderr)
        return EXIT_PROBLEMS
    return _export(result.runs, observations, args.out)


def _export(runs: list, observations, out: Path) -> int:
    """Write the runs' tidy rows to ``out`` and the observations beside it (or to ``out`` when alone)."""
    targets = []
    if runs or not observations:
        rows = sum(len(run.values) for _, run in runs)
        numbered = len({(file, run.run) for file, run in runs})
        files = len({file for file, _ in runs})
        targets.append((_TIDY, runs, out, f"{rows} rows ({numbered} run(s) from {files} file(s))"))
    if observations:
        where = out if not runs else out.with_name(f"{out.stem}.observations{out.suffix}")
        files = len({o.file for o in observations})
        targets.append((_OBSERVATIONS, observations, where,
                        f"{len(observations)} networking figure(s) from {files} file(s)"))
    for kind, content, path, counted in targets:
        try:
            write_table(kind, content, path)
        except OSError as exc:
            print(f"site-data ingest: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"wrote {counted} to {path}")
    return EXIT_OK


def _print_to_reader(text: str) -> None:
    """Print ``text``; a reader that stops early (``| head``) is not an error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at nothing, so Python's own flush at exit does not fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _strict(problem):
    """A warning turned into an error by --strict, saying so."""
    if problem.severity == "error":
        return problem
    hint = (problem.hint + "; " if problem.hint else "") + "(a warning, failing because of --strict)"
    return replace(problem, hint=hint, severity="error")


_TIDY, _OBSERVATIONS = "tidy", "observations"


def write_table(kind: str, content: list, out: Path) -> None:
    """Write the tidy rows of runs (``kind`` "tidy", ``content`` the (file, run) pairs of
    :attr:`~pipeline.ingest.mixed.MixedResult.runs`) or the observations ("observations") as CSV (UTF-8,
    '\\n' line ends, empty cells for missing values) or Parquet; only Parquet needs pandas and pyarrow.

    The file appears whole or not at all: it is written next to its destination, then renamed.
    """
    partial = out.with_name(f".{out.name}.partial")
    try:
        if out.suffix.lower() == ".csv":
            _write_csv(kind, content, partial)
        else:
            _write_parquet(kind, content, partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def _write_csv(kind: str, content: list, path: Path) -> None:
    from pipeline.ingest.table_csv import csv_bytes, runs_csv_text

    if kind == _TIDY:
        # Piece by piece through one large buffer: no copy of the whole text, and a few writes.
        with open(path, "w", encoding="utf-8", newline="", buffering=_WRITE_BUFFER) as stream:
            stream.writelines(runs_csv_text(content))
        return
    from pipeline.ingest.obs_table import OBSERVATION_COLUMNS, OBSERVATION_DTYPES, observation_rows

    path.write_bytes(csv_bytes(OBSERVATION_COLUMNS, OBSERVATION_DTYPES, observation_rows(content)))


_WRITE_BUFFER = 1 << 20


def _write_parquet(kind: str, content: list, path: Path) -> None:
    """Parquet with one fixed column type per column, whatever the rows hold (an all-missing
    tool_version stays a string column, not Arrow's null type)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline.ingest.frame import DTYPES, table_of, table_rows
    from pipeline.ingest.tidy import COLUMNS
    from pipeline.ingest.obs_table import OBSERVATION_COLUMNS, OBSERVATION_DTYPES, observation_table

    arrow = {"object": pa.string(), "int64": pa.int64(), "Int64": pa.int64(), "float64": pa.float64()}
    if kind == _TIDY:
        table, columns, dtypes = table_of(table_rows(content)), COLUMNS, DTYPES
    else:
        table, columns, dtypes = observation_table(content), OBSERVATION_COLUMNS, OBSERVATION_DTYPES
    schema = pa.schema([(name, arrow[dtypes[name]]) for name in columns])
    pq.write_table(pa.Table.from_pandas(table, schema=schema, preserve_index=False), path)


class ProgressBar:
    """``[#####...............]  12/40 files`` redrawn in place on a terminal, erased when done."""

    WIDTH = 30
    """Characters between the brackets."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.shown = ""

    def __call__(self, done: int, total: int) -> None:
        """Draw the bar for ``done`` of ``total`` files (the ingest library's progress callback)."""
        if total < 2:
            return  # one file reads in an instant; a bar would only flicker
        filled = self.WIDTH * done // total
        text = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:>{len(str(total))}}/{total} files"
        if text != self.shown:
            self.stream.write("\r" + text)
            self.stream.flush()
            self.shown = text

    def close(self) -> None:
        """Erase the bar so the table and problems start on a clean line."""
        if self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
            self.stream.flush()
            self.shown = ""
