"""The folders of the tree a write replaced, kept (emptied of files) for the next write to stage into.

On a disk mounted with online discard, as this project's machine's is, removing a folder costs a
millisecond or more: removing a site's 30-odd folders cost an edit's write more than writing and
linking all its files. So the replaced tree is emptied of files (cheap) and kept beside the output folder as
``.<name>.spare``; the next write renames it to its staging tree, removes what was put there since,
and at the end the folders no output needs. It holds no file, so a killed write can leave nothing
readable in it; a write that finds none makes its folders as before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SPARE = "spare"
"""Suffix of the sibling that holds the spare folders (see :func:`pipeline.output_lock.sibling`)."""


def keep_folders(tree: Path, spare: Path) -> None:
    """Empty the replaced ``tree`` of files and keep its folders as the ``spare`` (removed if that fails)."""
    try:
        _empty(tree)
        os.rename(tree, spare)  # fails if a spare is there already: then the tree goes
    except OSError:
        shutil.rmtree(tree, ignore_errors=True)


def _empty(folder: Path) -> set[Path]:
    """Remove everything below ``folder`` but its folders (symlinks are removed, never followed); the folders."""
    folders = {folder}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders |= _empty(Path(entry.path))
            else:
                os.unlink(entry.path)
    return folders


def take_spare(spare: Path, staging: Path) -> set[Path] | None:
    """Make the staging tree from the spare folders (emptied of anything put there since): its folders;
    None when there is no spare (the caller makes the tree)."""
    try:
        os.rename(spare, staging)
    except FileNotFoundError:
        return None
    return _empty(staging)


def remove_empty_folders(folder: Path) -> bool:
    """Remove the folders below ``folder`` that hold no file, deepest first; whether ``folder`` is empty then."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False) and remove_empty_folders(Path(entry.path)):
                os.rmdir(entry.path)
            else:
                empty = False
    return empty
