"""Whether a clause is worth a fact: it names something, counts something or dates something.

A claim note (`claim-uncovered`, `evidence-missing`) and a triage proposal are raised only
for such a clause. "This shift didn't come out of nowhere." and "The timing of this shift is
significant." name no entity, number or date: they are the outlet's connective tissue,
and a fact built on them could say nothing checkable.

A clause names something when it mentions an entity record (any alias or script) or a
proper name the briefing has no record for yet: a capitalised word that does not open the
sentence, or a model-like token with letters and digits ("H800", "V4"). It counts
something when it holds a number in digits or a quantity word (vague ones such as
"several" or a lone "one" do not count); it dates something when a time phrase resolves to
a date or a calendar date is written out. It must also say something: at least
MIN_CONTENT_WORDS words that are not stop words, one of them not a name or number; and not
be a no-comment line ("X declined to comment").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from builder.claims.index import Unit
from builder.claims.stopwords import ENGLISH_STOP_WORDS

if TYPE_CHECKING:  # builder.claims.claims imports this module
    from builder.claims.claims import Claim

WORD = re.compile(r"\w+(?:['’-]\w+)*")

MIN_CONTENT_WORDS = 3
VAGUE_NUMBERS = frozenset({"one", "several", "multiple", "half", "double", "triple"})
NAME = re.compile(r"(?<![\w'’-])(?:[A-Z][\w&'’-]*|[A-Za-z]+\d[\w-]*|\d+[A-Za-z][\w-]*)")
# Words that open a clause after a comma or a quote more often than they name anything.
# Common capitalised words of the field that name nothing ("AI systems", "GPUs") count neither.
NOT_NAMES = frozenset(
    {"I", "A", "An", "The", "It", "Its", "This", "That", "These", "Those", "But", "And", "Or"}
    | {"AI", "GPU", "GPUs", "CPU", "CPUs", "LLM", "LLMs", "CEO", "CEOs", "API", "APIs", "IT", "TV"}
)


# A line that says someone said nothing, or would not say: true of many articles, a fact about none.
NO_COMMENT = re.compile(
    r"\b(?:declined|refused|did not respond|didn['’]t respond|could not be reached|was not available"
    r"|not immediately)\b"
    r"[^.]{0,40}\bcomment|\bno comment\b|\b(?:declined|refused) to (?:comment|elaborate|say more)\b"
    r"|\b(?:did|does|do|would|will) not (?:say|disclose|specify|reveal|confirm|name)\b"
    r"|\b(?:didn|doesn|won)['’]t (?:say|disclose)\b",
    re.I,
)


def _inside(unit: Unit, text: str) -> bool:
    return text.lower() in unit.sentence.text[unit.start : unit.end].lower()


def content_words(unit: Unit) -> tuple[int, int]:
    """Words of the clause that are not stop words: all of them (names and numbers too), and
    those that are neither entity mentions nor capitalised names."""
    sentence, every, plain = unit.sentence, 0, 0
    spans = [(m.start, m.start + len(m.text)) for m in sentence.mentions]
    for match in WORD.finditer(sentence.text, unit.start, unit.end):
        word = match.group(0)
        if re.sub(r"['’]s$", "", word.lower()) in ENGLISH_STOP_WORDS and not word[:1].isupper():
            continue
        every += 1
        plain += not (any(a <= match.start() < b for a, b in spans) or word[:1].isupper() or word[:1].isdigit())
    return every, plain


def _only_credit(unit: Unit) -> bool:
    """The clause is an attribution phrase and little else ("according to its technical report.")."""
    text = unit.sentence.text[unit.start : unit.end]
    for credit in unit.sentence.credits:
        text = text.replace(credit.phrase, " ")
    return len(WORD.findall(text)) < MIN_CONTENT_WORDS and len(text) < len(unit.sentence.text[unit.start : unit.end])


def names_something(unit: Unit) -> bool:
    sentence = unit.sentence
    if any(unit.start <= m.start < unit.end for m in sentence.mentions):
        return True
    opening = len(sentence.text) - len(sentence.text.lstrip(" \"'“‘("))
    for match in NAME.finditer(sentence.text, unit.start, unit.end):
        if match.start() != opening and match.group(0) not in NOT_NAMES:
            return True
    return False


def counts_something(unit: Unit) -> bool:
    return any(n.lower() not in VAGUE_NUMBERS and _inside(unit, n) for n in unit.sentence.numbers)


def dates_something(unit: Unit) -> bool:
    return any(t.edtf and _inside(unit, t.phrase) for t in unit.sentence.times)


def why_not_worth(unit: Unit) -> str | None:
    """None for a clause worth a fact; otherwise why not, in an editor's words."""
    if NO_COMMENT.search(unit.sentence.text[unit.start : unit.end]):
        return "a no-comment line"
    if not (names_something(unit) or counts_something(unit) or dates_something(unit)):
        return "names no entity, number or date"
    if _only_credit(unit):
        return "only says who said it"
    every, plain = content_words(unit)
    if every < MIN_CONTENT_WORDS or not plain:
        return f"says too little (under {MIN_CONTENT_WORDS} words that are not stop words, or only names)"
    return None


def worth_a_fact(unit: Unit) -> bool:
    return why_not_worth(unit) is None


def claim_worth_a_fact(claim: Claim) -> bool:
    """A shared claim is worth a fact when one of its clauses is (the others may say it in vaguer words)."""
    return any(worth_a_fact(u) for u in claim.units)
