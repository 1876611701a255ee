"""The example site, built for real and opened in headless Chromium in ko, en and zh.

Builds examples/site (Docusaurus 3): its docusaurus-plugin-site-data builds the repository's data and
serves it with the consistent-demo golden outputs (`npm run build` alone, no copy step), type-checks its components against types/site-data.d.ts, then runs
examples/site/tests/browser.test.mjs and benchmark.test.mjs (node's test runner, Playwright driving
Debian's Chromium), which check every chart and table against the props and save screenshots to
build/screenshots/.
"""

from __future__ import annotations

import fcntl
import re

import pytest

from tests.site.node import BIN, CHROMIUM, SITE, require_site_deps, run, tail

BUILD_TIMEOUT = 900
"""Seconds; the build takes about one minute on two cores."""


@pytest.fixture(scope="module")
def built_site():
    """Build the site; hold a lock until the module is done (builds write into examples/site/)."""
    require_site_deps()
    with open(SITE / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _build()
        yield
        fcntl.flock(lock, fcntl.LOCK_UN)


def _build() -> None:
    built = run([str(BIN / "docusaurus"), "build", "--out-dir", "build"], timeout=BUILD_TIMEOUT)
    assert built.returncode == 0, tail(built)
    output = built.stdout + built.stderr
    for locale in ("zh", "en"):
        assert f'Generated static files in "build/{locale}"' in output
    for locale in ("ko", "en", "zh"):  # the plugin built the data, then served the locale's files
        assert re.search(rf"\[docusaurus-plugin-site-data\] \d+ report\(s\) for {locale} in \d+ ms", output)


def test_components_typecheck_against_the_generated_declarations():
    require_site_deps()
    checked = run([str(BIN / "tsc"), "--noEmit", "--pretty", "false"], timeout=300)
    assert checked.returncode == 0, tail(checked)
    assert checked.stdout == ""


def test_every_page_in_every_locale_shows_the_props(built_site):
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    tested = run(["node", "--test", "--test-reporter=tap", "tests/browser.test.mjs", "tests/benchmark.test.mjs"],
                 timeout=900,
                 env={"CHROMIUM_PATH": str(CHROMIUM)})
    assert tested.returncode == 0, tail(tested, 120)
    results = re.findall(r"^(ok|not ok) \d+ - (.+)$", tested.stdout, flags=re.MULTILINE)
    expected = [("ok", f"{report} in {locale}{view}") for locale in ("ko", "en", "zh")
                for report in ("llama4-fm-serving", "consistent-demo") for view in ("", " at 390 px, light and dark")]
    # The benchmark report's page (generic views), in each locale at desktop width and at 390 px.
    expected += [("ok", f"cni-performance-comparison in {locale}{width}") for locale in ("ko", "en", "zh")
                 for width in ("", " at 390 px")]
    assert sorted(results) == sorted(expected)
