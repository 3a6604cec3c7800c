"""Claims that several sources share, and what they mean for the facts.

Pure functions over a Briefing and its Extraction: ``shared_claims`` clusters clauses of
claim sentences across sources; ``claim_problems`` turns them into info-level check notes
(a shared claim no fact covers; a source sentence that states a fact but is not among its
evidence), each only for a claim worth a fact (``builder.claims.worth``).
``builder.claims.suggest`` turns the same clusters into drafts for editors.

Similarity is TF-IDF cosine (scikit-learn's definition, ``tfidf_rows``) over content
terms: scikit-learn's stop words out (builder/stopwords.py), a light suffix stem, every
entity mention folded to its id whatever alias or script was used.
Pairs are compared only when they share two blocking keys (entity ids or terms in at most
BLOCK_CAP clauses) and do not name disjoint sets of entities, so cost grows with the
number of clauses, not its square.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from builder.claims.extract import Extraction, SentenceFacts, extract
from builder.content.load import Briefing
from builder.core.lexicon import MONTHS
from builder.core.problems import Problem
from builder.content.evidence import MIN_QUOTE_WORDS, item_span, iter_evidence
from builder.claims.stopwords import ENGLISH_STOP_WORDS
from builder.claims.worth import claim_worth_a_fact, worth_a_fact

CLAIMS_VERSION = "3"  # bump when the notes can change for the same content
SIMILAR = 0.25  # TF-IDF cosine from which two clauses are read as stating one claim
SHARED_KEYS = 2  # blocking keys two clauses must share to be compared at all
# A key in more clauses than this is not used for blocking: it would make too many pairs.
# Frequent words need no other demotion here, as TF-IDF already weighs them down; the cap
# only bounds the cost (pairs per key <= BLOCK_CAP, so pairs grow linearly with clauses).
BLOCK_CAP = 50
# Cut points: ", and …" when a clause (five words before the next comma, so not a list's
# last item) follows, ", <participle> …", ";", and a lone dash (a pair of dashes is an aside).
CLAUSE = re.compile(r",\s+(?=(?:and|but|while|whereas|yet)\s+[^,]*?(?:\s+\S+){4})|,\s+(?=\w+ing\s)|;\s+")
DASH = re.compile(r"\s*[—–]\s*|\s+-\s+")
LEADING = re.compile(r"^(?:and|but|while|whereas|yet)\s+", re.I)
WORD = re.compile(r"\w+(?:['’-]\w+)*")
DAY = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+([12]?\d|3[01])(?:st|nd|rd|th)?\b")


@dataclass(frozen=True)
class Unit:
    """One clause of a claim sentence: the smallest span compared and quoted."""

    sentence: SentenceFacts
    start: int
    end: int

    @property
    def clause(self) -> str:
        """The clause without a leading conjunction or trailing comma: the draft statement."""
        text = LEADING.sub("", self.sentence.text[self.start : self.end].strip()).rstrip(",;:—– ")
        return text if len(text.split()) >= MIN_QUOTE_WORDS else self.sentence.text


@dataclass
class Claim:
    units: list[Unit]
    score: float  # mean similarity across its sources
    lead: Unit  # the clause most like the others: the draft statement

    @property
    def sources(self) -> list[str]:
        return sorted({u.sentence.source for u in self.units})


def clauses(sentence: SentenceFacts) -> list[Unit]:
    """A sentence cut at coordinating commas, semicolons and dashes; no clause under five words."""
    dashes = [(m.start(), m.end()) for m in DASH.finditer(sentence.text)]
    cuts = sorted([(m.start(), m.end()) for m in CLAUSE.finditer(sentence.text)] + (dashes if len(dashes) == 1 else []))
    spans, start = [], 0
    for a, b in cuts + [(len(sentence.text), len(sentence.text))]:
        spans.append([start, a])
        start = b
    merged: list[list[int]] = []
    for span in spans:
        short = lambda s: len(sentence.text[s[0] : s[1]].split()) < MIN_QUOTE_WORDS  # noqa: E731
        if merged and (short(span) or short(merged[-1])):
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    return [Unit(sentence, a, b) for a, b in merged]


def terms(unit: Unit) -> list[str]:
    """Content terms of a clause: entity ids for mentions, a day of a month as one term ("may 6",
    whose month is a stop word), other words stemmed, stop words out."""
    text = unit.sentence.text
    inside = [(m.start, m.start + len(m.text), m.entity) for m in unit.sentence.mentions if unit.start <= m.start < unit.end]
    found = [f"@{entity}" for _, _, entity in inside]
    for match in DAY.finditer(text, unit.start, unit.end):
        if not any(a <= match.start() < b for a, b, _ in inside):
            inside.append((match.start(), match.end(), ""))
            found.append(f"{match.group(1).lower()} {int(match.group(2))}")
    for match in WORD.finditer(text, unit.start, unit.end):
        if any(a <= match.start() < b for a, b, _ in inside):
            continue
        word = re.sub(r"['’]s$", "", match.group(0).lower())
        if len(word) > 1 and word not in ENGLISH_STOP_WORDS:
            found.append(_stem(word))
    return found


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ions", "ion", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    if len(word) == 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]  # "runs", "says", "uses", "ties": short plurals and verbs
    return word


class Index:
    """TF-IDF vectors and blocking keys of every clause of every claim sentence."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.terms = [terms(u) for u in units]
        self.idf = inverse_frequencies(self.terms)
        self.rows = tfidf_rows(self.terms, self.idf)
        postings: dict[str, list[int]] = defaultdict(list)
        for i, found in enumerate(self.terms):
            for key in set(found):
                postings[key].append(i)
        self.postings = {k: v for k, v in postings.items() if len(v) <= BLOCK_CAP}
        self.memo: dict[tuple[int, int], float] = {}

    def vector(self, found: list[str]) -> dict[str, float]:
        """The TF-IDF vector of any term list (a fact's statement, a whole sentence) in this index's
        space: a term no clause has weighs as one in a single clause would."""
        rare = math.log((len(self.units) + 1) / 2) + 1
        counts = Counter(found)
        weights = {t: n * self.idf.get(t, rare) for t, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}

    def similarity(self, i: int, j: int) -> float:
        """Cosine of two clauses' TF-IDF vectors (rows are L2-normalised)."""
        key = (min(i, j), max(i, j))
        if key not in self.memo:
            a, b = sorted((self.rows[i], self.rows[j]), key=len)
            self.memo[key] = sum(v * b.get(t, 0.0) for t, v in a.items())
        return self.memo[key]

    def neighbours(self, i: int) -> list[int]:
        """Clauses of other sources sharing SHARED_KEYS blocking keys with clause i, and no
        disjoint entities: clauses that each name entities, none in common, are about
        different things, however alike their words."""
        counts: dict[int, int] = defaultdict(int)
        for key in set(self.terms[i]):
            for j in self.postings.get(key, ()):
                counts[j] += 1
        source = self.units[i].sentence.source
        mine = {t for t in self.terms[i] if t.startswith("@")}
        return [j for j, n in counts.items() if n >= SHARED_KEYS and self.units[j].sentence.source != source and self._entities_agree(mine, j)]

    def _entities_agree(self, mine: set[str], j: int) -> bool:
        theirs = {t for t in self.terms[j] if t.startswith("@")}
        return not mine or not theirs or bool(mine & theirs)


