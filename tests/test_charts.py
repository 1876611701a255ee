"""Static charts: drawn from the props and nothing else, byte-stable, cached by content, never tofu."""

from __future__ import annotations

import html
import re
import struct
import xml.etree.ElementTree as ElementTree
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from babel import Locale

from pipeline import cores
from pipeline.build import build, check
from pipeline.errors import BuildFailed, Problem
from pipeline.load.project import ProjectPaths
from pipeline.localize import Localizer, babel_locale
from pipeline.props.models import ConcurrencyChartProps, CostChartProps, Envelope, MetricChartProps
from pipeline.render import charts, charts_fonts
from pipeline.render.charts_axis import axis_ticks, tick_decimals
from pipeline.render.charts_text import em_width, wrap
from pipeline.render.context import RenderContext
from pipeline.render.report import render_props
from tests.project import GOLDEN_OUTPUT, ROOT, golden_reports, make_project

LOCALES = ("zh", "en", "ko")
LLAMA4_CHARTS = tuple(name for name in charts.CHART_COMPONENTS if name != "ParetoChart")
"""The Llama 4 report's charts: it states no SLO, so it has no ParetoChart (tests/test_llm_depth.py draws one)."""


@pytest.fixture(scope="module")
def llama4_props(frozen_project) -> dict[str, dict[str, Envelope]]:
    """Locale -> component -> props of the Llama 4 report as first published (tests/fixtures/frozen/)."""
    paths = ProjectPaths(frozen_project)
    checked = check(paths, report_files=[frozen_project / "data" / "reports" / "llama4-fm-serving.yaml"])
    result = {}
    for site_locale in checked.inputs.locales:
        loc = Localizer(site_locale, babel_locale(site_locale), checked.inputs.translations[site_locale.id])
        derived = checked.derived[0]
        result[site_locale.id] = render_props(RenderContext(derived, checked.findings[derived.report.id], loc))
    return result


@pytest.fixture(scope="module")
def drawn(llama4_props) -> dict[tuple[str, str], dict[str, bytes]]:
    """(locale, component) -> {'svg': ..., 'png': ...} of every chart of the Llama 4 report."""
    from pipeline.render.charts_draw import render_chart

    result = {}
    for locale in LOCALES:
        font = charts_fonts.chart_font(Locale.parse({"zh": "zh_Hans_CN", "en": "en_US", "ko": "ko_KR"}[locale]))
        for name in LLAMA4_CHARTS:
            files, missing = render_chart(llama4_props[locale][name], font)
            assert missing == []
            result[(locale, name)] = files
    return result


# -- what a chart shows ------------------------------------------------------------------------

def svg_texts(svg: bytes) -> list[str]:
    """Every text drawn in an SVG (matplotlib writes each text drawn as paths as an escaped comment)."""
    return [html.unescape(m.group(1)) for m in re.finditer(r"<!-- (.*?) -->", svg.decode("utf-8"))]


def expected_texts(props: Envelope) -> tuple[set[str], list[str]]:
    """(every label a chart must show, the notes it must print under it), from the props alone."""
    arrow = "↓" if props.direction == "lower" else "↑"
    shown = {props.title, f"{arrow} {props.direction_label}"}
    labels = {s.id: s for s in props.scenarios}
    if isinstance(props, MetricChartProps):
        bars = [b for g in props.groups for b in g.bars]
        shown |= {g.heading for g in props.groups} | {props.axis_label}
        shown |= {labels[b.scenario].label for b in bars} | {b.formatted for b in bars}
        shown |= {b.relative.formatted for b in bars} | {b.provenance.label for b in bars}
        shown |= {f"★ {props.best_label}"}
        notes = sorted({b.provenance.note for b in bars if b.provenance.note}) + props.footnotes
    elif isinstance(props, CostChartProps):
        rows = [r for g in props.groups for r in g.rows]
        both = any(r.cost.provenance.consistent is False for r in rows)
        shown |= {g.heading for g in props.groups} | {props.unit, f"★ {props.best_label}"}
        shown |= {labels[r.scenario].label for r in rows} | {r.cost.formatted for r in rows}
        shown |= {r.relative.formatted for r in rows} | {r.cost.provenance.label for r in rows}
        if both:
            shown |= {r.derived_cost.formatted for r in rows} | {props.columns["cost"], props.columns["derived_cost"]}
        notes = [props.convention] + [g.note for g in props.groups if g.note] + props.footnotes
    else:
        assert isinstance(props, ConcurrencyChartProps)
        shown |= {props.heading, props.x_label, props.y_label} | {t.formatted for t in props.ticks}
        shown |= {str(c) for c in props.concurrency} | {s.provenance.label for s in props.series}
        shown |= {labels[s.scenario].label for s in props.series} | {s.scaling.formatted for s in props.series}
        shown |= {p.formatted for s in props.series for p in s.points}
        shown |= {s.scenario for s in props.series if s.scenario != props.best_at_peak}
        shown |= {f"{props.best_at_peak}  ★ {props.best_label}"}
        notes = [props.scaling_label] + props.footnotes
    return shown, notes


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("component", LLAMA4_CHARTS)
def test_a_chart_shows_exactly_the_props_labels_and_formatted_values(drawn, llama4_props, locale, component):
    props = llama4_props[locale][component]
    texts = svg_texts(drawn[(locale, component)]["svg"])
    shown, notes = expected_texts(props)
    assert shown <= set(texts), f"missing: {sorted(shown - set(texts))}"
    # What is left is the notes (and, on the line chart, the scaling header), wrapped into lines.
    rest = [t for t in texts if t not in shown]
    assert squeeze("".join(rest)) == squeeze("".join(notes))


