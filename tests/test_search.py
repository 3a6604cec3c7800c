"""The search index: Pagefind over the staged site, page bodies only, and a failure that keeps
the previous site. What a reader finds is tested in a real browser (test_browser.py)."""

from __future__ import annotations

import gzip
import html as htmllib
import json
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
    # As many page fragments as pages with a body (every page of ours; not MkDocs' 404 page),
    # but for the pages left when an id changed, which only send the reader on.
    bodies = [p for p in pages if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(bodies) == len(pages) - 1 and not (site / "404.html") in bodies
    moved = [p for p in bodies if '<div class="moved" data-pagefind-ignore="all">' in p.read_text(encoding="utf-8")]
    assert moved and len(list((bundle / "fragment").iterdir())) == len(bodies) - len(moved)
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


def indexed_text(site) -> dict[str, str]:
    """What Pagefind indexed of each page, read back from its own page fragments (gzip, a
    signature, then JSON): page address -> the indexed text."""
    out = {}
    for fragment in sorted((site / search.BUNDLE / "fragment").iterdir()):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        out[data["url"]] = data["content"]
    return out


def page_html(site, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text(encoding="utf-8")


def flat(text: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", text)).split())


def test_each_statement_and_quote_is_indexed_on_its_own_page_not_on_the_lists_that_repeat_it(built_first):
    """A search result leads to the page that holds the words: a fact's statement is indexed on
    its fact page only, not on the entity pages, lists, timeline, home page and disputes that
    link it; a quote on its fact page (and its source page, the article's own text), not in the
    timeline; labels (status badges, origin counts, dates edited) nowhere but the About page's
    legend. Prose an editor wrote is its page's own text, the labels of its links included (a
    bare [[fact-id]] shows the statement), so a statement found there is not a repeat."""
    site = built_first / "site"
    indexed = indexed_text(site)
    wikilink = re.compile(r'<a class="wikilink"[^>]*>(.*?)</a>', re.S)
    prose = {url: {flat(label) for label in wikilink.findall(page_html(site, url))} for url in indexed}
    facts = sorted((site / "facts").glob("*/index.html"))
    facts = [page for page in facts if '<h1 class="statement">' in page.read_text(encoding="utf-8")]  # not redirects
    assert len(facts) > 20
    for page in facts:
        html = page.read_text(encoding="utf-8")
        statement = flat(re.search(r'<h1 class="statement">(.*?)</h1>', html, re.S).group(1))
        own = f"/facts/{page.parent.name}/"
        assert statement in indexed[own], own
        others = [url for url, text in indexed.items()
                  if url != own and statement in text and statement not in prose[url]]
        assert others == [], (statement, others)
        when = re.search(r'<p class="fact-meta">.*?<span class="when[^"]*">(.*?)</span>', html)
        if when:
            assert flat(when.group(1)) in indexed[own], (own, when.group(1))  # its date is searchable
        for quote in re.findall(r'<a class="quote-link" href="[^"]+">“(.*?)”</a>', html):
            assert flat(quote) in indexed[own], (own, quote)
            assert flat(quote) not in indexed["/timeline/"]
    huawei = indexed["/entities/huawei/"]
    assert "华为" in huawei and "Chinese technology company" in huawei  # its names and description
    assert "Linked from" not in huawei and "Speculative" not in huawei  # not the lists of other pages
    badge = re.compile(r'>([^<>]+)</a> <abbr class="status status-[a-z]+"[^>]*>([a-z]+)</abbr>')
    seen = 0
    for url, text in indexed.items():
        html = page_html(site, url)
        for label, status in badge.findall(html):
            seen += 1
            assert f"{flat(label)} {status}" not in text, (url, label, status)
        assert not re.search(r"\d+ articles? · \d+ known origins?", text), url
        assert "last edited" not in text, url
    assert seen > 100


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
