"""``site-data ingest``: show what raw benchmark files say (placeholder wiring until ingest lands)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub) -> None:
    parser = sub.add_parser("ingest", help="read raw benchmark output (vLLM, AIPerf, GenAI-Perf, GuideLLM, LLMPerf)")
    parser.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    parser.add_argument("--out", type=Path, help="write the tidy table to a .csv or .parquet file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, root: Path) -> int:
    raise NotImplementedError("wired up when pipeline.ingest lands")
