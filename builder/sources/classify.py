"""Flags for lines and sentences: heading, chrome, byline, duplicate and the rest.

A flag never deletes text; it tells the site to dim it and the checks to distrust it.
Every rule has a name that is recorded beside the flag, so an editor can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from builder.core.text import fold

# The vocabulary, also the enum in schemas/source-text.schema.json.
FLAGS = (
    "title",  # the article's headline (first line, when it reads as one)
    "heading",  # a section heading or a second headline
    "byline",  # author, job title or credit line near the top
    "chrome",  # site furniture: promos, counters, footers, breadcrumbs
    "caption",  # a photo caption or credit
    "list-item",  # begins with a list marker
    "table",  # a pipe-table row, kept whole
    "highlights",  # a "Key Highlights" summary block that restates the body
    "faq",  # a FAQ block that restates the body
    "duplicate",  # repeats an earlier sentence of the same article
    "truncated",  # cut off ("performan...") or ends mid-sentence
    "suspect-encoding",  # characters that look like unrepaired mojibake
)

# Whole-line site chrome, each pattern with the name recorded as its rule.
CHROME_LINES = {
    "view-counter": re.compile(r"^[\d.,]+[KkMm]?\s+(views?|reads?)$", re.I),
    "app-promo": re.compile(r"^(download( the app)?|get the app|.* news app)$", re.I),
    "read-more": re.compile(r"^(read more|also read|read also|click here)\b.*$", re.I),
    "login-promo": re.compile(r"^(login|log in|sign in)\b.*$|^\d+\s+timespoints$", re.I),
    "text-size": re.compile(r"^text size\s*:.*$", re.I),
    "partner-links": re.compile(
        r"^(more from our partners|loading next story|recommended stories|trending now)$", re.I
    ),
    "save-notice": re.compile(r"^(success|this article has been saved)$", re.I),
    "breadcrumbs": re.compile(r"^(?:[^›»>]{1,60}\s*[›»>]\s*){2,}[^›»>]+$"),
    "newsletter-promo": re.compile(
        r"(sign up|subscribe)\b.{0,60}\bnewsletter|newsletter\b.{0,60}\b(sign up|subscribe)", re.I
    ),
    "share-prompt": re.compile(r"^(share( this)?( article| story)?|follow us on .*)$", re.I),
    "timestamp": re.compile(r"^(updated|published|last updated|first published)\b.{0,60}$", re.I),
    "wire-credits": re.compile(r"^(reporting|writing|editing|additional reporting|compiled) by\b", re.I),
}
BYLINE = re.compile(r"^by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and|&)\s*[\w.'’ -]{1,40}){0,3}$", re.I)
CAPTION = re.compile(
    r"^(photo|image|picture|file photo|pictured|caption|credit)\s*[:(|-]|\((photo|image|credit)s?\b[^)]*\)$",
    re.I,
)
# A photo credit glued to the end of a paragraph: only that sentence is a caption.
PHOTO_CREDIT = re.compile(r"^(photo|image|picture)s?\s*(credit)?\s*:\s*[\w .&/'’-]{2,60}$", re.I)
LIST_MARKER = re.compile(r"^([-*+•·▪◦‣]|\d{1,3}[.)])\s+")
TABLE_ROW = re.compile(r"^\|.*\|$")
SECTION_HEADINGS = {
    "key highlights": "highlights",
    "highlights": "highlights",
    "key takeaways": "highlights",
    "key points": "highlights",
    "faq": "faq",
    "faqs": "faq",
    "frequently asked questions": "faq",
}
TRUNCATED = re.compile(r"\w(\.\.\.|…)$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
NEAR_DUPLICATE_SCORE = 92  # rapidfuzz ratio on lower-cased, punctuation-free text
NEAR_DUPLICATE_MIN_WORDS = 6


@dataclass
class Line:
    """A kept line of the article, with its flags and the rule behind each."""

    number: int
    text: str
    flags: dict[str, str] = field(default_factory=dict)


def _words(text: str) -> int:
    return len(text.split())


def is_body_like(text: str) -> bool:
    """A sentence of prose: capitalised, eight words or more, ending as a sentence does."""
    return _words(text) >= 8 and text[:1].isupper() and bool(SENTENCE_END.search(text))


def is_heading_like(text: str) -> bool:
    """Short and not ending as prose does: a headline, a section title or a question heading."""
    limit = 20 if text.endswith("?") else 15
    return 0 < _words(text) <= limit and not re.search(r"[.,;:!\"”’)\]]$", text)


def is_headline_like(text: str) -> bool:
    """An article's first line as a headline: longer than a heading may be, still no closing stop."""
    return 0 < _words(text) <= 30 and not re.search(r"[.,;:!\"”’)\]]$", text)


