"""When a sentence says something happened: relative time phrases ("last month", "in
recent weeks") resolved against the briefing's as-of day, never the clock, and absolute
dates ("6 May 2026", "2025") as written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from builder.core.lexicon import MONTHS, TIME_PHRASES


@dataclass(frozen=True)
class TimeRef:
    phrase: str
    edtf: str | None
    relative_to: str  # "as-of" or "absolute"
    derivation: str


_PHRASES = sorted((p for group in TIME_PHRASES.values() for p in group), key=len, reverse=True)
TIME = re.compile(r"(?i:(?<!\w)(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")(?!\w))")
_MONTH = "|".join(m.capitalize() for m in MONTHS)
ABSOLUTE = re.compile(
    rf"\b(?:(?P<d1>[12]?\d|3[01])\s+)?(?P<m>{_MONTH})(?:\s+(?P<d2>[12]?\d|3[01])(?:st|nd|rd|th)?)?,?\s+"
    r"(?P<y>(?:19|20)\d\d)\b|\b(?P<year>(?:19|20)\d\d)\b"
)
FORWARD = ("within", "coming", "next", "soon", "tomorrow", "later")


def _month(day: dt.date, shift: int) -> str:
    index = day.year * 12 + day.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def resolve_phrase(phrase: str, as_of: dt.date) -> str | None:
    """The EDTF a relative time phrase stands for, read against the as-of day."""
    p, y = phrase.lower(), as_of.year
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    monday = as_of - dt.timedelta(days=as_of.weekday())
    table = {
        "today": as_of.isoformat(), "yesterday": (as_of - dt.timedelta(days=1)).isoformat(),
        "tomorrow": (as_of + dt.timedelta(days=1)).isoformat(),
        "last week": f"{monday - dt.timedelta(days=7)}/{monday - dt.timedelta(days=1)}",
        "this week": f"{monday}/{monday + dt.timedelta(days=6)}",
        "last month": _month(as_of, -1), "this month": _month(as_of, 0), "earlier this month": _month(as_of, 0),
        "next month": _month(as_of, 1), "recent weeks": f"{_month(as_of, -1)}/{_month(as_of, 0)}",
        "last year": str(y - 1), "previous year": str(y - 1), "this year": str(y), "earlier this year": str(y),
        "later this year": str(y), "next year": str(y + 1), "in recent years": f"{y - 3}/{y}",
    }
    if p in table:
        return table[p]
    if p.startswith("on ") and p[3:] in weekdays:
        back = (as_of.weekday() - weekdays.index(p[3:])) % 7
        return f"{as_of - dt.timedelta(days=back)}?"
    if any(w in p for w in ("weeks", "soon")):
        return f"{_month(as_of, 0)}/{_month(as_of, 2)}"
    if "months" in p:
        return f"{_month(as_of, -6)}/{_month(as_of, 0)}"
    return None


def find_times(text: str, as_of: dt.date | None) -> list[TimeRef]:
    refs = []
    for match in TIME.finditer(text):
        edtf = resolve_phrase(match.group(0), as_of) if as_of else None
        if edtf:
            how = f"{match.group(0)!r} read against the briefing's as-of day {as_of}: {edtf}"
        else:
            how = f"{match.group(0)!r} names no date the tool can resolve"
        refs.append(TimeRef(match.group(0), edtf, "as-of", how + " (the article's own date may differ)"))
    for match in ABSOLUTE.finditer(text):
        if match.group("year"):
            edtf = match.group("year")
        else:
            day = match.group("d1") or match.group("d2")
            month = MONTHS.index(match.group("m").lower()) + 1
            edtf = f"{match.group('y')}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        refs.append(TimeRef(match.group(0), edtf, "absolute", f"{match.group(0)!r} is a date: {edtf}"))
    return refs
