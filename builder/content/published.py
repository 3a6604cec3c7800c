"""The pages already published, read from git: no list for an editor to keep.

What is published is what the main branch makes, and a change is compared with the commit
it grew from: the merge base of HEAD and the published branch (``BRIEFING_BASE`` if set,
else ``origin/main``, else ``main``). A record page comes from a file name alone
(``content/facts/<id>.yaml`` makes ``facts/<id>/``), so the base's pages are read from its
list of files (``git ls-tree``), with no checkout and no parsing; its redirects from its
``content/redirects.yaml``. Every commit on the main branch passed this check against its own
base, so the base's pages and redirects hold every URL ever published that still works.

This module is the edge that runs git and reports what it found; ``ids`` turns the files into
pages and compares, reading no file.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from builder.content.yamlstrict import parse

BASE_ENV = "BRIEFING_BASE"
DEFAULT_BASES = ("origin/main", "main")


@dataclass(frozen=True)
class Published:
    """What the base holds: its content files (repo-relative) and the ``from`` URLs of its redirects.

    ``base`` says which commit that is; ``error`` (with nothing else) why a named base was unusable.
    """

    base: str
    files: tuple[str, ...] = ()
    redirects: tuple[str, ...] = ()
    error: str = ""

    def key(self) -> str:
        """Everything the check reads of it, for cache keys."""
        return "\n".join([self.base, self.error, *self.files, "", *self.redirects])


def redirect_sources(text: str, path: str) -> list[str]:
    """The ``from`` URLs of a redirects file (what of it parses; the check reports the rest)."""
    data = parse(text, path)[0].data
    items = data.get("redirects") if isinstance(data, dict) else None
    return [item["from"] for item in items or [] if isinstance(item, dict) and isinstance(item.get("from"), str)]


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine
        return None
    return done.stdout if done.returncode == 0 else None


def read_published(root: Path, environ: dict[str, str], redirects_file: str) -> Published | None:
    """The published pages, or None where nothing tells what was published: ``root`` in no
    git work tree, or no base branch (and no ``BRIEFING_BASE``) to compare with."""
    if _git(root, "rev-parse", "--is-inside-work-tree") is None:
        return None
    named = environ.get(BASE_ENV, "").strip()
    if named.strip("0") == "":  # unset, empty, or the all-zero "no commit" of a first push
        named = ""
    for ref in [named] if named else DEFAULT_BASES:
        found = _git(root, "merge-base", "HEAD", ref)
        if found:
            commit = found.strip()
            break
    else:
        if named:
            why = f"{BASE_ENV} is '{named}', but git finds no such commit with a merge base with HEAD"
            return Published(named, error=why)
        return None
    listed = _git(root, "ls-tree", "-r", "--name-only", commit, "--", "content/")
    if listed is None:
        return Published(named, error=f"git could not list the files of {commit[:12]}")
    redirects = redirect_sources(_git(root, "show", f"{commit}:./{redirects_file}") or "", redirects_file)
    base = f"{commit[:12]} (the merge base of HEAD and {ref})"
    return Published(base, tuple(sorted(listed.splitlines())), tuple(sorted(set(redirects))))
