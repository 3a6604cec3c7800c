"""A small, valid project written into a temporary folder, for CLI and check tests."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, write_tree

SEED = """\
Chips Head Home
Acme Corp has reportedly placed bulk orders totaling two hundred thousand units of Chipco’s upcoming processors.
The model may launch within weeks, people familiar with the plan said.
Analysts said the move was unusual for the industry in this region.
Acme placed orders for new chips this spring, signaling a shift in strategy, according to Reuters.
"""
SOURCE_ID = "s001-acme"

FILES = {
    "content/briefing.yaml": """\
        title: "Chips head home"
        as_of: "2026-04-30"
        as_of_basis: "the day the article was read"
        summary:
          - "[[acme]] ordered chips ([[acme-orders]])."
        watch: []
        lede: "[[acme]] reportedly [[acme-orders|ordered chips]]."
        questions:
          - question: "Did Acme order chips?"
            answer: "Reportedly, [[acme-orders|yes]]."
            more: acme-orders
        changed: "2026-05-01"
        """,
    "content/entities/acme.yaml": """\
        id: acme
        name: Acme Corp
        kind: company
        description: "A buyer of chips."
        aliases: []
        changed: "2026-05-01"
        """,
    "content/facts/acme-orders.yaml": """\
        id: acme-orders
        statement: "[[acme]] placed bulk orders for two hundred thousand chips."
        status: reported
        evidence:
          - source: s001-acme
            quote: "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"
            hedge: [reportedly]
            via: []
        changed: "2026-05-01"
        """,
}


def make_project(base: Path, overrides: dict[str, str | None] | None = None) -> Path:
    """Write the seed, normalize it, write the content; ``None`` in overrides deletes a file."""
    from builder.sources.records import normalize_tree

    write_tree(base, {"seeds/001_acme.txt": SEED})
    normalize_tree(base, today=dt.date(2026, 5, 1))
    files = {**FILES, **(overrides or {})}
    write_tree(base, {k: v for k, v in files.items() if v is not None})
    fill_meta_reasons(base)
    return base


def fill_meta_reasons(base: Path) -> None:
    """An editor's first edit of each new metadata file: the reasons its skeleton asks for."""
    for meta in (base / "content/sources").glob("*.meta.yaml"):
        text = meta.read_text()
        if "TODO" in text:
            text = re.sub(r'"TODO: [^"]*"', '"the seed carries no such line"', text)
            meta.write_text(re.sub(r"(?m)^title: null\b.*$", 'title: "Acme buys chips"', text))


def briefing(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def copy_project(dest: Path) -> Path:
    """A copy of this repository's briefing (seeds, content, templates, mkdocs.yml) in ``dest``."""
    import shutil

    for name in ("seeds", "content", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
