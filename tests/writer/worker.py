"""A writer process for the kill and overlap tests: ``python -m tests.writer.worker MODE FOLDER ...``.

Modes:
- ``kill-at STEP TREE``: write TREE and SIGKILL itself just before the step named STEP;
- ``loop TREE_A TREE_B``: write A, B, A, ... until killed (the test kills it at random times);
- ``overlap TREE N``: N times, under the lock: plan, write, and check the folder holds exactly TREE.

A TREE is a name from :data:`TREES`. ``--no-exchange`` uses the two-rename fallback.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from pipeline import write
from pipeline.output_lock import output_lock


def tree(name: str, files: int = 60) -> dict[str, bytes]:
    """A deterministic output tree: ``files`` files in three folders, bytes naming the tree."""
    out = {f"r/{loc}/F{n:03}.json": f"{name} {n}\n".encode() * 20 for loc in ("en", "ko", "zh")
           for n in range(files // 3)}
    out[f"r/{name}-only.json"] = name.encode()
    out["r/en/same.json"] = b"identical in every tree\n"
    return out


TREES = {name: tree(name) for name in ("A", "B", "C")}


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder``, as the tests compare it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main(argv: list[str]) -> int:
    if "--no-exchange" in argv:
        argv.remove("--no-exchange")
        write.EXCHANGE = False
    mode, folder = argv[0], Path(argv[1])
    if mode == "kill-at":
        target, outputs = argv[2], TREES[argv[3]]

        def fault(step: str) -> None:
            if step == target:
                os.kill(os.getpid(), signal.SIGKILL)

        write.apply_writes(write.plan_writes(outputs, folder), outputs, folder, fault=fault)
        return 0
    if mode == "loop":
        names = argv[2:]
        print("ready", flush=True)
        for n in range(10_000):
            outputs = TREES[names[n % len(names)]]
            write.apply_writes(write.plan_writes(outputs, folder), outputs, folder)
        return 0
    if mode == "overlap":
        outputs, times = TREES[argv[2]], int(argv[3])
        for _ in range(times):
            with output_lock(folder):
                write.apply_writes(write.plan_writes(outputs, folder), outputs, folder)
                if read_tree(folder) != outputs:
                    print("another build's files were mixed into this one's", file=sys.stderr)
                    return 1
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
