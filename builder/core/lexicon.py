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
# The reporting frame: words that hand a claim on as someone's report or expectation. After
# a quote, up to the end of its clause, only these hedge it ("…, according to Reuters"); a
# modal or an outlet's inference there qualifies other words (builder/content/hedges.py).
FRAME_HEDGES = (
    "reportedly", "according to", "reports suggest", "reports suggesting", "reports indicate",
    "reports indicating", "report says", "the report says", "said to be", "is said to", "are said to",
    "people familiar", "sources said", "indications", "is expected to", "are expected to", "expected to",
    "allegedly", "reports", "if confirmed",
)
# Words that credit or hand on a claim in a statement's own wording: a statement with one of
# these or a hedge is not flat ("In Reuters' account, …", "… was reported to …").
STATEMENT_FRAMES = (
    "according to", "reported", "reports", "reportedly", "said", "says", "say", "claimed", "claims", "claim",
    "account", "per", "expected", "in the view of", "in the outlets' reading", "the outlets read",
)

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
    1: (
        "last year", "this year", "next year", "earlier this year", "later this year", "previous year",
        "in recent years",
    ),
    2: ("within weeks", "within the next few weeks", "in the coming weeks", "in coming weeks", "next few weeks",
        "past several months", "past few months", "last month", "this month", "next month", "earlier this month",
        "recent weeks", "in recent months", "for months", "soon"),
    3: ("today", "yesterday", "tomorrow", "on monday", "on tuesday", "on wednesday", "on thursday", "on friday",
        "on saturday", "on sunday", "last week", "this week"),
}
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)


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
# The same candidates, found faster: every hedge starts a word, so only the hedges whose
# first word is the text's word at that place are tried (longest first, as the alternation).
_WORD = re.compile(r"\w+")
_BY_FIRST_WORD: dict[str, list[tuple[str, re.Pattern]]] = {}
for _hedge in _LONGEST_FIRST:
    _BY_FIRST_WORD.setdefault(_WORD.match(_hedge).group(), []).append(
        (_hedge, re.compile(re.escape(_hedge) + r"(?!\w)", re.IGNORECASE))
    )


def _candidates_by_word(text: str) -> list[tuple[int, int, str]]:
    # Only for text without non-ASCII letters: lower() then keeps every character's place
    # and word-ness, so the lowered text's words are the text's words, lower-cased.
    found = []
    for token in _WORD.finditer(text.lower()):
        candidates = _BY_FIRST_WORD.get(token[0])
        if candidates:
            start = token.start()
            for hedge, pattern in candidates:
                match = pattern.match(text, start)
                if match:
                    found.append((start, match.end(), hedge))
                    break
    return found


def _candidates_by_regex(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _ANY_HEDGE.finditer(text):
        hedge = _BY_LOWER.get(match.group(1).lower())
        if hedge is None:  # a case-insensitive match whose lower() is no hedge (rare letters)
            hedge = next(h for h in HEDGES if hedge_pattern(h).fullmatch(match.group(1)))
        found.append((match.start(), match.start() + len(match.group(1)), hedge))
    return found


def hedges_in(text: str) -> list[str]:
    """Lexicon hedges present in ``text``, longest first, none inside another found one."""
    return list(_hedges_in(text))


@lru_cache(maxsize=65536)  # the same sentence is asked about by quotes, status and extraction
def _hedges_in(text: str) -> tuple[str, ...]:
    return tuple(sorted({hedge for _, _, hedge in hedge_spans(text)}))


@lru_cache(maxsize=65536)
def hedge_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, hedge) of every lexicon hedge in ``text``, in text order: the longest
    hedge wins where two overlap, so "reports suggest" is one hedge, not "reports" too."""
    # Letters beyond ASCII may match an ASCII hedge letter case-insensitively (the Kelvin
    # sign, a long s) without lower-casing to it: such text takes the full alternation.
    plain = text.isascii() or not any(c.isalpha() and not c.isascii() for c in text)
    candidates = _candidates_by_word(text) if plain else _candidates_by_regex(text)
    found: list[tuple[int, int, str]] = []
    for start, end, hedge in sorted(candidates, key=lambda c: (_RANK[c[2]], c[0])):
        if not any(a <= start < b for a, b, _ in found):
            found.append((start, end, hedge))
    return tuple(sorted(found))


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


def clear_memos() -> None:
    """Empty the hedge memos, as a new process meets them (the bench times a first check)."""
    _hedges_in.cache_clear()
    hedge_pattern.cache_clear()
