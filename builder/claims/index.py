"""Clauses of claim sentences and their TF-IDF index: what shared claims, claim notes and the
triage compare.

A claim sentence is cut into clauses (``clauses``) at coordinating commas, semicolons and a
lone dash. Similarity is TF-IDF cosine (scikit-learn's definition, ``tfidf_rows``) over content
terms: scikit-learn's stop words out (``builder.claims.stopwords``), a light suffix stem, every
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

from builder.claims.extract import Extraction, SentenceFacts
from builder.claims.stopwords import ENGLISH_STOP_WORDS
from builder.content.evidence import MIN_QUOTE_WORDS
from builder.core.lexicon import MONTHS

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
    inside = [
        (m.start, m.start + len(m.text), m.entity) for m in unit.sentence.mentions if unit.start <= m.start < unit.end
    ]
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
        return [
            j for j, n in counts.items()
            if n >= SHARED_KEYS and self.units[j].sentence.source != source and self._entities_agree(mine, j)
        ]

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
