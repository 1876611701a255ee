"""A drawing process forked when a build starts: it imports matplotlib and draws while props render.

Importing matplotlib's font and raster modules costs about 0.3 s, near what rendering a site's props
costs, and drawing a chart about 0.05 s: an edit that redraws three charts paid for props, import and
drawing one after the other. Forked as a build begins, this process imports the drawing code on another core while the
build loads, checks and renders; each chart the planner finds must be drawn is sent to it at once and
drawn while the build goes on; when the build has planned every chart, what is still queued is drawn
in the process's own forked workers, and every chart's bytes come back in the order they were sent.

Linux only (it forks) and only with two or more cores; elsewhere the planner draws in process, as it
does when the process cannot be reached. A build whose charts are all current kills it unused: it
costs the build the fork, and another core a third of a second. The process dies with the build: a killed
build (even by SIGKILL) takes it along, so it never holds the build's output lock or outlives it; a
build that fails before drawing stops it (:meth:`DrawingProcess.stop`, also run when it is collected).
"""

from __future__ import annotations

import gc
import os
import traceback
import weakref
from typing import Any, Callable

from pipeline import cores


class DrawingProcess:
    """A forked process that imports the drawing code now and draws the charts it is sent."""

    def __init__(self, imports: Callable[[], None], draw_one: Callable[[Any], Any],
                 draw_all: Callable[[list, int | None], list]) -> None:
        from multiprocessing import get_context  # only for builds that may draw

        context = get_context("fork")
        self._connection, child_end = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child_end, self._connection, os.getpid(), imports, draw_one, draw_all),
            name="site-data charts")  # not a daemon: it forks workers of its own
        self._process.start()
        child_end.close()
        self._reachable = True
        # However the build ends, the process ends with it (a non-daemon child would hold up its exit).
        self._finalizer = weakref.finalize(self, _end, self._process, self._connection)

    def submit(self, job: Any) -> None:
        """Queue one chart to draw (drawn as soon as the process is free)."""
        if self._reachable:
            try:
                self._connection.send(("job", job))
            except OSError:  # the process is gone: the planner draws in process
                self._reachable = False

    def finish(self, workers: int | None) -> list | None:
        """What ``draw_one`` gave for every submitted job, in order; None if the process could not be reached.

        Jobs still queued are drawn by ``draw_all(queued, workers)``; the process ends.
        """
        try:
            if not self._reachable:
                return None
            self._connection.send(("done", workers))
            status, payload = self._connection.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.stop()
        if status == "error":  # a bug in the drawing code: fail as drawing in process would
            raise RuntimeError(f"drawing charts failed in the drawing process:\n{payload}")
        return payload

    def stop(self) -> None:
        """End the process (drawing done, nothing to draw, or the build failed)."""
        self._finalizer()


def _end(process, connection) -> None:
    if process.is_alive():
        process.kill()
    process.join()
    connection.close()


def _serve(connection, parent_end, parent: int, imports: Callable[[], None], draw_one: Callable[[Any], Any],
           draw_all: Callable[[list, int | None], list]) -> None:
    parent_end.close()
    cores.die_with(parent)
    gc.enable()  # forked while the build had paused the collector: figures are cyclic garbage
    try:
        imports()
        queued: list = []
        drawn: list = []
        while True:
            if queued and not connection.poll():  # nothing new: draw the next chart meanwhile
                drawn.append(draw_one(queued.pop(0)))
                continue
            kind, value = connection.recv()
            if kind == "job":
                queued.append(value)
                continue
            reply: tuple[str, Any] = ("ok", drawn + draw_all(queued, value))
            break
    except EOFError:  # the build ended without asking for its charts
        return
    except Exception:  # noqa: BLE001 - sent to the build, which raises it
        reply = ("error", traceback.format_exc())
    connection.send(reply)
