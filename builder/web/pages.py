"""Which pages the site has and what each is given: the page list of ``render``.

Every list that grows with the briefing is bounded per page: lists show LIST_PAGE items a
page (``facts/``, ``facts/pages/2/``, ...; a nested path, so no record id can collide), the
coverage matrix COVERAGE_COLUMNS sources a page, and pagers show a window of page numbers,
so no page embeds the whole site and the site's size grows linearly with the briefing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from builder.content.ids import redirect_pages
from builder.content.load import Briefing, SourceText
from builder.content.wikilinks import make_markdown, wikilinks_in
from builder.core.urls import page_url
from builder.web.analysis import Analysis, describe_when
from builder.web.citations import Citation, Citations
from builder.web.exports import claim_reviews, export_files
from builder.web.feed import atom_feed
from builder.web.render import STATUS_ORDER, Pending, Renderer

COVERAGE_COLUMNS = 10  # sources per coverage matrix page (the first ten on the coverage page itself)
INFOBOX_LINES = 7  # facts in an entity page's infobox; the rest one click away
LIST_PAGE = 100  # items per page of a list (facts, sources, entities, disputes, timeline, coverage)
PAGER_WINDOW = 2  # page numbers shown on each side of the current one, besides the first and last


@dataclass
class Pager:
    """Where one page stands in a paged list, for the pager and the "items a–b of n" line."""

    current: int  # 1-based
    urls: list[str]
    total: int  # items in the whole list
    first: int  # 1-based number of this page's first item
    last: int

    @property
    def window(self) -> list[tuple[int, str] | None]:
        """(number, url) of the pages to link, None where numbers are left out."""
        near = range(max(1, self.current - PAGER_WINDOW), min(len(self.urls), self.current + PAGER_WINDOW) + 1)
        shown = sorted({1, len(self.urls)} | set(near))
        out: list[tuple[int, str] | None] = []
        for number in shown:
            if out and out[-1] is not None and number > out[-1][0] + 1:
                out.append(None)
            out.append((number, self.urls[number - 1]))
        return out


def paged(
    r: Renderer, base: str, template: str, title: str, items: list, context_of=None, **context
) -> dict[str, Pending]:
    """A list that grows with the briefing, LIST_PAGE items a page, as {docs path: page}.

    ``context_of(chunk)`` gives what the template needs for one page's items (grouping, say).
    """
    size = LIST_PAGE
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    urls = [base] + [f"{base}pages/{n}/" for n in range(2, len(chunks) + 1)]
    pages = {}
    for n, (url, chunk) in enumerate(zip(urls, chunks), start=1):
        pager = Pager(n, urls, len(items), (n - 1) * size + 1, (n - 1) * size + len(chunk))
        path = f"{base}index.md" if n == 1 else f"{url[:-1]}.md"
        heading = title if n == 1 else f"{title}, page {n} of {len(urls)}"
        extra = context_of(chunk) if context_of else {"items": chunk}
        pages[path] = r.page(path, url, template, heading, pager=pager, **extra, **context)
    return pages
_MD = make_markdown(lambda record_id: None)  # only to find [[id]]s; nothing is rendered with it
KIND_ORDER = ("company", "organisation", "government", "person", "model", "product", "chip", "outlet", "place", "other")


def all_pages(r: Renderer) -> dict[str, Pending | str]:
    """Page path under docs/ -> the queued page (``r.page``) or, for data files, their text."""
    b, a, cites = r.briefing, r.analysis, r.citations
    facts = b.kind("fact")
    pages: dict[str, Pending | str] = {}
    disputes_of = disputes_by_fact(b)
    open_disputes = [(i, d.data) for i, d in sorted(b.kind("dispute").items()) if d.data["state"] == "open"]
    home = b.briefing.data
    by_status = facts_by_status(b)
    counts = [(status, len(members)) for status, members in by_status]
    shown = by_status if len(facts) <= LIST_PAGE else []  # a long list lives on the facts pages
    questions = [key_question(b, r.md, q) for q in home.get("questions", [])]
    as_of = describe_when(home["as_of"]).label
    pages["index.md"] = r.page(
        "index.md", "", "home.html.j2", home["title"], briefing=home, as_of=as_of, questions=questions, facts=shown,
        counts=counts, total=len(facts), disputes=open_disputes[:LIST_PAGE], open_count=len(open_disputes),
    )
    pages["about/index.md"] = r.page(
        "about/index.md", "about/", "about.html.j2", "About this briefing", as_of_day=home["as_of"],
        as_of_basis=home["as_of_basis"], as_of=as_of, lacking=what_sources_lack(b),
        dated=len([f for f in facts.values() if f.data.get("when")]), total=len(facts),
    )
    flat = [(status, fact_id, fact) for status, members in by_status for fact_id, fact in members]
    pages.update(paged(r, "facts/", "facts.html.j2", "Facts", flat, lambda chunk: {"facts": _regroup(chunk)}))
    reviews = claim_reviews(b, r.plain, r.source_label, r.site_url)
    for fact_id, doc in sorted(facts.items()):
        pages[f"facts/{fact_id}.md"] = r.page(
            f"facts/{fact_id}.md", page_url("fact", fact_id), "fact.html.j2", r.plain(doc.data["statement"]),
            fact_id=fact_id, fact=doc.data, citations=cites.of("fact", fact_id), origins=a.origins[fact_id],
            disputes=disputes_of.get(fact_id, []), review=review_json(reviews.get(fact_id)),
        )
    pages.update(paged(
        r, "sources/", "sources.html.j2", "Sources", sorted(b.sources),
        lambda chunk: {"sources": [(i, b.kind("source")[i].data) for i in chunk]},
    ))
    for source_id, source in sorted(b.sources.items()):
        pages[f"sources/{source_id}.md"] = r.page(
            f"sources/{source_id}.md", page_url("source", source_id), "source.html.j2", r.source_label(source_id),
            source=source, record=source.document.data, meta=b.kind("source")[source_id].data,
            paragraphs=(paras := paragraphs(cites, source)),
            facts_of={
                owner: facts[owner].data
                for para in paras for sentence in para for kind, owner in sentence["cited_by"] if kind == "fact"
            },
        )
    flat_entities = [(kind, entity_id, e) for kind, members in entity_groups(b) for entity_id, e in members]
    pages.update(paged(
        r, "entities/", "entities.html.j2", "Entities", flat_entities, lambda chunk: {"groups": _regroup(chunk)}
    ))
    for entity_id, doc in sorted(b.kind("entity").items()):
        linked = [(i, facts[i].data) for i in a.entity_facts.get(entity_id, [])]
        by_status = [(s, [(i, f) for i, f in linked if f["status"] == s]) for s in STATUS_ORDER]
        infobox = sorted(linked, key=lambda item: (
            STATUS_ORDER.index(item[1]["status"]), -len(a.origins[item[0]].articles), item[0]
        ))[:INFOBOX_LINES]
        pages[f"entities/{entity_id}.md"] = r.page(
            f"entities/{entity_id}.md", page_url("entity", entity_id), "entity.html.j2", doc.data["name"],
            entity_id=entity_id, entity=doc.data, infobox=infobox, fact_count=len(linked),
            by_status=[g for g in by_status if g[1]], mentions=a.mentions.get(entity_id, []),
            backlinks=a.backlinks.get(entity_id, []), related=a.related.get(entity_id, [])[:12],
        )
    pages.update(paged(
        r, "disputes/", "disputes.html.j2", "Disputes", [(i, d.data) for i, d in sorted(b.kind("dispute").items())],
        lambda chunk: {"disputes": chunk},
    ))
    for dispute_id, doc in sorted(b.kind("dispute").items()):
        positions = [{**p, "citations": position_citations(cites, dispute_id, p)} for p in doc.data["positions"]]
        facts_of = {i: facts[i].data for p in doc.data["positions"] for i in p.get("facts", [])}
        pages[f"disputes/{dispute_id}.md"] = r.page(
            f"disputes/{dispute_id}.md", page_url("dispute", dispute_id), "dispute.html.j2",
            r.plain(doc.data["question"]), dispute=doc.data, positions=positions, facts_of=facts_of,
        )
    line = timeline(b, a)
    parts = ("reporting", "past", "expected")
    entries = [(part, item) for part in parts for item in line.pop(part)]
    pages.update(paged(
        r, "timeline/", "timeline.html.j2", "Timeline", entries,
        lambda chunk: {part: [i for e, i in chunk if e == part] for part in parts}, **line,
    ))
    chunks = [sorted(b.sources)[i : i + COVERAGE_COLUMNS] for i in range(0, len(b.sources), COVERAGE_COLUMNS)]
    chunk_urls = ["coverage/"] + [f"coverage/sources-{n + 1}/" for n in range(1, len(chunks))]
    matrix = [
        (url, n * COVERAGE_COLUMNS + 1, n * COVERAGE_COLUMNS + len(chunk))
        for n, (url, chunk) in enumerate(zip(chunk_urls, chunks))
    ]
    pages.update(paged(
        r, "coverage/", "coverage.html.j2", "Coverage", grouped_coverage_rows(b, a),
        lambda chunk: {"groups": _regroup(chunk)}, sources=chunks[0] if chunks else [], matrix=matrix,
    ))
    chunk_of = {source_id: n for n, chunk in enumerate(chunks) for source_id in chunk}
    rows_of: list[list[tuple]] = [[] for _ in chunks]
    for group, fact_id, row in grouped_coverage_rows(b, a):
        for n in sorted({chunk_of[s] for s in a.origins[fact_id].articles if s in chunk_of}):
            rows_of[n].append((group, fact_id, row))
    for n, (url, chunk) in enumerate(zip(chunk_urls, chunks)):
        if n == 0:
            continue  # the first sources' columns stand on the coverage page itself
        pager = Pager(n + 1, chunk_urls, len(b.sources), n * COVERAGE_COLUMNS + 1, n * COVERAGE_COLUMNS + len(chunk))
        pages[f"coverage/sources-{n + 1}.md"] = r.page(
            f"coverage/sources-{n + 1}.md", url, "matrix.html.j2", f"Coverage: sources {pager.first}–{pager.last}",
            sources=chunk, groups=_regroup(rows_of[n]), pager=pager,
        )
    for path, (old, new) in redirect_pages(b).items():
        target_id = new.strip("/").split("/")[-1]
        fact = facts.get(target_id)
        pages[path] = r.page(
            path, old, "redirect.html.j2", "Moved", target=new, target_id=target_id,
            target_status=fact.data["status"] if fact else None,
        )
    pages.update(export_files(b, a, cites, r.plain, r.source_label, reviews))
    pages["feed.xml"] = atom_feed(b, a, r.plain, r.site_url)
    data_files = ("briefing.json", "facts.csv", "claimreview.jsonld", "feed.xml")
    pages["data/index.md"] = r.page(
        "data/index.md", "data/", "data.html.j2", "Data",
        sizes={name: len(pages[name].encode("utf-8")) for name in data_files},
    )
    return pages


def _regroup(chunk: list[tuple]) -> list[tuple[str, list[tuple]]]:
    """[(group, id, value), ...] in order -> [(group, [(id, value), ...]), ...]."""
    groups: list[tuple[str, list[tuple]]] = []
    for group, item_id, value in chunk:
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append((item_id, value))
    return groups


def facts_by_status(b: Briefing) -> list[tuple[str, list[tuple[str, dict]]]]:
    groups = []
    for status in STATUS_ORDER:
        members = [(i, d.data) for i, d in sorted(b.kind("fact").items()) if d.data["status"] == status]
        if members:
            groups.append((status, members))
    return groups


def linked_facts(b: Briefing, md, text: str) -> list[tuple[str, dict]]:
    """The facts a Markdown text links, in order, each once."""
    facts = b.kind("fact")
    seen: list[str] = []
    for link in wikilinks_in(md, text):
        if link["id"] in facts and link["id"] not in seen:
            seen.append(link["id"])
    return [(i, facts[i].data) for i in seen]


def key_question(b: Briefing, md, question: dict) -> dict:
    """A key question for the home page: its status is the least firm of the facts its answer links."""
    linked = linked_facts(b, md, question["answer"])
    status = max((f["status"] for _, f in linked), key=STATUS_ORDER.index, default=None)
    more = question["more"]
    kind = "fact" if more in b.kind("fact") else "dispute"
    more_status = b.kind("fact")[more].data["status"] if kind == "fact" else None
    return {**question, "status": status, "more_kind": kind, "more_status": more_status}


def what_sources_lack(b: Briefing) -> list[tuple[str, list[str]]]:
    """(source id, the metadata nobody knows) for each source: the About page's method notes."""
    lacking = []
    for source_id, meta in sorted(b.kind("source").items()):
        missing = [name for name in ("outlet", "byline", "published", "url") if meta.data.get(name) is None]
        lacking.append((source_id, missing))
    return lacking


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
        first = next((link["id"] for link in wikilinks_in(_MD, data["statement"]) if link["id"] in entities), None)
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
