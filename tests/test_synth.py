"""The synthetic briefing generator: deterministic bytes, and a project that checks clean and builds."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from builder.core import dates
from builder.synth import generate
from helpers import briefing, site_bytes

N = 6


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth") / "project"
    counts = generate(root, N)
    return root, counts


def test_same_n_gives_the_same_bytes(project, tmp_path):
    root, counts = project
    again = tmp_path / "again"
    assert generate(again, N) == counts
    one, two = site_bytes(root), site_bytes(again)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_the_project_has_every_part(project):
    root, counts = project
    assert counts["sources"] == N and counts["lost quotes"] == 0
    assert len(list((root / "seeds").glob("*.txt"))) == N
    assert len(list((root / "content/sources").glob("*.meta.yaml"))) == N
    assert counts["facts"] >= 4 * N and counts["entities"] >= 3 and counts["disputes"] >= 1
    assert (root / "mkdocs.yml").is_file() and (root / "templates/fact.html.j2").is_file()
    facts = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "content/facts").glob("*.yaml"))]
    whens = [f["when"] for f in facts if "when" in f]
    assert {dates.precision(w) for w in whens} == {1, 2, 3}
    assert any("/" in w for w in whens) and any("~" in w for w in whens) and any("?" in w for w in whens)
    assert any(f.get("expected") for f in facts)
    bases = {link["basis"] for f in facts for e in f["evidence"] for link in e["via"]}
    assert {"stated", "editor"} <= bases
    assert any(e["hedge"] for f in facts for e in f["evidence"])
    assert any(not e["hedge"] for f in facts for e in f["evidence"])
    entities = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "content/entities").glob("*.yaml")]
    assert any(not a["name"].isascii() for e in entities for a in e["aliases"])
    disputes = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "content/disputes").glob("*.yaml")]
    assert all(len(d["positions"]) >= 2 for d in disputes)
    seed = next((root / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    assert re.search(r"^By [A-Z]", seed, re.M)
    assert re.search(r"reportedly|according to|people familiar|expected to", seed, re.I)


def test_it_checks_clean_and_builds(project, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(project[0], root)  # the shared project stays as generated
    result = briefing(root, "check", "--strict")
    assert result.returncode == 0, result.stderr
    assert "check: no problems" in result.stdout
    result = briefing(root, "build")
    assert result.returncode == 0, result.stderr
    assert (root / "site/index.html").is_file()
    assert len(list((root / "site/facts").glob("*/index.html"))) >= 4 * N


def test_long_lists_are_paged_and_every_item_is_on_one_page(project, tmp_path, monkeypatch):
    """With small pages: each list is split, every fact is listed once, the pager shows a
    window of numbers, and the link check passes over every page."""
    import builder.web.pages
    from builder.cli import main

    root = tmp_path / "project"
    shutil.copytree(project[0], root)
    monkeypatch.setattr(builder.web.pages, "LIST_PAGE", 4)
    monkeypatch.setattr(builder.web.pages, "PAGER_WINDOW", 1)
    assert main(["--root", str(root), "build"]) == 0
    site = root / "site"
    facts = sorted(p.parent.name for p in (site / "facts").glob("*/index.html") if p.parent.name != "pages")
    later = sorted((site / "facts/pages").glob("*/index.html"), key=lambda p: int(p.parent.name))
    pages = [site / "facts/index.html"] + later
    assert len(pages) == -(-len(facts) // 4)
    listed = []
    for page in pages:
        body = page.read_text(encoding="utf-8").split('<div class="briefing" data-pagefind-body>', 1)[1]
        listed += re.findall(
            r'<li class="fact-line"[^>]*><a class="fact-link" href="(?:\.\./)*(?:facts/)?([a-z0-9-]+)/"', body
        )
        pager = re.search(r'<nav class="pager".*?</nav>', body, re.S).group(0)
        assert len(re.findall(r"<a ", pager)) <= 2 * 1 + 2 + 2  # window, first and last, previous and next
    assert sorted(listed) == facts
    assert (site / "sources/pages/2/index.html").is_file() and (site / "coverage/pages/2/index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "The list of facts" in home  # the home page no longer lists every fact
    # The About page says what the articles lack: one line a source up to a list page's worth,
    # then how many lack each piece, so it does not grow with the briefing.
    about = (site / "about/index.html").read_text(encoding="utf-8")
    metas = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "content/sources").glob("*.meta.yaml")]
    counts = {word: sum(1 for m in metas if m.get(key) is None)
              for key, word in (("outlet", "outlet"), ("byline", "author"), ("published", "date"), ("url", "address"))}
    assert '<ul class="lacking">' not in about
    said = [f"{n} give{'s' if n == 1 else ''} no {word}" for word, n in counts.items()]
    assert f"Of the {len(metas)} articles, {said[0]}, {said[1]}, {said[2]} and {said[3]}." in about
