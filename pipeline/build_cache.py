"""The no-op build: when no input changed since the last successful build, do nothing.

An editor runs ``make site-data`` before every site build; most of the time nothing
changed. The fingerprint covers every input that can change an output — data/, i18n/,
templates/, the pipeline's own source, the versions of the libraries that format or draw,
the chart font override and the --strict flag — and the record lists the hash of every
file the build wrote. If both still match, the build is skipped before any heavy import. The
record also keeps a key per report, so that an edit's build renders only the reports whose own
inputs changed (:mod:`pipeline.report_reuse`).

This module imports only the standard library, on purpose: it runs before pydantic,
Babel, Jinja2 or matplotlib are loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

CACHE_FILE = Path(".site-data-cache") / "build.json"
"""Where the record of the last successful build lives, under the project root (not committed)."""
FORMAT_VERSION = 2
"""2: the record also holds each report's key (:meth:`InputState.report_keys`)."""

_INPUT_FOLDERS = ("data", "i18n", "templates")
_LIBRARIES = ("pydantic", "pydantic-core", "babel", "jinja2", "pyyaml", "matplotlib", "pillow", "pandas", "orjson")
_PACKAGE = Path(__file__).resolve().parent
_LARGEST_INPUT = 256 * 1024 * 1024
"""Inputs larger than this are not read here (the build refuses them); their size and mtime count."""


@dataclass(frozen=True)
class InputState:
    """Everything a build's output depends on, hashed once as the build starts (before anything is read)."""

    environment: bytes
    """Digest of the options, the library versions and the pipeline's own source."""
    files: tuple[tuple[str, str, bytes], ...]
    """Every file under data/, i18n/ and templates/, sorted: (path relative to the root, real path,
    content digest)."""

    @property
    def fingerprint(self) -> str:
        """A hash of the whole state: equal fingerprints, equal outputs."""
        return self._digest(self.files).hexdigest()

    def report_keys(self, owned: Mapping[str, Iterable[str]]) -> dict[str, str | None]:
        """Report id -> a hash of what its outputs depend on: the shared inputs (the options, the code
        and every file no report owns: catalogues, translations, templates) and the report's own files
        (``owned``: report id -> real paths of its YAML and raw files).

        None for a report one of whose files was not hashed as the build started (it appeared since,
        or it is outside the input folders): such a report is rendered every time.
        """
        owned = {report: sorted(set(files)) for report, files in owned.items()}
        owned_by_any = {real for files in owned.values() for real in files}
        digests = {real: digest for _, real, digest in self.files}
        shared = self._digest(tuple(entry for entry in self.files if entry[1] not in owned_by_any))
        keys: dict[str, str | None] = {}
        for report, own in owned.items():
            if any(real not in digests for real in own):
                keys[report] = None
                continue
            digest = shared.copy()
            for real in own:
                digest.update(b"own\0" + real.encode() + b"\0" + digests[real])
            keys[report] = digest.hexdigest()
        return keys

    def _digest(self, files: tuple[tuple[str, str, bytes], ...]):
        digest = hashlib.sha256(self.environment)
        for relative, _, content in files:
            digest.update(relative.encode() + b"\0" + content)
        return digest


def input_state(root: Path, *, strict: bool) -> InputState:
    """Hash every input of a build under ``root`` (see :class:`InputState`)."""
    environment = hashlib.sha256()
    environment.update(f"v{FORMAT_VERSION} strict={strict} python={sys.version_info[:3]}\n".encode())
    environment.update(f"font={os.environ.get('SITE_DATA_CJK_FONT', '')}\n".encode())
    for dist in _installed_versions():
        environment.update(f"{dist}\n".encode())
    for path in _files(_PACKAGE, ("",), ".py"):
        environment.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + _content_hash(path))
    files = tuple((path.relative_to(root).as_posix(), os.path.realpath(path), _content_hash(path))
                  for path in _files(root, _INPUT_FOLDERS))
    return InputState(environment.digest(), files)


def fingerprint(root: Path, *, strict: bool) -> str:
    """A hash of everything a build's output depends on."""
    return input_state(root, strict=strict).fingerprint


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


def is_current(record: dict | None, out_dir: Path, key: str) -> bool:
    """Whether the inputs and every output are exactly as the build ``record`` describes left them."""
    if record is None or record.get("fingerprint") != key:
        return False
    # An output edited, deleted or added by hand: rebuild to restore it.
    return output_hashes(out_dir) == record.get("outputs")


def save_record(root: Path, key: str, hashes: dict[str, str], summary: dict,
                reports: dict[str, str | None]) -> None:
    """Remember a successful build (``hashes``: output path -> sha256 hex of its bytes; ``reports``:
    report id -> its key, see :meth:`InputState.report_keys`); a failure to write the cache only costs
    a rebuild next time."""
    record = {"format": FORMAT_VERSION, "fingerprint": key, "outputs": dict(sorted(hashes.items())),
              "reports": dict(sorted(reports.items())), "summary": summary}
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
