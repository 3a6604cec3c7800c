"""Search: a Pagefind index of the staged site, written beside its pages in ``pagefind/``.

Pagefind (the extended build, pinned in constraints.txt; its binary ships in the
``pagefind-bin-extended`` wheel) reads the finished HTML and writes a chunked index: a reader's
browser fetches the small entry files, the WebAssembly search and only the index chunks and page
fragments its query needs, never the whole index. Only page bodies are indexed: render.py's
``PAGE_OPEN`` carries ``data-pagefind-body``, so Material's navigation, header and footer are not;
entity pages weight their names and aliases (so 华为 finds Huawei) and leave out their list of
mentions, which repeats sentences the source pages already hold.

The binary indexes the site directly (the "HTML route"). Its Python API was measured on the
1,000-source synthetic briefing (6,696 pages) and not chosen: it runs the same indexer behind a
pipe, so the memory is the index's either way (peak 726 MiB fed page bodies one at a time,
against 797 MiB for the binary reading the same site), while feeding the pages one message at
a time took three times as long, and the ``pagefind`` package's wrapper sleeps 0.1 s before
reading each answer (over 11 minutes for those pages). Leaving out the entity pages' mention
lists then brought the binary's peak to 643 MiB. bench/results-search.md has the figures.

Pagefind's memory grows with the words it indexes (about 600 bytes a word at its peak), so a
page is indexed for the words it holds itself and never for a list of other pages: the templates
mark with ``data-pagefind-ignore`` every list that repeats other pages' words (fact lines, the
timeline's entries, an entity page's lists, the coverage tables), the labels (status badges,
origin counts, the labels' legend but on the About page) and a source page's hashes, legend and
normalization notes; a page left when an id changed is ignored whole. At 1,000 synthetic
sources this took the indexed words from 1.5 to 0.7 million and Pagefind's peak from 568 to
384 MiB, and a search finds each statement once, on its own page.

One index, not several merged in the browser: Pagefind answers a word it does not hold with
the longest prefix it does hold ("catalyst" finds pages with "c."), so an index cut into parts
answers every query with such pages from each part that lacks the word; measured on this
briefing cut into six parts, and Pagefind has no option to turn it off.

Runs after MkDocs and before the link check and the swap: a failure here leaves site/ as it was.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from builder.core.problems import Problem

BUNDLE = "pagefind"  # the folder of the index in the site; templates/assets/search.js loads it from there
# Pagefind's own ready-made interfaces, which the site does not use (templates/assets/search.js
# is its search box): not published, so a reader never fetches them by mistake.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Pagefind's allocator (jemalloc, built in with the prefix ``_RJEM_``) gives freed memory back to
# the system at once instead of keeping it for reuse: its peak at 1,000 synthetic sources went
# 393 -> 354 MiB for about 6 % more time (bench/README.md). A Pagefind without jemalloc ignores it.
ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
MISSING = ("install the pinned dependencies (make install: pagefind[extended] from PyPI) and build again; "
           "the previous site was kept")
FAILED = ("Pagefind's own words above say what failed (disk space, memory or a damaged install: make install); "
          "fix that and build again; the previous site was kept")


def executable() -> Path:
    """The Pagefind binary of the ``pagefind-bin-extended`` wheel (extended: segments Chinese)."""
    from pagefind_bin_extended import get_executable

    return get_executable()


def index_site(site: Path) -> list[Problem]:
    """Index ``site`` (the staged MkDocs output) into ``site/pagefind``; problems if it failed."""
    try:
        binary = executable()
    except (ImportError, FileNotFoundError) as error:
        return [Problem("pyproject.toml", 1, 1, "search", f"the Pagefind binary is missing: {error}", MISSING)]
    command = [str(binary), "--site", str(site), "--output-subdir", BUNDLE, "--silent"]
    process = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, **ALLOCATOR})
    bundle = site / BUNDLE
    if process.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        said = (process.stderr.strip() or process.stdout.strip() or f"exit code {process.returncode}").splitlines()
        return [Problem("mkdocs.yml", 1, 1, "search", f"Pagefind could not index the site: {said[-1]}", FAILED)]
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return []
