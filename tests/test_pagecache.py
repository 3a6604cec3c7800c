"""The per-page render cache: after each kind of edit tried here, a warm render gives exactly
the pages a cold one does, and re-renders only the pages that read what changed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import builder.publish.site
from builder.web.pagecache import PageCache
from builder.synth import generate
from conftest import ROOT
from helpers import noting_pids

N = 10
DOCS = Path("build/docs")


def build_docs(root: Path, monkeypatch) -> PageCache:
    """Check the project and write its docs, as ``briefing build`` does; the page cache used."""
    from builder.publish.pipeline import run_checks

    briefing, problems, failed = run_checks(root)
    assert not failed, [str(p) for p in problems if p.severity == "error"]
    made: list[PageCache] = []

    class Recorded(PageCache):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    with monkeypatch.context() as patch:
        patch.setattr(builder.publish.site, "PageCache", Recorded)
        builder.publish.site.write_docs(root, briefing)
    return made[0]


def without_file_times(index: Path) -> dict:
    """The page cache's index, less the stat of each page's file (the times differ per build)."""
    data = json.loads(index.read_text(encoding="utf-8"))
    data["pages"] = {path: entry[:3] for path, entry in data["pages"].items()}
    return data


def docs_of(root: Path) -> dict[str, bytes]:
    docs = root / DOCS
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A synthetic project whose docs and page cache are built."""
    root = tmp_path_factory.mktemp("pagecache") / "project"
    generate(root, N)
    with pytest.MonkeyPatch.context() as patch:
        cache = build_docs(root, patch)
    assert cache.reused == [] and len(cache.rendered) > 50
    return root


def first(root: Path, pattern: str, skip: int = 0) -> Path:
    return sorted(root.glob(pattern))[skip]


def replace_line(path: Path, key: str, value: str) -> None:
    text, count = re.subn(rf"(?m)^{key}: .*$", f"{key}: {value}", path.read_text(encoding="utf-8"), count=1)
    assert count == 1, f"no {key} in {path}"
    path.write_text(text, encoding="utf-8")


def edit_fact_statement(root: Path) -> str:
    path = first(root, "content/facts/*.yaml", 3)
    text = path.read_text(encoding="utf-8")
    statement = yaml.safe_load(re.search(r"(?m)^statement: .*$", text).group(0))["statement"]  # plain or quoted
    replace_line(path, "statement", json.dumps(f"{statement[:-1]}, an edited statement."))
    return f"facts/{path.stem}.md"


def edit_entity_name(root: Path) -> str:
    path = first(root, "content/entities/*.yaml", 2)
    replace_line(path, "name", "Renamed Entity Corp")
    return f"entities/{path.stem}.md"


def edit_source_title(root: Path) -> str:
    path = first(root, "content/sources/*.meta.yaml", 1)
    replace_line(path, "outlet", "The Edited Gazette")
    return f"sources/{path.name.removesuffix('.meta.yaml')}.md"


def edit_dispute_question(root: Path) -> str:
    path = first(root, "content/disputes/*.yaml")
    replace_line(path, "question", "'Who did what, according to an edited question?'")
    return f"disputes/{path.stem}.md"


def add_fact(root: Path) -> str:
    path = first(root, "content/facts/*.yaml", 5)
    text = path.read_text(encoding="utf-8").replace(f"id: {path.stem}", "id: a-new-fact-added-by-hand")
    (path.parent / "a-new-fact-added-by-hand.yaml").write_text(text, encoding="utf-8")
    return "facts/a-new-fact-added-by-hand.md"


def edit_summary(root: Path) -> str:
    path = root / "content/briefing.yaml"
    text = path.read_text(encoding="utf-8").replace("- 'Line 1: ", "- 'Line one, edited: ", 1)
    path.write_text(text, encoding="utf-8")
    return "index.md"


def edit_source_url(root: Path) -> str:
    path = first(root, "content/sources/*.meta.yaml", 2)
    replace_line(path, "url", "https://edited.example/article")  # deep links of its quotes change
    return f"sources/{path.name.removesuffix('.meta.yaml')}.md"


def edit_dispute_state(root: Path) -> str:
    path = first(root, "content/disputes/*.yaml")
    state = re.search(r"(?m)^state: (\w+)$", path.read_text(encoding="utf-8")).group(1)
    replace_line(path, "state", "open" if state != "open" else "settled")
    return f"disputes/{path.stem}.md"


