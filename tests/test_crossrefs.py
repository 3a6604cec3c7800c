"""Every cross-reference the built site shows, against what the content files say.

Two briefings are built once each (``briefing build --strict``): a copy of the first briefing
and a synthetic one of 25 sources (see ``built``); their HTML and exports are read back. The
expected values are worked out here from the YAML with PyYAML and a few lines of plain Python
(which disputes list a fact, which facts quote a sentence, how many articles and origins a fact
has), never by calling the builder. Pages are read by the ids of their sections and by the
links in them (record pages and sentence anchors) and the numbers in clearly marked cells, not
by their wording.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import feedparser
import pytest
import yaml
from edtf import parse_edtf

from conftest import ROOT
from helpers import Node, briefing, copy_project, parse_html, resolve, section

FOLDERS = {"fact": "facts", "entity": "entities", "dispute": "disputes", "source": "sources"}
STRENGTH = {"stated": 2, "editor": 1, "machine": 0}  # the weakest link of a via chain sets its basis
STATUS_ORDER = ("confirmed", "reported", "speculative", "disputed", "refuted")


# -- the content, read with PyYAML ----------------------------------------------------


class Content:
    def __init__(self, root: Path):
        def records(folder: str, pattern: str = "*.yaml") -> dict[str, dict]:
            out = {}
            for path in sorted((root / "content" / folder).glob(pattern)):
                if folder == "sources" and pattern == "*.yaml" and path.name.endswith(".meta.yaml"):
                    continue
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
                out[data["id"]] = data
            return out

        self.facts = records("facts")
        self.entities = records("entities")
        self.disputes = records("disputes")
        self.sources = records("sources")
        self.metas = records("sources", "*.meta.yaml")
        self.briefing = yaml.safe_load((root / "content/briefing.yaml").read_text(encoding="utf-8"))
        self.kind = {i: k for k, group in self.groups().items() for i in group}

    def groups(self) -> dict[str, dict]:
        return {"fact": self.facts, "entity": self.entities, "dispute": self.disputes, "source": self.sources}

    def url(self, record_id: str) -> str:
        return f"{FOLDERS[self.kind[record_id]]}/{record_id}/"

    def evidence(self):
        """(owner kind, owner id, item) for every evidence item of facts and dispute positions."""
        for fact_id, fact in self.facts.items():
            for item in fact["evidence"]:
                yield "fact", fact_id, item
        for dispute_id, dispute in self.disputes.items():
            for position in dispute["positions"]:
                for item in position.get("evidence", []):
                    yield "dispute", dispute_id, item

    def anchors(self, item: dict) -> list[str]:
        """The anchors of the sentences an evidence item's quote spans, found here by folding
        each sentence (whitespace, quote marks and dashes) and searching their joined text."""
        sentences = self.sources[item["source"]]["sentences"]
        starts, parts, offset = [], [], 0
        for sentence in sentences:
            folded = fold(sentence["text"])
            starts.append(offset)
            parts.append(folded)
            offset += len(folded) + 1
        quote = fold(item["quote"])
        at = " ".join(parts).find(quote)
        assert at >= 0, f"{item['quote']!r} is not in {item['source']}"
        covered = [n for n, start in enumerate(starts) if start < at + len(quote) and start + len(parts[n]) > at]
        return [sentences[n]["anchor"] for n in covered]


QUOTE_FOLDS = str.maketrans(
    {**dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc", "'"),
     **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
     **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")}
)


def fold(text: str) -> str:
    return " ".join(text.split()).translate(QUOTE_FOLDS)


WIKILINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|[^\[\]\n]*)?\]\]")


def wikilinks(text: str) -> list[str]:
    return [m.strip() for m in WIKILINK.findall(text)]


def strings(value):
    """Every string inside a YAML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def origins(evidence: list[dict]) -> dict:
    """Articles, known origins (the roots of the via chains) and unattributed sources."""
    articles, unattributed, roots = [], [], {}
    for item in evidence:
        if item["source"] not in articles:
            articles.append(item["source"])
        if not item["via"]:
            if item["source"] not in unattributed:
                unattributed.append(item["source"])
            continue
        root = item["via"][-1]["entity"]
        basis = min((link["basis"] for link in item["via"]), key=STRENGTH.get)
        if root not in roots or STRENGTH[basis] > STRENGTH[roots[root]]:
            roots[root] = basis
    return {"articles": articles, "independent": len(roots), "roots": dict(sorted(roots.items())),
            "unattributed": unattributed}


