"""Static charts (SVG and PNG) of the metric components, drawn from their props, cached by content.

A chart's bytes depend only on its props, the drawing code, the build of matplotlib (FreeType,
HarfBuzz and Agg are linked into it), the zlib that compresses the PNG, and the font: the hash of those (the *key*) is written beside the chart as
``<Component>.key``, followed by the SHA-256 of the SVG and the PNG that key produced. A build
reads the previous key file and reuses the previous bytes only when the key matches *and* the
files on disk are the bytes it lists, so a chart edited by hand is redrawn (and ``build --check``
reports it stale) instead of being published unseen; only such charts and those whose inputs
changed are drawn. The build's own process imports matplotlib (~0.3 s) only to draw in process: a
build with the drawing process (:mod:`pipeline.render.charts_process`) leaves the import to it, and
kills it unused when every chart is current. Apart from that cache read,
planning and rendering are pure: props in, bytes out; :mod:`pipeline.write` writes them with
everything else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from babel import Locale

from pipeline import cores
from pipeline.errors import BuildFailed, Problem
from pipeline.props.models import Envelope
from pipeline.render.charts_fonts import ChartFont, FontMissing, chart_font
from pipeline.render.context import props_json
from pipeline.models.report import STANDARD_COMPONENTS

if TYPE_CHECKING:
    from pipeline.render.charts_process import DrawingProcess

CHART_KINDS = ("metric_bars", "concurrency_sweep", "cost", "pareto")
"""LLM component kinds drawn as static charts."""
CHART_COMPONENTS = tuple(c.name for c in STANDARD_COMPONENTS if c.kind in CHART_KINDS)
"""The standard components with a static chart."""
"""Components that also get a static chart."""

RENDERER_MODULES = ("charts_draw.py", "charts_lines.py", "charts_pareto.py", "charts_plot.py", "charts_scene.py",
                    "charts_paint.py", "charts_axis.py", "charts_text.py", "charts_fonts.py")
"""Source files of the drawing code: their hash is the renderer's version, so any change to them redraws."""

FORMATS = ("svg", "png")

PARALLEL_FROM = 2
"""Draw in worker processes when at least this many charts need drawing (and there is more than one core)."""

CacheRead = Callable[[str], "bytes | None"]
"""Previous bytes of an output path relative to site-data/, or None."""

_MEMO: dict[str, dict[str, bytes]] = {}
"""Charts drawn in this process, by key: a second build of the same inputs draws nothing."""
_MEMO_SIZE = 64


@dataclass(frozen=True)
class ChartJob:
    """One chart to produce: where, from what, and the key of those inputs."""

    path: str
    """Output path without extension, relative to site-data/: '<report>/<locale>/charts/<Component>'."""
    props: Envelope
    font: ChartFont
    key: str


GENERAL_RENDERER_MODULES = ("charts_general.py",)
"""Drawing code of the generic kinds' charts, hashed into their keys only."""


@lru_cache(maxsize=2)
def renderer_version(general: bool = False) -> str:
    """Hash of the drawing code, of the build of matplotlib, and of the zlib that packs the PNG.

    Besides matplotlib's version, the hashes its wheel records for its compiled extensions: FreeType,
    HarfBuzz (text shaping) and Agg are linked into those, so a build of the same version against
    other libraries (a distribution's package, a source build) also redraws.
    """
    from importlib.metadata import PackageNotFoundError, distribution  # only when a chart is planned

    digest = hashlib.sha256()
    import zlib

    digest.update(f"zlib {zlib.ZLIB_RUNTIME_VERSION}\n".encode())
    for name in ("matplotlib",):
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            digest.update(f"{name} missing\n".encode())
            continue
        digest.update(f"{name} {dist.version}\n".encode())
        for line in sorted((dist.read_text("RECORD") or "").splitlines()):
            if line.split(",", 1)[0].endswith((".so", ".pyd", ".dylib")):
                digest.update(line.encode() + b"\n")
    for name in RENDERER_MODULES + (GENERAL_RENDERER_MODULES if general else ()):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def chart_key(props: Envelope, font: ChartFont, serialized: bytes | None = None) -> str:
    """Hash of everything a chart's bytes depend on: props, drawing code, matplotlib, font.

    ``serialized`` is the props file's bytes when the caller has them already.
    """
    digest = hashlib.sha256()
    for part in (renderer_version(_is_general(props)), font.identity, font.family, props.component):
        digest.update(part.encode() + b"\n")
    digest.update(serialized if serialized is not None else props_json(props))
    return "sha256:" + digest.hexdigest()


