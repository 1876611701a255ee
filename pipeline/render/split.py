"""The later half of a large build's reports, rendered in a second process on another core.

Reports are rendered one after another and each is independent of the others. With
:data:`SPLIT_FROM` or more to render, on Linux with two cores or more, the build forks once, after
every report was checked (what the child needs is already in memory, shared until written to).
The child renders the later half and writes each report's outputs, the messages it found missing
and the charts it planned to an unnamed temporary file, then exits. The build renders the first
half meanwhile, then reads the child's reports back in order. Outputs, their order, problems and
charts are those of rendering every report in one process (a test compares them).
"""

from __future__ import annotations

import os
import pickle
import signal
import tempfile
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, NoReturn

from pipeline import cores
from pipeline.errors import BuildFailed

SPLIT_FROM = 4
"""Reports to render from which half of them go to a second process: forking costs about as much
as rendering one report."""

SPLIT = True
"""Whether large builds split at all (tests turn it off to compare the outputs of both ways)."""


def should_split(reports: int) -> bool:
    """Whether rendering ``reports`` reports goes in two processes."""
    return SPLIT and reports >= SPLIT_FROM and cores.can_fork()


@dataclass
class PlannedCharts:
    """Stands in for the build's :class:`~pipeline.render.charts.ChartPlanner` in the second process:
    records what each report asked it, for the build to ask the real planner in the same order."""

    calls: list[tuple[str, Any, str, Any, Any]] = field(default_factory=list)

    def add(self, base: str, props: dict, locale, serialized: dict | None = None,
            wanted: list[str] | None = None) -> None:
        """As :meth:`ChartPlanner.add`; the locale is kept as its identifier (``zh_Hans_CN``)."""
        self.calls.append((base, props, str(locale), serialized, wanted))

    def take(self) -> list[tuple[str, Any, str, Any, Any]]:
        """The calls recorded since the last take."""
        calls, self.calls = self.calls, []
        return calls


class SecondHalf:
    """The forked process rendering the reports from ``first`` on, and what it wrote."""

    def __init__(self, first: int, records: Callable[[], Iterator[tuple]]):
        """Fork now; the child writes every record of ``records()`` (one per report) and exits."""
        self.first = first
        self._stream = tempfile.TemporaryFile()  # unnamed: nothing is left behind, even if killed
        self._status: int | None = None
        parent = os.getpid()
        self.pid = os.fork()
        if self.pid == 0:
            cores.die_with(parent)  # a killed build takes it along
            _write_records(records, self._stream)

    def take(self) -> tuple:
        """The next report's record (waiting for the child to finish, the first time); raise what
        rendering it raised."""
        if self._status is None:
            _, self._status = os.waitpid(self.pid, 0)
            self._stream.seek(0)
        try:
            record = pickle.load(self._stream)
        except (EOFError, pickle.UnpicklingError) as exc:
            raise RuntimeError(f"the process rendering the later reports stopped before it was done "
                               f"(exit status {os.waitstatus_to_exitcode(self._status)}; {exc or 'no more data'})") \
                from None
        kind = record[0]
        if kind == "failed":
            raise BuildFailed(record[1], record[2])
        if kind == "crash":
            raise RuntimeError(f"rendering the later reports failed in the second process:\n{record[1]}")
        return record[1:]

    def stop(self) -> None:
        """End the child if it still runs (the build failed first) and let go of its file."""
        if self._status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            _, self._status = os.waitpid(self.pid, 0)
        self._stream.close()


def _write_records(records: Callable[[], Iterator[tuple]], stream) -> NoReturn:
    """The child's whole life: pickle each record, a failure as the last one, and exit at once
    (no clean-up of the parent's state: atexit handlers and buffers belong to the build)."""
    code = 1
    try:
        try:
            for record in records():
                pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
        except BuildFailed as failed:
            pickle.dump(("failed", failed.stage, failed.problems), stream, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - whatever it was, the build reports it
            pickle.dump(("crash", traceback.format_exc()), stream, protocol=pickle.HIGHEST_PROTOCOL)
        stream.flush()
        code = 0
    finally:
        os._exit(code)
