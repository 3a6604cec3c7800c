"""A raw article to a source record: decode, repair, split into sentences, flag, audit.

The face is ``normalize(raw, name=...) -> SourceRecord``; it touches no file. Every
character it changes or drops is listed in the record's ``repaired`` and ``removed``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version

import ftfy
import syntok.segmenter

from builder.sources.classify import Line, classify_lines, find_duplicates, flag_sentence, is_body_like
from builder.sources.decode import Change, decode_seed
from builder.core.text import anchor_hash, sha256_hex

NORMALIZER_NAME = "briefing.normalize"
# Bump when output can change for the same seed; `normalize --check` then asks for a re-run.
NORMALIZER_VERSION = "3"

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # plain-text seeds: "&amp;" is what the page printed; keep it
    remove_terminal_escapes=True,
    fix_encoding=True,  # reverse mojibake such as "Chinaâ€™s" where it is reversible
    restore_byte_a0=True,
    replace_lossy_sequences=False,  # never invent U+FFFD; lossy mojibake has its own named rule
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=True,  # "ﬁ" to "fi", so editors' typed quotes match
    fix_character_width=False,  # full-width forms are legitimate in CJK text
    uncurl_quotes=False,  # keep the article's own quote marks; quote matching folds them
    fix_line_breaks=True,
    fix_surrogates=True,
    remove_control_chars=True,
    normalization="NFC",
    max_decode_length=1_000_000,
    explain=True,
)
LIBRARIES = ("ftfy", "syntok", "rapidfuzz")

ADVERTISEMENT = re.compile(r"\s*\bADVERTISEMENT$")
LONE_MARKER = re.compile(r"^[-*+•·▪◦‣–—_=#]+$")
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S) +([.,;:!?])(?=\s|$)")
WHITESPACE_RUN = re.compile(r"\s+")  # \s is str.isspace: the same characters str.strip() trims
# Lossy mojibake: one to three stray characters standing where an apostrophe was lost,
# inside an otherwise ASCII English word before a contraction or possessive ending.
LOSSY_APOSTROPHE = re.compile(r"\b([A-Za-z]+)([^\x00-\x7f\u2018\u2019\u02bc\s]{1,3})(s|t|re|ve|ll|d|m)\b")
STRAY_IN_WORD = re.compile(r"(?<=[A-Za-z])([^\x00-\x7f\s])(?=[A-Za-z])")
MOJIBAKE_LEFTOVERS = set("âÃÂ€™œ\ufffd") | {chr(c) for c in range(0x80, 0xA0)}


@dataclass(frozen=True)
class Sentence:
    anchor: str
    line: int
    text: str
    flags: dict[str, str] = field(default_factory=dict)
    duplicate_of: str | None = None


@dataclass(frozen=True)
class SourceRecord:
    id: str
    seed_path: str
    seed_sha256: str
    seed_bytes: int
    title: str | None
    sentences: tuple[Sentence, ...]
    removed: tuple[Change, ...]
    repaired: tuple[Change, ...]

    @property
    def text(self) -> str:
        """The normalized text: a line's sentences joined by spaces, lines by newlines."""
        lines: list[list[str]] = []
        last = None
        for sentence in self.sentences:
            if sentence.line != last:
                lines.append([])
                last = sentence.line
            lines[-1].append(sentence.text)
        return "\n".join(" ".join(parts) for parts in lines)


def normalizer_info() -> dict:
    """Name, version, library versions and the exact ftfy configuration, for the record."""
    config = FTFY_CONFIG._asdict()
    config.pop("explain")
    return {
        "name": NORMALIZER_NAME,
        "version": NORMALIZER_VERSION,
        "libraries": dict(_library_versions()),
        "ftfy_config": config,
        "sentence_splitter": "syntok.segmenter.analyze, one line at a time",
    }


@lru_cache(maxsize=None)
def _library_versions() -> tuple[tuple[str, str], ...]:
    """Installed versions of LIBRARIES, read once a process: each read parses package metadata."""
    return tuple((name, version(name)) for name in LIBRARIES)


