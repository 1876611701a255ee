"""The font every static chart is drawn with: Noto Sans CJK, found on this machine.

Charts draw all their text (Latin, Chinese, Korean) with one CJK family so that every
locale looks alike and no label falls back to empty boxes. Which face of the collection
a chart uses follows its Babel locale's language and script (Simplified Chinese glyph
shapes for zh, Korean for ko). The font's identity (file hashes and face) is part of a
chart's cache key, so a different font version re-renders the charts.

Nothing here imports pyplot; :func:`register` imports matplotlib's font manager only
when a chart is actually drawn.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel import Locale

from pipeline.errors import Problem

FONT_ENV = "SITE_DATA_CJK_FONT"
"""Environment variable naming a Noto Sans CJK ``Regular`` collection to use instead of searching."""

REGULAR_NAMES = ("NotoSansCJK-Regular.ttc",)
"""File names of the regular weight: the collection that holds every region's face."""

SEARCH_DIRS = (
    "/usr/share/fonts/opentype/noto",      # Debian, Ubuntu: fonts-noto-cjk
    "/usr/share/fonts/noto-cjk",           # Arch: noto-fonts-cjk
    "/usr/share/fonts/google-noto-cjk",    # Fedora: google-noto-sans-cjk-ttc-fonts
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
)
"""Where font packages put Noto Sans CJK; searched in order, then recursively."""

FALLBACK_FAMILY = "DejaVu Sans"
"""Matplotlib's bundled font, for the few symbols a CJK face might lack."""

_FACES = {"ko": "KR", "ja": "JP"}
_HAN_SCRIPTS = {"Hant": "TC"}


class FontMissing(Exception):
    """No usable CJK font: carries the problem to report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class ChartFont:
    """The font files and face a chart is drawn with."""

    regular: str
    """Path of the regular-weight collection (or single face)."""
    bold: str | None
    """Path of the bold-weight file beside it, when there is one."""
    family: str
    """Family name of the face to use, e.g. 'Noto Sans CJK SC'."""
    identity: str
    """Content hash of the font files: part of every chart's cache key."""


def face_for(locale: Locale) -> str:
    """Family name of the Noto Sans CJK face whose glyph shapes suit ``locale``.

    Simplified Chinese for Chinese in Han-simplified script and for every non-CJK
    language (its Latin glyphs are the same in every face); Traditional for Hant.
    """
    if locale.language == "zh":
        region = _HAN_SCRIPTS.get(locale.script or "", "SC")
    else:
        region = _FACES.get(locale.language, "SC")
    return f"Noto Sans CJK {region}"


def find_font_files(environ: dict[str, str] | None = None) -> tuple[str, str | None]:
    """Paths of the regular and (if present) bold Noto Sans CJK files; raise :class:`FontMissing`."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(FONT_ENV)
    if chosen:
        path = Path(chosen).expanduser()
        if not path.is_file():
            raise FontMissing(Problem(
                "E080", f"{FONT_ENV} names '{chosen}', which is not a file",
                hint=f"point {FONT_ENV} at NotoSansCJK-Regular.ttc, or unset it to search the usual font folders"))
        return str(path), _bold_beside(path)
    for folder in SEARCH_DIRS:
        base = Path(folder).expanduser()
        for name in REGULAR_NAMES:
            if (base / name).is_file():
                return str(base / name), _bold_beside(base / name)
    for folder in SEARCH_DIRS:
        base = Path(folder).expanduser()
        if base.is_dir():
            for name in REGULAR_NAMES:
                found = sorted(base.rglob(name))
                if found:
                    return str(found[0]), _bold_beside(found[0])
    raise FontMissing(Problem(
        "E080", "no CJK font found: charts draw their Chinese and Korean labels with Noto Sans CJK",
        hint="on Debian or Ubuntu run `make system-deps` (or `apt-get install fonts-noto-cjk`); elsewhere "
             f"install Noto Sans CJK and set {FONT_ENV}=/path/to/NotoSansCJK-Regular.ttc"))


def _bold_beside(regular: Path) -> str | None:
    bold = regular.with_name(regular.name.replace("Regular", "Bold"))
    return str(bold) if bold != regular and bold.is_file() else None


def _file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_hash(path: str) -> str:
    """SHA-256 of a font file, computed once per unchanged file (remembered across runs).

    The hash goes into chart keys, which are committed, so it must be the content's; but
    hashing ~20 MB of font on every build costs more than the rest of a no-change build.
    """
    stat = os.stat(path)
    entry = f"{path}|{stat.st_size}|{stat.st_mtime_ns}"
    known = _remembered_hashes()
    if entry not in known:
        known[entry] = _file_hash(path)
        _remember_hashes(known)
    return known[entry]


def _hash_cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "site-data" / "font-hashes.json"


@lru_cache(maxsize=1)
def _remembered_hashes() -> dict[str, str]:
    try:
        data = json.loads(_hash_cache_file().read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _remember_hashes(known: dict[str, str]) -> None:
    # Best effort: an unwritable cache only means hashing the font again next time.
    try:
        path = _hash_cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def chart_font(locale: Locale, environ: dict[str, str] | None = None) -> ChartFont:
    """The font a chart in ``locale`` is drawn with; raise :class:`FontMissing` if none is installed."""
    regular, bold = find_font_files(environ)
    parts = [file_hash(regular)] + ([file_hash(bold)] if bold else [])
    family = face_for(locale)
    identity = hashlib.sha256(" ".join(parts + [family]).encode()).hexdigest()
    return ChartFont(regular, bold, family, identity)


def register(font: ChartFont) -> None:
    """Make the font's faces known to matplotlib in this process.

    ``addfont`` on the file itself, rather than relying on matplotlib's font cache, which
    goes stale when a font is installed after the cache was built.
    """
    from matplotlib import font_manager

    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in (font.regular, font.bold):
        if path and path not in known:
            font_manager.fontManager.addfont(path)


def missing_glyphs(font: ChartFont, texts: list[str]) -> list[str]:
    """Characters of ``texts`` that neither the chosen face nor the fallback font can draw.

    Raise :class:`FontMissing` when the font file has no face of the wanted family.
    """
    from matplotlib import font_manager

    needed = {ch for text in texts for ch in text if not ch.isspace()}
    entry = next((e for e in font_manager.fontManager.ttflist if e.fname == font.regular and e.name == font.family),
                 None)
    if entry is None:
        raise FontMissing(Problem(
            "E080", f"the font file '{font.regular}' has no face named '{font.family}'",
            hint=f"use the Noto Sans CJK collection (NotoSansCJK-Regular.ttc, Debian: fonts-noto-cjk); "
                 f"{FONT_ENV} must name that collection"))
    covered = _covered(entry.fname, entry.index, font_manager.findfont(FALLBACK_FAMILY, fallback_to_default=False))
    return sorted(ch for ch in needed if ord(ch) not in covered)


@lru_cache(maxsize=8)
def _covered(path: str, face_index: int, fallback_path: str) -> frozenset[int]:
    """Code points a face and the fallback font can draw: read once per process (a CJK face maps
    about 65,000 of them, 10 ms a chart when read for each)."""
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path, face_index=face_index).get_charmap()) | frozenset(
        FT2Font(fallback_path).get_charmap())
