"""The two files of a static chart show one picture: its SVG, painted by Chromium, is its PNG (Agg).

Both are written from one scene (pipeline/render/charts_scene.py), by two writers
(charts_paint.py): this is what catches one of them drawing something the other does not (a glyph
flipped or moved, a hatch or a clip missing).
"""

from __future__ import annotations

import io

import numpy
import pytest
from PIL import Image

from tests.project import GOLDEN_OUTPUT
from tests.site.node import CHROMIUM, require_site_deps, run, tail

CHARTS = ("consistent-demo/ko/charts/ConcurrencyChart", "consistent-demo/zh/charts/CostPerTokenChart",
          "net-demo/en/charts/QpsSweepChart", "net-demo/zh/charts/ScalingChart")
"""Lines and markers clipped to a plot, hatched bars and a legend, a generic line chart, grouped bars."""


def _pixels(data: bytes) -> numpy.ndarray:
    return numpy.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)


def test_the_svg_painted_by_chromium_is_the_png(tmp_path):
    require_site_deps()
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    pairs = []
    for chart in CHARTS:
        pairs += [str(GOLDEN_OUTPUT / f"{chart}.svg"), str(tmp_path / f"{chart.replace('/', '-')}.png")]
    painted = run(["node", "scripts/rasterise-svg.mjs", "1200", *pairs], timeout=120,
                  env={"CHROMIUM_PATH": str(CHROMIUM)})
    assert painted.returncode == 0, tail(painted)
    for chart in CHARTS:
        chromium = _pixels((tmp_path / f"{chart.replace('/', '-')}.png").read_bytes())
        agg = _pixels((GOLDEN_OUTPUT / f"{chart}.png").read_bytes())
        # Chromium rounds the height up where Agg truncates it: one row more. Agg (as matplotlib sets it up)
        # keeps the chart's bottom edge on the image's and loses the fraction of a row at the top, so the
        # same point sits one row lower in Chromium's picture: compared one row apart.
        assert chromium.shape[1:] == agg.shape[1:] and chromium.shape[0] == agg.shape[0] + 1, chart
        difference = abs(chromium[1:] - agg).max(axis=2)
        # Measured: 0.5-0.9 levels of 255 in the mean, 0.15-0.45 % of pixels apart by more than a quarter of
        # the range (two rasterisers' anti-aliasing of the same outlines). The whole SVG one pixel to the
        # side gives 1.7-3.0 levels and 1.2-1.9 %.
        assert difference.mean() <= 1.2, chart
        assert (difference > 64).mean() <= 0.007, chart
