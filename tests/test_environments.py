"""The same inputs give the same bytes under any locale, time zone, hash seed and matplotlibrc.

Two fresh projects are built in parallel, one under LANG=C / UTC, one under Korean and Chinese
locales, another time zone and hash seed and a hostile matplotlibrc; every file is compared, and
both must equal the committed site-data/. The system locales must be installed (`make locales`,
which `make test` runs): the test fails rather than skips without them, since a skipped test
would hide exactly the difference it is for.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.project import ROOT, make_project

LOCALES = ("ko_KR.UTF-8", "zh_CN.UTF-8")

HOSTILE_RC = """\
lines.linewidth: 7
font.size: 22
axes.grid: True
figure.dpi: 33
savefig.dpi: 40
svg.fonttype: none
text.language: ko
axes.formatter.use_locale: True
font.style: italic
font.stretch: condensed
hatch.linewidth: 4
hatch.color: red
path.snap: False
agg.path.chunksize: 100
"""


def installed_locales() -> set[str]:
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return {name.lower().replace("-", "") for name in listed}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_output_is_byte_identical_under_two_environments(tmp_path):
    missing = [name for name in LOCALES if name.lower().replace("-", "") not in installed_locales()]
    assert not missing, f"system locales {missing} are missing: run `make locales` (make test does it)"
    (tmp_path / "matplotlibrc").write_text(HOSTILE_RC, encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "MATPLOTLIB"))}
    environments = {
        "plain": {**base, "LANG": "C", "TZ": "UTC", "PYTHONHASHSEED": "999"},
        "korean": {**base, "LANG": "zh_CN.UTF-8", "LC_CTYPE": "ko_KR.UTF-8", "LC_NUMERIC": "ko_KR.UTF-8",
                   "LC_TIME": "zh_CN.UTF-8", "TZ": "Asia/Seoul", "PYTHONHASHSEED": "1",
                   "MATPLOTLIBRC": str(tmp_path / "matplotlibrc")},
    }
    runs = {}
    for name, env in environments.items():
        project = make_project(tmp_path / name)
        runs[name] = (project, subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(project), "build"],
                                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    trees = {}
    for name, (project, proc) in runs.items():
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, f"{name}: {err.decode()}"
        trees[name] = tree(project / "site-data")
    plain, korean = trees["plain"], trees["korean"]
    assert sorted(plain) == sorted(korean)
    differing = [path for path in plain if plain[path] != korean[path]]
    assert differing == [], f"{len(differing)} files differ between the environments, e.g. {differing[:3]}"
    shipped = tree(ROOT / "site-data")
    charts = [path for path in plain if path.endswith((".svg", ".png"))]
    assert charts and len(charts) == sum(path.endswith((".svg", ".png")) for path in shipped)
    assert [p for p in plain if plain[p] != shipped.get(p)] == [], "the build differs from the committed site-data/"
