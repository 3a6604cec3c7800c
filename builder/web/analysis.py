"""Cross-references computed once from a checked briefing: origins, mentions, backlinks,
related entities and the timeline. Pure data in, data out; render only displays it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from builder.core import dates
from builder.content.load import Briefing
from builder.core.names import NameFinder
from builder.content.wikilinks import links_in

BASIS_STRENGTH = {"stated": 2, "editor": 1, "machine": 0}


@dataclass(frozen=True)
class Origin:
    """Where one evidence item's report comes from: the root of its via chain, if any."""

    source_id: str
    root: str | None  # entity id of the chain's root; None = unknown origin
    basis: str  # the weakest basis along the chain: stated, editor or machine ("" if unknown)


@dataclass
class FactOrigins:
    """A fact's articles against its independent origins (distinct via-chain roots)."""

    articles: list[str]  # distinct source ids, in evidence order
    roots: dict[str, str]  # root entity id -> weakest basis among the chains reaching it
    unknown: list[str]  # sources whose evidence credits no one
    background: str = ""  # the public record that establishes a background fact: no origin warning

    @property
    def independent(self) -> int:
        return len(self.roots)

    @property
    def is_single_origin(self) -> bool:
        """Exactly one origin and no unattributed evidence: the fact rests on one report."""
        return self.independent == 1 and not self.unknown

    @property
    def flag(self) -> str:
        """What a reader must know about the origins, or "" when there are several or the
        fact is established background (its origin is the public record, not a report)."""
        if self.background:
            return ""
        if self.independent == 0:
            return "no known origin"
        if self.is_single_origin:
            return "single origin"
        if self.independent == 1:
            return "possibly a single origin"
        return ""


@dataclass
class Analysis:
    origins: dict[str, FactOrigins] = field(default_factory=dict)
    mentions: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # entity -> (source, anchor, text)
    backlinks: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # id -> (kind, id, context)
    related: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # entity -> (entity, shared facts)
    entity_facts: dict[str, list[str]] = field(default_factory=dict)  # entity -> fact ids linking it


def evidence_origin(item: dict) -> Origin:
    """The root of one evidence item's via chain (the last link) and its weakest basis."""
    via = item.get("via") or []
    if not via:
        return Origin(item["source"], None, "")
    weakest = min((link["basis"] for link in via), key=BASIS_STRENGTH.__getitem__)
    return Origin(item["source"], via[-1]["entity"], weakest)


def fact_origins(evidence: list[dict]) -> FactOrigins:
    """Count independent origins honestly: unattributed evidence is unknown, never independent."""
    articles: list[str] = []
    roots: dict[str, str] = {}
    unknown: list[str] = []
    for item in evidence:
        if item["source"] not in articles:
            articles.append(item["source"])
        origin = evidence_origin(item)
        if origin.root is None:
            if origin.source_id not in unknown:
                unknown.append(origin.source_id)
            continue
        previous = roots.get(origin.root)
        if previous is None or BASIS_STRENGTH[origin.basis] > BASIS_STRENGTH[previous]:
            roots[origin.root] = origin.basis
    return FactOrigins(articles, dict(sorted(roots.items())), unknown)


def _origins(fact: dict) -> FactOrigins:
    found = fact_origins(fact["evidence"])
    found.background = (fact.get("background") or {}).get("basis", "")
    return found


def find_mentions(briefing: Briefing) -> dict[str, list[tuple[str, str, str]]]:
    """For each entity, one sentence of each source that names it by any alias.

    A body sentence is preferred to a headline.
    """
    owners: dict[str, set[str]] = {}
    for entity_id, doc in briefing.kind("entity").items():
        for name in [doc.data["name"]] + [a["name"] for a in doc.data.get("aliases", [])]:
            if name.strip():
                owners.setdefault(name.casefold(), set()).add(entity_id)
    mentions: dict[str, list[tuple[str, str, str]]] = {entity_id: [] for entity_id in sorted(briefing.kind("entity"))}
    if not owners:
        return mentions
    finder = NameFinder(owners)
    # A longer name hides the shorter names inside it ("DeepSeek" in "DeepSeek V4"): credit both.
    credited = {
        name: set().union(*(owners[n] for n in {name} | (finder.inside(name) if " " in name else set())))
        for name in owners
    }
    names = tuple(sorted((name, tuple(sorted(ids))) for name, ids in credited.items()))
    for source_id, source in sorted(briefing.sources.items()):
        best = source.document.derived("mentions", lambda: _best_sentences(source, finder, credited), given=names)
        for entity_id, sentence in best.items():
            mentions[entity_id].append((source_id, sentence["anchor"], sentence["text"]))
    return mentions