def inverse_frequencies(documents: list[list[str]]) -> dict[str, float]:
    """Smooth idf, as scikit-learn defines it: ``ln((1 + n) / (1 + df)) + 1``."""
    n = len(documents)
    frequency = Counter(term for document in documents for term in set(document))
    return {term: math.log((n + 1) / (count + 1)) + 1 for term, count in frequency.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length sparse vectors."""
    a, b = sorted((a, b), key=len)
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def tfidf_rows(documents: list[list[str]], idf: dict[str, float] | None = None) -> list[dict[str, float]]:
    """TF-IDF vectors of term lists, as scikit-learn's ``TfidfVectorizer`` computes them with
    its defaults over already split terms: raw counts, smooth idf ``ln((1 + n) / (1 + df)) + 1``,
    each row scaled to unit length, terms in sorted order. Computed here because importing
    scikit-learn costs more than a second, every first `briefing check`;
    tests/test_claims_tfidf.py holds this to the library on random and real corpora."""
    idf = idf or inverse_frequencies(documents)
    rows = []
    for document in documents:
        counts = Counter(document)
        weights = [(term, counts[term] * idf[term]) for term in sorted(counts)]
        norm = math.sqrt(sum(weight * weight for _, weight in weights))
        rows.append({term: weight / norm for term, weight in weights} if norm else {})
    return rows


def build_index(extraction: Extraction) -> Index:
    return Index([u for s in extraction.claims() for u in clauses(s)])


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
    return sorted(claims, key=lambda c: (-len(c.sources), -c.score, c.units[0].sentence.source, c.units[0].sentence.index))


def _mean(score, left: list[int], right: list[int]) -> float:
    values = [score(i, j) for i in left for j in right if i != j]
    return sum(values) / len(values) if values else 0.0


# -- facts against sentences -----------------------------------------------------------

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


def uncovered(claims: list[Claim], cited, evidence: list[NewEvidence]) -> list[Claim]:
    """Shared claims none of whose sentences a fact or dispute quotes or is offered to."""
    offered = {(e.unit.sentence.source, e.unit.sentence.index) for e in evidence}
    return [c for c in claims if not any((u.sentence.source, u.sentence.index) in cited or (u.sentence.source, u.sentence.index) in offered for u in c.units)]


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
        problems.append(Problem(fact.path, line, col, "evidence-missing", f"{s.source} sentence {s.anchor} seems to state this fact ({item.score:.2f} alike) but is not among its evidence: \"{s.text}\"", "quote it under evidence if it states the claim; `briefing suggest` prints the item", "info"))
    for claim in (c for c in uncovered(shared_claims(index), cited, evidence) if claim_worth_a_fact(c)):
        first = claim.units[0].sentence
        document = briefing.sources[first.source].document
        line, col = document.at(("sentences", first.index, "text"))
        where = ", ".join(f"{u.sentence.source} {u.sentence.anchor}" for u in claim.units)
        problems.append(Problem(document.path, line, col, "claim-uncovered", f"{len(claim.sources)} sources state a claim no fact covers ({where}): \"{claim.lead.clause}\"", "write a fact for it if it matters; `briefing suggest` drafts one", "info"))
    return problems
