"""The date rules: every date field names a real calendar day, month or year; a fact's EDTF
date is one the timeline can show, no finer than its quoted time phrase allows, and lies
ahead of the as-of day exactly when the fact is expected."""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.content.load import Briefing, Document
from builder.core import dates
from builder.core.lexicon import phrase_precision
from builder.core.problems import Problem
from builder.core.text import fold

# Every date field of the content model, by name wherever it stands (a redirect's changed
# too): the calendar-day fields, and the EDTF ones. A test holds this to the JSON Schemas.
DAY_FIELDS = ("changed", "as_of")
EDTF_FIELDS = ("when", "published", "reporting_window")


def _date_fields(value, path: tuple) -> Iterator[tuple[tuple, str, str]]:
    """(path, field name, value) of every date field under ``value``."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str) and key in DAY_FIELDS + EDTF_FIELDS:
            yield path + (key,), key, item
        elif isinstance(item, (dict, list)) and key not in ("sentences", "paragraphs"):
            yield from _date_fields(item, path + (key,))


def check_calendar(briefing: Briefing) -> Iterator[Problem]:
    """Every date names a month and day the calendar has ("2026-02-30" does not)."""
    for document in briefing.documents:
        if document.kind != "source-text":
            yield from document.derived("calendar", lambda: list(_calendar_in(document)))


def _calendar_in(document: Document) -> Iterator[Problem]:
    for path, name, value in _date_fields(document.data, ()):
        wrong = dates.calendar_problem(value, day_only=name in DAY_FIELDS)
        if wrong:
            why, part, example = wrong
            line, col = document.at(path)
            yield Problem(
                document.path, line, col, "impossible-date",
                f"{name} {value!r} is not a real calendar date: {why}", f"correct {part!r}, e.g. to {example!r}",
            )


def check_dates(briefing: Briefing) -> Iterator[Problem]:
    """Dates exist, EDTF dates are valid, no finer than their phrase allows, and expected events lie ahead."""
    yield from check_calendar(briefing)
    as_of = briefing.briefing.data.get("as_of") if briefing.briefing else None
    as_of_bounds = dates.bounds(as_of) if isinstance(as_of, str) and not dates.calendar_problem(as_of) else None
    for meta in briefing.kind("source").values():
        published = meta.data.get("published")
        if isinstance(published, str) and not dates.calendar_problem(published) and dates.parse(published) is None:
            line, col = meta.at(("published",))
            yield _bad_edtf(meta, line, col, "published", published)
    for fact in briefing.kind("fact").values():  # the fact and the as-of day alone: kept with the fact
        yield from fact.derived("dates", lambda: list(_fact_date_problems(fact, as_of, as_of_bounds)), given=as_of)


def _fact_date_problems(fact: Document, as_of: str | None, as_of_bounds: tuple | None) -> Iterator[Problem]:
    when = fact.data.get("when")
    if not isinstance(when, str) or dates.calendar_problem(when):
        return
    when_at = ("when",)  # placed only for a problem: a position is read again from the file
    if dates.parse(when) is None:
        yield _bad_edtf(fact, *fact.at(when_at), "when", when)
        return
    if not dates.is_supported(when):
        yield Problem(
            fact.path, *fact.at(when_at), "unsupported-date",
            f"{when!r} is valid EDTF, but not a form the timeline can show honestly",
            'use a year, month, season or day ("2026", "2026-04", "2026-21", "2026-04-03"), '
            'optionally with ?, ~ or %, or a closed interval of two ("2026-03/2026-04")',
        )
        return
    span = dates.bounds(when)
    if span and span[0] > span[1]:
        why = f"{when!r} ends before it starts"
        yield Problem(fact.path, *fact.at(when_at), "reversed-date", why, "write the interval earliest first")
        return
    basis = fact.data["when_basis"]
    quotes = " ".join(fold(e["quote"]).lower() for e in fact.data["evidence"])
    if fold(basis["phrase"]).lower() not in quotes:
        pline, pcol = fact.at(("when_basis", "phrase"))
        yield Problem(
            fact.path, pline, pcol, "phrase-not-quoted",
            f"the time phrase {basis['phrase']!r} is in none of this fact's quotes",
            "copy the time words from a quote, or quote the sentence that has them",
        )
    allowed = phrase_precision(basis["phrase"])
    if allowed is not None and dates.precision(when) > allowed:
        named, supported = dates.PRECISION_NAMES[dates.precision(when)], dates.PRECISION_NAMES[allowed]
        yield Problem(
            fact.path, *fact.at(when_at), "date-too-precise",
            f"{when!r} names {named}, but {basis['phrase']!r} supports only {supported}",
            f"write it to {supported} at most, e.g. {_coarsen(when, allowed)!r}",
        )
    if span and as_of_bounds:
        expected = fact.data.get("expected", False)
        if expected and span[1] < as_of_bounds[0]:
            yield Problem(
                fact.path, *fact.at(when_at), "expected-in-past",
                f"expected: true, but {when!r} ends before the as-of day {as_of}",
                "set expected: false, or correct the date",
            )
        if not expected and span[0] > as_of_bounds[1]:
            yield Problem(
                fact.path, *fact.at(when_at), "future-not-expected",
                f"{when!r} lies after the as-of day {as_of}, but expected is not true",
                "set expected: true for an event that has not happened yet",
            )


def _bad_edtf(document: Document, line: int, col: int, field: str, value: str) -> Problem:
    return Problem(
        document.path, line, col, "bad-date", f"{field} {value!r} is not a valid EDTF date",
        'write e.g. "2026", "2026-04", "2026-04-03", "2026-04~" (about), "2026-04?" (uncertain) '
        'or "2026-03/2026-04"',
    )


def _coarsen(value: str, precision: int) -> str:
    return re.sub(
        r"\b(\d{4})(-\d{2})?(-\d{2})?", lambda m: "".join(m.group(i) or "" for i in range(1, precision + 1)), value
    )
