"""Facts against source sentences: where the facts' quotes stand among the clauses, and the
sentences of other sources that seem to state a fact but are not among its evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from builder.claims.index import SIMILAR, Index, Unit
from builder.content.evidence import item_span, iter_evidence
from builder.content.load import Briefing


@dataclass(frozen=True)
class NewEvidence:
    fact: str
    unit: Unit
    score: float
    like: Unit  # the evidence clause it resembles most


def quoted_spans(briefing: Briefing) -> list[tuple[str, str, int, int]]:
    """(owner id, source id, start, end) of every quote of a fact or dispute that is found."""
    spans = []
    for document, _, item in iter_evidence(briefing):
        found = item_span(briefing, item)
        if found:
            spans.append((document.file_id, found[0].id, *found[1]))
    return spans


def cited_sentences(briefing: Briefing, spans) -> set[tuple[str, int]]:
    """(source, sentence index) of every sentence a quote touches."""
    cited = set()
    for _, source_id, start, end in spans:
        source = briefing.sources[source_id]
        cited |= {(source_id, i) for i in range(source.sentence_at(start), source.sentence_at(max(start, end - 1)) + 1)}
    return cited


def quoted_units(briefing: Briefing, index: Index, spans) -> dict[str, set[int]]:
    """For each fact or dispute, the clauses (index positions) its quotes overlap."""
    by_owner: dict[str, set[int]] = defaultdict(set)
    at = {(u.sentence.source, u.sentence.index): [] for u in index.units}
    for i, unit in enumerate(index.units):
        at[(unit.sentence.source, unit.sentence.index)].append(i)
    for owner, source_id, start, end in spans:
        source = briefing.sources[source_id]
        for n in range(source.sentence_at(start), source.sentence_at(max(start, end - 1)) + 1):
            for i in at.get((source_id, n), []):
                a = source.starts[n] + index.units[i].start
                if a < end and start < source.starts[n] + index.units[i].end:  # the clause is quoted
                    by_owner[owner].add(i)
    return by_owner


def likeness(index: Index, quoted: set[int], j: int) -> tuple[float, int]:
    """How much clause j is like a fact, as in clustering: the mean, over the fact's sources,
    of its likeness to the most similar quoted clause of each; and that most similar clause."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for i in sorted(quoted):
        by_source[index.units[i].sentence.source].append(i)
    per_source = [max((index.similarity(i, j), i) for i in clauses_) for clauses_ in by_source.values()]
    return sum(v for v, _ in per_source) / len(per_source), max(per_source)[1]


def new_evidence(briefing: Briefing, index: Index, spans) -> list[NewEvidence]:
    """For each fact, the best clause of each source it does not quote that states its claim."""
    by_fact = quoted_units(briefing, index, spans)
    found = []
    for fact_id in sorted(briefing.kind("fact")):
        quoted = {index.units[i].sentence.source for i in by_fact[fact_id]}
        best: dict[str, NewEvidence] = {}
        for j in sorted({j for i in by_fact[fact_id] for j in index.neighbours(i)}):
            unit = index.units[j]
            if unit.sentence.source in quoted:
                continue
            value, like = likeness(index, by_fact[fact_id], j)
            if value >= SIMILAR and (unit.sentence.source not in best or value > best[unit.sentence.source].score):
                best[unit.sentence.source] = NewEvidence(fact_id, unit, value, index.units[like])
        found += best.values()
    best_fact: dict[tuple[str, int], NewEvidence] = {}
    for item in found:  # a sentence is offered to the one fact it is most like
        key = (item.unit.sentence.source, item.unit.sentence.index)
        if key not in best_fact or item.score > best_fact[key].score:
            best_fact[key] = item
    return sorted(best_fact.values(), key=lambda e: (e.fact, -e.score, e.unit.sentence.source))