def _best_sentences(source, finder: NameFinder, credited: dict[str, set[str]]) -> dict[str, dict]:
    """Entity id -> the sentence of ``source`` that best names it (a body sentence before a headline)."""
    best: dict[str, tuple[int, dict]] = {}
    for sentence in source.sentences:
        flags = sentence.get("flags") or {}
        if "chrome" in flags:
            continue
        rank = 1 if flags.keys() & {"title", "heading", "byline"} else 0
        for found in finder.find(sentence["text"]):
            for entity_id in credited.get(found, ()):
                if entity_id not in best or rank < best[entity_id][0]:
                    best[entity_id] = (rank, sentence)
    return {entity_id: sentence for entity_id, (_, sentence) in best.items()}


def _fields(briefing: Briefing):
    from builder.checks.links import markdown_fields

    for document in briefing.documents:
        if document.kind in ("fact", "entity", "dispute", "briefing"):
            for path, text in markdown_fields(document):
                yield document, path, text


def analyze(briefing: Briefing) -> Analysis:
    """Every cross-reference the pages need, computed once."""
    analysis = Analysis()
    for fact_id, doc in sorted(briefing.kind("fact").items()):  # the fact alone: kept with it
        analysis.origins[fact_id] = doc.derived("origins", lambda: _origins(doc.data))
    analysis.mentions = find_mentions(briefing)
    backlinks: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    entity_facts: dict[str, list[str]] = defaultdict(list)
    entities = briefing.kind("entity")
    for document, path, text in _fields(briefing):
        for link in links_in(text):
            target = link["id"]
            owner = (document.kind, document.file_id, text)
            if target != document.file_id and owner not in backlinks[target]:
                backlinks[target].append(owner)
            stated = document.kind == "fact" and path == ("statement",) and target in entities
            if stated and document.file_id not in entity_facts[target]:
                entity_facts[target].append(document.file_id)
    analysis.backlinks = dict(backlinks)
    analysis.entity_facts = dict(entity_facts)
    shared: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_fact: dict[str, list[str]] = defaultdict(list)
    for entity_id, facts in entity_facts.items():
        for fact_id in facts:
            by_fact[fact_id].append(entity_id)
    for members in by_fact.values():
        for a in members:
            for b in members:
                if a != b:
                    shared[a][b] += 1
    analysis.related = {e: sorted(others.items(), key=lambda kv: (-kv[1], kv[0])) for e, others in shared.items()}
    return analysis


# -- dates as readers see them -------------------------------------------------------

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)
SEASONS = {"21": "Spring", "22": "Summer", "23": "Autumn", "24": "Winter"}


@dataclass(frozen=True)
class When:
    """An EDTF date made readable without claiming precision it lacks."""

    label: str  # "c. April 2026", "2025?", "March – April 2026"
    datetimes: tuple[str, ...]  # HTML datetime values, never finer than the date
    approximate: bool
    uncertain: bool
    low: object  # datetime.date bounds, for ordering and the range bar
    high: object


def _one(part: str) -> tuple[str, str, bool, bool]:
    uncertain = "?" in part or "%" in part
    approximate = "~" in part or "%" in part
    core = re.sub(r"[?~%]", "", part)
    pieces = core.split("-")
    if len(pieces) == 1:
        label, stamp = pieces[0], pieces[0]
    elif pieces[1] in SEASONS:
        label, stamp = f"{SEASONS[pieces[1]]} {pieces[0]}", pieces[0]
    elif len(pieces) == 2:
        label, stamp = f"{MONTH_NAMES[int(pieces[1]) - 1]} {pieces[0]}", core
    else:
        label, stamp = f"{int(pieces[2])} {MONTH_NAMES[int(pieces[1]) - 1]} {pieces[0]}", core
    if "X" in stamp:
        stamp = pieces[0] if "X" not in pieces[0] else ""
    return label, stamp, approximate, uncertain


@lru_cache(maxsize=65536)  # When is frozen; the timeline and every fact page ask about the same dates
def describe_when(value: str) -> When:
    """Readable label and honest datetime values for an EDTF date (valid per `check`)."""
    parts = value.split("/")
    described = [_one(p) for p in parts if p and p != ".."]
    approximate = any(d[2] for d in described)
    uncertain = any(d[3] for d in described)
    labels = [("c. " if d[2] else "") + d[0] + ("?" if d[3] else "") for d in described]
    if len(labels) == 2:
        a, b = labels
        year_a, year_b = a.rsplit(" ", 1)[-1], b.rsplit(" ", 1)[-1]
        label = f"{a.rsplit(' ', 1)[0]} – {b}" if year_a == year_b and " " in a and a[:2] != "c." else f"{a} – {b}"
    else:
        label = labels[0]
    span = dates.bounds(value)
    low, high = span if span else (None, None)
    return When(label, tuple(d[1] for d in described if d[1]), approximate, uncertain, low, high)
