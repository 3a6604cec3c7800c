"""What the pages show, computed from the briefing, its analysis and citations: facts by
status, key questions with their status, what the sources lack, disputes by fact, a source's
paragraphs with the facts citing each sentence, entity groups, the timeline (the reporting,
past and expected events, lanes by entity kind), the coverage rows, a fact's ClaimReview."""

from __future__ import annotations

import datetime as dt
import json

from builder.content.load import Briefing, SourceText
from builder.content.wikilinks import links_in
from builder.web.analysis import Analysis, describe_when
from builder.web.citations import Citation, Citations
from builder.web.render import STATUS_ORDER

KIND_ORDER = ("company", "organisation", "government", "person", "model", "product", "chip", "outlet", "place", "other")


def facts_by_status(b: Briefing) -> list[tuple[str, list[tuple[str, dict]]]]:
    groups = []
    for status in STATUS_ORDER:
        members = [(i, d.data) for i, d in sorted(b.kind("fact").items()) if d.data["status"] == status]
        if members:
            groups.append((status, members))
    return groups


def linked_facts(b: Briefing, text: str) -> list[tuple[str, dict]]:
    """The facts a Markdown text links, in order, each once."""
    facts = b.kind("fact")
    seen: list[str] = []
    for link in links_in(text):
        if link["id"] in facts and link["id"] not in seen:
            seen.append(link["id"])
    return [(i, facts[i].data) for i in seen]


def key_question(b: Briefing, question: dict) -> dict:
    """A key question for the home page: its status is the least firm of the facts its answer links."""
    linked = linked_facts(b, question["answer"])
    status = max((f["status"] for _, f in linked), key=STATUS_ORDER.index, default=None)
    more = question["more"]
    kind = "fact" if more in b.kind("fact") else "dispute"
    more_status = b.kind("fact")[more].data["status"] if kind == "fact" else None
    return {**question, "status": status, "more_kind": kind, "more_status": more_status}


READER_NAMES = {"outlet": "outlet", "byline": "author", "published": "date", "url": "address"}


def what_sources_lack(b: Briefing) -> list[tuple[str, list[str]]]:
    """(source id, the metadata nobody knows, in the readers' words: outlet, author, date,
    address) for each source: the About page's method notes."""
    lacking = []
    for source_id, meta in sorted(b.kind("source").items()):
        missing = [word for name, word in READER_NAMES.items() if meta.data.get(name) is None]
        lacking.append((source_id, missing))
    return lacking


def lacking_counts(lacking: list[tuple[str, list[str]]]) -> list[tuple[str, int]]:
    """How many sources lack each piece of metadata: what the About page says in place of a
    list too long to read."""
    return [(word, sum(1 for _, missing in lacking if word in missing)) for word in READER_NAMES.values()]


def disputes_by_fact(b: Briefing) -> dict[str, list[tuple[str, dict]]]:
    """Fact id -> the disputes (id, data) with a position resting on it."""
    index: dict[str, list[tuple[str, dict]]] = {}
    for dispute_id, doc in sorted(b.kind("dispute").items()):
        for cited in dict.fromkeys(f for p in doc.data["positions"] for f in p.get("facts", [])):
            index.setdefault(cited, []).append((dispute_id, doc.data))
    return index


def position_citations(cites: Citations, dispute_id: str, position: dict) -> list[Citation]:
    """A position's own quotes and those of the facts it rests on."""
    own = [c for c in cites.of("dispute", dispute_id) if c.item in position.get("evidence", [])]
    return own + [c for fact_id in position.get("facts", []) for c in cites.of("fact", fact_id)]


def paragraphs(cites: Citations, source: SourceText) -> list[list[dict]]:
    result: list[list[dict]] = []
    last = None
    for sentence in source.sentences:
        if sentence["line"] != last:
            result.append([])
            last = sentence["line"]
        result[-1].append({**sentence, "cited_by": cites.citing(source.id, sentence["anchor"])})
    return result


def entity_groups(b: Briefing) -> list[tuple[str, list[tuple[str, dict]]]]:
    entities = sorted(b.kind("entity").items(), key=lambda kv: kv[1].data["name"].lower())
    return [
        (kind, [(i, d.data) for i, d in entities if d.data["kind"] == kind])
        for kind in KIND_ORDER if any(d.data["kind"] == kind for _, d in entities)
    ]


def entity_kinds_by_fact(b: Briefing, a: Analysis) -> dict[str, list[str]]:
    """Fact id -> the kinds of the entities it names, sorted (the timeline's lanes)."""
    entities = b.kind("entity")
    index: dict[str, set[str]] = {}
    for entity_id, facts in a.entity_facts.items():
        for f in facts:
            index.setdefault(f, set()).add(entities[entity_id].data["kind"])
    return {fact_id: sorted(kinds) for fact_id, kinds in index.items()}