def entity_facts(content: Content) -> dict[str, list[str]]:
    """Entity id -> the facts whose statement links it."""
    found = defaultdict(list)
    for fact_id, fact in content.facts.items():
        for target in dict.fromkeys(wikilinks(fact["statement"])):
            if target in content.entities:
                found[target].append(fact_id)
    return found


# -- the built site ------------------------------------------------------------------


# The first briefing has no fact quoting one source twice: this quote, a second and unhedged
# one from a source the fact already quotes (hedged), is added to the copy that is built.
SECOND_QUOTE = ("content/facts/v4-variants.yaml", "  - source: s001-4fc004006c8a78a1\n", """\
  - source: s000-4f3a7c88a7dc32a5
    quote: "V4 Variant One: A specialized version of V4 optimized for specific capabilities, built to run
      efficiently on Chinese semiconductor hardware."
    hedge: []
    via: []
""")


@pytest.fixture(scope="module", params=["first", "synthetic"])
def built(request, tmp_path_factory):
    """The first briefing (with SECOND_QUOTE), and a synthetic one of 25 sources whose lists
    run to a second page, whose matrix has three pages and whose disputes quote and settle."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "first":
        project = copy_project(folder)
        path, before, added = SECOND_QUOTE
        text = (project / path).read_text(encoding="utf-8")
        assert text.count(before) == 1
        (project / path).write_text(text.replace(before, added + before), encoding="utf-8")
    else:
        project = folder / "synthetic"
        command = [sys.executable, "-m", "builder.synth", str(project), "25"]
        made = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        assert made.returncode == 0, made.stderr
    result = briefing(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def content(built) -> Content:
    return Content(built)


@pytest.fixture(scope="module")
def site(built):
    @cache
    def page(url: str) -> Node:
        """The main content of the page at ``url`` ("facts/x/"), parsed."""
        tree = parse_html((built / "site" / url / "index.html").read_text(encoding="utf-8"))
        return tree.find("article")

    return page


def list_pages(site, url: str) -> list[str]:
    """The pages of a paged list, from its first: each page's rel="next" link leads on."""
    urls = [url]
    while True:
        following = [a.attrs["href"] for a in site(urls[-1]).find_all("a", rel="next")]
        if not following:
            return urls
        urls.append(resolve(urls[-1], following[0])[0])


def links(url: str, node: Node | None) -> list[tuple[str, str]]:
    """(site path, fragment) of every link inside ``node`` on the page at ``url``."""
    return [resolve(url, href) for href in node.hrefs()] if node is not None else []


def record_links(url: str, node: Node | None, folder: str) -> list[str]:
    """The ids of the records of one folder ("disputes") that ``node`` links to, in order."""
    paths = [path for path, _ in links(url, node)]
    return [path.split("/")[1] for path in paths if path.startswith(folder + "/") and path.count("/") == 2]


def number(node: Node) -> int:
    """The first whole number written in an element (a table cell, a count)."""
    found = re.search(r"\d+", node.text())
    assert found, f"no number in <{node.tag}>: {node.text()!r}"
    return int(found.group())


def nonempty(expected: dict) -> dict:
    """Guard against a test that cannot fail: the briefing must exercise the reference."""
    assert any(expected.values()), "the briefing has no such cross-reference to test"
    return expected


# -- facts and disputes ----------------------------------------------------------------


def test_each_fact_page_lists_every_dispute_that_rests_on_it(content, site):
    resting = {d: {f for p in x["positions"] for f in p.get("facts", [])} for d, x in content.disputes.items()}
    expected = {f: [d for d in sorted(resting) if f in resting[d]] for f in content.facts}
    shown = {}
    for fact_id in content.facts:
        url = f"facts/{fact_id}/"
        part = section(site(url), "disputes")
        shown[fact_id] = record_links(url, part, "disputes")
        assert len(shown[fact_id]) == len(links(url, part)), f"{url}: the Disputed in list links only disputes"
    assert shown == nonempty(expected)


