"""Live preview: the example site's dev server (docusaurus start) with docusaurus-plugin-site-data, and an
editor saving report YAML in a throwaway copy of the data project (examples/site/tests/live.test.mjs)."""

from __future__ import annotations

import fcntl
import re
import socket

from tests.project import GOLDEN_REPORTS, ROOT, make_project
from tests.site.node import CHROMIUM, SITE, require_site_deps, run, tail


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_saving_a_report_updates_the_page_and_a_wrong_edit_keeps_it(tmp_path):
    require_site_deps()
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make system-deps`"
    reports = sorted((ROOT / "data" / "reports").glob("*.yaml")) + [GOLDEN_REPORTS / "consistent-demo.yaml"]
    project = make_project(tmp_path / "project", reports)
    with open(SITE / ".build.lock", "w") as lock:  # the dev server writes examples/site/.docusaurus too
        fcntl.flock(lock, fcntl.LOCK_EX)
        tested = run(["node", "--test", "--test-reporter=tap", "tests/live.test.mjs"], timeout=900,
                     env={"SITE_DATA_ROOT": str(project), "LIVE_PORT": str(_free_port()),
                          "CHROMIUM_PATH": str(CHROMIUM)})
    assert tested.returncode == 0, tail(tested, 120)
    assert re.findall(r"^(ok|not ok) \d+ - (.+)$", tested.stdout, flags=re.MULTILINE) == [
        ("ok", "saving a report updates the page, without a manual step"),
        ("ok", "a wrong edit prints its problem and keeps the last good page, without an overlay")]
    elapsed = re.search(r"live preview: save to updated page in (\d+) ms", tested.stdout)
    assert elapsed, tail(tested)
    print(f"\nlive preview: save to updated page in {elapsed.group(1)} ms")
