"""A content-hash cache for work whose result depends only on the content's bytes.

The key hashes everything the result depends on (the caller names it: file texts, code
version, library versions), so a hit is never stale: change one byte and the key changes.
Only the newest entry of each kind is kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from builder.core.paths import BUILDER
from builder.core.problems import Problem

CACHE_DIR = Path("build/cache")


def content_key(parts: Iterable[str]) -> str:
    """sha256 over the parts, each length-prefixed so no two part lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


# The libraries whose behaviour the checks depend on, beside the builder's own code.
CHECK_LIBRARIES = (
    "jsonschema", "jsonschema-rs", "referencing", "edtf", "pyparsing", "markdown-it-py", "rapidfuzz", "PyYAML",
)


def code_key(libraries: Iterable[str] = CHECK_LIBRARIES, files: Iterable[str] | None = None) -> str:
    """A hash of builder code and these libraries' installed versions.

    ``files`` names the modules (relative to builder/) a result depends on; by default
    every module and schema of the builder.
    """
    from importlib.metadata import version

    code = BUILDER
    if files is not None:
        paths = [code / name for name in files]
    else:
        paths = sorted(p for p in code.rglob("*") if p.suffix in (".py", ".json") and p.is_file())
    # Python's version and Unicode tables decide str.split, case folding and markdown-it's
    # punctuation classes, so they are inputs too.
    parts = [sys.version, unicodedata.unidata_version] + [f"{name} {version(name)}" for name in libraries]
    for path in paths:
        parts += [path.relative_to(code).as_posix(), path.read_text(encoding="utf-8")]
    return content_key(parts)


def cached_problems(folder: Path, key: str, compute: Callable[[], list[Problem]]) -> list[Problem]:
    """The problems stored under ``key`` in ``folder``, or ``compute()``'s, stored for next time."""
    problems = lambda rows: [Problem(**item) for item in rows]  # noqa: E731
    return problems(cached_json(folder, key, lambda: [asdict(p) for p in compute()], problems))


def cached_json(folder: Path, key: str, compute: Callable[[], Any], check: Callable[[Any], object] = bool) -> Any:
    """The JSON value stored under ``key`` in ``folder``, or ``compute()``'s, stored for next
    time; ``folder`` keeps only the newest entry. ``check(value)`` must not raise on a stored
    value (a damaged entry is recomputed, never trusted)."""
    path = folder / f"{key}.json"
    if path.is_file():
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
            check(value)
            return value
        except (ValueError, TypeError, KeyError):
            pass
    value = compute()
    folder.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    os.replace(temp, path)
    for old in folder.glob("*.json"):
        if old != path:
            old.unlink()
    return value
