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
``format_triage`` prints it ranked, within a budget of lines per source unless ``full``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field

from builder.claims.claims import SIMILAR, Claim, Index, Unit, build_index, cosine, quoted_spans, quoted_units, terms
from builder.claims.claims import shared_claims
from builder.claims.extract import ABSOLUTE, Extraction, Mention, SentenceFacts, as_of_day
from builder.claims.suggest import SUGGESTIONS_DIR, Suggestions, evidence_lines, suggest
from builder.claims.worth import why_not_worth
from builder.content.load import Briefing
from builder.core import dates
from builder.core.lexicon import MONTHS

BUDGET = 20  # lines per new source in the default output
CONFLICT_SIMILAR = 0.2  # likeness to a fact from which a sentence that says otherwise is a conflict
EVIDENCE_SIMILAR = SIMILAR  # likeness to a fact from which a sentence is offered as its evidence
CONFLICT_WINDOW = 0.2  # a conflict only with a fact nearly as like the sentence as the likest one
# A plain "not" is common in sentences about other things; as a conflict it needs a closer match.
NEGATION_SIMILAR = 0.4
# A sentence more like a shared claim's other sentences than like any fact, by this much, is
# that new claim, not the fact's evidence ("V4 was trained on Nvidia chips" is not evidence
# for "earlier attempts to train on Huawei hardware failed", though the words overlap).
CLAIM_MARGIN = 0.15
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
NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|without)\b|n[’']t\b", re.I)
NOT_NEGATION = re.compile(r"\bnot (?:just|only|merely|simply)\b|\bno (?:longer|doubt)\b", re.I)
DENIAL = re.compile(r"\b(?:den(?:y|ies|ied|ying|ial)|refut\w*|rejected|dismissed|false|untrue)\b", re.I)
# Words that say the earlier reporting is wrong, whatever the fact's own wording.
CONTRADICTS = re.compile(r"\bcontradict\w*|\b(?:denying|denied|dismissing|rejecting) "
                         r"(?:the |earlier |previous |those )*(?:reports?|claims?|accounts?)\b", re.I)
CONFIRMED = re.compile(r"\b(?:confirm(?:ed|s)|officially|announced|on the record)\b", re.I)
UNCONFIRMED = re.compile(r"\b(?:if confirmed|(?:not|yet to|unable to|declined to|could not|did not) (?:\w+ )?confirm\w*"
                         r"|unconfirmed)\b", re.I)
POSTPONED = re.compile(r"\b(?:postpon\w+|delay(?:s|ed|ing)?|push(?:ed|es)? back|slipp?(?:ed|s)?)\b", re.I)
QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+(?:of\s+)?((?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class Conflict:
    fact: str
    kind: str  # number, date, negation or status
    detail: str
    quote: str  # the fact's words it contradicts: a quoted clause, or its statement
    like: Unit | None  # the quoted clause compared, when it is one


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


# -- conflicts --------------------------------------------------------------------------

SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
WORDS.update({"a": 1, "an": 1, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12})
PLURAL = {"tens": (20, 99), "dozens": (24, 144), "hundreds": (200, 999), "thousands": (2e3, 9999)}
QUANTITY = re.compile(
    r"(?:\b(?P<mod>about|around|roughly|nearly|almost|some|approximately|more than|over|at least|fewer than|less than"
    r"|under|up to)\s+)?(?P<cur>[$€£¥])?(?P<num>\d[\d,]*(?:\.\d+)?|\b(?:tens|dozens|hundreds|thousands|"
    + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b)(?:\s+of)?"
    r"(?:[\s-]+(?P<scale>thousands?|millions?|billions?|trillions?|k|m|bn)\b)?"
    r"(?P<pct>\s*(?:%|per ?cent\b))?",
    re.I,
)
NOUN = re.compile(r"[a-z][a-z-]+")
NOT_NOUNS = frozenset("of the a an and or to in on for its their his her more than per about additional new".split())


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float
    kind: str  # count, money, percent, measure
    nouns: frozenset[str]
    text: str


def quantities(text: str) -> list[Quantity]:
    """Numbers with their ranges and what they count; years and model names ("V4", "H800") left out."""
    found = []
    for m in QUANTITY.finditer(text):
        number, scale = m.group("num").lower(), (m.group("scale") or "").lower().rstrip("s")
        if not number or (m.start("num") and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] in ".-")):
            continue
        if number in ("a", "an") and not scale or re.fullmatch(r"(?:19|20)\d\d", number) and not scale:
            continue
        if text[m.end("num") : m.end("num") + 1].isalpha() and not scale:
            continue  # "7nm", "950PR"
        if re.search(r"\bper\s*$", text[: m.start()]):
            continue  # "$0.28 per million tokens": "million" is the unit, not a count
        if number in PLURAL:
            low, high = PLURAL[number]
        else:
            value = WORDS[number] if number in WORDS else float(number.replace(",", ""))
            low = high = value
        factor = SCALE.get(scale, 1.0)
        if number in PLURAL and scale:  # "hundreds of thousands"
            low, high = low * factor, high * factor
        else:
            low, high = low * factor, high * factor
        mod = (m.group("mod") or "").lower()
        if mod in ("about", "around", "roughly", "nearly", "almost", "some", "approximately"):
            low, high = low * 0.8, high * 1.2
        elif mod in ("more than", "over", "at least"):
            low, high = (low if mod == "at least" else low * 1.000001), float("inf")
        elif mod in ("fewer than", "less than", "under", "up to"):
            low, high = 0.0, (high if mod == "up to" else high * 0.999999)
        kind = "percent" if m.group("pct") else "money" if m.group("cur") else "count"
        if not scale and re.match(r"-[A-Za-z]", text[m.end("num") :]):
            kind = "measure"  # "7-nanometre", "14-day": a size, not a count of things
        after = re.findall(r"[A-Za-z][\w-]*", text[m.end() : m.end() + 40])
        after = [w for w in after if w.lower() not in NOT_NOUNS][:3]
        nouns = frozenset(_noun(w) for part in after if NOUN.fullmatch(part) for w in part.split("-") if w)
        found.append(Quantity(low, high, kind, nouns, m.group(0).strip()))
    return found


