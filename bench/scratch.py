"""Folders the bench is done with: moved aside at once, deleted only when the bench ends.

After many files are deleted, ext4 looks past the inodes freed in the last minute (five, while
their table block is not yet written) each time it creates a file, so creating files stays
slower for minutes. Deleting one run's site (67,000 files at 5,000 sources) just before timing
the next stage or build measured that, not the builder: no fresh checkout pays it. A folder
renamed aside frees nothing, so the bench renames what it is done with and deletes it all
once it has measured everything (bench/README.md has the figures).
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

_discarded: list[Path] = []
_numbers = itertools.count()


def discard(path: Path) -> None:
    """Move ``path`` aside (beside it, under a name of its own), to be deleted by ``empty``."""
    if not path.exists() and not path.is_symlink():
        return
    aside = path.parent / f".discarded-{next(_numbers)}-{path.name}"
    path.rename(aside)
    _discarded.append(aside)


def empty() -> None:
    """Delete every folder ``discard`` moved aside."""
    while _discarded:
        path = _discarded.pop()
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


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
