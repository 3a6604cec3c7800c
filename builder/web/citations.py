"""Every evidence item resolved against its source, indexed both ways: the quotes a fact or
dispute cites, and the facts and disputes citing a source sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.content.evidence import cited_sources, evidence_of, item_span, sentences_of
from builder.content.hedges import evidence_scope
from builder.content.load import Briefing, Document


@dataclass
class Citation:
    """One evidence item of a fact or a dispute, with where its quote stands."""

    owner_id: str  # the fact or dispute whose evidence it is
    source_id: str
    quote: str
    anchors: list[str]  # the sentences the quote covers
    item: dict = field(default_factory=dict)
    owner_kind: str = "fact"  # "fact" or "dispute"
    text: str = ""  # the quoted words exactly as the source has them (its quote marks, dashes)
    lead: str = ""  # the reporting frame before the quote, shown with it when a hedge there binds it
    tail: str = ""  # the reporting frame after it, likewise (builder/content/hedges.py)


class Citations:
    """The briefing's citations in file order, with lookups by owner, by fact and source, and
    by cited sentence."""

    def __init__(self, briefing: Briefing):
        """Each document's citations are kept with it while the sources it cites are unchanged
        (the preview's next load reuses both): they are never changed once made."""
        self.all: list[Citation] = []
        for document in (*briefing.kind("fact").values(), *briefing.kind("dispute").values()):
            self.all += document.derived(
                "citations", lambda: _citations_of(briefing, document), given=cited_sources(briefing, document)
            )
        self._owned: dict[tuple[str, str], list[Citation]] = {}
        self._first: dict[tuple[str, str], Citation] = {}
        self._citing: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for c in self.all:
            self._owned.setdefault((c.owner_kind, c.owner_id), []).append(c)
            if c.owner_kind == "fact":
                self._first.setdefault((c.owner_id, c.source_id), c)
            for anchor in c.anchors:
                owners = self._citing.setdefault((c.source_id, anchor), [])
                if (c.owner_kind, c.owner_id) not in owners:
                    owners.append((c.owner_kind, c.owner_id))

    def of(self, kind: str, owner_id: str) -> list[Citation]:
        """The quotes a fact or dispute cites, in file order."""
        return self._owned.get((kind, owner_id), [])

    def first(self, fact_id: str, source_id: str) -> Citation | None:
        """A fact's first quote from one source (the coverage matrix's cell)."""
        return self._first.get((fact_id, source_id))

    def citing(self, source_id: str, anchor: str) -> list[tuple[str, str]]:
        """(kind, id) of the facts and disputes that quote one sentence of a source."""
        return self._citing.get((source_id, anchor), [])


def _citations_of(briefing: Briefing, document: Document) -> list[Citation]:
    found = []
    for _, item in evidence_of(document):
        located = item_span(briefing, item)
        source_id, quote = item["source"], item["quote"]
        if located:
            source, (start, end) = located
            anchors = [s["anchor"] for s in sentences_of(source, (start, end))]
            lead, tail = evidence_scope(source, (start, end)).frame(item.get("hedge") or ())
            words = [" ".join(part.split()) for part in (source.text[start:end], lead, tail)]
        else:
            anchors, words = [], [" ".join(quote.split()), "", ""]
        found.append(Citation(document.file_id, source_id, quote, anchors, item, document.kind, *words))
    return found