def reporting_events(b: Briefing) -> list[dict]:
    """The reporting itself: each article at its publication date's precision, and each report
    an article credits (once, with every article crediting it). What carries no date is an
    undated band over the briefing's ``reporting_window``, when the editor set one."""
    window = b.briefing.data.get("reporting_window")
    events: list[dict] = []
    credited: dict[tuple[str, ...], dict] = {}
    for source_id, meta in sorted(b.kind("source").items()):
        published = meta.data.get("published")
        events.append({"kind": "article", "id": source_id, "when": describe_when(published) if published else None})
        for credit in meta.data.get("credited", []):
            chain = tuple(credit["entities"])
            if chain:
                entry = credited.setdefault(chain, {
                    "kind": "report", "id": chain[0], "chain": chain, "when": None, "by": [], "words": credit["words"],
                })
                entry["by"].append(source_id)
    events = list(credited.values()) + events
    band = describe_when(window) if window else None
    for event in events:
        event["undated"] = event["when"] is None
        event["span"] = event["when"] or band
    return events


def timeline(b: Briefing, a: Analysis) -> dict:
    dated = []
    for fact_id, doc in b.kind("fact").items():
        if doc.data.get("when"):
            dated.append((fact_id, doc.data, describe_when(doc.data["when"])))
    dated.sort(key=lambda t: (t[2].low, t[2].high, t[0]))
    past = [t for t in dated if not t[1].get("expected")]
    expected = [t for t in dated if t[1].get("expected")]
    reporting = reporting_events(b)
    spans = [t[2] for t in dated] + [e["span"] for e in reporting if e["span"]]
    lows = [w.low for w in spans if w.low]
    highs = [w.high for w in spans if w.high]
    start, end = (min(lows), max(highs)) if lows else (None, None)
    span = max((end - start).days, 1) if start else 1

    as_of = dt.date.fromisoformat(b.briefing.data["as_of"])

    def bar(when, expected: bool = False) -> dict:
        # What has happened cannot lie after the as-of day: the bar stops there.
        high = when.high if expected else min(when.high, max(as_of, when.low))
        left = (when.low - start).days / span * 100
        width = max((high - when.low).days / span * 100, 1.5)
        return {"left": f"{left:.1f}", "width": f"{min(width, 100 - left):.1f}"}

    kinds_of = entity_kinds_by_fact(b, a)
    kinds = sorted(
        {k for fact_id, _, _ in dated for k in kinds_of.get(fact_id, [])},
        key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99,
    )
    decorate = lambda items: [(i, f, w, bar(w, bool(f.get("expected"))), kinds_of.get(i, [])) for i, f, w in items]  # noqa: E731
    for event in reporting:
        event["bar"] = bar(event["span"]) if event["span"] and start else None
    reporting.sort(key=lambda e: (e["span"].low if e["span"] else dt.date.max, e["kind"] == "article", e["id"]))
    return {
        "reporting": reporting, "past": decorate(past), "expected": decorate(expected), "kinds": kinds, "start": start,
        "end": end,
    }


def coverage_rows(b: Briefing, a: Analysis) -> list[tuple[str, dict, object]]:
    """Facts most widely reported first; among equals, fewest known origins first."""
    rows = [(i, d.data, a.origins[i]) for i, d in b.kind("fact").items()]
    return sorted(rows, key=lambda row: (-len(row[2].articles), row[2].independent, row[0]))


def grouped_coverage_rows(b: Briefing, a: Analysis) -> list[tuple[str, str, tuple]]:
    """(group, fact id, (fact, origins)) grouped by the entity a fact's statement names first
    (its subject), largest group first; within a group, as ``coverage_rows``."""
    entities = b.kind("entity")
    subject: dict[str, str] = {}
    for fact_id, data, _ in coverage_rows(b, a):
        first = next((link["id"] for link in links_in(data["statement"]) if link["id"] in entities), None)
        subject[fact_id] = entities[first].data["name"] if first else "Other"
    sizes: dict[str, int] = {}
    for name in subject.values():
        sizes[name] = sizes.get(name, 0) + 1
    rows = coverage_rows(b, a)
    rows.sort(key=lambda row: (subject[row[0]] == "Other", -sizes[subject[row[0]]], subject[row[0]].lower()))
    return [(subject[i], i, (data, o)) for i, data, o in rows]


def review_json(review: dict | None) -> str:
    """A fact's ClaimReview as JSON-LD text for its page, or "" when its status rates nothing."""
    if review is None:
        return ""
    # "</" cannot close the script element once escaped; the JSON stays valid.
    return json.dumps(review, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
