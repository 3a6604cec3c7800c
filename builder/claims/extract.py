"""Extraction: what each source sentence offers a fact, read once per source and cached.

The face is ``extract(briefing, cached) -> Extraction``, pure: for every sentence of every
source it records why it is skipped, or its entity mentions (any alias, any script), the
attribution phrases that credit someone (as ``via`` chains, nearest first), its lexicon
hedges (attribution or the outlet's own analysis), its time phrases resolved against the
briefing's as-of day (never the clock), and its numbers copied verbatim. ``read_cache`` and
``write_cache`` are the file edges: one JSON file per source under build/cache/extract/,
reused while its key (text_sha256, extractor version, entity names, as-of day) holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from builder.core.cache import code_key
from builder.core.lexicon import ANALYSIS_HEDGES, MONTHS, NUMBER, TIME_PHRASES, hedges_in
from builder.content.load import Briefing
from builder.core.names import NameFinder
from builder.content.evidence import MIN_QUOTE_WORDS

EXTRACTOR_VERSION = "2"
CACHE_DIR = "build/cache/extract"
# Flags whose sentences are never proposed: site furniture and repeats (chrome, duplicate),
# display lines that announce rather than state (title, heading, byline, caption), rows
# that are data, not sentences (table), summaries that restate the body in looser words
# (highlights, faq: the body sentence is the better quote), and text a quote could not
# copy faithfully (truncated, suspect-encoding).
SKIP_FLAGS = ("chrome", "duplicate", "title", "heading", "byline", "caption", "table", "highlights", "faq", "truncated", "suspect-encoding")


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


@dataclass(frozen=True)
class TimeRef:
    phrase: str
    edtf: str | None
    relative_to: str  # "as-of" or "absolute"
    derivation: str


@dataclass(frozen=True)
class SentenceFacts:
    source: str
    index: int
    anchor: str
    text: str
    skip: str | None  # why it is not a claim, or None
    mentions: tuple[Mention, ...] = ()
    credits: tuple[Credit, ...] = ()
    hedges: tuple[str, ...] = ()  # lexicon hedges, exactly as hedges_in finds them
    analysis: tuple[str, ...] = ()  # the subset that is the outlet's own analysis
    times: tuple[TimeRef, ...] = ()
    numbers: tuple[str, ...] = ()

    @property
    def entities(self) -> list[str]:
        return sorted({m.entity for m in self.mentions})


@dataclass
class Extraction:
    sentences: list[SentenceFacts] = field(default_factory=list)
    keys: dict[str, str] = field(default_factory=dict)  # source id -> cache key

    def claims(self) -> list[SentenceFacts]:
        return [s for s in self.sentences if s.skip is None]


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
    re.compile(rf"(?i:according to)\s+(?:(?i:an?|the)\s+)?(?:(?i:(?:new|earlier|recent|same|latest|exclusive)\s+)?(?i:reports?|article|story)\s+(?i:by|from|in)\s+)?(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?:(?i:as\s+)?(?i:first\s+)?(?i:reported\s+by))\s+(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?i:(?:an?|the)\s+(?:\w+\s+)?report\s+(?:by|from|in))\s+(?P<a>{_NAME}){_CITE}"),
    re.compile(rf"(?i:(?:claims?|remarks?|comments?|statements?)\s+(?:by|from))\s+(?P<a>{_NAME})"),
    re.compile(rf"(?P<a>{_NAME})(?:\s+{_ROLES})?(?:,?\s+(?i:citing)\s+(?:(?P<b>{_NAME})|[a-z][^,]{{2,80}}(?=,)),?)?\s+(?i:(?:has|had|have)\s+)?(?i:(?:previously|earlier|first|also|recently|later)\s+)?{_VERBS}(?!\w)"),
)
UNNAMED_CREDITS = re.compile(
    r"(?i:according to (?:(?:an?|the|multiple|several|some|many|other|same|earlier|media|recent)\s+)*(?:reports?|sources|people familiar with [^,.;]+|analysts|insiders|officials))"
    r"|(?i:(?<!\w)(?:the\s+)?reports?\s+(?:suggest(?:s|ing|ed)?|indicate[sd]?|says?|said|reveals?|shows?)(?!\w))"
    r"|(?i:(?<!\w)people familiar with [^,.;]+)"
    r"|(?i:(?<!\w)(?:the\s+)?(?:company|firm|spokes(?:person|man|woman)|officials|analysts|executives)\s+(?:said|says|told))"
    r"|(?i:(?<!\w)(?:(?:multiple|several|unnamed|anonymous)\s+)?sources\s+(?:said|say|told))"
)
NOT_NAMES = set("it he she they this that the these those we i there which who if when as but and however instead meanwhile now yet so while although though because after before since also then still even".split())
INITIALISM = re.compile(r"(?<!\w)(?:[A-Za-z]\.)+$")


def find_credits(text: str, matcher: EntityMatcher) -> list[Credit]:
    """Attribution phrases in a sentence, each with its names as a via chain, nearest first."""
    credits: list[tuple[int, int, Credit]] = []
    taken: list[tuple[int, int]] = []
    for pattern in NAMED_CREDITS:
        for match in pattern.finditer(text):
            names = [_clean(match.group(g)) for g in ("a", "b") if match.groupdict().get(g)]
            names = [n for n in names if n]
            end = match.end() - (len(match.group(0)) - len(match.group(0).rstrip(". ")) if not INITIALISM.search(match.group(0).rstrip()) else 0)
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


# -- time and numbers ------------------------------------------------------------------

_PHRASES = sorted((p for group in TIME_PHRASES.values() for p in group), key=len, reverse=True)
TIME = re.compile(r"(?i:(?<!\w)(?:" + "|".join(re.escape(p) for p in _PHRASES) + r")(?!\w))")
_MONTH = "|".join(m.capitalize() for m in MONTHS)
ABSOLUTE = re.compile(rf"\b(?:(?P<d1>[12]?\d|3[01])\s+)?(?P<m>{_MONTH})(?:\s+(?P<d2>[12]?\d|3[01])(?:st|nd|rd|th)?)?,?\s+(?P<y>(?:19|20)\d\d)\b|\b(?P<year>(?:19|20)\d\d)\b")
FORWARD = ("within", "coming", "next", "soon", "tomorrow", "later")


def _month(day: dt.date, shift: int) -> str:
    index = day.year * 12 + day.month - 1 + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def resolve_phrase(phrase: str, as_of: dt.date) -> str | None:
    """The EDTF a relative time phrase stands for, read against the as-of day."""
    p, y = phrase.lower(), as_of.year
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    monday = as_of - dt.timedelta(days=as_of.weekday())
    table = {
        "today": as_of.isoformat(), "yesterday": (as_of - dt.timedelta(days=1)).isoformat(),
        "tomorrow": (as_of + dt.timedelta(days=1)).isoformat(),
        "last week": f"{monday - dt.timedelta(days=7)}/{monday - dt.timedelta(days=1)}",
        "this week": f"{monday}/{monday + dt.timedelta(days=6)}",
        "last month": _month(as_of, -1), "this month": _month(as_of, 0), "earlier this month": _month(as_of, 0),
        "next month": _month(as_of, 1), "recent weeks": f"{_month(as_of, -1)}/{_month(as_of, 0)}",
        "last year": str(y - 1), "previous year": str(y - 1), "this year": str(y), "earlier this year": str(y),
        "later this year": str(y), "next year": str(y + 1), "in recent years": f"{y - 3}/{y}",
    }
    if p in table:
        return table[p]
    if p.startswith("on ") and p[3:] in weekdays:
        back = (as_of.weekday() - weekdays.index(p[3:])) % 7
        return f"{as_of - dt.timedelta(days=back)}?"
    if any(w in p for w in ("weeks", "soon")):
        return f"{_month(as_of, 0)}/{_month(as_of, 2)}"
    if "months" in p:
        return f"{_month(as_of, -6)}/{_month(as_of, 0)}"
    return None


def find_times(text: str, as_of: dt.date | None) -> list[TimeRef]:
    refs = []
    for match in TIME.finditer(text):
        edtf = resolve_phrase(match.group(0), as_of) if as_of else None
        how = f"{match.group(0)!r} read against the briefing's as-of day {as_of}: {edtf}" if edtf else f"{match.group(0)!r} names no date the tool can resolve"
        refs.append(TimeRef(match.group(0), edtf, "as-of", how + " (the article's own date may differ)"))
    for match in ABSOLUTE.finditer(text):
        if match.group("year"):
            edtf = match.group("year")
        else:
            day = match.group("d1") or match.group("d2")
            edtf = f"{match.group('y')}-{MONTHS.index(match.group('m').lower()) + 1:02d}" + (f"-{int(day):02d}" if day else "")
        refs.append(TimeRef(match.group(0), edtf, "absolute", f"{match.group(0)!r} is a date: {edtf}"))
    return refs


def find_numbers(text: str) -> list[str]:
    """Numbers and quantity words verbatim, neighbours joined ("hundreds of thousands")."""
    spans: list[list[int]] = []
    for match in NUMBER.finditer(text):
        if spans and re.fullmatch(r"[\s-]+(?:of\s+)?|\s+of\s+", text[spans[-1][1] : match.start()]):
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    return [text[a:b] for a, b in spans]


# -- the stage -------------------------------------------------------------------------

def skip_reason(sentence: dict) -> str | None:
    flags = sentence.get("flags") or {}
    for flag in SKIP_FLAGS:
        if flag in flags:
            return flag
    text = sentence["text"].rstrip("\"'”’)] ")
    if text.endswith("?"):
        return "question"
    if len(sentence["text"].split()) < MIN_QUOTE_WORDS:
        return "short"
    return None


def extract_sentence(source_id: str, index: int, sentence: dict, matcher: EntityMatcher, as_of: dt.date | None) -> SentenceFacts:
    text, anchor = sentence["text"], sentence.get("anchor", "")
    skip = skip_reason(sentence)
    if skip:
        return SentenceFacts(source_id, index, anchor, text, skip)
    hedges = tuple(hedges_in(text))
    return SentenceFacts(
        source_id, index, anchor, text, None, tuple(matcher.find(text)), tuple(find_credits(text, matcher)),
        hedges, tuple(h for h in hedges if h in ANALYSIS_HEDGES), tuple(find_times(text, as_of)), tuple(find_numbers(text)),
    )


def as_of_day(briefing: Briefing) -> dt.date | None:
    data = briefing.briefing.data if briefing.briefing else None
    try:
        return dt.date.fromisoformat(data.get("as_of")) if isinstance(data, dict) else None
    except (TypeError, ValueError):
        return None


# The modules an extraction depends on (the builder modules extract.py imports, to the end,
# less the cache's own plumbing): an edit to any of them is never served from the cache.
EXTRACT_CODE = (
    "claims/extract.py", "content/evidence.py", "content/load.py", "content/yamlstrict.py",
    "core/lexicon.py", "core/names.py", "core/text.py",
)


def cache_key(text_sha256: str, names: dict[str, list[str]], as_of: dt.date | None, code: str = "") -> str:
    context = json.dumps([EXTRACTOR_VERSION, code or code_key((), EXTRACT_CODE), text_sha256, sorted(names.items()), str(as_of)], ensure_ascii=False)
    return hashlib.sha256(context.encode("utf-8")).hexdigest()


def extract(briefing: Briefing, cached: dict[str, dict] | None = None) -> Extraction:
    """Every source sentence's extraction; a source whose cache entry has the same key is reused."""
    names = entity_names(briefing)
    matcher, as_of, cached = EntityMatcher(names), as_of_day(briefing), cached or {}
    code = code_key((), EXTRACT_CODE)
    result = Extraction()
    for source_id, source in sorted(briefing.sources.items()):
        data = source.document.data
        key = cache_key(str(data.get("text_sha256") or source.text), names, as_of, code)
        result.keys[source_id] = key
        entry = cached.get(source_id) or {}
        if entry.get("key") == key:
            result.sentences += [from_json(s) for s in entry["sentences"]]
        else:
            result.sentences += [extract_sentence(source_id, i, s, matcher, as_of) for i, s in enumerate(source.sentences)]
    return result


def from_json(data: dict) -> SentenceFacts:
    return SentenceFacts(
        **{k: data[k] for k in ("source", "index", "anchor", "text", "skip")},
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        credits=tuple(Credit(c["phrase"], tuple(c["names"]), tuple(c["via"])) for c in data["credits"]),
        hedges=tuple(data["hedges"]), analysis=tuple(data["analysis"]),
        times=tuple(TimeRef(**t) for t in data["times"]), numbers=tuple(data["numbers"]),
    )


def read_cache(root: Path) -> dict[str, dict]:
    """The edge: cached extractions by source id (unreadable files are ignored)."""
    found = {}
    for path in sorted((root / CACHE_DIR).glob("*.json")):
        try:
            found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return found


def write_cache(root: Path, extraction: Extraction) -> None:
    """The edge: one JSON file per source, rewritten only when its bytes change."""
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for source_id, key in extraction.keys.items():
        sentences = [asdict(s) for s in extraction.sentences if s.source == source_id]
        text = json.dumps({"key": key, "version": EXTRACTOR_VERSION, "sentences": sentences}, ensure_ascii=False, indent=1)
        path = folder / f"{source_id}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
