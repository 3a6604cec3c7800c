"""The search index: Pagefind over the staged site, page bodies only, and a failure that keeps
the previous site. What a reader finds is tested in a real browser (test_browser.py)."""

from __future__ import annotations

import re
import stat

import builder.publish.search as search
from builder.core.problems import format_human
from builder.publish.pipeline import BUILD_STAMP, build
from conftest import copy_built
from helpers import site_bytes


def test_the_site_is_published_with_a_pagefind_index_of_page_bodies_only(built_first):
    site = built_first / "site"
    bundle = site / search.BUNDLE
    names = {p.name for p in bundle.iterdir()}
    wanted = {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind", "index", "fragment"}
    assert wanted <= names
    assert names.isdisjoint(search.UNUSED)  # Pagefind's ready-made interfaces are not published
    assert any(name.endswith(".pf_meta") for name in names)
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off
    pages = sorted(site.rglob("*.html"))
    # As many page fragments as pages with a body (every page of ours; not MkDocs' 404 page).
    bodies = [p for p in pages if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(bodies) == len(pages) - 1 and not (site / "404.html") in bodies
    assert len(list((bundle / "fragment").iterdir())) == len(bodies)
    for page in bodies:
        html = page.read_text(encoding="utf-8")
        assert html.count("data-pagefind-body") == 1, page
        header = html[html.index("<header"):html.index("</header>")]
        assert "data-pagefind-body" not in header  # the header, navigation and footer are not indexed
    entity = (site / "entities/huawei/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="aliases" data-pagefind-weight="10">Also known as: .*华为', entity)
    assert '<ul class="mentions" data-pagefind-ignore>' in entity
    # Words every page repeats are left out: the labels' legend (indexed on the About page alone,
    # where it is open) and the coverage table, whose rows are the facts' own statements.
    fact = (site / "facts/v4-to-run-on-huawei-chips/index.html").read_text(encoding="utf-8")
    about = (site / "about/index.html").read_text(encoding="utf-8")
    coverage = (site / "coverage/index.html").read_text(encoding="utf-8")
    assert '<details class="info status-legend" data-pagefind-ignore>' in fact
    assert '<details class="info status-legend" open>' in about
    assert re.search(r'<table class="coverage[^"]*" data-pagefind-ignore>', coverage)
    # A source page: its article text is indexed; its hashes, its legend, the "quoted for" notes
    # (the facts' statements) and the lines normalization removed are not.
    source = (site / "sources/s000-4f3a7c88a7dc32a5/index.html").read_text(encoding="utf-8")
    assert source.count("<dd data-pagefind-ignore>sha256 <code>") == 2
    assert '<p class="legend" data-pagefind-ignore>' in source
    assert '<span class="cited-by" data-pagefind-ignore>' in source
    assert '<span class="cited-by">' not in source


def test_a_failed_index_names_pagefinds_error_and_keeps_the_previous_site(built_first, tmp_path, monkeypatch):
    project = copy_built(built_first, tmp_path / "project")
    before = site_bytes(project / "site")
    fake = tmp_path / "pagefind"
    said = "Error: No space left on device (os error 28)"
    fake.write_text(f"#!/bin/sh\necho 'Indexing pages'\necho '{said}' >&2\nexit 1\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "executable", lambda: fake)
    (project / BUILD_STAMP).unlink()  # so the build runs again
    built = build(project)
    assert built.stopped == "site"
    assert [format_human(p) for p in built.problems] == [
        f"mkdocs.yml:1:1: error: Pagefind could not index the site: {said} [search]\n"
        f"  {search.FAILED}"
    ]
    assert site_bytes(project / "site") == before
    assert not list(project.glob(".site-*"))

    monkeypatch.setattr(search, "executable", lambda: (_ for _ in ()).throw(FileNotFoundError("no pagefind_extended")))
    problems = build(project).problems
    assert [(p.code, p.message, p.hint) for p in problems] == [
        ("search", "the Pagefind binary is missing: no pagefind_extended", search.MISSING)
    ]
    assert site_bytes(project / "site") == before
