"""Who a sentence names and whom it credits: entity mentions by any name or alias, in any
script, and attribution phrases ("according to Reuters, citing people familiar with ...") as
``via`` chains of names, nearest first, each resolved to an entity when one is named."""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.content.load import Briefing
from builder.core.names import NameFinder


@dataclass(frozen=True)
class Mention:
    entity: str
    text: str  # as written in the sentence
    start: int


@dataclass(frozen=True)
class Credit:
    """An attribution phrase and whom it names, nearest first (entity id, or None if no record)."""

    phrase: str
    names: tuple[str, ...] = ()
    via: tuple[str | None, ...] = ()


# -- entities ------------------------------------------------------------------------

class EntityMatcher:
    """Every entity name and alias, longest first; acronyms ("US") match only as written."""

    def __init__(self, names: dict[str, list[str]]):
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for entity_id in sorted(names):
            for name in names[entity_id]:
                acronym = name.upper() == name and any(c.isalpha() for c in name) and name.isascii()
                (self.exact if acronym else self.folded).setdefault(name if acronym else name.casefold(), entity_id)
        self.finder = NameFinder(self.folded, exact=self.exact)

    def find(self, text: str) -> list[Mention]:
        found = []
        for start, end, name in self.finder.matches(text):
            entity = self.exact.get(name) or self.folded.get(name)
            if entity:
                found.append(Mention(entity, text[start:end], start))
        return found


def entity_names(briefing: Briefing) -> dict[str, list[str]]:
    names = {}
    for entity_id, doc in briefing.kind("entity").items():
        data = doc.data if isinstance(doc.data, dict) else {}
        aliases = [a.get("name") for a in data.get("aliases") or [] if isinstance(a, dict)]
        names[entity_id] = [n for n in [data.get("name"), *aliases] if isinstance(n, str) and n.strip()]
    return names


# -- attribution ---------------------------------------------------------------------

_NAME = r"(?:[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|the\s+|and\s+)?[A-Z][\w&.'’-]*)*|[^\x00-\x7f\s,.;:]{2,})"
_CITE = rf"(?:,?\s+(?i:citing|which cited|who cited|quoting)\s+(?P<b>{_NAME}))?"
_ROLES = r"(?i:officials?|executives?|spokes(?:person|man|woman)|analysts?|sources?|researchers?|engineers?)"
_VERBS = r"(?i:reported|reports|said|says|told|announced|confirmed|wrote|writes|stated|noted|revealed)"
NAMED_CREDITS = (
    re.compile(rf"(?i:according to)\s+(?:(?i:an?|the)\s+)?"
               rf"(?:(?i:(?:new|earlier|recent|same|latest|exclusive)\s+)?(?i:reports?|article|story)\s+(?i:by|from|in)\s+)?"
               rf"(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?:(?i:as\s+)?(?i:first\s+)?(?i:reported\s+by))\s+(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?i:(?:an?|the)\s+(?:\w+\s+)?report\s+(?:by|from|in))\s+(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?i:(?:claims?|remarks?|comments?|statements?)\s+(?:by|from))\s+(?P<a>{_NAME})"),
    re.compile(rf"(?P<a>{_NAME})(?:\s+{_ROLES})?(?:,?\s+(?i:citing)\s+(?:(?P<b>{_NAME})|[a-z][^,]{{2,80}}(?=,)),?)?\s+(?i:(?:has|had|have)\s+)?(?i:(?:previously|earlier|first|also|recently|later)\s+)?{_VERBS}(?!\w)"),
)
UNNAMED_CREDITS = re.compile(
    r"(?i:according to (?:(?:an?|the|multiple|several|some|many|other|same|earlier|media|recent)\s+)*"
    r"(?:reports?|sources|people familiar with [^,.;]+|analysts|insiders|officials))"
    r"|(?i:(?<!\w)(?:the\s+)?reports?\s+(?:suggest(?:s|ing|ed)?|indicate[sd]?|says?|said|reveals?|shows?)(?!\w))"
    r"|(?i:(?<!\w)people familiar with [^,.;]+)"
    r"|(?i:(?<!\w)(?:the\s+)?(?:company|firm|spokes(?:person|man|woman)|officials|analysts|executives)\s+(?:said|says|told))"
    r"|(?i:(?<!\w)(?:(?:multiple|several|unnamed|anonymous)\s+)?sources\s+(?:said|say|told))"
)
NOT_NAMES = set(
    "it he she they this that the these those we i there which who if when as but and however instead meanwhile "
    "now yet so while although though because after before since also then still even".split()
)
INITIALISM = re.compile(r"(?<!\w)(?:[A-Za-z]\.)+$")


def find_credits(text: str, matcher: EntityMatcher) -> list[Credit]:
    """Attribution phrases in a sentence, each with its names as a via chain, nearest first."""
    credits: list[tuple[int, int, Credit]] = []
    taken: list[tuple[int, int]] = []
    for pattern in NAMED_CREDITS:
        for match in pattern.finditer(text):
            names = [_clean(match.group(g)) for g in ("a", "b") if match.groupdict().get(g)]
            names = [n for n in names if n]
            whole = match.group(0)
            end = match.end() - (len(whole) - len(whole.rstrip(". ")) if not INITIALISM.search(whole.rstrip()) else 0)
            if not names or any(a < end and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), end))
            via = tuple(_resolve(name, matcher) for name in names)
            credits.append((match.start(), end, Credit(text[match.start() : end].strip(), tuple(names), via)))
    for match in UNNAMED_CREDITS.finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in taken):
            taken.append(match.span())
            credits.append((match.start(), match.end(), Credit(match.group(0).strip())))
    return [c for _, _, c in sorted(credits, key=lambda t: t[0])]


def _clean(name: str) -> str:
    """A name without leading function words ("If", "However") or a sentence's closing stop."""
    words = name.strip().split()
    while words and words[0].casefold() in NOT_NAMES - {"the"}:
        words.pop(0)
    name = " ".join(words)
    name = name if INITIALISM.search(name) else name.rstrip(".")
    return "" if name.casefold() in NOT_NAMES or re.fullmatch(_ROLES, name) else name


def _resolve(name: str, matcher: EntityMatcher) -> str | None:
    """The entity a name refers to: one named at its end ("Nvidia CEO Jensen Huang"), else None."""
    found = matcher.find(name)
    last = found[-1] if found else None
    return last.entity if last and last.start + len(last.text) == len(name) else None
