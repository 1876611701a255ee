"""Write expected.txt of bad-input cases from what `site-data validate` prints now.

    .venv/bin/python -m tests.regenerate_bad_inputs [CASE ...]

Run it after adding a case (or after an intended change of a message), then read every changed
expected.txt as you would read code: the messages are the product.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
import tempfile
from pathlib import Path

from pipeline.cli import main
from tests.test_bad_inputs import CASES, _case_names, make_case_project


def current_message(name: str) -> str:
    """What validate prints for case ``name``, lines of appended files written as ``<PATH+N>``."""
    case = CASES / name
    with tempfile.TemporaryDirectory() as folder:
        root, lines_before = make_case_project(name, Path(folder))
        args = (case / "args").read_text(encoding="utf-8").split() if (case / "args").is_file() else []
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            main(["--root", str(root), "validate", *args])
    text = err.getvalue()
    for path, before in lines_before.items():
        text = re.sub(re.escape(path) + r":(\d+)", lambda m: f"{path}:<{path}+{int(m.group(1)) - before}>", text)
        text = "\n".join(re.sub(r"line (\d+)\)", lambda m: f"line <{path}+{int(m.group(1)) - before}>)", line)
                         if line.startswith(path) else line for line in text.split("\n"))
    return text


def main_(names: list[str]) -> int:
    for name in names or _case_names():
        text = current_message(name)
        target = CASES / name / "expected.txt"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"{name}: expected.txt written")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))