def remove_fact(root: Path) -> str:
    """Delete a fact that no other file names: its page goes, lists and links change."""
    naming = [root / "content/briefing.yaml", *root.glob("content/disputes/*.yaml")]
    others = "".join(p.read_text(encoding="utf-8") for p in naming)
    path = next(p for p in sorted(root.glob("content/facts/*.yaml")) if p.stem not in others)
    path.unlink()
    return "facts/index.md"


def comment_only(root: Path) -> str:
    """Bytes change, data does not: pages that read the record render again, to the same text."""
    path = first(root, "content/entities/*.yaml", 1)
    path.write_text(path.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    return f"entities/{path.stem}.md"


EDITS = [
    edit_fact_statement, edit_entity_name, edit_source_title, edit_dispute_question, add_fact, edit_summary,
    edit_source_url, edit_dispute_state, remove_fact, comment_only,
]


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_a_warm_render_after_an_edit_equals_a_cold_one(warm, edit, tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(warm, root)
    before = docs_of(root)
    page = edit(root)
    cache = build_docs(root, monkeypatch)
    after_warm = docs_of(root)
    shutil.rmtree(root / DOCS)
    shutil.rmtree(root / "build/cache/pages")
    cold = build_docs(root, monkeypatch)
    assert cold.reused == []
    assert after_warm == docs_of(root)  # the cache changed nothing a cold render would not
    changed = {name for name in after_warm if before.get(name) != after_warm[name]}
    assert page in cache.rendered and (page in changed or edit is comment_only)
    assert {name for name in changed if name.endswith(".md")} <= set(cache.rendered)
    if edit is edit_summary:
        # the summary is also in briefing.json, whose size data/ shows
        assert cache.rendered == ["index.md", "data/index.md"]
    if edit is edit_fact_statement:  # its page, lists, and pages that link or show it: not the site
        assert len(cache.rendered) < (len(cache.rendered) + len(cache.reused)) / 4, cache.rendered


def test_an_unchanged_briefing_reuses_every_page_in_a_new_process(warm, tmp_path):
    """Keys and fingerprints do not depend on the process (hash seeds, object ids)."""
    root = tmp_path / "project"
    shutil.copytree(warm, root)
    script = (
        "import sys; from pathlib import Path; import builder.publish.site as site\n"
        "from builder.publish.pipeline import run_checks\n"
        "made = []\n"
        "class C(site.PageCache):\n"
        "    def __init__(self, *a, **k): super().__init__(*a, **k); made.append(self)\n"
        "site.PageCache = C\n"
        "b, _, failed = run_checks(Path(sys.argv[1])); assert not failed\n"
        "site.write_docs(Path(sys.argv[1]), b)\n"
        "print(len(made[0].rendered), len(made[0].reused))\n"
    )
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", script, str(root)], cwd=ROOT, capture_output=True, text=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, check=True,
        )
        rendered, reused = map(int, out.stdout.split())
        assert rendered == 0 and reused > 50


def test_a_damaged_page_or_template_change_is_rendered_again(warm, tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(warm, root)
    expected = docs_of(root)
    victim = next(
        name for name in expected if name.startswith("facts/") and name.count("/") == 1 and name != "facts/index.md"
    )
    (root / DOCS / victim).write_text("edited by hand", encoding="utf-8")
    (root / DOCS / "index.md").unlink()
    cache = build_docs(root, monkeypatch)
    assert sorted(cache.rendered) == sorted([victim, "index.md"])
    assert docs_of(root) == expected
    template = root / "templates/fact.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    cache = build_docs(root, monkeypatch)
    assert cache.reused == []  # any template change renders every page again


def test_a_page_is_read_back_only_when_its_file_was_touched(warm, tmp_path, monkeypatch):
    """An untouched page file is trusted from its stat; one edited by hand to the same size,
    its modification time put back, is still caught (its change time moved) and rendered again."""
    import os

    root = tmp_path / "project"
    shutil.copytree(warm, root)  # a copy: every file's change time moved, so each is read back once
    expected = docs_of(root)
    assert build_docs(root, monkeypatch).rendered == []
    victim = root / DOCS / next(name for name in expected if name.startswith("entities/") and name.count("/") == 1)
    before = victim.stat()
    victim.write_bytes(victim.read_bytes().replace(b"<", b">", 1))  # same size, other bytes
    os.utime(victim, ns=(before.st_atime_ns, before.st_mtime_ns))
    read: list[Path] = []
    real = Path.read_bytes

    def counted(self):
        read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    cache = build_docs(root, monkeypatch)
    pages_read = [p for p in read if p.suffix == ".md" and DOCS.as_posix() in p.as_posix()]
    assert cache.rendered == [victim.relative_to(root / DOCS).as_posix()]
    assert docs_of(root) == expected
    assert pages_read == [victim, victim]  # checked against its sha256, then before it is written again


def test_a_damaged_index_is_ignored(warm, tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(warm, root)
    expected = docs_of(root)
    (root / "build/cache/pages/index.json").write_text('{"code": "x", "pages": [', encoding="utf-8")
    cache = build_docs(root, monkeypatch)
    assert cache.reused == [] and docs_of(root) == expected


def test_a_context_that_hides_what_a_page_reads_fails_loudly(tmp_path):
    cache = PageCache(tmp_path, tmp_path / "docs")
    with pytest.raises(TypeError, match="holds a function"):
        cache.key("x/", "fact.html.j2", "T", {"facts_in": lambda text: text}, {})
    with pytest.raises(TypeError, match="holds a function"):
        cache.key("x/", "fact.html.j2", "T", {"helper": re.compile("x").search}, {})
    marker = object()
    key, refs = cache.key("x/", "fact.html.j2", "T", {"doc": [marker]}, {id(marker): "a-fact"})
    assert refs == {"a-fact"}
    assert key == cache.key("x/", "fact.html.j2", "T", {"doc": [marker]}, {id(marker): "a-fact"})[0]
    assert key != cache.key("x/", "fact.html.j2", "T", {"doc": [marker]}, {id(marker): "b-fact"})[0]
    shared = {"label": "c. April 2026"}  # a memoised helper may hand out one object twice
    assert (
        cache.key("x/", "t", "T", {"a": [shared, shared]}, {})[0]
        == cache.key("x/", "t", "T", {"a": [dict(shared), dict(shared)]}, {})[0]
    )


def test_templates_read_the_renderer_only_through_tracked_methods():
    """A template that read the briefing or analysis straight off ``r`` would escape the
    page cache's dependency tracking: only these methods and attributes are allowed."""
    allowed = {
        "link", "plain", "label", "inline", "block", "source_label", "preview", "deep_link", "citations_for", "origins",
        "when", "current",
    }
    used = set()
    for template in sorted((ROOT / "templates").glob("*.j2")):
        used |= set(re.findall(r"(?<![\w.])r\.(\w+)", template.read_text(encoding="utf-8")))
    assert used and used <= allowed, used - allowed


def test_pages_rendered_and_written_on_several_cores_equal_one_process(warm, tmp_path, monkeypatch):
    """Forked workers render and write the pages: the docs, the page cache's record of what
    was rendered and reused, and its index (but the files' times) are those of a one-process
    build, cold and after an edit."""
    import os

    import builder.core.parallel
    import builder.web.jobs

    pids = tmp_path / "pids"
    noted = noting_pids(builder.web.jobs._render_job, pids)
    results = {}
    for mode in ("one", "several"):
        root = tmp_path / mode
        shutil.copytree(warm, root)
        shutil.rmtree(root / DOCS)
        shutil.rmtree(root / "build/cache/pages")
        with monkeypatch.context() as patch:
            if mode == "several":
                patch.setenv("BRIEFING_WORKERS", "2")
                patch.setattr(builder.core.parallel, "MIN_ITEMS", 2)
                patch.setattr(builder.web.jobs, "_render_job", noted)
            else:
                patch.setenv("BRIEFING_WORKERS", "1")
            cold = build_docs(root, patch)
            cold_docs = docs_of(root)
            edit_fact_statement(root)
            warm_cache = build_docs(root, patch)
        assert cold.written == cold.rendered  # a cold build: every page written by whoever rendered it
        results[mode] = (
            cold.rendered, cold_docs, warm_cache.rendered, warm_cache.written, warm_cache.reused, docs_of(root),
            without_file_times(root / "build/cache/pages/index.json"),
        )
    assert results["several"] == results["one"]
    workers = set(pids.read_text(encoding="utf-8").split())
    # The pages really were rendered in two processes at a time: this one and a forked worker
    # (one worker for each render: the cold one and the warm one).
    assert str(os.getpid()) in workers and len(workers) >= 2
