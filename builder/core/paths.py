"""Where the builder's own files are (its code, which cache keys hash, and its JSON Schemas), and
the listing of a folder's files the preview and the render share."""

from __future__ import annotations

import os
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent  # the builder package, every stage's code beneath it
SCHEMA_DIR = BUILDER / "schemas"


def files_under(folder: Path) -> list[str]:
    """Every file under ``folder``, by relative path with "/" (none if it does not exist);
    folders linked in are followed."""
    found = []
    for parent, _, names in os.walk(folder, followlinks=True):
        rel = os.path.relpath(parent, folder).replace(os.sep, "/")
        found += [name if rel == "." else f"{rel}/{name}" for name in names]
    return found
