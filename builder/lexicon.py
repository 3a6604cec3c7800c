"""Word lists the checks share: hedges, number words, and time phrases with their precision.

Each list is documented in CONTRIBUTING.md; change both together.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Hedges that attribute the claim to someone else's report, or relay it as expected or
# possible: evidence hedged this way supports at most "reported".
ATTRIBUTION_HEDGES = (
    "reportedly", "according to", "reports suggest", "reports suggesting", "reports indicate",
    "reports indicating", "report says",
    "the report says", "said to be", "is said to", "are said to", "people familiar",
    "sources said", "indications", "is expected to", "are expected to", "expected to",
    "allegedly", "reports", "may", "might", "could", "appears", "appear to", "seems",
    "likely", "possibly", "potentially", "if confirmed",
)
# The outlet's own analysis, not anyone's report: evidence hedged only this way supports
# at most "speculative".
ANALYSIS_HEDGES = (
    "this suggests", "that suggests", "suggests", "suggest", "suggesting", "signals", "signaling",
    "signalling", "indicates", "indicate", "indicating", "reflects",
)
HEDGES = ATTRIBUTION_HEDGES + ANALYSIS_HEDGES

STATUS_RANK = {"confirmed": 3, "reported": 2, "speculative": 1}

NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
    "trillions", "half", "double", "triple", "several", "multiple",
)
NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b|\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

# Time phrases and the finest EDTF precision they support (1 year, 2 month, 3 day).
TIME_PHRASES = {
    1: ("last year", "this year", "next year", "earlier this year", "later this year", "previous year", "in recent years"),
    2: ("within weeks", "within the next few weeks", "in the coming weeks", "in coming weeks", "next few weeks",
        "past several months", "past few months", "last month", "this month", "next month", "earlier this month",
        "recent weeks", "in recent months", "for months", "soon"),
    3: ("today", "yesterday", "tomorrow", "on monday", "on tuesday", "on wednesday", "on thursday", "on friday",
        "on saturday", "on sunday", "last week", "this week"),
}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")


@lru_cache(maxsize=None)
def hedge_pattern(hedge: str) -> re.Pattern:
    """A case-insensitive whole-word pattern for a hedge."""
    return re.compile(r"(?<!\w)" + re.escape(hedge) + r"(?!\w)", re.IGNORECASE)


# Every hedge, longest first, inside a lookahead so that matches may overlap: at each place
# the longest hedge starting there is seen, then hedges_in keeps the longest ones first.
_LONGEST_FIRST = sorted(HEDGES, key=len, reverse=True)
_ANY_HEDGE = re.compile(r"(?<!\w)(?=(" + "|".join(map(re.escape, _LONGEST_FIRST)) + r")(?!\w))", re.IGNORECASE)
_BY_LOWER = {h.lower(): h for h in HEDGES}
_RANK = {h: i for i, h in enumerate(_LONGEST_FIRST)}


def hedges_in(text: str) -> list[str]:
    """Lexicon hedges present in ``text``, longest first, none inside another found one."""
    return list(_hedges_in(text))


@lru_cache(maxsize=65536)  # the same sentence is asked about by quotes, status and extraction
def _hedges_in(text: str) -> tuple[str, ...]:
    candidates = []
    for match in _ANY_HEDGE.finditer(text):
        hedge = _BY_LOWER.get(match.group(1).lower())
        if hedge is None:  # a case-insensitive match whose lower() is no hedge (rare letters)
            hedge = next(h for h in HEDGES if hedge_pattern(h).fullmatch(match.group(1)))
        candidates.append((match.start(), match.start() + len(match.group(1)), hedge))
    found: list[tuple[int, int]] = []
    kept: set[str] = set()
    for start, end, hedge in sorted(candidates, key=lambda c: (_RANK[c[2]], c[0])):
        if not any(a <= start < b for a, b in found):
            found.append((start, end))
            kept.add(hedge)
    return tuple(sorted(kept))


def ceiling(hedges: list[str]) -> int:
    """The firmest status rank that evidence with these hedges supports."""
    if not hedges:
        return STATUS_RANK["confirmed"]
    if all(h.lower() in ANALYSIS_HEDGES for h in hedges):
        return STATUS_RANK["speculative"]
    return STATUS_RANK["reported"]


def phrase_precision(phrase: str) -> int | None:
    """The finest precision a time phrase supports, or None if no rule knows it."""
    lowered = phrase.lower().strip()
    for precision in (3, 2, 1):
        if any(p in lowered for p in TIME_PHRASES[precision]):
            return precision
    has_year = bool(re.search(r"\b(19|20)\d\d\b", lowered))
    month = any(re.search(rf"\b{m}\b", lowered) for m in MONTHS)
    if month and re.search(r"\b([1-9]|[12]\d|3[01])(st|nd|rd|th)?\b", re.sub(r"\b(19|20)\d\d\b", "", lowered)):
        return 3
    if month:
        return 2
    if has_year:
        return 1
    return None
