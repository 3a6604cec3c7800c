"""What a reader takes away: a statement keeps its evidence's hedge, background stays
background, and a dispute's page shows each quote once.

- ``statement-drops-hedge`` (warning): every quote of a fact below confirmed is hedged or
  credited, yet its statement asserts the claim flatly. An editor who means the flat wording
  says why in ``flat_statement``; the page shows that reason.
- ``background-not-allowed`` (error): only a reported or confirmed fact can be marked as
  established background (``background: {basis: …}``).
- ``quote-repeated-in-dispute`` (error): a dispute's page lists its positions' own quotes and
  those of the facts they rest on; the same words of one source appear there once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from builder.checks.quotes import binding_hedges
from builder.content.evidence import cited_sources, item_span
from builder.content.load import Briefing, Document
from builder.core.lexicon import ANALYSIS_HEDGES, STATEMENT_FRAMES, hedges_in
from builder.core.problems import Problem

_LINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_LONGEST_FIRST = sorted(STATEMENT_FRAMES, key=len, reverse=True)
_FRAMES = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, _LONGEST_FIRST)) + r")(?!\w)", re.IGNORECASE)


def statement_words(statement: str) -> str:
    """A statement as a reader reads it: link labels (or ids as words), no emphasis marks."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1).replace("-", " "), statement)
    return re.sub(r"[*_`]", "", text)


def is_flat(statement: str) -> bool:
    """True when the statement neither hedges nor credits anyone ("will" is flat)."""
    words = statement_words(statement)
    return not hedges_in(words) and not _FRAMES.search(words)


def hedged_wording(statement: str, hedges: list[str], status: str) -> str:
    """The statement reworded to keep its evidence's hedge: a suggestion, for a person to judge."""
    lowered = [h.lower() for h in hedges]
    if any("expected to" in h for h in lowered) and re.search(r"\bwill\b", statement):
        return re.sub(r"\bwill\b", "is expected to", statement, count=1)
    first, rest = statement.split(" ", 1) if " " in statement else (statement, "")
    opening = f"{first.lower()} {rest}" if first in ("The", "A", "An", "Parts", "Earlier") else statement
    if status == "speculative" and lowered and all(h in ANALYSIS_HEDGES for h in lowered):
        return f"In the outlets' reading, {opening}"
    return f"Reportedly, {opening}"


def check_statements(briefing: Briefing) -> Iterator[Problem]:
    """A fact whose every quote is hedged or credited, below confirmed, says so in its statement
    (kept with the fact while the sources it cites are unchanged)."""
    for fact in briefing.kind("fact").values():
        yield from fact.derived("statement", lambda: list(_statement_problems(briefing, fact)),
                                given=cited_sources(briefing, fact))


def _statement_problems(briefing: Briefing, fact: Document) -> Iterator[Problem]:
    data = fact.data
    statement, status = data.get("statement"), data.get("status")
    evidence = [e for e in data.get("evidence") or [] if isinstance(e, dict)]
    if not isinstance(statement, str) or status == "confirmed" or not evidence or data.get("flat_statement"):
        return
    carried: Counter[str] = Counter()
    for item in evidence:
        hedges = binding_hedges(briefing, item)
        credited = item.get("attribution") if isinstance(item.get("attribution"), str) else ""
        if not hedges and not credited and not item.get("via"):
            return
        carried.update(h.lower() for h in hedges)
        if credited and not hedges:
            carried[f"credited: {credited}"] += 1
        elif not hedges:
            chain = " → ".join(str(v.get("entity")) for v in item["via"] if isinstance(v, dict))
            carried[f"credited via {chain}"] += 1
    if not is_flat(statement):
        return
    names = [name for name, _ in carried.most_common()]
    line, col = fact.at(("statement",))
    suggestion = hedged_wording(statement, names, status)
    yield Problem(
        fact.path, line, col, "statement-drops-hedge",
        f"every quote of this {status} fact is hedged or credited ({', '.join(names)}),"
        " but the statement asserts it flatly",
        f"keep the hedge in the statement, e.g. {suggestion!r}; or, if the flat wording is right,"
        " add flat_statement: <why> (shown on the fact's page)",
        "warning",
    )


def check_background(briefing: Briefing) -> Iterator[Problem]:
    """Background is for settled context, never for a disputed or speculative claim."""
    for fact in briefing.kind("fact").values():
        status = fact.data.get("status")
        if fact.data.get("background") and status in ("disputed", "speculative"):
            line, col = fact.at(("background",), key=True)
            yield Problem(
                fact.path, line, col, "background-not-allowed",
                f"a {status} fact cannot be background: background is established context,"
                " shown without an origin warning",
                "remove background, or, if the public record settles it, set the status the evidence allows"
                " and name the record in background.basis",
            )


def check_dispute_quotes(briefing: Briefing) -> Iterator[Problem]:
    """Each quote stands once on a dispute's page (its positions' own quotes and their facts')."""
    facts = briefing.kind("fact")
    for dispute in briefing.kind("dispute").values():
        seen: dict[tuple, str] = {}
        for p, position in enumerate(dispute.data.get("positions") or []):
            if not isinstance(position, dict):
                continue
            shown: list[tuple[tuple, dict, str]] = []
            for i, item in enumerate(position.get("evidence") or []):
                where = f"position {p + 1}'s own evidence"
                shown.append((("positions", p, "evidence", i, "quote"), item, where))
            for i, fact_id in enumerate(position.get("facts") or []):
                fact = facts.get(fact_id)
                for item in (fact.data.get("evidence") or []) if fact else []:
                    shown.append((("positions", p, "facts", i), item, f"position {p + 1}, fact {fact_id}"))
            for path, item, where in shown:
                key = _quote_key(briefing, item)
                if key is None:
                    continue
                if key in seen:
                    line, col = dispute.at(path)
                    yield Problem(
                        dispute.path, line, col, "quote-repeated-in-dispute",
                        f"the {item['source'][:4]} quote \"{_short(item['quote'])}\" is shown twice on this"
                        f" dispute's page: in {seen[key]} and in {where}",
                        "show each quote once: rest the position on a fact that does not repeat it,"
                        " or move the quote to the one position it supports",
                    )
                else:
                    seen[key] = where


def _quote_key(briefing: Briefing, item) -> tuple | None:
    found = item_span(briefing, item)
    return (found[0].id, found[1]) if found else None


def _short(quote: str, words: int = 12) -> str:
    parts = quote.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

