"""The Docusaurus plugin's own tests (packages/docusaurus-plugin-site-data/test/, node's test runner):
the per-file mirror, a wrong edit keeping the last good data in the dev server, a production build failing."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.project import ROOT

PLUGIN = ROOT / "packages" / "docusaurus-plugin-site-data"


def test_the_plugin_tests_pass():
    if shutil.which("node") is None:
        pytest.fail("node is not installed: install Node.js 20 or later")
    tested = subprocess.run(["node", "--test", "--test-reporter=tap", "test/"], cwd=PLUGIN, capture_output=True,
                            text=True, timeout=120)
    assert tested.returncode == 0, tested.stdout[-4000:] + tested.stderr[-2000:]
    assert len(re.findall(r"^ok \d+ - ", tested.stdout, flags=re.MULTILINE)) == 6
