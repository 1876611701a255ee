"""Write expected.json from what the hostile cases print now: ``python -m tests.hostile.regenerate``.

Review every changed line as you would review code: the messages are the product.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.hostile.cases import CASES
from tests.hostile.runner import make_bases, run_case

EXPECTED = Path(__file__).with_name("expected.json")


def main() -> int:
    expected = {}
    with tempfile.TemporaryDirectory() as folder:
        bases = make_bases(Path(folder) / "bases")
        for n, case in enumerate(CASES):
            first = run_case(case, bases, Path(folder) / f"case-{n}")[0]
            expected[f"{case.klass}/{case.name}"] = {"exit": first.status, "first": first.first}
            print(f"{case.klass}/{case.name}: {first.status} {first.first}", file=sys.stderr)
    EXPECTED.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