def test_each_dispute_position_links_its_facts_and_their_quotes(content, site):
    expected, shown = {}, {}
    for dispute_id, dispute in content.disputes.items():
        url = f"disputes/{dispute_id}/"
        for n, position in enumerate(dispute["positions"], start=1):
            facts = position.get("facts", []) + [i for i in wikilinks(position["claim"]) if i in content.facts]
            items = list(position.get("evidence", []))
            items += [e for f in position.get("facts", []) for e in content.facts[f]["evidence"]]
            quoted = [(f"sources/{e['source']}/", content.anchors(e)[0]) for e in items]
            expected[dispute_id, n] = (sorted(set(facts)), quoted)
            part = section(site(url), f"position-{n}")
            heading = site(url).find_all(id=f"position-{n}")[0]  # the claim, whose [[links]] name facts too
            quotes = [(path, anchor) for path, anchor in links(url, part) if path.startswith("sources/") and anchor]
            named = record_links(url, part, "facts") + record_links(url, heading, "facts")
            shown[dispute_id, n] = (sorted(set(named)), quotes)
    assert shown == nonempty(expected)


def test_each_fact_page_links_each_quote_to_its_sentence_and_its_via_chain(content, site):
    """In evidence order: each quote's link to the first sentence it spans, then the entities of
    its via chain (who the report is credited to), in chain order."""
    expected, shown = {}, {}
    for fact_id, fact in content.facts.items():
        url = f"facts/{fact_id}/"
        expected[fact_id] = []
        for e in fact["evidence"]:
            expected[fact_id].append((f"sources/{e['source']}/", content.anchors(e)[0]))
            expected[fact_id] += [(content.url(v["entity"]), "") for v in e["via"]]
        part = section(site(url), "evidence")
        wanted = [(p, a) for p, a in links(url, part) if (p.startswith("sources/") and a) or p.startswith("entities/")]
        shown[fact_id] = wanted
    assert shown == nonempty(expected)


def test_each_cited_sentence_links_back_to_every_record_quoting_it(content, site):
    expected: dict[tuple[str, str], set[str]] = {}
    for source_id, record in content.sources.items():
        for sentence in record["sentences"]:
            expected[source_id, sentence["anchor"]] = set()
    for kind, owner, item in content.evidence():
        for anchor in content.anchors(item):
            expected[item["source"], anchor].add(f"{FOLDERS[kind]}/{owner}/")
    shown = {}
    for source_id in content.sources:
        url = f"sources/{source_id}/"
        by_id = {e.attrs["id"]: e for e in site(url).find_all() if "id" in e.attrs}
        for sentence in content.sources[source_id]["sentences"]:
            anchor = sentence["anchor"]
            assert anchor in by_id, f"{url} has no element with id {anchor}"
            node = by_id[anchor]
            found = links(url, node) + links(url, _cited_note(node))
            shown[source_id, anchor] = {path for path, _ in found if path.count("/") == 2}
    assert shown == nonempty(expected)


def _cited_note(sentence: Node) -> Node | None:
    """The note after a quoted sentence naming what quotes it (``span.cited-by``), if any."""
    siblings = sentence.parent.children
    for child in siblings[siblings.index(sentence) + 1 :]:
        if isinstance(child, Node):
            return child if "cited-by" in child.classes else None
    return None


# -- origins and coverage --------------------------------------------------------------


def test_fact_pages_count_articles_known_origins_and_unattributed(content, site):
    expected, shown = {}, {}
    for fact_id, fact in content.facts.items():
        url = f"facts/{fact_id}/"
        o = origins(fact["evidence"])
        expected[fact_id] = (len(o["articles"]), o["independent"], len(o["unattributed"]), list(o["roots"]))
        badge = site(url).find(cls="origins").text()
        if fact.get("background"):  # established background: its basis instead of origin counts
            assert "background" in badge, f"{url}: a background fact's badge says so"
            expected[fact_id] = (len(o["articles"]), None, 0, [])
        counts = {word: int(n) for n, word in re.findall(r"(\d+) (article|known origin|unattributed)", badge)}
        roots = record_links(url, site(url).find_all(cls="origin-list")[0] if o["roots"] else None, "entities")
        shown[fact_id] = (counts.get("article"), counts.get("known origin"), counts.get("unattributed", 0), roots)
    assert shown == nonempty(expected)