def _noun(word: str) -> str:
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def number_conflict(mine: str, theirs: str) -> str | None:
    """A quantity here of the same thing and kind as one there, whose ranges cannot both hold."""
    for a in quantities(mine):
        wildcard = a.kind == "count"  # "units" stands for any thing counted
        same = [b for b in quantities(theirs)
                if a.kind == b.kind and (a.nouns & b.nouns or wildcard and "unit" in a.nouns | b.nouns)]
        if same and not any(a.low <= b.high and b.low <= a.high for b in same):
            return f"{_q(a.text)} here, {_q(same[0].text)} in the fact"
    return None


def spans_in(text: str, as_of) -> list[tuple[str, tuple]]:
    """Calendar dates and quarters written in a clause, as (words, (first day, last day))."""
    found = []
    for m in QUARTER.finditer(text):
        word = m.group(1).lower()
        q = "first second third fourth".split().index(word) if word[0].isalpha() else int(word[0]) - 1
        span = dates.bounds(f"{m.group(2)}-{3 * q + 1:02d}/{m.group(2)}-{3 * q + 3:02d}")
        found.append((m.group(0), span))
    for m in ABSOLUTE.finditer(text):
        if any(m.start() >= text.find(words) and m.end() <= text.find(words) + len(words) for words, _ in found):
            continue
        if m.group("year"):
            value = m.group("year")
        else:
            day = m.group("d1") or m.group("d2")
            value = f"{m.group('y')}-{MONTHS.index(m.group('m').lower()) + 1:02d}" + (f"-{int(day):02d}" if day else "")
        found.append((m.group(0), dates.bounds(value)))
    return [(w, s) for w, s in found if s]


