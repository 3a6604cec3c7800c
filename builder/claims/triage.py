"""`briefing suggest`: what an editor should do with each new article, on one screen.

``triage(briefing, extraction, today=, sources=)`` sorts every clause of each new source
(by default: every source no fact or dispute quotes yet) into one of:

- ``conflict``: it is like an existing fact but says otherwise: a different number
  (quantities of the same thing that cannot both hold), a different date (spans that do not
  overlap, or a postponement), a negation or denial, or a firmer status (an on-the-record
  confirmation of what the fact only reports). Shown with the fact's quote beside it.
- ``evidence``: it states an existing fact the source is not yet quoted for.
- ``shared``: a claim no fact covers that two or more sources state: a draft fact that
  passes `briefing check` as written (``builder.claims.suggest``).
- folded: ``single`` (worth a fact, but only this source says it) and ``background``
  (names no entity, number or date, or says too little: ``builder.claims.worth``).

Site chrome is never proposed: sentences the normaliser flagged (navigation, promos,
bylines, captions, headings, ...) and body lines that are furniture in sentence form
(cookie notices, paywall and share prompts, copyright and disclaimers, author blurbs).
``builder.claims.triage_report`` prints it ranked, within a budget of lines per source unless
``full``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from builder.claims.claims import Claim, shared_claims
from builder.claims.conflicts import Conflict
from builder.claims.coverage import quoted_spans
from builder.claims.extract import Extraction
from builder.claims.index import Index, Unit, build_index
from builder.claims.matching import CLAIM_MARGIN, CONFLICT_SIMILAR, FactMatcher, classify, covering_fact
from builder.claims.suggest import Suggestions, suggest
from builder.claims.worth import why_not_worth
from builder.content.load import Briefing

# A draft for a new claim needs its sentences this alike on average: above the clustering
# threshold, because an editor reads every draft and a loose one ("analysts said ...") wastes it.
DRAFT_SIMILAR = 0.3

# Furniture written as sentences, which the normaliser's line rules do not catch; each with
# the name of its rule (never proposed, only counted).
CHROME_SENTENCES = {
    "cookie-notice": re.compile(r"\bcookies?\b.{0,80}\b(?:polic|accept|agree|consent|experience|services)|"
                                r"\b(?:use|accept|agree to)\b.{0,40}\bcookies?\b", re.I),
    "paywall": re.compile(r"^(?:subscribe|sign up|register|log ?in)\b.{0,80}\b(?:read|access|story|article)|"
                          r"\bunlimited access\b", re.I),
    "copyright": re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.I),
    "disclaimer": re.compile(r"\bnot (?:investment|financial|legal) advice\b|^the views expressed\b|"
                             r"^market data (?:is )?delayed\b", re.I),
    "share-prompt": re.compile(r"^(?:like this (?:story|article)|share (?:it|this)(?: story| article)? with)\b", re.I),
    "print-note": re.compile(r"^this (?:article|story) (?:was|is) (?:first |originally )?(?:published|appeared)\b",
                             re.I),
    "author-blurb": re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3} is an? (?:[\w-]+ ){0,3}"
                               r"(?:columnist|reporter|correspondent|editor|writer|contributor|analyst)\b"),
    "weather": re.compile(r"^weather\s*:", re.I),
}


@dataclass
class Item:
    group: str  # conflict, evidence, shared, single, background
    unit: Unit
    score: float = 0.0
    fact: str | None = None
    conflict: Conflict | None = None
    draft: str | None = None  # the draft fact's id, for a shared claim
    claim: Claim | None = None
    why: str = ""  # why a background sentence is not worth a fact


@dataclass
class SourceTriage:
    source: str
    title: str
    items: list[Item] = field(default_factory=list)
    chrome: int = 0  # sentences never proposed: flagged by the normaliser or CHROME_SENTENCES

    def group(self, name: str) -> list[Item]:
        return [i for i in self.items if i.group == name]


@dataclass
class Triage:
    sources: list[SourceTriage]
    suggestions: Suggestions


def chrome_rule(text: str) -> str | None:
    return next((name for name, rule in CHROME_SENTENCES.items() if rule.search(text)), None)


def new_sources(briefing: Briefing, spans) -> list[str]:
    """Sources no fact or dispute quotes yet: the articles waiting for an editor."""
    quoted = {source for _, source, _, _ in spans}
    return sorted(s for s in briefing.sources if s not in quoted)


def _title(briefing: Briefing, source_id: str) -> str:
    for sentence in briefing.sources[source_id].sentences:
        if "title" in (sentence.get("flags") or {}):
            return sentence["text"]
    return ""


def triage(briefing: Briefing, extraction: Extraction, *, today, sources=()) -> Triage:
    """Every sentence of every new source, grouped by what the editor should do with it, ranked."""
    index: Index = build_index(extraction)
    spans = quoted_spans(briefing)
    chosen = list(sources) or new_sources(briefing, spans)
    matcher = FactMatcher(briefing, index, spans)
    by_sentence: dict[tuple[str, int], list[Unit]] = defaultdict(list)
    for unit in index.units:
        if unit.sentence.source in chosen:
            by_sentence[(unit.sentence.source, unit.sentence.index)].append(unit)
    closest: dict[tuple[str, int], float] = defaultdict(float)  # the score of a shared claim each sentence is in
    for claim in shared_claims(index):
        if len(claim.sources) >= 2:
            for unit in claim.units:
                key = (unit.sentence.source, unit.sentence.index)
                closest[key] = max(closest[key], claim.score)
    decided: dict[tuple[str, int], Item] = {}
    for key, units in by_sentence.items():
        whole = Unit(units[0].sentence, 0, len(units[0].sentence.text))
        if chrome_rule(whole.sentence.text) or all(why_not_worth(u) for u in units):
            continue
        found = classify(briefing, matcher, whole)
        if found and found[0] == "evidence" and closest[key] >= found[1] + CLAIM_MARGIN:
            continue  # more like other sources' words than like any fact: a new claim
        if found:
            group, value, fact_id, conflict = found
            decided[key] = Item(group, whole, value, fact_id, conflict=conflict)
    result = suggest(briefing, extraction, today=today, sources=chosen, skip=set(decided))
    for fact_id in [f for f, claim in result.claims.items() if claim.score < DRAFT_SIMILAR]:
        del result.drafts[fact_id], result.claims[fact_id]
    for draft, claim in list(result.claims.items()):
        fact, scores = covering_fact(matcher, result.whole[draft])
        if fact is None:
            continue
        del result.drafts[draft], result.claims[draft]
        for unit, value in zip(result.whole[draft].units, scores):
            key = (unit.sentence.source, unit.sentence.index)
            if key in by_sentence and key not in decided and value >= CONFLICT_SIMILAR:  # not a stray sentence
                decided[key] = Item("evidence", Unit(unit.sentence, 0, len(unit.sentence.text)), value, fact)
    for fact_id, claim in result.claims.items():
        for unit in claim.units:
            key = (unit.sentence.source, unit.sentence.index)
            if key in by_sentence and key not in decided:
                decided[key] = Item("shared", unit, claim.score, draft=fact_id, claim=claim)
    triaged = []
    for source_id in chosen:
        entry = SourceTriage(source_id, _title(briefing, source_id))
        for n, sentence in enumerate(briefing.sources[source_id].sentences):
            facts = next((s for s in extraction.sentences if s.source == source_id and s.index == n), None)
            if (source_id, n) in decided:
                entry.items.append(decided[(source_id, n)])
            elif facts is None or facts.skip in SKIP_AS_CHROME or chrome_rule(sentence["text"]):
                entry.chrome += 1
            elif not by_sentence.get((source_id, n)):
                why = WHY_SKIPPED.get(facts.skip, "")
                entry.items.append(Item("background", Unit(facts, 0, len(facts.text)), why=why))
            else:
                clauses = by_sentence[(source_id, n)]
                reasons = [why_not_worth(u) for u in clauses]
                if any(r is None for r in reasons):
                    entry.items.append(Item("single", Unit(facts, 0, len(facts.text))))
                else:
                    entry.items.append(Item("background", Unit(facts, 0, len(facts.text)), why=reasons[0] or ""))
        order = {"conflict": 0, "evidence": 1, "shared": 2, "single": 3, "background": 4}
        entry.items.sort(key=lambda i: (order[i.group], -_rank(i), i.unit.sentence.index, i.unit.start))
        triaged.append(entry)
    return Triage(triaged, result)


# Skipped sentences that are furniture (never proposed, counted as chrome); the others
# (questions, fragments) are background.
SKIP_AS_CHROME = frozenset({"chrome", "duplicate", "title", "heading", "byline", "caption", "table", "truncated",
                            "suspect-encoding", "highlights", "faq"})
WHY_SKIPPED = {"question": "a question", "short": "too short to quote"}


def _rank(item: Item) -> float:
    if item.group == "shared" and item.claim:
        return len(item.claim.sources) + item.claim.score
    return item.score
