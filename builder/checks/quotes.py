"""Evidence against its source: quotes verbatim (after folding), hedges, numbers, status.

Quotes are found with ``str.find`` in each source's folded text, indexed once at load;
rapidfuzz runs only to explain a quote that is not there.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz

from builder.core.lexicon import NUMBER, STATUS_RANK, ceiling, hedge_pattern
from builder.core.lexicon import clear_memos as lexicon_clear_memos
from builder.content.hedges import Scope, evidence_scope
from builder.content.load import Briefing, Document, SourceText
from builder.core.problems import Problem
from builder.core.text import fold
from builder.content.evidence import MIN_QUOTE_WORDS, cited_sources, evidence_of, locate, sentence_range
from builder.content.evidence import span as evidence_span

def _list(value) -> list:
    return value if isinstance(value, list) else []


def check_quotes(briefing: Briefing) -> Iterator[Problem]:
    """Each quote stands in its source; hedges declared are in its sentence, and none is missed.

    What one fact or dispute gets is kept with its document while the sources it cites and the
    entities its ``via`` names are unchanged (the preview's next load reuses all three); a
    quote not found is explained anew each time, as every other source is searched for it.
    """
    for document in (*briefing.kind("fact").values(), *briefing.kind("dispute").values()):
        given = (cited_sources(briefing, document), _via_entities(briefing, document))
        for found in document.derived("quotes", lambda: list(_quote_problems(briefing, document)), given=given):
            if isinstance(found, Problem):
                yield found
            else:
                path, source_id, quote = found
                line, col = document.at(path + ("quote",))
                yield _not_found(briefing, document, line, col, briefing.sources[source_id], quote)


def _via_entities(briefing: Briefing, document: Document) -> tuple[Document | None, ...]:
    """The entity records the evidence's ``via`` links name, in order (None for an unknown one)."""
    entities = briefing.kind("entity")
    return tuple(
        entities.get(link.get("entity")) if isinstance(link.get("entity"), str) else None
        for _, item in evidence_of(document) if isinstance(item, dict)
        for link in _list(item.get("via")) if isinstance(link, dict)
    )


def _quote_problems(briefing: Briefing, document: Document) -> Iterator[Problem | tuple[tuple, str, str]]:
    """The problems of one document's quotes; (path, source id, quote) for a quote not found."""
    for path, item in evidence_of(document):
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            continue
        source = briefing.sources.get(item.get("source"))
        if source is None:
            continue  # reported by the reference check
        quote = item["quote"]
        folded = fold(quote)
        words = folded.count(" ") + 1 if folded else 0  # fold leaves one space between words
        if words < MIN_QUOTE_WORDS:
            line, col = document.at(path + ("quote",))
            yield Problem(
                document.path, line, col, "quote-too-short",
                f"the quote has {words} word{'s' if words != 1 else ''}; quotes need at least {MIN_QUOTE_WORDS}",
                "quote enough of the sentence to carry the claim",
            )
        span = evidence_span(briefing, source, quote)
        if span is None:
            yield path, source.id, quote
            continue
        first, last = sentence_range(source, span)
        scope = evidence_scope(source, span)
        if scope.found or item.get("hedge"):
            yield from _check_hedges(document, path, item, scope)
        if first != last or source.sentences[first].get("flags"):
            yield from _check_flagged(document, path, source, first, last)
        attribution = item.get("attribution")
        if isinstance(attribution, str) and fold(attribution) not in source.folded:
            aline, acol = document.at(path + ("attribution",))
            yield Problem(
                document.path, aline, acol, "attribution-not-found",
                f"the attribution {attribution!r} is not in {source.id}",
                "copy the article's crediting words exactly as they stand",
            )
        if not item.get("via"):
            continue
        stated = [
            (i, link) for i, link in enumerate(_list(item.get("via")))
            if isinstance(link, dict) and link.get("basis") == "stated"
        ]
        if not stated:
            continue
        quoted = " ".join(sentence["text"] for sentence in source.sentences[first : last + 1])
        named = fold(quoted + " " + (attribution if isinstance(attribution, str) else "")).lower()
        for i, link in stated:
            if not _names_entity(briefing, link.get("entity"), named):
                vline, vcol = document.at(path + ("via", i, "entity"))
                yield Problem(
                    document.path, vline, vcol, "via-not-stated",
                    f"via names '{link.get('entity')}' as stated by the article, but neither the quoted sentence nor "
                    "the attribution names it",
                    "set basis: editor and say why in note, or quote the words that credit it",
                )


def _check_flagged(document: Document, path: tuple, source: SourceText, first: int, last: int) -> Iterator[Problem]:
    """A quote from site chrome, a caption or a repeated sentence is weak evidence: say so."""
    for sentence in source.sentences[first : last + 1]:
        flags = sentence.get("flags")
        if not flags:
            continue
        if flags.keys() & {"chrome", "caption"}:
            kind = "site chrome" if "chrome" in flags else "a caption"
            yield Problem(
                document.path, *document.at(path + ("quote",)), "quote-from-chrome",
                f"the quote comes from {kind} ({sentence['anchor']}), not the article's text",
                "quote the article's own sentences", "warning",
            )
            return
        if "duplicate" in flags:
            yield Problem(
                document.path, *document.at(path + ("quote",)), "quote-from-duplicate",
                f"the quoted sentence {sentence['anchor']} repeats {flags and sentence.get('duplicate_of')}",
                f"quote the first occurrence, {sentence.get('duplicate_of')}", "warning",
            )
            return


def _names_entity(briefing: Briefing, entity_id, words: str) -> bool:
    """True when the folded, lower-cased ``words`` name the entity by its name or an alias."""
    entity = briefing.kind("entity").get(entity_id)
    if entity is None:
        return True  # an unknown entity is reported by the reference check
    aliases = [a.get("name", "") for a in entity.data.get("aliases", []) if isinstance(a, dict)]
    names = [entity.data.get("name", "")] + aliases
    return any(name and _has_whole(_name_pattern(name), words) for name in names if isinstance(name, str))


@lru_cache(maxsize=65536)
def _name_pattern(name: str) -> re.Pattern:
    """A name, folded and lower-cased, followed by no word character."""
    return re.compile(re.escape(fold(name).lower()) + r"(?!\w)")


_WORD_CHAR = re.compile(r"\w")


def _has_whole(pattern: re.Pattern, words: str) -> bool:
    r"""True where ``pattern`` matches with no word character before it: ``(?<!\w)`` done by
    hand, since a pattern that starts with a literal is searched far faster than one that
    starts with a lookbehind. Each start is tried, so overlapping matches are not missed."""
    at = pattern.search(words)
    while at is not None:
        if at.start() == 0 or not _WORD_CHAR.match(words, at.start() - 1):
            return True
        at = pattern.search(words, at.start() + 1)
    return False


def _not_found(briefing: Briefing, document: Document, line: int, col: int, source: SourceText, quote: str) -> Problem:
    for other in briefing.sources.values():
        if other.id != source.id and locate(other, quote):
            return Problem(
                document.path, line, col, "quote-wrong-source",
                f"the quote is not in {source.id}, but it is in {other.id}",
                f"set source: {other.id}, or quote what {source.id} says",
            )
    folded = fold(quote)
    match = fuzz.partial_ratio_alignment(folded, source.folded)
    last = source.where[max(match.dest_start, match.dest_end - 1)] + 1
    start, end = whole_words(source.text, source.where[match.dest_start], last)
    nearest = source.text[start:end]
    anchor = source.sentences[source.sentence_at(start)].get("anchor", "?")
    diff = word_diff(quote, nearest)
    marked = f"\nyour quote against it, word by word ([-yours-]{{+the source's+}}):\n{diff}" if diff else ""
    return Problem(
        document.path, line, col, "quote-not-found", f"the quote is not in {source.id}",
        f"nearest text in the source ({match.score:.0f}% alike, sentence {anchor}):\n\"{nearest}\"{marked}\n"
        "copy the words exactly; only whitespace, quote marks and dashes may differ",
    )


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start`` and ``end`` moved out to the edges of the words they cut (never onto the
    punctuation beside a word), and in past spaces."""
    while start > 0 and 0 < start < len(text) and _WORD_CHAR.match(text, start - 1) and _WORD_CHAR.match(text, start):
        start -= 1
    while 0 < end < len(text) and _WORD_CHAR.match(text, end - 1) and _WORD_CHAR.match(text, end):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


CONTEXT_WORDS = 3  # equal words kept on each side of a difference; longer equal runs become "…"


def word_diff(quote: str, nearest: str) -> str:
    """The quote against the nearest text, word by word, in git's word-diff notation:
    ``placed [-large-]{+bulk+} orders`` (words compared after folding). "" if no word differs."""
    ours, theirs = quote.split(), nearest.split()
    matcher = difflib.SequenceMatcher(None, [fold(w) for w in ours], [fold(w) for w in theirs], autojunk=False)
    opcodes = matcher.get_opcodes()
    if all(op == "equal" for op, *_ in opcodes):
        return ""
    parts: list[str] = []
    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        if op == "equal":
            words = ours[i1:i2]
            first, last = n == 0, n == len(opcodes) - 1
            keep_head = 0 if first else CONTEXT_WORDS
            keep_tail = 0 if last else CONTEXT_WORDS
            if len(words) > keep_head + keep_tail + 1:
                words = words[:keep_head] + ["…"] + (words[len(words) - keep_tail:] if keep_tail else [])
            parts.append(" ".join(words))
            continue
        removed = f"[-{' '.join(ours[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(theirs[j1:j2])}+}}" if j2 > j1 else ""
        parts.append(removed + added)
    return " ".join(parts)


def _check_hedges(document: Document, path: tuple, item: dict, scope: Scope) -> Iterator[Problem]:
    """Declared hedges stand in the quote's scope; every hedge in the scope is declared."""
    declared = [h for h in item.get("hedge") or [] if isinstance(h, str)]
    for i, hedge in enumerate(declared):
        place = scope.where(hedge)
        if place == "absent":
            line, col = document.at(path + ("hedge", i))
            yield Problem(
                document.path, line, col, "hedge-not-in-sentence", f"the hedge {hedge!r} is not in the quoted sentence",
                "list only hedging words that stand in the sentence the quote comes from",
            )
        elif place == "out":
            line, col = document.at(path + ("hedge", i))
            yield Problem(
                document.path, line, col, "hedge-out-of-scope",
                f"the hedge {hedge!r} is in the quoted sentence, but not in the quote or the reporting frame"
                f" that introduces it: it qualifies \"{scope.clause(hedge)}\"",
                f"remove {hedge!r} from hedge; a hedge binds a quote only in its own words, in the words before"
                " it back to the nearest ; : — or ', and' / ', but' / ', which', or as a reporting frame after it"
                " (\"according to\", \"reportedly\"); quote the words it qualifies if they carry the claim",
            )
    present = {h.lower() for h in declared}
    missed = [h for h in scope.hedges if h not in present and not any(h in p for p in present)]
    if missed:
        line, col = document.at(path + ("hedge",))
        named = ", ".join(repr(h) for h in missed)
        yield Problem(
            document.path, line, col, "hedge-missed",
            f"the quote is hedged by {named} (in its words or its reporting frame), but hedge does not say so",
            f"add {', '.join(missed)} to hedge, or quote a sentence that states it plainly", "warning",
        )


def check_status(briefing: Briefing) -> Iterator[Problem]:
    """A fact's status is no firmer than its firmest evidence allows (kept with the fact while
    the sources it cites are unchanged)."""
    for fact in briefing.kind("fact").values():
        yield from fact.derived("status", lambda: list(_status_problems(briefing, fact)),
                                given=cited_sources(briefing, fact))


def _status_problems(briefing: Briefing, fact: Document) -> Iterator[Problem]:
    status = fact.data.get("status")
    evidence = [e for e in _list(fact.data.get("evidence")) if isinstance(e, dict)]
    if status not in STATUS_RANK or not evidence:
        return
    allowed = max(ceiling(binding_hedges(briefing, e)) for e in evidence)
    if STATUS_RANK[status] > allowed:
        firmest = next(name for name, rank in STATUS_RANK.items() if rank == allowed)
        line, col = fact.at(("status",))
        yield Problem(
            fact.path, line, col, "status-too-firm",
            f"status is '{status}', but every quote is hedged, which supports at most '{firmest}'",
            f"set status: {firmest}, or add evidence that states it without hedging",
        )


def binding_hedges(briefing: Briefing, item: dict) -> list[str]:
    """The hedges that bind one evidence item: those listed, and those in its scope.

    The status ceiling uses both, so leaving a hedge unlisted never makes evidence firmer.
    """
    declared = [h for h in item.get("hedge") or [] if isinstance(h, str)]
    source = briefing.sources.get(item.get("source"))
    span = evidence_span(briefing, source, item["quote"]) if source and isinstance(item.get("quote"), str) else None
    detected = evidence_scope(source, span).hedges if span else []
    return declared + [h for h in detected if h not in declared]


def check_numbers(briefing: Briefing) -> Iterator[Problem]:
    """Every number and quantifier in a statement stands in one of its quotes (the fact's own
    words alone: kept with it)."""
    for fact in briefing.kind("fact").values():
        yield from fact.derived("numbers", lambda: list(_number_problems(fact)))


def _number_problems(fact: Document) -> Iterator[Problem]:
    statement = fact.data.get("statement")
    evidence = _list(fact.data.get("evidence"))
    quotes = " ".join(fold(e["quote"]) for e in evidence if isinstance(e, dict) and isinstance(e.get("quote"), str))
    if not isinstance(statement, str) or not quotes:
        return
    plain = _without_link_ids(statement)
    for match in NUMBER.finditer(plain):
        word = match.group(0)
        if not hedge_pattern(word).search(quotes):
            line, col = fact.at(("statement",))
            yield Problem(
                fact.path, line, col, "number-not-quoted",
                f"the statement says {word!r}, but none of its quotes does",
                "copy numbers and quantities exactly as a quote gives them; never round",
            )


def _without_link_ids(text: str) -> str:
    return re.sub(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", lambda m: m.group(2) or " ", text)


def clear_memos() -> None:
    """Empty this module's and the lexicon's memos, as a new process meets them (for the bench)."""
    lexicon_clear_memos()
    _name_pattern.cache_clear()