def _is_foreign(chars: str) -> bool:
    for ch in chars:
        if ch in MOJIBAKE_LEFTOVERS:
            continue
        name = unicodedata.name(ch, "")
        if not ch.isalpha() or name.startswith("LATIN"):
            return False
    return True


def _is_mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(ord(c) < 0x250 for c in letters) >= 0.9 * len(letters)


def _diff(number: int, rule: str, before: str, after: str) -> list[Change]:
    """The Changes between two texts where nothing says what changed (ftfy's repairs)."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    spans = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    return _changes(number, rule, before, after, spans)


def _substitute(pattern: re.Pattern, replace, text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """``pattern.sub(replace, text)``, and the span of every match that changed, before and after.

    The rule's own matches say exactly what it changed: no diff has to guess them back.
    """
    parts: list[str] = []
    spans: list[tuple[int, int, int, int]] = []
    last = shift = 0
    for match in pattern.finditer(text):
        old, new = match.group(0), replace(match)
        if new == old:
            continue
        start, end = match.span()
        parts += (text[last:start], new)
        spans.append((start, end, start + shift, start + shift + len(new)))
        shift += len(new) - len(old)
        last = end
    if not spans:
        return text, spans
    parts.append(text[last:])
    return "".join(parts), spans


def _changes(number: int, rule: str, before: str, after: str, spans: list[tuple[int, int, int, int]]) -> list[Change]:
    """One Change per changed region (regions 24 characters apart or closer merged), with
    12 characters of context each side."""
    regions: list[list[int]] = []
    for i1, i2, j1, j2 in spans:
        if regions and i1 - regions[-1][1] <= 24:
            regions[-1][1], regions[-1][3] = i2, j2
        else:
            regions.append([i1, i2, j1, j2])
    return [
        Change(number, rule, before[max(0, i1 - 12) : i2 + 12], after[max(0, j1 - 12) : j2 + 12])
        for i1, i2, j1, j2 in regions
    ]


def repair_line(number: int, raw_line: str, repaired: list[Change], removed: list[Change]) -> tuple[str, list[int]]:
    """Repair one line; return its text and the offsets of characters that still look like mojibake."""
    fixed, explanation = ftfy.fix_and_explain(raw_line, config=FTFY_CONFIG)
    if fixed != raw_line:
        steps = "+".join(sorted({step for step, _ in explanation or []})) or "unicode"
        repaired.extend(_diff(number, f"ftfy:{steps}", raw_line, fixed))
    text = fixed
    if _is_mostly_latin(text):

        def mend(match: re.Match) -> str:
            if not _is_foreign(match.group(2)):
                return match.group(0)
            after = f"{match.group(1)}\u2019{match.group(3)}"
            repaired.append(Change(number, "lossy-apostrophe", match.group(0), after))
            return after

        text = LOSSY_APOSTROPHE.sub(mend, text)
    text = text.strip()
    collapsed, spans = _substitute(WHITESPACE_RUN, _one_space, text)
    repaired.extend(_changes(number, "whitespace", text, collapsed, spans))
    text = collapsed
    if ADVERTISEMENT.search(text):
        removed.append(Change(number, "advertisement-marker", "ADVERTISEMENT"))
        text = ADVERTISEMENT.sub("", text)
    if LONE_MARKER.match(text):
        removed.append(Change(number, "stray-marker", text))
        text = ""
    spaced, spans = _substitute(SPACE_BEFORE_PUNCTUATION, _punctuation_only, text)
    repaired.extend(_changes(number, "space-before-punctuation", text, spaced, spans))
    suspects = [m.start() for m in STRAY_IN_WORD.finditer(spaced) if _is_foreign(m.group(1))]
    suspects += [i for i, ch in enumerate(spaced) if ch == "\ufffd"]
    return spaced, suspects


def _one_space(match: re.Match) -> str:
    return " "


def _punctuation_only(match: re.Match) -> str:
    return match.group(1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in one line, as syntok finds them."""
    spans = []
    for paragraph in syntok.segmenter.analyze(text):
        for sentence in paragraph:
            start = sentence[0].offset
            end = sentence[-1].offset + len(sentence[-1].value)
            spans.append((start, end))
    if not spans:
        return [(0, len(text))]
    # syntok drops nothing but spacing; make that an invariant, not a hope.
    spans[0] = (0, spans[0][1])
    spans[-1] = (spans[-1][0], len(text))
    kept = "".join(text[a:b] for a, b in spans).replace(" ", "")
    if kept != text.replace(" ", ""):
        return [(0, len(text))]
    return spans


