"""Which pages the site has and what each is given: the page list of ``render`` (what the pages
show is computed in ``builder.web.views``).

Every list that grows with the briefing is bounded per page: lists show LIST_PAGE items a
page (``facts/``, ``facts/pages/2/``, ...; a nested path, so no record id can collide), the
coverage matrix COVERAGE_COLUMNS sources a page, and pagers show a window of page numbers,
so no page embeds the whole site and the site's size grows linearly with the briefing.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.content.ids import redirect_pages
from builder.core.urls import page_url
from builder.web.analysis import describe_when
from builder.web.exports import claim_reviews, export_files
from builder.web.feed import atom_feed
from builder.web.render import STATUS_ORDER, Pending, Renderer
from builder.web.views import (
    disputes_by_fact,
    entity_groups,
    facts_by_status,
    grouped_coverage_rows,
    key_question,
    lacking_counts,
    paragraphs,
    position_citations,
    review_json,
    timeline,
    what_sources_lack,
)

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
    questions = [key_question(b, q) for q in home.get("questions", [])]
    as_of = describe_when(home["as_of"]).label
    pages["index.md"] = r.page(
        "index.md", "", "home.html.j2", home["title"], briefing=home, as_of=as_of, questions=questions, facts=shown,
        counts=counts, total=len(facts), disputes=open_disputes[:LIST_PAGE], open_count=len(open_disputes),
    )
    lacking = what_sources_lack(b)  # one line a source, up to a list page's worth; then counts alone
    pages["about/index.md"] = r.page(
        "about/index.md", "about/", "about.html.j2", "About this briefing", as_of_day=home["as_of"],
        as_of_basis=home["as_of_basis"], as_of=as_of, lacking=lacking, listed=len(lacking) <= LIST_PAGE,
        lacking_counts=lacking_counts(lacking),
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
    coverage_rows = grouped_coverage_rows(b, a)
    pages.update(paged(
        r, "coverage/", "coverage.html.j2", "Coverage", coverage_rows,
        lambda chunk: {"groups": _regroup(chunk)}, sources=chunks[0] if chunks else [], matrix=matrix,
    ))
    chunk_of = {source_id: n for n, chunk in enumerate(chunks) for source_id in chunk}
    rows_of: list[list[tuple]] = [[] for _ in chunks]
    for group, fact_id, row in coverage_rows:
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
