"""Where each quote stands in its source: the one place that locates evidence.

Quotes are found with ``str.find`` in each source's folded text (indexed once at load).
``span`` remembers every answer in the briefing's ``quote_spans``, so the check, the claim
notes, suggestions and the renderer locate each quote once per process; the pipeline also
keeps the answers beside the check's cached problems, so a build answered from that cache
still has them.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.content.load import Briefing, Document, SourceText
from builder.core.text import fold

MIN_QUOTE_WORDS = 5  # shorter quotes rarely carry a claim, and match too easily

Span = tuple[int, int]


def locate(source: SourceText, quote: str) -> Span | None:
    """(start, end) of the quote in the source's normalized text, or None (not remembered:
    for any text, such as a draft's quote or another source that may hold it)."""
    return locate_folded(source, fold(quote))


def locate_folded(source: SourceText, folded: str) -> Span | None:
    """``locate`` for a quote already folded."""
    at = source.folded.find(folded) if folded else -1
    if at < 0:
        return None
    return source.where[at], source.where[at + len(folded) - 1] + 1


def span(briefing: Briefing, source: SourceText, quote: str) -> Span | None:
    """Where an evidence quote stands in its source, located once per briefing."""
    key = (source.id, quote)
    if key not in briefing.quote_spans:
        briefing.quote_spans[key] = locate(source, quote)
    return briefing.quote_spans[key]


def item_span(briefing: Briefing, item: object) -> tuple[SourceText, Span] | None:
    """(source, span) of one evidence item whose source exists and whose quote is found."""
    if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
        return None
    source = briefing.sources.get(item.get("source"))
    found = span(briefing, source, item["quote"]) if source is not None else None
    return (source, found) if found else None


def sentence_range(source: SourceText, span: Span) -> tuple[int, int]:
    """Indexes of the first and last sentence a text span touches."""
    return source.sentence_at(span[0]), source.sentence_at(max(span[0], span[1] - 1))


def sentences_of(source: SourceText, span: Span) -> list[dict]:
    """The sentences a text span touches."""
    first, last = sentence_range(source, span)
    return source.sentences[first : last + 1]


def iter_evidence(briefing: Briefing) -> Iterator[tuple[Document, tuple, dict]]:
    """Every evidence item in facts and dispute positions, with its document and path."""
    for document in (*briefing.kind("fact").values(), *briefing.kind("dispute").values()):
        for path, item in evidence_of(document):
            yield document, path, item


def evidence_of(document: Document) -> Iterator[tuple[tuple, dict]]:
    """(path, item) of every evidence item of one fact, or of one dispute's positions."""
    if document.kind == "fact":
        for i, item in enumerate(_list(document.data.get("evidence"))):
            yield ("evidence", i), item
    elif document.kind == "dispute":
        for p, position in enumerate(_list(document.data.get("positions"))):
            if isinstance(position, dict):
                for i, item in enumerate(_list(position.get("evidence"))):
                    yield ("positions", p, "evidence", i), item


def cited_sources(briefing: Briefing, document: Document) -> tuple[SourceText | None, ...]:
    """The source texts one fact's or dispute's evidence names, in order (None where there is
    none): what a rule reading its quotes in their sources depends on, besides the document.
    As a ``Document.derived`` ``given``: equal while each is the same unchanged source.
    Worked out once per briefing (several rules and the renderer ask)."""
    found = briefing.cited.get(document.path)
    if found is None:
        found = briefing.cited[document.path] = tuple(
            briefing.sources.get(item["source"]) if isinstance(item, dict) and isinstance(item.get("source"), str)
            else None
            for _, item in evidence_of(document)
        )
    return found


def _list(value) -> list:
    return value if isinstance(value, list) else []


def export_spans(briefing: Briefing) -> list[list]:
    """The remembered spans as JSON-ready rows, for the check cache."""
    return [
        [source_id, quote, list(found) if found else None] for (source_id, quote), found in briefing.quote_spans.items()
    ]


def import_spans(briefing: Briefing, rows: list[list]) -> None:
    """Remember spans a cached check found (``export_spans``'s rows)."""
    for source_id, quote, found in rows:
        briefing.quote_spans[(source_id, quote)] = tuple(found) if found else None
