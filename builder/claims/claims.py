"""Claims that several sources share, and what they mean for the facts.

Pure functions over a Briefing and its Extraction: ``shared_claims`` clusters clauses of
claim sentences across sources (compared in the TF-IDF index of ``builder.claims.index``);
``claim_problems`` turns them into info-level check notes (a shared claim no fact covers; a
source sentence that states a fact but is not among its evidence, ``builder.claims.coverage``),
each only for a claim worth a fact (``builder.claims.worth``).
``builder.claims.suggest`` turns the same clusters into drafts for editors.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.claims.coverage import NewEvidence, cited_sentences, new_evidence, quoted_spans
from builder.claims.extract import Extraction, extract
from builder.claims.index import SIMILAR, Index, Unit, build_index
from builder.claims.worth import claim_worth_a_fact, worth_a_fact
from builder.content.load import Briefing
from builder.core.problems import Problem

CLAIMS_VERSION = "3"  # bump when the notes can change for the same content


@dataclass
class Claim:
    units: list[Unit]
    score: float  # mean similarity across its sources
    lead: Unit  # the clause most like the others: the draft statement

    @property
    def sources(self) -> list[str]:
        return sorted({u.sentence.source for u in self.units})


def shared_claims(index: Index, score=None, threshold: float = SIMILAR) -> list[Claim]:
    """Average-linkage clusters of similar clauses, one clause per source, two sources or more."""
    pairs = [(i, j) for i in range(len(index.units)) for j in index.neighbours(i) if i < j]
    score = score or index.similarity
    values = [score(i, j) for i, j in pairs]
    edges = sorted(((v, i, j) for v, (i, j) in zip(values, pairs) if v >= threshold), reverse=True)
    members = {i: [i] for i in range(len(index.units))}
    root = list(range(len(index.units)))
    for value, i, j in edges:
        a, b = root[i], root[j]
        if value < threshold or a == b:
            continue
        if {index.units[k].sentence.source for k in members[a]} & {index.units[k].sentence.source for k in members[b]}:
            continue  # one clause per source: a phrase repeated ten times counts once
        if _mean(score, members[a], members[b]) < threshold:
            continue
        for k in members[b]:
            root[k] = a
        members[a] += members.pop(b)
    claims = []
    for group in members.values():
        if len(group) >= 2:
            ordered = sorted(group, key=lambda k: (index.units[k].sentence.source, index.units[k].sentence.index))
            lead = max(ordered, key=lambda k: _mean(score, [k], group))
            claims.append(Claim([index.units[k] for k in ordered], _mean(score, group, group), index.units[lead]))
    return sorted(claims, key=lambda c: (
        -len(c.sources), -c.score, c.units[0].sentence.source, c.units[0].sentence.index
    ))


def _mean(score, left: list[int], right: list[int]) -> float:
    values = [score(i, j) for i in left for j in right if i != j]
    return sum(values) / len(values) if values else 0.0


def uncovered(claims: list[Claim], cited, evidence: list[NewEvidence]) -> list[Claim]:
    """Shared claims none of whose sentences a fact or dispute quotes or is offered to."""
    offered = {(e.unit.sentence.source, e.unit.sentence.index) for e in evidence}
    taken = set(cited) | offered
    return [c for c in claims if not any((u.sentence.source, u.sentence.index) in taken for u in c.units)]


def claim_problems(briefing: Briefing, extraction: Extraction | None = None) -> list[Problem]:
    """Info notes for `briefing check`: evidence a fact may be missing, shared claims no fact covers."""
    if len(briefing.sources) < 2:
        return []  # nothing can be shared, or missing from another source
    extraction = extraction or extract(briefing)
    index, spans = build_index(extraction), quoted_spans(briefing)
    cited = cited_sentences(briefing, spans)
    evidence = new_evidence(briefing, index, spans)
    problems = []
    for item in (e for e in evidence if worth_a_fact(e.unit)):  # a note only for a claim worth a fact
        fact = briefing.kind("fact")[item.fact]
        line, col = fact.at(("evidence",))
        s = item.unit.sentence
        problems.append(Problem(
            fact.path, line, col, "evidence-missing",
            f"{s.source} sentence {s.anchor} seems to state this fact ({item.score:.2f} alike) but is not among "
            f"its evidence: \"{s.text}\"",
            "quote it under evidence if it states the claim; `briefing suggest` prints the item", "info",
        ))
    for claim in (c for c in uncovered(shared_claims(index), cited, evidence) if claim_worth_a_fact(c)):
        first = claim.units[0].sentence
        document = briefing.sources[first.source].document
        line, col = document.at(("sentences", first.index, "text"))
        where = ", ".join(f"{u.sentence.source} {u.sentence.anchor}" for u in claim.units)
        problems.append(Problem(
            document.path, line, col, "claim-uncovered",
            f"{len(claim.sources)} sources state a claim no fact covers ({where}): \"{claim.lead.clause}\"",
            "write a fact for it if it matters; `briefing suggest` drafts one", "info",
        ))
    return problems
