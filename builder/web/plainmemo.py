"""Markdown made plain text, kept from one render to the next (the preview's).

Every link label, tooltip and title is a record's Markdown (a fact's statement, a dispute's
question) with each ``[[id]]`` replaced by its target's own label: about 5,000 texts parsed
at 1,000 sources, the largest part of building the page list. The preview renders again after
each save; a text's plain form is reused when every record it looked up (the ids it links,
and the ids their labels link in turn) is still the same document, in the same kinds, as when
it was made. The preview's loads keep an unchanged file's document, so an edit to one record
makes only the texts that looked it up be made again.
"""

from __future__ import annotations

from builder.content.load import Briefing

KINDS = ("source", "entity", "fact", "dispute")  # where Renderer.kind_of and labels look an id up


class PlainMemo:
    """Plain texts of the last render, with the records each looked up."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, frozenset[str], tuple]] = {}
        self._used: set[str] = set()

    def get(self, briefing: Briefing, text: str) -> tuple[str, frozenset[str]] | None:
        """(plain text, ids it looked up) as last made, if every one of those ids still names
        the same documents."""
        kept = self._kept.get(text)
        if kept is None or kept[2] != _records(briefing, kept[1]):
            return None
        self._used.add(text)
        return kept[0], kept[1]

    def keep(self, briefing: Briefing, text: str, value: str, looked_up: frozenset[str]) -> None:
        self._kept[text] = (value, looked_up, _records(briefing, looked_up))
        self._used.add(text)

    def forget_unused(self) -> None:
        """Drop what the render just finished did not ask for (texts edited away)."""
        self._kept = {text: kept for text, kept in self._kept.items() if text in self._used}
        self._used = set()


def _records(briefing: Briefing, ids: frozenset[str]) -> tuple:
    """What a label can read of ``ids``: each one's documents in every kind it may be, and its
    source text. Compared by identity first, so an unchanged document costs nothing."""
    return tuple(
        (briefing.sources.get(record_id), *(briefing.kind(kind).get(record_id) for kind in KINDS))
        for record_id in sorted(ids)
    )
