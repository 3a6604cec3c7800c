"""The preview's rebuild after an edit reuses what it read, parsed, derived and compiled
before (``pipeline.Warm``); its pages must be exactly those a fresh render of the same files
gives, whatever the edit touched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers import copy_project
from builder.publish.pipeline import Warm, prepare_preview
from builder.core.paths import files_under

FACT = "content/facts/huawei-ascend-chips.yaml"
COPY = "content/facts/huawei-ascend-chips-again.yaml"
ENTITY = "content/entities/huawei.yaml"
LINKED = "content/entities/nvidia.yaml"  # [[nvidia]] stands in a fact's statement
ALIASED = "content/entities/jensen-huang.yaml"  # named in one article; "bulk orders" stands in two others
TEMPLATE = "templates/fact.html.j2"
QUOTING = "content/facts/huawei-chip-bulk-orders.yaml"
QUOTED = "have reportedly placed massive orders"  # in one of its quotes
SOURCE = "content/sources/s004-cedb8213a262d0b9.yaml"  # the source of that quote
SEED = "seeds/004_cedb8213a262d0b9.txt"  # its article
STRAIGHT, CURLY = "Huawei's upcoming AI chips", "Huawei’s upcoming AI chips"  # in that quote's sentence
ENDING = ", running into hundreds of thousands of units."  # how that sentence ends
SPEAKER = "content/entities/jensen-huang.yaml"  # a via link (basis: stated) needs his name in the quote
BRIEFING, AS_OF = "content/briefing.yaml", 'as_of: "2026-04-30"'  # an expected fact ends in 2026-06


def docs(root: Path) -> dict[str, bytes]:
    folder = root / "build" / "docs"
    return {rel: (folder / rel).read_bytes() for rel in sorted(files_under(folder))}


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def renormalized(root: Path, old: str, new: str) -> None:
    """A seed edited and its source record written again (`briefing normalize`)."""
    import datetime as dt

    from builder.sources.records import normalize_tree

    replace(root, SEED, old, new)
    assert normalize_tree(root, today=dt.date(2026, 4, 30))[0] == [SOURCE]


def copy_fact(root: Path) -> None:
    text = (root / FACT).read_text(encoding="utf-8")
    text = text.replace("id: huawei-ascend-chips\n", "id: huawei-ascend-chips-again\n")
    (root / COPY).write_text(text, encoding="utf-8")


# Each edit: what it does to the project, and the files it changes (what the preview's watcher saw).
EDITS = [
    ("a fact's statement", lambda r: replace(r, FACT, "lower-cost challenge", "cheaper challenge"), {FACT}),
    ("an entity's name, which every link label reads",
     lambda r: replace(r, ENTITY, "name: Huawei Technologies\n", "name: Huawei Technologies Co.\n"), {ENTITY}),
    ("the name of an entity that statements link, which their plain labels and page titles read",
     lambda r: replace(r, LINKED, "name: Nvidia\n", "name: Nvidia Corporation\n"), {LINKED}),
    ("an alias, which finds the entity's mentions in the sources",
     lambda r: replace(r, ALIASED, "aliases: []\n", "aliases:\n  - name: bulk orders\n    basis: editor\n"), {ALIASED}),
    ("a new fact", copy_fact, {COPY}),
    ("that fact removed", lambda r: (r / COPY).unlink(), {COPY}),
    ("a template", lambda r: replace(r, TEMPLATE, "</h1>", "</h1>\n<p>Edited template.</p>"), {TEMPLATE}),
    ("a quote broken", lambda r: replace(r, QUOTING, QUOTED, "have placed huge orders"), {QUOTING}),
    ("the quote mended", lambda r: replace(r, QUOTING, "have placed huge orders", QUOTED), {QUOTING}),
    # The checks keep what they found for each fact while the sources and entities it reads are
    # unchanged: an edit to those alone must be seen in the facts that did not change.
    ("the source's words under a quote", lambda r: replace(r, SOURCE, QUOTED, "have placed huge orders"), {SOURCE}),
    ("the source's words back", lambda r: replace(r, SOURCE, "have placed huge orders", QUOTED), {SOURCE}),
    # The quote still matches (quote marks are folded), but the words shown are the article's own,
    # and the sentence it stands in, longer now, has another anchor.
    ("the article's apostrophe in a quote, and its sentence's end",
     lambda r: renormalized(r, CURLY + ENDING, STRAIGHT + ENDING[:-1] + " in all."), {SEED, SOURCE}),
    ("the name a via link's quote gives", lambda r: replace(r, SPEAKER, "name: Jensen Huang\n", "name: J. Huang\n"),
     {SPEAKER}),
    ("that name back", lambda r: replace(r, SPEAKER, "name: J. Huang\n", "name: Jensen Huang\n"), {SPEAKER}),
    # The date rules keep what they found for a fact while the as-of day is the same.
    ("the as-of day, after an expected event",
     lambda r: replace(r, BRIEFING, AS_OF, 'as_of: "2026-07-15"'), {BRIEFING}),
]


@pytest.fixture(scope="module")
def warm_run(tmp_path_factory):
    """The edits made one after another to one project, each followed by a warm rebuild; after
    each, the pages and errors of the warm rebuild and of a fresh render of the same files."""
    root = copy_project(tmp_path_factory.mktemp("warm"))
    warm = Warm()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_WORKERS", "1")  # one process, as `serve` renders (its server has threads)
        return _edit_and_rebuild(root, warm, tmp_path_factory)


def _edit_and_rebuild(root: Path, warm: Warm, tmp_path_factory) -> list[tuple]:
    assert prepare_preview(root, warm).errors == []
    found = []
    for n, (what, edit, changed) in enumerate(EDITS):
        edit(root)
        warm.changed = set(changed)
        warm_errors = prepare_preview(root, warm).errors
        cold = tmp_path_factory.mktemp(f"cold{n}")
        for name in ("seeds", "content", "templates"):
            shutil.copytree(root / name, cold / name)
        shutil.copy2(root / "mkdocs.yml", cold / "mkdocs.yml")
        cold_errors = prepare_preview(cold).errors
        found.append((what, warm_errors, cold_errors, docs(root), docs(cold)))
    return found


@pytest.mark.parametrize("step", range(len(EDITS)), ids=[what for what, *_ in EDITS])
def test_a_warm_rebuild_gives_the_pages_and_errors_of_a_fresh_one(warm_run, step):
    what, warm_errors, cold_errors, warm_docs, cold_docs = warm_run[step]
    assert warm_errors == cold_errors
    if warm_errors:
        return  # nothing is rendered while errors stand: the preview shows them on its old pages
    assert sorted(warm_docs) == sorted(cold_docs), f"after {what}, the pages differ in which exist"
    differ = [rel for rel in warm_docs if warm_docs[rel] != cold_docs[rel]]
    assert not differ, f"after {what}, these pages differ from a fresh render: {differ[:5]}"


def test_the_edits_were_seen(warm_run):
    """Each edit shows in the pages (or stops them): the comparison above is not of unchanged sites."""
    statement, name, linked, alias, added, removed, template, broken, mended, *_ = (
        docs for _, _, _, docs, _ in warm_run)
    assert b"cheaper challenge" in statement["facts/huawei-ascend-chips.md"]
    assert b"Huawei Technologies Co." in name["entities/huawei.md"]
    # The fact's title is its statement made plain: [[nvidia]] reads as the entity's new name.
    assert b'title: "DeepSeek may have trained earlier models on advanced Nvidia Corporation chips' in linked[
        "facts/deepseek-may-have-trained-on-nvidia.md"]
    page = "entities/jensen-huang.md"
    assert alias[page].count(b"bulk orders") > linked[page].count(b"bulk orders")
    assert "facts/huawei-ascend-chips-again.md" in added and "facts/huawei-ascend-chips-again.md" not in removed
    assert b"Edited template." in template["facts/huawei-ascend-chips.md"]
    assert [p.code for p in warm_run[7][1]] == ["quote-not-found"]
    assert mended == template
    assert ("quote-not-found", QUOTING) in [(p.code, p.file) for p in warm_run[9][1]]
    assert warm_run[10][1] == []
    shown = warm_run[11][3]["facts/huawei-chip-bulk-orders.md"]  # in the quote's own words, escaped
    assert STRAIGHT.replace("'", "&#39;").encode() in shown and CURLY.encode() not in shown
    before, after = (set(re.findall(rb'"anchor":"(s-\w+)"', run[3]["briefing.json"])) for run in warm_run[10:12])
    assert len(before - after) == 1 and len(after - before) == 1  # the sentence's anchor, in the fact's evidence
    assert [(p.code, p.file) for p in warm_run[12][1]] == [
        ("via-not-stated", "content/facts/jensen-huang-nanoseconds-behind.yaml")]
    assert warm_run[13][1] == []
    assert [(p.code, p.file) for p in warm_run[14][1]] == [
        ("expected-in-past", "content/facts/v4-launch-within-weeks.yaml")]


def test_a_records_fingerprint_follows_its_quotes_in_a_changed_source(tmp_path):
    """A fact's fingerprint (what decides whether a page that read it is rendered again) is kept
    with its document, yet moves when only the source its quote stands in changed."""
    from builder.content.load import Loaded, load, read_content
    from builder.web.analysis import analyze
    from builder.web.render import Renderer

    root = copy_project(tmp_path)
    loaded = Loaded()
    prints = []
    for step in range(2):
        if step:
            renormalized(root, CURLY + ENDING, STRAIGHT + ENDING[:-1] + " in all.")
        briefing = load(read_content(root), loaded)[0]
        fact = briefing.kind("fact")["huawei-chip-bulk-orders"]
        renderer = Renderer(briefing, analyze(briefing), root / "templates")
        prints.append((fact, renderer.fingerprint("huawei-chip-bulk-orders"), renderer.fingerprint("nvidia")))
    (fact, before, other), (same_fact, after, same_other) = prints
    assert same_fact is fact  # the fact's file is unchanged: the preview's next load reuses it
    assert after != before and same_other == other