def _coverage_pages(site) -> list[str]:
    """The coverage table's pages (rows paged, the first sources' columns), then the pages of the
    other sources' columns (coverage/sources-2/, ...)."""
    urls = list_pages(site, "coverage/")
    n = 2
    while True:
        try:
            site(f"coverage/sources-{n}/")
        except FileNotFoundError:
            return urls
        urls.append(f"coverage/sources-{n}/")
        n += 1


def _fact_rows(url: str, table: Node):
    """(fact id, row) of every fact row of a coverage table (group rows have no fact)."""
    for row in table.find_all("tr"):
        cell = row.find_all("th", cls="fact-cell")
        if cell:
            (fact_id,) = record_links(url, cell[0], "facts")
            yield fact_id, row


def test_coverage_table_counts_each_fact(content, site):
    shown = {}
    for url in list_pages(site, "coverage/"):
        for fact_id, row in _fact_rows(url, site(url).find("table", cls="coverage")):
            assert fact_id not in shown, f"{url}: {fact_id} has a second row"
            origins_text = row.find("td", cls="n-origins").text()
            known = re.match(r"\s*(\d+) known", origins_text)
            unattributed = re.search(r"(\d+) unattributed", origins_text)
            assert known, f"{url}: the origins cell of {fact_id} gives no count: {origins_text!r}"
            shown[fact_id] = (
                number(row.find("td", cls="n-articles")), int(known.group(1)),
                int(unattributed.group(1)) if unattributed else 0,
            )
    expected = {}
    for fact_id, fact in content.facts.items():
        o = origins(fact["evidence"])
        expected[fact_id] = (len(o["articles"]), o["independent"], len(o["unattributed"]))
    assert shown == expected


def test_coverage_matrix_marks_each_fact_and_source_with_its_sentence(content, site):
    expected: dict[str, dict[str, tuple[str, str]]] = {}
    for fact_id, fact in content.facts.items():
        first: dict[str, tuple[str, str]] = {}
        for item in fact["evidence"]:  # a fact's first quote from a source stands for it
            first.setdefault(item["source"], (content.anchors(item)[0], "◐" if item.get("hedge") else "●"))
        expected[fact_id] = first
    shown: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    columns_seen: list[str] = []
    for url in _coverage_pages(site):
        table = site(url).find("table", cls="coverage")
        sources = record_links(url, table.find("thead"), "sources")
        columns_seen += [s for s in sources if s not in columns_seen]
        for fact_id, row in _fact_rows(url, table):
            marks = 0
            for source_id, cell in zip(sources, row.find_all("td", cls="mark"), strict=True):
                for path, anchor in links(url, cell):
                    assert path == f"sources/{source_id}/", f"{url}: a cell in the column of {source_id} links {path}"
                    shown[fact_id][source_id] = (anchor, cell.text())
                    marks += 1
            if "/sources-" in url:  # the other sources' pages list only the facts they state
                assert marks, f"{url}: the row of {fact_id} marks no source of this page"
    assert columns_seen == sorted(content.sources)
    assert dict(shown) == expected


# -- entities -------------------------------------------------------------------------


def test_each_entity_page_lists_the_facts_naming_it(content, site):
    linked = entity_facts(content)
    by_status = lambda f: (STATUS_ORDER.index(content.facts[f]["status"]), f)  # noqa: E731
    expected = {e: sorted(linked.get(e, []), key=by_status) for e in content.entities}
    shown = {e: record_links(f"entities/{e}/", section(site(f"entities/{e}/"), "said"), "facts")
             for e in content.entities}
    assert shown == nonempty(expected)


def test_each_entity_page_lists_its_related_entities_with_shared_fact_counts(content, site):
    linked = entity_facts(content)
    expected = {}
    for entity_id in content.entities:
        counts = {
            other: len(set(linked.get(entity_id, [])) & set(facts))
            for other, facts in linked.items() if other != entity_id
        }
        ranked = sorted(((o, c) for o, c in counts.items() if c), key=lambda oc: (-oc[1], oc[0]))
        expected[entity_id] = ranked[:12]
    shown = {}
    for entity_id in content.entities:
        url = f"entities/{entity_id}/"
        part = section(site(url), "related")
        shown[entity_id] = []
        for li in part.find_all("li") if part else []:
            (other,) = record_links(url, li, "entities")
            shown[entity_id].append((other, _count_beside_link(li, li.find("a").text())))
    assert shown == nonempty(expected)


