"""Shared helpers: a tree writer and the repository root."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from textwrap import dedent

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def write_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` under ``base``; text is dedented."""
    for rel, content in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(dedent(content).lstrip("\n"), encoding="utf-8")
    return base


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_first(tmp_path_factory) -> Path:
    """A copy of this repository's briefing built once (``briefing build --strict``) for the
    whole run. Tests only read it; a test that edits or rebuilds works on ``copy_built`` of it."""
    from helpers import briefing, copy_project

    project = copy_project(tmp_path_factory.mktemp("built-first"))
    result = briefing(project, "build", "--strict")
    assert result.returncode == 0, result.stderr  # the first briefing is strict-clean
    return project


def copy_built(project: Path, dest: Path) -> Path:
    """A copy of a built project (content, site/ and build/ with its caches) to edit freely."""
    import shutil

    shutil.copytree(project, dest, symlinks=True)
    return dest


def need_browser():
    """Playwright's sync API, with Debian's Chromium present (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is not installed at {CHROMIUM}; .ci/run installs Debian's chromium")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    return pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a module's tests; each opens its own pages or context. Not one
    for the whole run: while Playwright runs, this process has other threads, and the build
    then renders in this process instead of forking workers (builder/core/parallel.py), which
    a later test checks it does."""
    sync_api = need_browser()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()
