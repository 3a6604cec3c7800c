"""Extraction: what each source sentence offers a fact, read once per source and cached.

The face is ``extract(briefing, cached) -> Extraction``, pure: for every sentence of every
source it records why it is skipped, or its entity mentions (any alias, any script), the
attribution phrases that credit someone (as ``via`` chains, nearest first), its lexicon
hedges (attribution or the outlet's own analysis), its time phrases resolved against the
briefing's as-of day (never the clock), and its numbers copied verbatim (mentions and
credits are found by ``builder.claims.mentions``, time phrases by ``builder.claims.times``).
``read_cache`` and ``write_cache`` are the file edges: one JSON file per source under build/cache/extract/,
reused while its key (text_sha256, extractor version, entity names, as-of day) holds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from builder.claims.mentions import Credit, EntityMatcher, Mention, entity_names, find_credits
from builder.claims.times import TimeRef, find_times
from builder.content.evidence import MIN_QUOTE_WORDS
from builder.content.load import Briefing
from builder.core.cache import code_key
from builder.core.lexicon import ANALYSIS_HEDGES, NUMBER, hedges_in

EXTRACTOR_VERSION = "2"
CACHE_DIR = "build/cache/extract"
# Flags whose sentences are never proposed: site furniture and repeats (chrome, duplicate),
# display lines that announce rather than state (title, heading, byline, caption), rows
# that are data, not sentences (table), summaries that restate the body in looser words
# (highlights, faq: the body sentence is the better quote), and text a quote could not
# copy faithfully (truncated, suspect-encoding).
SKIP_FLAGS = (
    "chrome", "duplicate", "title", "heading", "byline", "caption", "table", "highlights", "faq", "truncated",
    "suspect-encoding",
)


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


# -- the stage -------------------------------------------------------------------------

def find_numbers(text: str) -> list[str]:
    """Numbers and quantity words verbatim, neighbours joined ("hundreds of thousands")."""
    spans: list[list[int]] = []
    for match in NUMBER.finditer(text):
        if spans and re.fullmatch(r"[\s-]+(?:of\s+)?|\s+of\s+", text[spans[-1][1] : match.start()]):
            spans[-1][1] = match.end()
        else:
            spans.append([match.start(), match.end()])
    return [text[a:b] for a, b in spans]


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


def extract_sentence(
    source_id: str, index: int, sentence: dict, matcher: EntityMatcher, as_of: dt.date | None
) -> SentenceFacts:
    text, anchor = sentence["text"], sentence.get("anchor", "")
    skip = skip_reason(sentence)
    if skip:
        return SentenceFacts(source_id, index, anchor, text, skip)
    hedges = tuple(hedges_in(text))
    return SentenceFacts(
        source_id, index, anchor, text, None, tuple(matcher.find(text)), tuple(find_credits(text, matcher)),
        hedges, tuple(h for h in hedges if h in ANALYSIS_HEDGES), tuple(find_times(text, as_of)),
        tuple(find_numbers(text)),
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
    "claims/extract.py", "claims/mentions.py", "claims/times.py", "content/evidence.py", "content/load.py",
    "content/yamlstrict.py", "content/yamlerrors.py", "core/lexicon.py", "core/names.py", "core/text.py",
)


def cache_key(text_sha256: str, names: dict[str, list[str]], as_of: dt.date | None, code: str = "") -> str:
    code = code or code_key((), EXTRACT_CODE)
    context = json.dumps([EXTRACTOR_VERSION, code, text_sha256, sorted(names.items()), str(as_of)], ensure_ascii=False)
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
            result.sentences += [
                extract_sentence(source_id, i, s, matcher, as_of) for i, s in enumerate(source.sentences)
            ]
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
        entry = {"key": key, "version": EXTRACTOR_VERSION, "sentences": sentences}
        text = json.dumps(entry, ensure_ascii=False, indent=1)
        path = folder / f"{source_id}.json"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