def _section_key(text: str) -> str:
    return re.sub(r"[^a-z ]", "", text.lower()).strip()


def classify_lines(lines: list[Line]) -> None:
    """Set line-level flags in place, in document order."""
    if not lines:
        return
    footer_start = _footer_start(lines)
    section = ""
    for index, line in enumerate(lines):
        text, flags = line.text, line.flags
        if index >= footer_start:
            flags["chrome"] = "footer: site furniture after the article's last paragraph"
        for name, pattern in CHROME_LINES.items():
            if pattern.search(text):
                flags["chrome"] = name
                break
        if CAPTION.search(text):
            flags["caption"] = "caption-pattern"
        if TABLE_ROW.match(text):
            flags["table"] = "pipe-table-row"
        if LIST_MARKER.match(text):
            flags["list-item"] = "list-marker"
        key = _section_key(text)
        if key in SECTION_HEADINGS:
            flags["heading"] = "section-heading"
            section = SECTION_HEADINGS[key]
            continue
        if section == "highlights" and "list-item" not in flags:
            section = ""
        if section and index < footer_start:
            flags[section] = f"inside a '{section}' section"
        if index == 0 and is_headline_like(text) and not flags.keys() & {"table", "list-item", "chrome"}:
            flags["title"] = "first line reads as a headline"
        elif "chrome" not in flags and _is_byline(lines, index):
            flags["byline"] = "short capitalised line near the top"
        elif (
            is_heading_like(text)
            and not flags.keys() & {"chrome", "table", "caption"}
            and ("list-item" not in flags or text.endswith("?"))
            and index < len(lines) - 1
        ):
            flags["heading"] = "short line without closing punctuation"


def _is_byline(lines: list[Line], index: int) -> bool:
    text = lines[index].text
    if index < 8 and BYLINE.match(text):
        return True
    return (
        0 < index < 6
        and _words(text) <= 4
        and fold(text) != fold(lines[0].text)
        and all(word[:1].isupper() for word in text.split())
        and not re.search(r"[.,;:!?]$", text)
        and _section_key(text) not in SECTION_HEADINGS
    )


def _footer_start(lines: list[Line]) -> int:
    """Index of the first chrome line after which no prose follows (len(lines) if none)."""
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        if is_body_like(text) and not any(p.search(text) for p in CHROME_LINES.values()):
            break
        if any(p.search(text) for p in CHROME_LINES.values()):
            start = index
    return start


def flag_sentence(text: str, flags: dict[str, str]) -> None:
    """Sentence-level flags that do not depend on other sentences."""
    if PHOTO_CREDIT.match(text):
        flags["caption"] = "photo-credit"
    if TRUNCATED.search(text):
        flags["truncated"] = "ends mid-word in an ellipsis"
    if "\ufffd" in text:
        flags["suspect-encoding"] = "contains U+FFFD, a character lost in an earlier conversion"


def find_duplicates(texts: list[str]) -> dict[int, tuple[int, str]]:
    """Map each sentence index that repeats an earlier one to (earlier index, rule).

    Exact repeats after folding always count; near repeats count when rapidfuzz's ratio on
    lower-cased, punctuation-free text reaches NEAR_DUPLICATE_SCORE and both are long enough.
    """
    first_seen: dict[str, int] = {}
    processed: list[str] = []
    duplicates: dict[int, tuple[int, str]] = {}
    for index, text in enumerate(texts):
        key = fold(text)
        clean = default_process(text)
        processed.append(clean)
        if key in first_seen:
            duplicates[index] = (first_seen[key], "exact repeat of an earlier sentence")
            continue
        first_seen[key] = index
        if _words(text) < NEAR_DUPLICATE_MIN_WORDS:
            continue
        for earlier in range(index):
            if earlier in duplicates or _words(texts[earlier]) < NEAR_DUPLICATE_MIN_WORDS:
                continue
            if fuzz.ratio(clean, processed[earlier], score_cutoff=NEAR_DUPLICATE_SCORE):
                duplicates[index] = (earlier, f"near repeat (rapidfuzz ratio >= {NEAR_DUPLICATE_SCORE})")
                break
    return duplicates