def _count_beside_link(li: Node, label: str) -> int:
    """The number in a list item, outside the link's label (labels may hold digits: "DeepSeek V4")."""
    rest = li.text().replace(label, "", 1)
    found = re.search(r"\d+", rest)
    assert found, f"no count in {li.text()!r}"
    return int(found.group())


NAMED_RANK_FLAGS = {"title", "heading", "byline"}  # a body sentence is preferred to these


def names_of(entity: dict) -> list[str]:
    return [entity["name"]] + [a["name"] for a in entity.get("aliases", [])]


def names_in(entity: dict, text: str) -> bool:
    for name in names_of(entity):
        if name.isascii():
            if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.IGNORECASE):
                return True
        elif name.casefold() in text.casefold():
            return True
    return False


def test_each_entity_page_lists_the_sources_naming_it_at_a_sentence_that_does(content, site):
    expected, shown = {}, {}
    for entity_id, entity in content.entities.items():
        expected[entity_id] = sorted(
            s for s, record in content.sources.items()
            if any(names_in(entity, x["text"]) for x in record["sentences"] if "chrome" not in (x.get("flags") or {}))
        )
        url = f"entities/{entity_id}/"
        mentions = [(p, a) for p, a in links(url, section(site(url), "mentions")) if p.startswith("sources/")]
        shown[entity_id] = sorted(p.split("/")[1] for p, _ in mentions)
        for path, anchor in mentions:
            sentences = content.sources[path.split("/")[1]]["sentences"]
            (sentence,) = [x for x in sentences if x["anchor"] == anchor]
            flags = sentence.get("flags") or {}
            assert names_in(entity, sentence["text"]) and "chrome" not in flags, (url, anchor, sentence["text"])
            skipped = NAMED_RANK_FLAGS | {"chrome"}
            body = [x for x in sentences if names_in(entity, x["text"]) and not (x.get("flags") or {}).keys() & skipped]
            assert not body or not flags.keys() & NAMED_RANK_FLAGS, f"{url}: {anchor} is a headline; body text names it"
    assert shown == nonempty(expected)


def test_each_entity_page_shows_where_other_records_link_it_with_the_linking_text(content, site):
    """Entities, disputes and the briefing that link an entity: one item each, its link to
    the record and, as context, the linking text (checked by the links it holds)."""
    owners = [("entity", i, r) for i, r in content.entities.items()]
    owners += [("dispute", i, r) for i, r in content.disputes.items()] + [("briefing", "", content.briefing)]
    expected: dict[str, list] = {e: [] for e in content.entities}
    for kind, owner_id, record in owners:
        for text in dict.fromkeys(s for s in strings(record) if wikilinks(s)):
            targets = frozenset(content.url(t) for t in wikilinks(text))
            for target in dict.fromkeys(wikilinks(text)):
                if target in content.entities and target != owner_id:
                    owner_url = "" if kind == "briefing" else content.url(owner_id)
                    expected[target].append((owner_url, targets))
    shown = {}
    for entity_id in content.entities:
        url = f"entities/{entity_id}/"
        part = section(site(url), "backlinks")
        shown[entity_id] = []
        for li in part.find_all("li") if part else []:
            owner, *context = [path for path, _ in links(url, li)]
            shown[entity_id].append((owner, frozenset(context)))
    in_order = lambda found: {e: sorted(v, key=repr) for e, v in found.items()}  # noqa: E731
    assert in_order(shown) == nonempty(in_order(expected))


# -- timeline and home -----------------------------------------------------------------


def datetimes(when: str) -> list[str]:
    """The HTML datetime values an EDTF date may honestly carry: its parts, to their precision."""
    out = []
    for part in when.split("/"):
        core = re.sub(r"[?~%]", "", part)
        if not core or core == "..":
            continue
        pieces = core.split("-")
        if len(pieces) > 1 and pieces[1] in ("21", "22", "23", "24"):  # a season: only its year
            core = pieces[0]
        out.append(core)
    return out


