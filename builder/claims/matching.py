"""Which fact a new sentence is like, and what it is to that fact: its conflict (it says
otherwise) or its new evidence (it states the fact from a source the fact does not quote).
Likeness is TF-IDF cosine to the fact's statement and, as in clustering, to its quoted clauses.
"""

from __future__ import annotations

import re
from collections import defaultdict

from builder.claims.claims import Claim
from builder.claims.conflicts import Conflict, find_conflict
from builder.claims.coverage import quoted_units
from builder.claims.extract import SentenceFacts
from builder.claims.index import SIMILAR, Index, Unit, cosine, terms
from builder.claims.mentions import Mention
from builder.content.load import Briefing

CONFLICT_SIMILAR = 0.2  # likeness to a fact from which a sentence that says otherwise is a conflict
EVIDENCE_SIMILAR = SIMILAR  # likeness to a fact from which a sentence is offered as its evidence
CONFLICT_WINDOW = 0.2  # a conflict only with a fact nearly as like the sentence as the likest one
# A sentence more like a shared claim's other sentences than like any fact, by this much, is
# that new claim, not the fact's evidence ("V4 was trained on Nvidia chips" is not evidence
# for "earlier attempts to train on Huawei hardware failed", though the words overlap).
CLAIM_MARGIN = 0.15

LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def statement_unit(fact_id: str, statement: str) -> Unit:
    """A fact's statement as a clause: links become mentions of their entities, Markdown marks go."""
    text, mentions, at = "", [], 0
    for m in LINK.finditer(statement):
        text += statement[at : m.start()]
        label = m.group(2) or m.group(1)
        mentions.append(Mention(m.group(1), label, len(text)))
        text += label
        at = m.end()
    text = re.sub(r"[*_`\\]", " ", text + statement[at:])
    sentence = SentenceFacts(f"fact:{fact_id}", 0, "", text, None, tuple(mentions))
    return Unit(sentence, 0, len(text))


class FactMatcher:
    """How much a sentence is like each fact: the larger of its likeness to the fact's statement
    and, as in clustering, the mean over the fact's sources of its likeness to the closest quoted clause."""

    def __init__(self, briefing: Briefing, index: Index, spans):
        self.index = index
        self.rows: dict[int, dict[str, float]] = {}
        self.facts = []
        self.entities: dict[str, set[str]] = {}  # the entities a fact's statement links or its quotes name
        self.quotes: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
        for owner, source_id, start, end in spans:
            self.quotes[(owner, source_id)].append((start, end, briefing.sources[source_id].text[start:end]))
        self.starts = {source_id: source.starts for source_id, source in briefing.sources.items()}
        for fact_id, quoted in sorted(quoted_units(briefing, index, spans).items()):
            document = briefing.kind("fact").get(fact_id)
            if document is None or not isinstance(document.data, dict):
                continue  # a dispute: its quotes are its sides, not one claim
            statement = document.data.get("statement")
            vector = self.vector(statement_unit(fact_id, statement)) if isinstance(statement, str) else {}
            by_source: dict[str, list[int]] = defaultdict(list)
            for i in sorted(quoted):
                by_source[index.units[i].sentence.source].append(i)
            self.facts.append((fact_id, vector, by_source))
            mentioned = {m.group(1) for m in LINK.finditer(statement)} if isinstance(statement, str) else set()
            self.entities[fact_id] = mentioned | {e for i in quoted for e in index.units[i].sentence.entities}

    def quote_of(self, fact_id: str, like: Unit) -> str:
        """The fact's quote that holds a quoted clause, as the fact quotes it."""
        at = self.starts[like.sentence.source][like.sentence.index] + like.start
        for start, end, text in self.quotes.get((fact_id, like.sentence.source), ()):
            if start <= at < end or at <= start < self.starts[like.sentence.source][like.sentence.index] + like.end:
                return text
        return like.clause

    def vector(self, unit: Unit) -> dict[str, float]:
        return self.index.vector(terms(unit))

    def row(self, i: int) -> dict[str, float]:
        if i not in self.rows:
            self.rows[i] = self.vector(self.index.units[i])
        return self.rows[i]

    def ranked(self, unit: Unit) -> list[tuple[float, str, Unit]]:
        """(likeness, fact, the fact's quoted clause most like it), best first; facts that quote its source left out."""
        mine = self.vector(unit)
        found = []
        for fact_id, statement, by_source in self.facts:
            if unit.sentence.source in by_source:
                continue
            per_source = [max((cosine(mine, self.row(i)), i) for i in clauses) for clauses in by_source.values()]
            quoted = sum(v for v, _ in per_source) / len(per_source) if per_source else 0.0
            best = max(per_source)[1] if per_source else None
            like = self.index.units[best] if best is not None else unit
            found.append((max(quoted, cosine(mine, statement)), fact_id, like))
        return sorted(found, key=lambda t: (-t[0], t[1]))


def classify(briefing: Briefing, matcher: FactMatcher, unit: Unit) -> tuple[str, float, str, Conflict | None] | None:
    """("conflict" or "evidence", likeness, fact, conflict) for a sentence like a fact, else None."""
    ranked = matcher.ranked(unit)
    conflicts = []
    for value, fact_id, like in ranked:
        if value < CONFLICT_SIMILAR or value < ranked[0][0] - CONFLICT_WINDOW:
            break
        full = matcher.quote_of(fact_id, like)
        found = find_conflict(briefing, fact_id, unit, like, best=fact_id == ranked[0][1], value=value, full=full)
        if found:
            shared = matcher.entities[fact_id] & set(unit.sentence.entities)
            weight = sum(matcher.index.idf.get(f"@{entity}", 0.0) for entity in shared)
            conflicts.append((weight, value, fact_id, found))
    if conflicts:  # of the facts it contradicts, the one about the same (and rarest) entities; then the likest
        _, value, fact_id, found = max(conflicts, key=lambda c: (c[0], c[1]))
        return "conflict", value, fact_id, found
    if ranked and ranked[0][0] >= EVIDENCE_SIMILAR:
        return "evidence", ranked[0][0], ranked[0][1], None
    return None


def covering_fact(matcher: FactMatcher, claim: Claim) -> tuple[str | None, list[float]]:
    """The fact a shared claim as a whole re-tells, and each sentence's likeness to it: the fact
    its sentences are on average most like, when that is at least EVIDENCE_SIMILAR and the
    sentences are not more like each other by CLAIM_MARGIN (then it is a new claim). Its sentences
    under CONFLICT_SIMILAR to the fact (or from a source the fact quotes: 0) are not offered."""
    per_unit = [{f: v for v, f, _ in matcher.ranked(Unit(u.sentence, 0, len(u.sentence.text)))} for u in claim.units]
    facts = sorted(set().union(*per_unit))
    if not facts:
        return None, []
    means = {f: sum(scores.get(f, 0.0) for scores in per_unit) / len(per_unit) for f in facts}
    best = max(facts, key=lambda f: (means[f], f))
    if means[best] < EVIDENCE_SIMILAR or claim.score >= means[best] + CLAIM_MARGIN:
        return None, []
    return best, [scores.get(best, 0.0) for scores in per_unit]