def date_conflict(unit: Unit, fact_when: str | None, quotes: list[str], as_of) -> str | None:
    mine = spans_in(unit.clause, as_of)
    theirs = [(f"when: {fact_when}", dates.bounds(fact_when))] if fact_when and dates.bounds(fact_when) else []
    theirs += [s for q in quotes for s in spans_in(q, as_of)]
    for words, (low, high) in mine:
        if theirs and not any(low <= b[1] and b[0] <= high for _, b in theirs):
            return f"{_q(words)} here, {_q(theirs[0][0])} in the fact"
    if POSTPONED.search(unit.clause) and not any(POSTPONED.search(q) for q in quotes):
        return f"{_q(POSTPONED.search(unit.clause).group(0))} here: the fact's date may no longer hold"
    return None


def polarity(text: str) -> bool:
    """True when the clause negates or denies what it states."""
    text = NOT_NEGATION.sub(" ", text)
    return bool(NEGATION.search(text) or DENIAL.search(text))


def find_conflict(
    briefing: Briefing, fact_id: str, unit: Unit, like: Unit, best: bool = True, value: float = 1.0, full: str = ""
) -> Conflict | None:
    """How a clause like a fact contradicts it, compared with the fact's most similar quote and its statement.
    A plain negation counts only against the fact the clause is most like (``best``); words that
    say earlier reports are wrong ("contradicting", "denying reports") against any fact near it.
    ``full`` is the fact's whole quote that holds ``like``: it is what the conflict shows."""
    data = briefing.kind("fact")[fact_id].data
    quote, mine = like.clause, unit.clause
    shown = full or quote
    statement = data.get("statement", "") if isinstance(data, dict) else ""
    when = data.get("when") if isinstance(data, dict) and isinstance(data.get("when"), str) else None
    status = data.get("status") if isinstance(data, dict) else None
    if CONTRADICTS.search(mine) and not CONTRADICTS.search(quote):
        return Conflict(fact_id, "negation", f"{_q(CONTRADICTS.search(mine).group(0))} here", shown, like)
    if best and value >= NEGATION_SIMILAR and polarity(mine) and not polarity(quote) and not polarity(statement):
        word = (NEGATION.search(mine) or DENIAL.search(mine)).group(0)
        return Conflict(fact_id, "negation", f"{_q(word)} here, no negation in the fact", shown, like)
    for theirs, compared in ((shown, like), (statement, None)):
        detail = number_conflict(mine, theirs)
        if detail:
            return Conflict(fact_id, "number", detail, theirs, compared)
    detail = date_conflict(unit, when, [shown], as_of_day(briefing))
    if detail:
        return Conflict(fact_id, "date", detail, shown, like)
    if status in ("reported", "speculative", "disputed") and CONFIRMED.search(mine) and not UNCONFIRMED.search(mine):
        word = CONFIRMED.search(mine).group(0)
        return Conflict(fact_id, "status", f"{_q(word)} here, '{status}' in the fact", shown, like)
    return None


# -- the triage -------------------------------------------------------------------------

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


# -- output -----------------------------------------------------------------------------

