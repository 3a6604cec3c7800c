"""How a new sentence that is like a fact says otherwise: a number of the same thing whose
ranges cannot both hold, a date span that does not overlap the fact's (or a postponement), a
negation or denial, or an on-the-record confirmation of what the fact only reports.
``find_conflict`` compares a sentence with one fact; the triage decides which facts to ask."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from builder.claims.extract import as_of_day
from builder.claims.index import Unit
from builder.claims.times import ABSOLUTE
from builder.content.load import Briefing
from builder.core import dates
from builder.core.lexicon import MONTHS

# A plain "not" is common in sentences about other things; as a conflict it needs a closer match.
NEGATION_SIMILAR = 0.4
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
            return f"{quoted(a.text)} here, {quoted(same[0].text)} in the fact"
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
            return f"{quoted(words)} here, {quoted(theirs[0][0])} in the fact"
    if POSTPONED.search(unit.clause) and not any(POSTPONED.search(q) for q in quotes):
        return f"{quoted(POSTPONED.search(unit.clause).group(0))} here: the fact's date may no longer hold"
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
        return Conflict(fact_id, "negation", f"{quoted(CONTRADICTS.search(mine).group(0))} here", shown, like)
    if best and value >= NEGATION_SIMILAR and polarity(mine) and not polarity(quote) and not polarity(statement):
        word = (NEGATION.search(mine) or DENIAL.search(mine)).group(0)
        return Conflict(fact_id, "negation", f"{quoted(word)} here, no negation in the fact", shown, like)
    for theirs, compared in ((shown, like), (statement, None)):
        detail = number_conflict(mine, theirs)
        if detail:
            return Conflict(fact_id, "number", detail, theirs, compared)
    detail = date_conflict(unit, when, [shown], as_of_day(briefing))
    if detail:
        return Conflict(fact_id, "date", detail, shown, like)
    if status in ("reported", "speculative", "disputed") and CONFIRMED.search(mine) and not UNCONFIRMED.search(mine):
        word = CONFIRMED.search(mine).group(0)
        return Conflict(fact_id, "status", f"{quoted(word)} here, '{status}' in the fact", shown, like)
    return None


def quoted(text: str) -> str:
    """Words as the triage shows them: in double quotes, escaped as JSON."""
    return json.dumps(text, ensure_ascii=False)