def is_chart_output(relative: str) -> bool:
    """Whether an output path (relative to site-data/) is a static chart or its key."""
    parts = relative.split("/")
    return len(parts) >= 2 and parts[-2] == "charts"


def folder_cache(out_dir: Path) -> CacheRead:
    """Read previous outputs from ``out_dir`` (site-data/); missing or unreadable files are misses."""
    def read(relative: str) -> bytes | None:
        try:
            return (out_dir / relative).read_bytes()
        except OSError:
            return None
    return read


def no_cache(relative: str) -> None:
    """A cache that never hits (draw everything)."""
    return None


@dataclass
class ChartPlanner:
    """Plans the charts of every report and locale as their props are rendered (reusing the current
    ones, handing the others to the drawing process at once), then produces them all."""

    cache: CacheRead = no_cache
    problems: list[Problem] = field(default_factory=list)
    draw_ahead: bool = False
    """Fork a drawing process now (:mod:`pipeline.render.charts_process`): it imports matplotlib and
    draws each chart as it is planned, while the build goes on."""
    _reused: dict[str, bytes] = field(default_factory=dict)
    """Outputs of the planned charts whose previous bytes are current."""
    _todo: list[ChartJob] = field(default_factory=list)
    """The planned charts to draw, in order."""
    _drawer: DrawingProcess | None = None

    def __post_init__(self) -> None:
        if self.draw_ahead and cores.can_fork():
            from pipeline.render.charts_process import DrawingProcess

            self._drawer = DrawingProcess(_prepare_drawing_process, _draw_one, _draw_all)

    def add(self, base: str, props: dict[str, Envelope], locale: Locale,
            serialized: dict[str, bytes] | None = None, wanted: list[str] | None = None) -> None:
        """Plan the charts of one report in one locale (``base`` = '<report>/<locale>').

        ``serialized`` holds the props files' bytes, so they are not serialized a second time;
        ``wanted`` names the components to draw (default: the LLM report's chart components).
        """
        wanted = [name for name in (CHART_COMPONENTS if wanted is None else wanted) if name in props]
        if not wanted:
            return
        try:
            font = chart_font(locale)
        except FontMissing as missing:
            if missing.problem not in self.problems:
                self.problems.append(missing.problem)
            return
        for name in wanted:
            key = chart_key(props[name], font, (serialized or {}).get(name))
            job = ChartJob(f"{base}/charts/{name}", props[name], font, key)
            reused = self._reuse(job)
            if reused is not None:
                self._reused.update(reused)
                continue
            self._todo.append(job)
            if self._drawer is not None:
                self._drawer.submit(job)

    def render(self, workers: int | None = None) -> dict[str, bytes]:
        """Output path -> bytes of every planned chart (and its key); raise BuildFailed on font problems."""
        if self.problems:
            self.close()
            raise BuildFailed("render", self.problems)
        outputs = dict(self._reused)
        todo = self._todo
        drawn = self._drawer.finish(workers) if self._drawer is not None and todo else None
        self.close()
        if drawn is None:
            drawn = _draw_all(todo, workers)
        problems: list[Problem] = []
        for job, (files, missing) in zip(todo, drawn):
            if missing:
                problems.append(Problem(
                    "E081", f"chart {job.path}: the font '{job.font.family}' cannot draw "
                            f"{', '.join(repr(ch) for ch in missing)}",
                    hint="change the label in data/ or i18n/, or install a font that has these characters"))
                continue
            _remember(job.key, files)
            outputs.update(_named(job, files))
        if problems:
            raise BuildFailed("render", problems)
        return outputs

    def close(self) -> None:
        """Stop the drawing process, if one was started (the build failed, or drawing is done)."""
        if self._drawer is not None:
            self._drawer.stop()
            self._drawer = None

    def _reuse(self, job: ChartJob) -> dict[str, bytes] | None:
        if job.key in _MEMO:
            return _named(job, _MEMO[job.key])
        previous = self.cache(f"{job.path}.key")
        if previous is None:
            return None
        files = {fmt: self.cache(f"{job.path}.{fmt}") for fmt in FORMATS}
        if any(data is None for data in files.values()) or previous != key_file(job.key, files):
            return None  # other inputs, or a chart file that is not what this key drew
        _remember(job.key, files)
        return _named(job, files)