def test_timeline_lists_each_dated_fact_once_in_its_lane_and_order(content, site):
    linked = entity_facts(content)
    kinds_of = defaultdict(set)
    for entity_id, facts in linked.items():
        for f in facts:
            kinds_of[f].add(content.entities[entity_id]["kind"])
    expected = {"happened": [], "expected": []}
    for fact_id, fact in content.facts.items():
        if fact.get("when"):
            lane = "expected" if fact.get("expected") else "happened"
            expected[lane].append((fact_id, datetimes(fact["when"]), sorted(kinds_of[fact_id])))
    shown = {lane: [] for lane in expected}
    for url in list_pages(site, "timeline/"):
        for lane in expected:
            part = section(site(url), lane)
            for li in part.find_all("li", cls="entry") if part else []:
                (fact_id,) = record_links(url, li, "facts")
                stamps = [t.attrs["datetime"] for t in li.find_all("time")]
                kinds = sorted(c.removeprefix("kind-") for c in li.classes if c.startswith("kind-"))
                shown[lane].append((fact_id, stamps, kinds))
    for lane, entries in shown.items():  # earliest possible day first, read with the edtf library
        lows = [parse_edtf(content.facts[e[0]]["when"]).lower_strict()[:3] for e in entries]
        assert lows == sorted(lows), f"timeline, {lane}: not in date order: {[e[0] for e in entries]}"
    assert {lane: sorted(v) for lane, v in shown.items()} == nonempty({lane: sorted(v) for lane, v in expected.items()})


def test_home_lists_every_open_dispute_and_the_lists_every_record(content, site):
    opened = sorted(d for d, dispute in content.disputes.items() if dispute["state"] == "open")
    assert opened and record_links("", section(site(""), "disputes"), "disputes") == opened
    for folder, records in (("facts", content.facts), ("sources", content.sources), ("entities", content.entities),
                            ("disputes", content.disputes)):
        listed = [i for url in list_pages(site, f"{folder}/") for i in record_links(url, site(url), folder)]
        assert sorted(listed) == sorted(records), f"{folder}/ lists {len(listed)} records, not {len(records)}"


# -- exports ---------------------------------------------------------------------------


def test_briefing_json_holds_every_record_with_its_anchors_and_origins(content, built):
    data = json.loads((built / "site/briefing.json").read_text(encoding="utf-8"))
    assert [f["id"] for f in data["facts"]] == sorted(content.facts)
    assert [d["id"] for d in data["disputes"]] == sorted(content.disputes)
    assert [e["id"] for e in data["entities"]] == sorted(content.entities)
    assert [s["id"] for s in data["sources"]] == sorted(content.sources)
    for fact in data["facts"]:
        evidence = content.facts[fact["id"]]["evidence"]
        assert fact["status"] == content.facts[fact["id"]]["status"]
        assert [(e["source"], e["quote"], e["anchor"]) for e in fact["evidence"]] == [
            (e["source"], e["quote"], content.anchors(e)[0]) for e in evidence
        ]
        o = origins(evidence)
        assert fact["origins"] == o


def test_facts_csv_has_one_row_per_evidence_item_with_its_anchor(content, built):
    rows = list(csv.DictReader(io.StringIO((built / "site/facts.csv").read_text(encoding="utf-8"))))
    shown = [(r["fact_id"], r["source_id"], r["anchor"], r["quote"], r["status"]) for r in rows]
    expected = [
        (fact_id, e["source"], content.anchors(e)[0], e["quote"], fact["status"])
        for fact_id, fact in sorted(content.facts.items()) for e in fact["evidence"]
    ]
    assert shown == expected


def test_feed_has_one_entry_per_fact_and_dispute_newest_change_first(content, built):
    feed = feedparser.parse((built / "site/feed.xml").read_bytes())
    assert feed.bozo == 0
    records = [(r["changed"], kind, i) for kind in ("fact", "dispute") for i, r in content.groups()[kind].items()]
    expected = [(content.url(i), f"{changed}T00:00:00Z") for changed, _, i in sorted(records, reverse=True)]
    assert [(resolve("", e.link)[0], e.updated) for e in feed.entries] == expected
