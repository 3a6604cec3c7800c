"""Folders the bench is done with, and a disk as quiet as a fresh machine's before each timing.

After many files are deleted, ext4 looks past the inodes freed in the last minute (five, while
their table block is not yet written) each time it creates a file, so creating files stays
slower for minutes; and files written but not yet on disk are written back while whatever
comes next runs. Deleting one run's site (67,000 files at 5,000 sources) just before timing the
next stage or build measured those, not the builder: no fresh checkout pays them. So a folder
the bench is done with is renamed aside (that frees nothing), and before a run's stages and
before its whole build ``settle`` deletes what was put aside, writes everything out and, if it
deleted many files, waits out ext4's minute (bench/README.md has the figures).
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from pathlib import Path

QUIET = 60  # seconds ext4 passes over a freed inode once its table block is on disk (RECENTCY_MIN)
MANY = 10_000  # files deleted at once from which settle waits

_discarded: list[Path] = []
_numbers = itertools.count()


def discard(path: Path) -> None:
    """Move ``path`` aside (beside it, under a name of its own), to be deleted by ``empty``."""
    if not path.exists() and not path.is_symlink():
        return
    aside = path.parent / f".discarded-{next(_numbers)}-{path.name}"
    path.rename(aside)
    _discarded.append(aside)


def empty() -> int:
    """Delete every folder ``discard`` moved aside; how many files that was."""
    deleted = 0
    while _discarded:
        path = _discarded.pop()
        if path.is_dir() and not path.is_symlink():
            deleted += sum(len(files) for _, _, files in os.walk(path))
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted


def settle() -> None:
    """Delete what was put aside, write every file out, and if many were deleted wait until
    ext4 no longer passes over them: what is timed next starts as on a fresh machine."""
    deleted = empty()
    os.sync()
    if deleted >= MANY:
        time.sleep(QUIET)


def cold_copy(template: Path, root: Path, *, records: bool = True) -> None:
    """Copy a generated project with no caches, no site and, with ``records=False``, no generated
    source records (normalize makes them again, timed): left out of the copy, never deleted from it."""

    def left_out(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        if here == template:
            return {name for name in names if name in ("build", "site") or name.startswith(".site-")}
        if here == template / "content" / "sources" and not records:
            return {name for name in names if name.endswith(".yaml") and not name.endswith(".meta.yaml")}
        return set()

    shutil.copytree(template, root, symlinks=True, ignore=left_out)
