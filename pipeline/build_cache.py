"""The no-op build: when no input changed since the last successful build, do nothing.

An editor runs ``make site-data`` before every site build; most of the time nothing
changed. The fingerprint covers every input that can change an output — data/, i18n/,
templates/, the pipeline's own source, the versions of the libraries that format or draw,
the chart font override and the --strict flag — and the record lists the hash of every
file the build wrote. If both still match, the build is skipped before any heavy import.

This module imports only the standard library, on purpose: it runs before pydantic,
Babel, Jinja2 or matplotlib are loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

CACHE_FILE = Path(".site-data-cache") / "build.json"
"""Where the record of the last successful build lives, under the project root (not committed)."""
FORMAT_VERSION = 1

_INPUT_FOLDERS = ("data", "i18n", "templates")
_LIBRARIES = ("pydantic", "pydantic-core", "babel", "jinja2", "pyyaml", "matplotlib", "pillow", "pandas", "orjson")
_PACKAGE = Path(__file__).resolve().parent
_LARGEST_INPUT = 256 * 1024 * 1024
"""Inputs larger than this are not read here (the build refuses them); their size and mtime count."""


def fingerprint(root: Path, *, strict: bool) -> str:
    """A hash of everything a build's output depends on."""
    digest = hashlib.sha256()
    digest.update(f"v{FORMAT_VERSION} strict={strict} python={sys.version_info[:3]}\n".encode())
    digest.update(f"font={os.environ.get('SITE_DATA_CJK_FONT', '')}\n".encode())
    for dist in _installed_versions():
        digest.update(f"{dist}\n".encode())
    for base, files in [(root, _files(root, _INPUT_FOLDERS)), (_PACKAGE, _files(_PACKAGE, ("",), ".py"))]:
        for path in files:
            digest.update(path.relative_to(base).as_posix().encode() + b"\0")
            digest.update(_content_hash(path))
    return digest.hexdigest()


def _installed_versions() -> list[str]:
    """'name-version' of the libraries whose upgrade can change outputs, from their dist-info folders.

    (importlib.metadata would cost more than the whole no-op build.)
    """
    wanted = {name.replace("-", "_").lower() for name in _LIBRARIES}
    found = set()
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project = name[: -len(".dist-info")].rsplit("-", 1)[0].replace("-", "_").lower()
                if project in wanted:
                    found.add(name[: -len(".dist-info")])
    return sorted(found)


def _files(base: Path, folders: tuple[str, ...], suffix: str = "") -> list[Path]:
    # Symlinked folders are followed (a raw folder linked into data/ is read by the build, so its
    # files are inputs too), each real folder once, so links to '.' cannot loop.
    found = []
    for folder in folders:
        top = base / folder if folder else base
        seen: set[str] = set()
        for directory, subdirs, names in os.walk(top, followlinks=True):
            real = os.path.realpath(directory)
            if real in seen:
                subdirs[:] = []
                continue
            seen.add(real)
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and not d.startswith("."))
            found += [Path(directory) / n for n in names if n.endswith(suffix) and not n.startswith(".")]
    return sorted(found)


def _content_hash(path: Path) -> bytes:
    """The file's hash; for what cannot be read (a dangling link, a device) a hash of why, without reading."""
    try:
        if path.is_file() and path.stat().st_size <= _LARGEST_INPUT:
            return hashlib.sha256(path.read_bytes()).digest()
        info = path.stat()
        return hashlib.sha256(f"special {info.st_mode} {info.st_size} {info.st_mtime_ns}".encode()).digest()
    except OSError as exc:
        target = os.readlink(path) if path.is_symlink() else ""
        return hashlib.sha256(f"unreadable {exc.errno} {target}".encode()).digest()


def output_hashes(out_dir: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under the output folder."""
    if not out_dir.is_dir():
        return {}
    return {p.relative_to(out_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out_dir.rglob("*")) if p.is_file()}


def load_record(root: Path) -> dict | None:
    """The record of the last successful build, or None when there is none (or it is unreadable)."""
    try:
        record = json.loads((root / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and record.get("format") == FORMAT_VERSION else None


def is_current(root: Path, out_dir: Path, key: str) -> dict | None:
    """The previous record when the inputs and every output are exactly as that build left them."""
    record = load_record(root)
    if record is None or record.get("fingerprint") != key:
        return None
    if output_hashes(out_dir) != record.get("outputs"):
        return None  # an output was edited, deleted or added by hand: rebuild to restore it
    return record


def save_record(root: Path, key: str, hashes: dict[str, str], summary: dict) -> None:
    """Remember a successful build (``hashes``: output path -> sha256 hex of its bytes); a failure to
    write the cache only costs a rebuild next time."""
    record = {"format": FORMAT_VERSION, "fingerprint": key, "outputs": dict(sorted(hashes.items())),
              "summary": summary}
    try:
        path = root / CACHE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def forget(root: Path) -> None:
    """Drop the record (after a failed build, so the next one starts from scratch)."""
    try:
        (root / CACHE_FILE).unlink()
    except OSError:
        pass
