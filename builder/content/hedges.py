"""Hedge scope: which hedging words qualify an evidence item's quoted words.

One lexical rule, no parser, used by ``briefing check``, ``briefing suggest``, the synthetic
briefing and the fact and dispute pages:

- the quote's own words: every hedge in them binds the quote;
- the **lead**, the words before the quote back to the nearest clause boundary in its
  sentence: every hedge there binds it ("Reports suggest that …", "According to the same
  report, …", "The decision appears …");
- the **tail**, the words after the quote up to the nearest clause boundary: only a reporting
  frame binds it ("…, according to a report by Reuters", "…, people familiar with the matter
  said"); a modal or an outlet's inference there ("…, this move suggests that the gap may
  close") qualifies other words, and so does a frame that opens a clause of its own with
  "that" ("…, with reports suggesting that hundreds of thousands …").

A clause boundary is ``;``, ``:``, an em dash (or a spaced en dash), or a comma followed by
"and", "but" or "which", except the ", and" that closes a list of names ("Alibaba, Tencent,
and ByteDance"). A hedge outside the scope is not the quote's hedge: declaring it is refused,
and the page never shows it. Where the page shows a hedge from the lead or tail, it shows
those words with the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from builder.content.load import SourceText
from builder.core.lexicon import FRAME_HEDGES, hedge_pattern, hedge_spans

BOUNDARY = re.compile(r"[;:—]|\s–\s|,\s+(?:and|but|which)(?!\w)", re.IGNORECASE)
_LIST_AND = re.compile(r",\s+and(?!\w)", re.IGNORECASE)
_OPENS_CLAUSE = re.compile(r"\s+that(?!\w)", re.IGNORECASE)  # "…, with reports suggesting that X": X's frame
LIST_ITEM_WORDS = 3  # ", and" after a list item this short (itself after a comma) closes a list


@dataclass(frozen=True)
class Scope:
    """An evidence item's quote in its sentence(s), its lead and tail, and the hedges in them.

    Offsets are into ``text``: the quote is ``text[start:end]``, the lead
    ``text[lead:start]``, the tail ``text[end:tail]``.
    """

    text: str
    lead: int
    start: int
    end: int
    tail: int
    found: tuple[tuple[int, int, str, str], ...]  # (start, end, hedge, where: words/lead/tail/out)

    @property
    def hedges(self) -> list[str]:
        """The hedges that bind the quote, sorted, each once."""
        return sorted({hedge for _, _, hedge, where in self.found if where != "out"})

    @property
    def lead_text(self) -> str:
        """The lead's words when a hedge in them binds the quote (shown with it), else ""."""
        return self.frame()[0]

    @property
    def tail_text(self) -> str:
        """The tail's words when a reporting frame in them binds the quote, else ""."""
        return self.frame()[1]

    @property
    def shown(self) -> str:
        """The words a page shows for this quote: lead, quote and tail where they bind."""
        parts = (self.lead_text, self.text[self.start : self.end], self.tail_text)
        return " ".join(part.strip() for part in parts if part.strip())

    def frame(self, declared=()) -> tuple[str, str]:
        """(lead, tail) words a page shows with the quote: each part that holds a hedge that
        binds it, found by the rule or declared by the editor, else ""."""
        places = {w for *_, w in self.found} | {self.where(h) for h in declared if isinstance(h, str)}
        for s, e, _, where in self.found:  # a hedge the quote's edge cuts is shown whole
            if where == "words" and s < self.start:
                places.add("lead")
            if where == "words" and e > self.end:
                places.add("tail")
        lead = self.text[self.lead : self.start].strip() if "lead" in places else ""
        tail = self.text[self.end : self.tail].rstrip(" .") if "tail" in places else ""
        return lead, tail

    def where(self, hedge: str) -> str:
        """Where a declared hedge stands: "words", "lead", "tail" (binding), "out" or "absent"."""
        places = [_place(self, m.start(), m.end(), hedge) for m in hedge_pattern(hedge).finditer(self.text)]
        for place in ("words", "lead", "tail", "out"):
            if place in places:
                return place
        return "absent"

    def clause(self, hedge: str) -> str:
        """The clause around the first place ``hedge`` stands outside the scope, for a message."""
        for match in hedge_pattern(hedge).finditer(self.text):
            if _place(self, match.start(), match.end(), hedge) == "out":
                if self.end <= match.start() and match.end() <= self.tail:  # after the quote, in its clause
                    return self.text[self.end : self.tail].strip(" ,.")
                return _clause_at(self.text, match.start(), match.end())
        return ""


def _place(scope: Scope, start: int, end: int, hedge: str) -> str:
    if start < scope.end and end > scope.start:
        return "words"
    if scope.lead <= start and end <= scope.start:
        return "lead"
    if scope.end <= start and end <= scope.tail and _is_frame(hedge) and not _OPENS_CLAUSE.match(scope.text, end):
        return "tail"
    return "out"


def _is_frame(hedge: str) -> bool:
    lowered = hedge.lower()
    return lowered in FRAME_HEDGES


def _boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause boundary in ``text``, list-closing ", and" left out."""
    out = []
    for match in BOUNDARY.finditer(text):
        if _LIST_AND.fullmatch(match.group(0)):
            before = text[: match.start()]
            comma = before.rfind(",")
            item = before[comma + 1 :]
            if comma >= 0 and 1 <= len(item.split()) <= LIST_ITEM_WORDS and not BOUNDARY.search(before[comma:]):
                continue
        out.append((match.start(), match.end()))
    return out


def _clause_at(text: str, start: int, end: int) -> str:
    cuts = _boundaries(text)
    left = max((b for _, b in cuts if b <= start), default=0)
    right = min((a for a, _ in cuts if a >= end), default=len(text))
    return text[left:right].strip()


@lru_cache(maxsize=65536)
def scope_in(text: str, start: int, end: int) -> Scope:
    """The scope of the quote ``text[start:end]`` in its sentence(s) ``text``."""
    cuts = _boundaries(text)
    lead = max((b for a, b in cuts if b <= start), default=0)
    tail = min((a for a, b in cuts if a >= end), default=len(text))
    found = []
    for s, e, hedge in hedge_spans(text):
        probe = Scope(text, lead, start, end, tail, ())
        found.append((s, e, hedge, _place(probe, s, e, hedge)))
    return Scope(text, lead, start, end, tail, tuple(found))


def scope_of(sentence: str, quote: str) -> Scope:
    """The scope of ``quote`` as it first stands in ``sentence`` (for tests and tools)."""
    at = sentence.find(quote)
    if at < 0:
        raise ValueError(f"{quote!r} is not in {sentence!r}")
    return scope_in(sentence, at, at + len(quote))


def evidence_scope(source: SourceText, span: tuple[int, int]) -> Scope:
    """The scope of a quote found at ``span`` (offsets into ``source.text``), kept with the source."""
    found = source.memo.get(("scope", span))
    if found is None:
        found = source.memo[("scope", span)] = _evidence_scope(source, span)
    return found


def _evidence_scope(source: SourceText, span: tuple[int, int]) -> Scope:
    first = source.sentence_at(span[0])
    last = source.sentence_at(max(span[0], span[1] - 1))
    base = source.starts[first]
    end = source.starts[last] + len(source.sentences[last]["text"])
    return scope_in(source.text[base:end], span[0] - base, span[1] - base)