def normalize(raw: bytes, /, *, name: str, source_id: str) -> SourceRecord:
    """Turn one seed's bytes into a source record; raise SeedError for what is no article."""
    text, decode_changes = decode_seed(raw)
    removed = [c for c in decode_changes if c.rule == "incomplete-utf8-at-end"]
    repaired = [c for c in decode_changes if c.rule != "incomplete-utf8-at-end"]
    if "\r" in text:
        repaired.append(Change(1, "line-endings", f"{text.count(chr(13))} carriage returns", "newlines"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    suspects: dict[int, list[int]] = {}
    for number, raw_line in enumerate(text.split("\n"), start=1):
        line_text, line_suspects = repair_line(number, raw_line, repaired, removed)
        if line_text:
            lines.append(Line(number, line_text))
            suspects[number] = line_suspects
    classify_lines(lines)
    drafts: list[tuple[int, str, dict[str, str]]] = []
    for line in lines:
        spans = [(0, len(line.text))] if "table" in line.flags else split_sentences(line.text)
        for start, end in spans:
            flags = dict(line.flags)
            sentence_text = line.text[start:end].strip()
            flag_sentence(sentence_text, flags)
            if any(start <= s < end for s in suspects[line.number]):
                flags["suspect-encoding"] = "a character from another script inside a Latin word"
            drafts.append((line.number, sentence_text, flags))
    if drafts and (removed and removed[0].rule == "incomplete-utf8-at-end" or _ends_mid_sentence(drafts)):
        drafts[-1][2]["truncated"] = "the text ends mid-sentence: the article was cut off"
    anchors = _anchors([t for _, t, _ in drafts])
    duplicates = find_duplicates([t for _, t, _ in drafts])
    sentences = []
    for index, (number, sentence_text, flags) in enumerate(drafts):
        duplicate_of = None
        if index in duplicates:
            earlier, rule = duplicates[index]
            flags["duplicate"] = rule
            duplicate_of = anchors[earlier]
        sentences.append(Sentence(anchors[index], number, sentence_text, dict(sorted(flags.items())), duplicate_of))
    title_parts = [s.text for s in sentences if "title" in s.flags]
    return SourceRecord(
        id=source_id,
        seed_path=name,
        seed_sha256=sha256_hex(raw),
        seed_bytes=len(raw),
        title=" ".join(title_parts) or None,
        sentences=tuple(sentences),
        removed=tuple(removed),
        repaired=tuple(repaired),
    )


def _ends_mid_sentence(drafts: list[tuple[int, str, dict[str, str]]]) -> bool:
    prose = [t for _, t, flags in drafts if not flags.keys() & {"chrome", "heading", "title", "byline"}]
    if not prose:
        return False
    last = prose[-1]
    return len(last.split()) >= 8 and not is_body_like(last) and last[:1].isupper()


def _anchors(texts: list[str]) -> list[str]:
    """``s-`` plus eight hex digits of the folded sentence; repeats get ``-2``, ``-3``."""
    seen: dict[str, int] = {}
    anchors = []
    for text in texts:
        base = f"s-{anchor_hash(text)}"
        seen[base] = seen.get(base, 0) + 1
        anchors.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return anchors