HEADINGS = {
    "evidence": "new evidence for an existing fact",
    "conflict": "conflicts with an existing fact: check both quotes",
    "shared": "new claims two or more sources share: draft facts",
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def item_lines(briefing: Briefing, item: Item, full: bool) -> list[str]:
    s = item.unit.sentence
    if item.group == "evidence":
        lines = [f"    {item.fact} ({item.score:.2f} alike): {s.anchor} {_q(item.unit.clause)}"]
        return lines + (evidence_lines(briefing, item.unit, "      ")[0] if full else [])
    if item.group == "conflict":
        c = item.conflict
        where = f"{c.like.sentence.source} {c.like.sentence.anchor}" if c.like else "its statement"
        return [
            f"    {c.fact}: {c.kind}: {c.detail} ({item.score:.2f} alike)",
            f"      here  {s.anchor} {_q(item.unit.clause)}",
            f"      fact  {where} {_q(c.quote)}",
        ]
    if item.group == "shared":
        others = [x for x in item.claim.sources if x != s.source]
        return [
            f"    draft {item.draft} (with {', '.join(others)}; {item.claim.score:.2f} alike)",
            f"      {s.anchor} {_q(item.unit.clause)}",
        ]
    why = f" ({item.why})" if item.why else ""
    return [f"    {s.anchor} {_q(s.text)}{why}"]


def visible_items(briefing: Briefing, entry: SourceTriage, budget: int | None = BUDGET) -> list[Item]:
    """The items to act on that fit the source's budget of lines, best first within each group
    (``budget=None``: all). The header, group headings, a "more" line and the folded line count too."""
    shown, used = [], 2  # the header and the folded line
    for group in ("evidence", "conflict", "shared"):
        heading = 1
        for item in entry.group(group):
            size = len(item_lines(briefing, item, False)) + heading
            if budget is None or used + size + 1 <= budget:  # + 1: room for the "more" line
                shown.append(item)
                used += size
                heading = 0
    return shown


def source_lines(briefing: Briefing, entry: SourceTriage, *, full: bool = False, budget: int = BUDGET) -> list[str]:
    """One source's triage: a header, the groups in order, the folded counts; within budget unless full."""
    act = [i for i in entry.items if i.group in HEADINGS]
    shown = visible_items(briefing, entry, None if full else budget)
    single, background = entry.group("single"), entry.group("background")
    title = f" {_q(entry.title)}" if entry.title else ""
    out = [f"{entry.source}{title}: {len(act)} to act on"]
    for group in ("evidence", "conflict", "shared"):
        items = [i for i in shown if i.group == group]
        if items:
            shown_only = "" if len(items) == len(entry.group(group)) else " shown"
            out.append(f"  {HEADINGS[group]} ({len(items)}{shown_only}):")
            out += [line for item in items for line in item_lines(briefing, item, full)]
    if len(shown) < len(act):
        out.append(f"  ... {len(act) - len(shown)} more to act on: `briefing suggest --all {entry.source}`")
    out.append(f"  folded: {len(single)} single-source, {len(background)} background, "
               f"{entry.chrome} chrome or furniture"
               + ("" if full else " (--all lists the sentences)"))
    if full:
        for label, items in (("single-source", single), ("background", background)):
            if items:
                out.append(f"  {label} ({len(items)}):")
                out += [line for item in items for line in item_lines(briefing, item, full)]
    return out


def format_triage(briefing: Briefing, result: Triage, *, full: bool = False, budget: int = BUDGET) -> str:
    """What `briefing suggest` prints: each new source's triage, then where the drafts are."""
    if not result.sources:
        return "suggest: no new sources (every source is quoted by a fact or dispute); name one to triage it\n"
    out = []
    for entry in result.sources:
        out += source_lines(briefing, entry, full=full, budget=budget) + [""]
    drafts = result.suggestions.drafts
    used = sorted({i.draft for e in result.sources for i in e.items if i.draft})
    if full:
        for fact_id in used:
            out += [f"--- {SUGGESTIONS_DIR}/facts/{fact_id}.yaml", drafts[fact_id].rstrip("\n"), ""]
        for claim, problems in result.suggestions.dropped:
            out.append(f"(no draft for the claim of {', '.join(claim.sources)}: {problems[0].message})")
    acts = sum(1 for e in result.sources for i in e.items if i.group in HEADINGS)
    sources, drafts = len(result.sources), len(used)
    out.append(f"{sources} new source{'s' if sources != 1 else ''}, {acts} sentences to act on, {drafts} draft "
               f"fact{'s that pass' if drafts != 1 else ' that passes'} `briefing check` as written"
               + (": `briefing suggest --write` saves them under build/suggestions/facts/" if used else ""))
    return "\n".join(out) + "\n"