def test_charts_are_in_the_page_locale(drawn):
    zh = svg_texts(drawn[("zh", "TtftChart")]["svg"])
    ko = svg_texts(drawn[("ko", "TtftChart")]["svg"])
    en = svg_texts(drawn[("en", "TtftChart")]["svg"])
    assert {"↓ 越低越好", "估算", "基准", "★ 最佳", "首 token 生成时间（TTFT）"} <= set(zh)
    assert {"↓ 낮을수록 좋음", "추정", "기준", "★ 최고"} <= set(ko)
    assert {"↓ Lower is better", "Estimated", "Baseline", "★ Best", "TTFT (ms)"} <= set(en)


def test_the_cost_chart_shows_derived_costs_beside_published_ones_that_disagree(drawn):
    texts = svg_texts(drawn[("en", "CostPerTokenChart")]["svg"])
    assert texts.index("$0.85") < texts.index("$6.50") < texts.index("$0.72")  # A published, A derived, B
    assert "Derived $/1M tokens" in texts


# -- bytes -----------------------------------------------------------------------------------------

def png_chunks(data: bytes) -> list[str]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.append(kind.decode("ascii"))
        at += 12 + length
    return chunks


def test_chart_bytes_carry_no_date_or_software_version(drawn):
    files = drawn[("zh", "ConcurrencyChart")]
    svg = files["svg"].decode("utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg and "<dc:creator>" not in svg
    assert sorted(set(png_chunks(files["png"]))) == ["IDAT", "IEND", "IHDR", "pHYs"]
    width, height = struct.unpack(">II", files["png"][16:24])
    assert width == 1200


MATPLOTLIB_CHARTS = ROOT / "tests" / "fixtures" / "matplotlib-charts"
"""Golden charts as matplotlib's figure API drew them (revision 976aacd), before charts were drawn as
scenes: the bar, cost (hatched, with a legend) and line charts, and generic bar panels. The generic
line and grouped-bar charts are not among them: their plots now make room for a long legend or row
label, which used to run off the chart."""


def _pixels(png: bytes):
    import io

    import numpy
    from PIL import Image

    return numpy.asarray(Image.open(io.BytesIO(png))).astype(int)


@pytest.mark.parametrize("reference", sorted(p.name for p in MATPLOTLIB_CHARTS.glob("*.png")))
def test_charts_are_the_pictures_matplotlib_drew(reference):
    """The scene places every bar, line, tick and glyph where matplotlib's figure put it. Measured on these
    charts: at most 0.15 levels of 255 apart in the mean and 0.2 % of pixels by more than a quarter of the
    range (anti-aliasing where a glyph or a marker lands a fraction of a pixel away). A bar left out or
    moved, or text a pixel off, gave 1-30 levels and 1-18 %."""
    report, locale, component, _ = reference.split(".")
    golden = GOLDEN_OUTPUT / report / locale / "charts" / f"{component}.png"
    ours, theirs = _pixels(golden.read_bytes()), _pixels((MATPLOTLIB_CHARTS / reference).read_bytes())
    assert ours.shape == theirs.shape
    difference = abs(ours - theirs).max(axis=2)
    assert difference.mean() <= 0.5
    assert (difference > 64).mean() <= 0.005


def test_png_is_opaque_rgb_at_150_dpi(drawn):
    png = drawn[("ko", "ConcurrencyChart")]["png"]
    assert png[25] == 2  # IHDR colour type: truecolour, no alpha
    assert _pixels(png).shape[2] == 3
    assert struct.unpack(">IIB", png[png.index(b"pHYs") + 4:][:9]) == (5906, 5906, 1)  # 150 dpi, per metre


def test_drawing_twice_and_in_worker_processes_gives_identical_bytes(llama4_props, drawn):
    jobs = [charts.ChartJob(f"x/{locale}/charts/{name}", llama4_props[locale][name],
                            charts_fonts.chart_font(Locale.parse("ko_KR" if locale == "ko" else "zh_Hans_CN")
                                                    if locale != "en" else Locale.parse("en_US")), "k")
            for locale, name in (("zh", "TtftChart"), ("ko", "ItlChart"), ("en", "ConcurrencyChart"),
                                 ("zh", "CostPerTokenChart"))]
    serial = charts._draw_all(jobs, workers=1)
    parallel = charts._draw_all(jobs, workers=2)
    assert serial == parallel
    assert serial[0][0] == drawn[("zh", "TtftChart")]


@pytest.mark.skipif(sys.platform != "linux", reason="the drawing process forks: Linux only")
def test_the_drawing_process_draws_what_the_build_would_and_ends_with_it(monkeypatch, llama4_props, drawn):
    monkeypatch.setattr(cores, "available", lambda: 2)
    monkeypatch.setattr(charts, "_MEMO", {})
    planner = charts.ChartPlanner(draw_ahead=True)
    process = planner._drawer._process
    assert process.is_alive()
    # The process forked with the real drawing code; this process must not draw anything itself.
    monkeypatch.setattr(charts, "_draw_all", lambda jobs, workers: pytest.fail("drawn in the build's process"))
    for locale in ("zh", "ko", "en"):
        planner.add(f"r/{locale}", {name: llama4_props[locale][name] for name in ("TtftChart", "ItlChart")},
                    Locale.parse({"ko": "ko_KR", "zh": "zh_Hans_CN", "en": "en_US"}[locale]))
    outputs = planner.render()
    assert not process.is_alive() and planner._drawer is None
    assert outputs["r/zh/charts/TtftChart.svg"] == drawn[("zh", "TtftChart")]["svg"]
    assert outputs["r/en/charts/ItlChart.png"] == drawn[("en", "ItlChart")]["png"]
    assert len(outputs) == 6 * 3

    unused = charts.ChartPlanner(draw_ahead=True)  # a build that failed before drawing anything
    process = unused._drawer._process
    unused.close()
    assert not process.is_alive()


def test_hostile_labels_are_drawn_literally_in_valid_svg(llama4_props):
    from pipeline.render.charts_draw import render_chart

    title = "$x$ {y} <b> a|b & </script>"
    props = llama4_props["en"]["TtftChart"].model_copy(update={"title": title})
    files, missing = render_chart(props, charts_fonts.chart_font(Locale.parse("en_US")))
    assert missing == []
    ElementTree.fromstring(files["svg"])
    assert title in svg_texts(files["svg"])
    # Not read as mathtext (which would set the x in an italic math font): every glyph is Noto's.
    fonts = set(re.findall(r'<path id="([A-Za-z-]+)-[0-9a-f]+"', files["svg"].decode("utf-8")))
    assert fonts == {"NotoSansCJKsc-Regular", "NotoSansCJKsc-Bold"}


def test_text_is_drawn_as_paths_with_the_locale_face(drawn):
    svg = drawn[("ko", "TtftChart")]["svg"].decode("utf-8")
    assert "<text" not in svg and "font-family" not in svg  # glyph outlines, no font needed to view
    assert charts_fonts.face_for(Locale.parse("ko_KR")) == "Noto Sans CJK KR"
    assert charts_fonts.face_for(Locale.parse("zh_Hans_CN")) == "Noto Sans CJK SC"
    assert charts_fonts.face_for(Locale.parse("zh_Hant_TW")) == "Noto Sans CJK TC"
    assert charts_fonts.face_for(Locale.parse("en_US")) == "Noto Sans CJK SC"
    assert charts_fonts.face_for(Locale.parse("ja_JP")) == "Noto Sans CJK JP"


# -- fonts -------------------------------------------------------------------------------------

def test_no_cjk_font_is_a_problem_that_says_how_to_get_one(monkeypatch, tmp_path):
    monkeypatch.setattr(charts_fonts, "SEARCH_DIRS", (str(tmp_path),))
    with pytest.raises(charts_fonts.FontMissing) as raised:
        charts_fonts.find_font_files({})
    assert raised.value.problem.format() == (
        "error[E080] no CJK font found: charts draw their Chinese and Korean labels with Noto Sans CJK\n"
        "  hint: on Debian or Ubuntu run `make system-deps` (or `apt-get install fonts-noto-cjk`); elsewhere "
        "install Noto Sans CJK and set SITE_DATA_CJK_FONT=/path/to/NotoSansCJK-Regular.ttc")


def test_a_build_without_the_font_fails_before_writing(monkeypatch, tmp_path):
    root = make_project(tmp_path / "project", golden_reports())
    monkeypatch.setenv("SITE_DATA_CJK_FONT", str(tmp_path / "missing.ttc"))
    with pytest.raises(BuildFailed) as raised:
        build(ProjectPaths(root))
    assert raised.value.stage == "render"
    assert raised.value.problems == [Problem(
        "E080", f"SITE_DATA_CJK_FONT names '{tmp_path / 'missing.ttc'}', which is not a file",
        hint="point SITE_DATA_CJK_FONT at NotoSansCJK-Regular.ttc, or unset it to search the usual font folders")]
    assert not (root / "site-data").exists()


def test_a_label_the_font_cannot_draw_is_a_problem_not_empty_boxes(llama4_props):
    props = llama4_props["en"]["TtftChart"]
    thai = props.model_copy(update={"title": "เวลา TTFT"})
    planner = charts.ChartPlanner()
    planner.add("r/en", {"TtftChart": thai}, Locale.parse("en_US"))
    with pytest.raises(BuildFailed) as raised:
        planner.render(workers=1)
    [problem] = raised.value.problems
    assert problem.format() == (
        "error[E081] chart r/en/charts/TtftChart: the font 'Noto Sans CJK SC' cannot draw 'ล', 'ว', 'า', 'เ'\n"
        "  hint: change the label in data/ or i18n/, or install a font that has these characters")


def test_a_stale_matplotlib_font_cache_does_not_hide_an_installed_font(monkeypatch):
    from matplotlib import font_manager

    font = charts_fonts.chart_font(Locale.parse("ko_KR"))
    # As if matplotlib's cache had been built before the font package was installed.
    stale = [e for e in font_manager.fontManager.ttflist if e.fname not in (font.regular, font.bold)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    font_manager.fontManager._findfont_cached.cache_clear()
    charts_fonts.register(font)
    found = font_manager.findfont(font_manager.FontProperties(family=font.family), fallback_to_default=False)
    assert found == font.regular
    font_manager.fontManager._findfont_cached.cache_clear()


# -- the cache ---------------------------------------------------------------------------------

def test_unchanged_inputs_reuse_previous_bytes_and_changed_ones_redraw(monkeypatch, llama4_props):
    monkeypatch.setattr(charts, "_MEMO", {})
    drawn_jobs: list[str] = []

    def fake_draw(jobs, workers):
        drawn_jobs.extend(job.path for job in jobs)
        return [({"svg": b"<svg new/>", "png": b"png new"}, []) for _ in jobs]

    monkeypatch.setattr(charts, "_draw_all", fake_draw)
    props = {name: llama4_props["en"][name] for name in ("TtftChart", "ItlChart")}
    font = charts_fonts.chart_font(Locale.parse("en_US"))
    previous = {
        "r/en/charts/TtftChart.key": charts.key_file(charts.chart_key(props["TtftChart"], font),
                                                     {"svg": b"<svg old/>", "png": b"png old"}),
        "r/en/charts/TtftChart.svg": b"<svg old/>", "r/en/charts/TtftChart.png": b"png old",
        "r/en/charts/ItlChart.key": b"sha256:0000\n",  # stale: its inputs changed
        "r/en/charts/ItlChart.svg": b"<svg old/>", "r/en/charts/ItlChart.png": b"png old",
    }
    planner = charts.ChartPlanner(previous.get)
    planner.add("r/en", props, Locale.parse("en_US"))
    outputs = planner.render()
    assert drawn_jobs == ["r/en/charts/ItlChart"]
    assert outputs["r/en/charts/TtftChart.svg"] == b"<svg old/>"
    assert outputs["r/en/charts/ItlChart.svg"] == b"<svg new/>"
    assert outputs["r/en/charts/ItlChart.key"] == charts.key_file(charts.chart_key(props["ItlChart"], font),
                                                                  {"svg": b"<svg new/>", "png": b"png new"})
    assert sorted(outputs) == sorted(previous)


def test_the_key_changes_with_the_props_and_the_font(llama4_props):
    props = llama4_props["en"]["TtftChart"]
    font = charts_fonts.chart_font(Locale.parse("en_US"))
    key = charts.chart_key(props, font)
    assert key == charts.chart_key(props, font)
    assert key != charts.chart_key(props.model_copy(update={"title": "Other"}), font)
    assert key != charts.chart_key(props, charts_fonts.chart_font(Locale.parse("ko_KR")))
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", key)


def test_a_build_with_current_charts_does_not_import_matplotlib(tmp_path):
    root = make_project(tmp_path / "project", golden_reports())
    # Drawing in this process (not in workers), so that importing matplotlib is what drawing a chart
    # shows; its figure and pyplot are never imported, drawing or not (charts are scenes).
    probe = ("import sys; from pipeline import cores; cores.available = lambda: 1; "
             "from pipeline.cli import main; code = main(['--root', sys.argv[1], 'build']); "
             "print('matplotlib imported:', 'matplotlib' in sys.modules, "
             "'figure:', 'matplotlib.figure' in sys.modules or 'matplotlib.pyplot' in sys.modules); sys.exit(code)")
    runs = [subprocess.run([sys.executable, "-c", probe, str(root)], cwd=ROOT, capture_output=True, text=True)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    assert runs[0].stdout.splitlines()[-1] == "matplotlib imported: True figure: False"
    assert runs[1].stdout.splitlines()[-1] == "matplotlib imported: False figure: False"
    assert ", 0 created, 0 updated, 0 deleted, " in runs[1].stdout
    charts_dir = root / "site-data" / "consistent-demo" / "zh" / "charts"
    assert sorted(p.name for p in charts_dir.iterdir()) == sorted(
        f"{name}.{ext}" for name in LLAMA4_CHARTS for ext in ("key", "png", "svg"))


# -- text layout -------------------------------------------------------------------------------

def test_wrapping_breaks_han_anywhere_but_never_before_closing_punctuation():
    assert wrap("实际性能可能因工作负载特性、输入长度而异。", 8) == ["实际性能可能因工", "作负载特性、输入", "长度而异。"]
    assert wrap("一二三四五六七，八", 7) == ["一二三四五六", "七，八"]


def test_wrapping_breaks_latin_and_korean_at_spaces():
    assert wrap("Real performance varies with workload", 6) == ["Real", "performance", "varies with", "workload"]
    assert wrap("실제 성능은 워크로드 특성에 따라 달라질 수 있습니다", 8) == \
        ["실제 성능은", "워크로드 특성에", "따라 달라질 수", "있습니다"]


def test_a_word_longer_than_a_line_is_cut_after_a_separator_or_where_it_must():
    assert wrap("meta-llama/Llama-3.1-8B-Instruct served by vllm", 8) == \
        ["meta-llama/", "Llama-3.1-8B-", "Instruct served", "by vllm"]
    assert wrap("Supercalifragilisticexpialidocious", 6) == ["Supercalifra", "gilisticexpi", "alidocious"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcXYZ019-/_.: 한국어中文，。"), max_size=120),
       st.floats(min_value=1.0, max_value=30.0))
def test_wrapped_lines_fit_their_width_and_keep_every_character(text, width):
    lines = wrap(text, width)
    assert all(em_width(line) <= width + 1e-9 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_axis_ticks_are_round_and_reach_the_largest_value():
    assert axis_ticks(42000) == [0.0, 10000.0, 20000.0, 30000.0, 40000.0, 50000.0]
    assert axis_ticks(9200) == [0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0]
    assert axis_ticks(0.85) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert axis_ticks(0) == [0.0, 1.0]
    assert tick_decimals([0.0, 0.2, 0.4]) == 1
    assert tick_decimals([0.0, 2.5, 5.0]) == 1
    assert tick_decimals([0.0, 500.0]) == 0


def test_a_string_is_measured_from_its_glyphs_as_matplotlib_measures_it():
    """The scene shapes a string once and measures it from its glyphs (advance, ink): the extent FT2Font's
    own ``set_text`` gives, which matplotlib placed text by, for every string the golden charts draw,
    in both weights and in the Korean and Chinese faces, and for spaces, marks and symbols."""
    import html

    from matplotlib.font_manager import get_font
    from matplotlib.ft2font import LoadFlags

    from pipeline.render import charts_scene

    texts = {html.unescape(m) for svg in GOLDEN_OUTPUT.glob("*/*/charts/*.svg")
             for m in re.findall(r"<!-- (.*?) -->", svg.read_text(encoding="utf-8"))}
    texts |= {"", " ", "a ", " a", "—", "'", "★ best", "↓ 越低越好", "검사 检查 ✓", "x\u0301", "AVAVA", "T."}
    for locale in ("ko_KR", "zh_Hans_CN"):
        font = charts_fonts.chart_font(Locale.parse(locale))
        charts_fonts.register(font)
        for weight in ("normal", "bold"):
            files = charts_scene.font_files(font.family, weight)
            reference = get_font(list(files))
            reference.set_size(charts_scene.FONT_SCALE, 72)
            for text in sorted(texts):
                reference.set_text(text, 0.0, flags=LoadFlags.NO_HINTING)
                (width, height), descent = reference.get_width_height(), reference.get_descent()
                run = charts_scene.shaped(font.family, weight, text)
                assert (run.width * 64, run.height * 64, run.descent * 64) == pytest.approx(
                    (width, height, descent), abs=0.5), (locale, weight, text)


@pytest.mark.parametrize("locale", LOCALES)
def test_nothing_is_drawn_past_a_charts_edges(locale):
    """Titles, headings and notes wrap to the chart's width as the font measures them: the outer tenth
    of an inch on the left and right of every golden chart is blank (a line that ran off the chart,
    as a long heading once did, paints there)."""
    for png in sorted(GOLDEN_OUTPUT.glob(f"*/{locale}/charts/*.png")):
        pixels = _pixels(png.read_bytes())
        assert (pixels[:, :15] == 255).all() and (pixels[:, -15:] == 255).all(), png.relative_to(GOLDEN_OUTPUT)


def test_a_word_longer_than_the_chart_is_wrapped_inside_it():
    """An id or address an editor types into a title or note, with no space to break at, is cut to the
    chart's width instead of running off its right edge."""
    import json

    from pipeline.props.general import BarsProps
    from pipeline.render import charts_general

    data = json.loads((GOLDEN_OUTPUT / "net-demo" / "en" / "LatencyChart.json").read_text(encoding="utf-8"))
    long_word = "https://example.com/benchmarks/" + "results_of_the_run_" * 12 + ".json"
    data["title"], data["notes"] = long_word, [long_word]
    font = charts_fonts.chart_font(Locale.parse("en_US"))
    charts_fonts.register(font)
    (files, missing) = charts_general.render_general_chart(BarsProps.model_validate(data), font)
    pixels = _pixels(files["png"])
    assert not missing
    assert (pixels[:, :15] == 255).all() and (pixels[:, -15:] == 255).all()


def test_a_very_long_row_label_runs_off_the_chart_but_leaves_the_plot():
    """Row labels get room beside the plot up to SIDE_ROOM; past it a label runs off the left edge (the
    glyph check still covers it) rather than pushing the plot past the right one."""
    import json

    from pipeline.props.general import BarsProps
    from pipeline.render import charts_general
    from pipeline.render.charts_draw import matplotlib_defaults
    from pipeline.render.charts_plot import SIDE_ROOM
    from pipeline.render.charts_scene import Shape

    data = json.loads((GOLDEN_OUTPUT / "net-demo" / "en" / "LatencyChart.json").read_text(encoding="utf-8"))
    for scenario in data["scenarios"]:
        scenario["label"] = "An extremely long scenario label, typed without a thought for the chart " * 3
    font = charts_fonts.chart_font(Locale.parse("en_US"))
    charts_fonts.register(font)
    with matplotlib_defaults():
        scene = charts_general._draw(BarsProps.model_validate(data), font.family)
    bars = [item for item in scene.items if isinstance(item, Shape) and item.clip and item.fill]
    assert len(bars) == 3
    for bar in bars:
        left, right = bar.path.vertices[:, 0].min() / 72, bar.path.vertices[:, 0].max() / 72
        assert left == pytest.approx(SIDE_ROOM) and left < right <= charts_general.WIDTH - 0.3