def build_planner(output: Path) -> ChartPlanner:
    """The planner of a build's charts, reusing the current ones in ``output`` (site-data/), drawing ahead.

    Made before the reports are checked: its drawing process (Linux, two cores or more) imports
    matplotlib meanwhile. Close it (:meth:`ChartPlanner.close`) if the build fails before the charts.
    """
    return ChartPlanner(folder_cache(output), draw_ahead=True)


def key_file(key: str, files: dict[str, bytes]) -> bytes:
    """The ``.key`` file of a chart: its key, then the SHA-256 of each format's bytes drawn from it."""
    lines = [key] + [f"{fmt} sha256:{hashlib.sha256(files[fmt]).hexdigest()}" for fmt in FORMATS]
    return ("\n".join(lines) + "\n").encode()


def _named(job: ChartJob, files: dict[str, bytes]) -> dict[str, bytes]:
    outputs = {f"{job.path}.{fmt}": files[fmt] for fmt in FORMATS}
    outputs[f"{job.path}.key"] = key_file(job.key, files)
    return outputs


def _remember(key: str, files: dict[str, bytes]) -> None:
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[key] = files


def _is_general(props) -> bool:
    """Whether props are of a generic component kind (benchmark reports), drawn by charts_general."""
    from pipeline.props.general import GeneralEnvelope  # light: pydantic models only

    return isinstance(props, GeneralEnvelope)


def _draw_one(job: ChartJob) -> tuple[dict[str, bytes], list[str]]:
    if _is_general(job.props):
        from pipeline.render.charts_general import render_general_chart  # matplotlib: only when drawn

        return render_general_chart(job.props, job.font)
    from pipeline.render.charts_draw import render_chart  # matplotlib: only when a chart is drawn

    return render_chart(job.props, job.font)


def _import_drawing_code() -> None:
    """Import matplotlib and every drawer (once, before forking: each worker would import them again)."""
    import pipeline.render.charts_draw  # noqa: F401
    import pipeline.render.charts_general  # noqa: F401


def _prepare_drawing_process() -> None:
    """Import the drawing code and put matplotlib's own settings in force: the process only draws."""
    _import_drawing_code()
    from pipeline.render.charts_draw import use_matplotlib_defaults

    use_matplotlib_defaults()


def _draw_all(jobs: list[ChartJob], workers: int | None) -> list[tuple[dict[str, bytes], list[str]]]:
    """Draw ``jobs`` in order; across cores when there are enough of them to pay for the workers."""
    if not jobs:
        return []
    _import_drawing_code()
    from pipeline.render.charts_draw import matplotlib_defaults

    with matplotlib_defaults():  # once for the batch; forked workers start with it in force
        return _draw_batch(jobs, workers)


def _draw_batch(jobs: list[ChartJob], workers: int | None) -> list[tuple[dict[str, bytes], list[str]]]:
    if len(jobs) < PARALLEL_FROM or not cores.can_fork(workers):
        return [_draw_one(job) for job in jobs]
    # Forked workers start with this process's modules; each draws a contiguous share of the jobs.
    from concurrent.futures import ProcessPoolExecutor  # only when several charts must be drawn
    from multiprocessing import get_context

    count = workers if workers is not None else cores.available()

    with ProcessPoolExecutor(max_workers=min(count, len(jobs)), mp_context=get_context("fork")) as pool:
        return list(pool.map(_draw_one, jobs))  # one at a time: charts differ in cost several-fold
