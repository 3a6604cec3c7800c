"""The briefing's own prose (the lede and each key question's answer) held to its facts.

Every sentence must link at least one fact, and may be no firmer than the facts it links:
its hedges (the lexicon's, counted in the editor's own words, not in a linked fact's
statement) set the firmest status it can carry, and that may not exceed the status of the
weakest fact it links. A sentence ends at ".", "!" or "?" followed by a space and a capital
letter, a digit, a quote mark, "*" or "[[".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from builder.content.load import Briefing, Document
from builder.content.wikilinks import links_in
from builder.core.lexicon import ceiling, hedges_in
from builder.core.problems import Problem

SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)*_]*\s+(?=[\[\"“*_A-Z0-9])")
# The firmest a sentence about a fact of each status may be (lexicon.STATUS_RANK's scale):
# disputed and reported facts need a reporting hedge, speculative ones an analysis hedge.
ALLOWS = {"confirmed": 3, "reported": 2, "disputed": 2, "speculative": 1, "refuted": 3}
HOW = {
    2: 'hedge it as a report ("reportedly", "according to", "is expected to", "may")',
    1: 'mark it as the outlets\' own reading ("suggests", "signals", "indicates")',
}
WIKILINK = re.compile(r"\[\[([^\]|\n]+)(?:\|([^\]\n]*))?\]\]")


def prose_fields(document: Document) -> Iterator[tuple[tuple, str, str]]:
    """(path, text, name) of the briefing's prose held to this rule."""
    data = document.data
    if isinstance(data.get("lede"), str):
        yield ("lede",), data["lede"], "the lede"
    for i, question in enumerate(data.get("questions") or []):
        if isinstance(question, dict) and isinstance(question.get("answer"), str):
            yield ("questions", i, "answer"), question["answer"], f"the answer to key question {i + 1}"


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of each sentence of ``text``."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        out.append((start, text[start : match.start()].strip()))
        start = match.end()
    if text[start:].strip():
        out.append((start, text[start:].strip()))
    return out


def own_words(sentence: str) -> str:
    """The sentence as the editor wrote it: a link's own label kept, a fact's statement not."""
    return WIKILINK.sub(lambda m: m.group(2) or "", sentence)


def check_prose(briefing: Briefing) -> Iterator[Problem]:
    document = briefing.briefing
    if document is None:
        return
    facts, known = briefing.kind("fact"), briefing.known.get("fact", set()) | set(briefing.kind("fact"))
    for path, text, name in prose_fields(document):
        for n, (offset, sentence) in enumerate(sentences(text), start=1):
            quoted = f"“{sentence}”" if len(sentence) <= 90 else f"“{sentence[:60].rsplit(' ', 1)[0]} …”"
            linked = [link["id"] for link in links_in(sentence) if link["id"] in known]
            if not linked:
                yield Problem(
                    document.path, *_position(document, path, sentence), "prose-unsourced",
                    f"sentence {n} of {name} links no fact: {quoted}",
                    "link the fact or facts it rests on with [[fact-id]] or [[fact-id|your words]], or cut the "
                    "sentence",
                )
                continue
            statuses = {
                fact_id: facts[fact_id].data.get("status") for fact_id in dict.fromkeys(linked) if fact_id in facts
            }
            if not statuses:
                continue  # every fact it links failed its schema: reported there, once
            weakest = min(ALLOWS.get(s, 3) for s in statuses.values())
            hedges = hedges_in(own_words(sentence))
            if ceiling(hedges) > weakest:
                said = ", ".join(f"{fact_id} is {status}" for fact_id, status in statuses.items())
                if hedges:
                    worded = f"its only hedges ({', '.join(hedges)}) read as a report"
                else:
                    worded = "it has no hedge, so it reads as confirmed"
                yield Problem(
                    document.path, *_position(document, path, sentence), "prose-too-firm",
                    f"sentence {n} of {name} is firmer than the facts it links ({said}): {worded}: {quoted}",
                    f"{HOW[weakest]}, or link only facts as firm as the sentence",
                )


def _position(document: Document, path: tuple, sentence: str) -> tuple[int, int]:
    """Where the sentence starts in the file (a folded or quoted scalar may wrap it)."""
    line, col = document.at(path)
    lines = document.text.splitlines()
    rest = "\n".join([lines[line - 1][col - 1 :]] + lines[line:]) if 0 < line <= len(lines) else ""
    words = sentence.split()[:4]
    found = re.search(r"\s+".join(map(re.escape, words)), rest) if words else None
    if not found:
        return line, col
    before = rest[: found.start()]
    if "\n" not in before:
        return line, col + len(before)
    return line + before.count("\n"), len(before.rsplit("\n", 1)[1]) + 1
