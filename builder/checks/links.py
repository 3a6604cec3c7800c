"""The Markdown fields' link rules: every ``[[id]]`` names a record, no raw HTML, only safe
link schemes, and every summary and watch line of the briefing links a fact.

``markdown_fields`` is the one list of a record's Markdown fields; the pages read it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from builder.checks.spelling import closest
from builder.content.load import Briefing, Document
from builder.content.wikilinks import links_in, make_markdown
from builder.core.problems import Problem

LINKABLE = ("source", "entity", "fact", "dispute")
SAFE_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_FIELDS = {
    "fact": ("statement", "note"),
    "entity": ("description", "note"),
    "dispute": ("question", "note"),
    "briefing": (),
    "source": ("notes",),
}


def markdown_fields(document: Document) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every Markdown field of a record."""
    data = document.data
    for name in MARKDOWN_FIELDS.get(document.kind, ()):
        if isinstance(data.get(name), str):
            yield (name,), data[name]
    if document.kind == "briefing":
        for name in ("summary", "watch"):
            for i, line in enumerate(data.get(name, [])):
                yield (name, i), line
        if isinstance(data.get("lede"), str):
            yield ("lede",), data["lede"]
        for i, question in enumerate(data.get("questions", [])):
            yield ("questions", i, "question"), question["question"]
            yield ("questions", i, "answer"), question["answer"]
    if document.kind == "dispute":
        for p, position in enumerate(data.get("positions", [])):
            yield ("positions", p, "claim"), position["claim"]


def link_position(document: Document, path: tuple, raw: str, nth: int) -> tuple[int, int]:
    """The 1-based line and column of the nth ``raw`` link text at or after the field's start."""
    line, col = document.at(path)
    lines = document.text.splitlines()
    seen = 0
    for number in range(line - 1, len(lines)):
        start = col - 1 if number == line - 1 else 0
        at = lines[number].find(raw, start)
        while at >= 0:
            if seen == nth:
                return number + 1, at + 1
            seen += 1
            at = lines[number].find(raw, at + 1)
    return line, col


def check_links(briefing: Briefing) -> Iterator[Problem]:
    """Every ``[[id]]`` resolves; no raw HTML; summary and watch lines link facts."""
    ids = set(briefing.sources).union(*(briefing.known.get(kind, set()) for kind in LINKABLE))
    facts = briefing.known.get("fact", set())
    for document in briefing.documents:
        for path, text in markdown_fields(document):
            plain = "[" not in text and "<" not in text  # no link, image, [[id]] or raw HTML starts without one
            links = links_in(text)
            counts: dict[str, int] = {}
            for link in links:
                nth = counts.get(link["raw"], 0)
                counts[link["raw"]] = nth + 1
                if link["id"] not in ids:
                    line, col = link_position(document, path, link["raw"], nth)
                    why = f"[[{link['id']}]] links to no record"
                    yield Problem(document.path, line, col, "unknown-id", why, closest(link["id"], ids))
            raw_html, unsafe = ((), ()) if plain else _markup(text)
            if raw_html:
                line, col = document.at(path)
                yield Problem(
                    document.path, line, col, "raw-html", "raw HTML is not allowed in Markdown fields",
                    "write Markdown: **bold**, *italic*, [text](https://…), [[id]]",
                )
            for href, scheme in unsafe:
                line, col = document.at(path)
                yield Problem(
                    document.path, line, col, "unsafe-link", f"the link {href!r} uses the {scheme}: scheme",
                    "link only to http:// or https:// addresses, or to records with [[id]]",
                )
            summary_or_watch = document.kind == "briefing" and path[0] in ("summary", "watch")
            if summary_or_watch and not any(link["id"] in facts for link in links):
                line, col = document.at(path)
                yield Problem(
                    document.path, line, col, "unsourced-line", f"this {path[0]} line links no fact",
                    "link the facts it rests on with [[fact-id]]",
                )


_HTML_MD = make_markdown(lambda i: None).enable("html_inline").enable("html_block")
_HTML_MD.options["html"] = True
_HTML_MD.validateLink = lambda url: True  # see every link, so unsafe ones can be named


@lru_cache(maxsize=1 << 17)
def _markup(text: str) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """Whether a Markdown text holds raw HTML, and its links' (href, scheme) whose scheme is
    not safe; remembered by text, as ``links_in`` is."""
    tokens = list(_all_tokens(_HTML_MD.parse(text)))
    unsafe = []
    for token in tokens:
        href = token.attrGet("href") or token.attrGet("src") or ""
        scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", str(href))
        if token.type in ("link_open", "image") and scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            unsafe.append((str(href), scheme.group(1)))
    return any(t.type in ("html_inline", "html_block") for t in tokens), tuple(unsafe)


def _all_tokens(tokens):
    for token in tokens:
        yield token
        yield from _all_tokens(token.children or [])
