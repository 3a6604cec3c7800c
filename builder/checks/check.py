"""`briefing check`: every problem in the content, collected, sorted, never raised.

Schema first; the reference, link, quote and date checks run only on records whose
schema passed, so one mistake is reported once, where it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from rapidfuzz import process

from builder.core import dates
from builder.content.ids import RESERVED_IDS, check_published
from builder.core.lexicon import phrase_precision
from builder.content.load import Briefing, Document
from builder.core.problems import Problem
from builder.checks.prose import check_prose
from builder.checks.quotes import check_numbers, check_quotes, check_status
from builder.checks.trust import check_background, check_dispute_quotes, check_statements
from builder.content.evidence import iter_evidence
from builder.content.schemas import check_schema
from builder.core.text import fold
from builder.core.urls import SECTIONS
from builder.content.wikilinks import links_in, make_markdown

LINKABLE = ("source", "entity", "fact", "dispute")
SAFE_SCHEMES = {"http", "https", "mailto"}
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")  # as defs.schema.json#/$defs/id


def check(briefing: Briefing, *, notes: Callable[[Briefing], list[Problem]] | None = None) -> list[Problem]:
    """Every problem in a loaded briefing, sorted by file and position.

    ``notes(clean)``, given the records that passed their schema, adds info notes (the
    pipeline passes one that keeps them for the shared-claim notes, which it caches apart).
    """
    clean, problems = _schema_checked(briefing)
    problems += check_unfinished(briefing)
    rules = (
        check_ids, check_pairs, check_references, check_links, check_quotes, check_status, check_numbers,
        check_statements, check_background, check_dispute_quotes, check_dates, check_unknowns, check_source_names,
        check_prose, check_published, notes or _no_notes,
    )
    for rule in rules:
        problems += rule(clean) if rule is not check_ids else rule(briefing)
    if briefing.briefing is None:
        problems.append(Problem("content/briefing.yaml", 1, 1, "missing-file", "the briefing has no content/briefing.yaml", "create it with title, as_of, as_of_basis, summary, watch and changed (and, for readers, a lede and key questions)"))
    return sorted(set(problems))


def _schema_checked(briefing: Briefing) -> tuple[Briefing, list[Problem]]:
    """The briefing of the records that pass their schema, and the schema problems of the rest."""
    problems: list[Problem] = []
    clean = Briefing(
        sources=briefing.sources, known=briefing.known, published=briefing.published, quote_spans=briefing.quote_spans
    )
    for document in briefing.documents:
        found = check_schema(document)
        problems += found
        if not found:
            clean.documents.append(document)
            if document.kind == "briefing":
                clean.briefing = document
            else:
                clean.by_kind.setdefault(document.kind, {})[document.file_id] = document
    return clean, problems


def schema_clean(briefing: Briefing) -> Briefing:
    """The briefing of the records that pass their schema: what the rules after it read."""
    return _schema_checked(briefing)[0]


def check_unfinished(briefing: Briefing) -> Iterator[Problem]:
    """Values a scaffold left for the editor (they start with TODO) are not content yet."""
    for document in briefing.documents:
        yield from document.derived("unfinished", lambda: list(_unfinished_in(document)))


def _unfinished_in(document: Document) -> Iterator[Problem]:
    for path, value in _unfinished(document.data, ()):
        line, col = document.at(path)
        reason = document.kind == "source" and len(path) == 2 and path[0] == "unknown"
        if reason and isinstance(document.data, dict):
            name = path[1]
            if document.data.get(name) is not None:  # the value was found: the reason is moot
                filled = document.at((name,))[0]
                why = f"the reason why {name} is unknown is still TODO, but {name} is filled in (line {filled})"
                fix = f"delete this line: a known {name} needs no reason"
                yield Problem(document.path, line, col, "unfinished", why, fix)
            else:
                fix = f"replace the TODO with why nobody knows the {name}, or fill in {name} and delete this line"
                yield Problem(document.path, line, col, "unfinished", f"{value!r} is still to be written", fix)
            continue
        yield Problem(document.path, line, col, "unfinished", f"{value!r} is still to be written", "replace the TODO value with real content from the sources")


UNFINISHED = ("TODO", "todo-")


def _unfinished(value, path: tuple) -> Iterator[tuple[tuple, str]]:
    """(path, value) of every string under ``value`` that starts with an UNFINISHED mark.

    Strings are tested where they stand, so only mappings and lists cost a call."""
    if isinstance(value, str):
        if value.startswith(UNFINISHED):
            yield path, value
        return
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str):
            if item.startswith(UNFINISHED):
                yield path + (key,), item
        elif isinstance(item, (dict, list)):
            yield from _unfinished(item, path + (key,))


def check_ids(briefing: Briefing) -> Iterator[Problem]:
    """Ids equal their file names and are unique across every kind."""
    owners: dict[str, Document] = {}
    for document in briefing.documents:
        if document.kind in ("briefing", "redirects") or not isinstance(document.data, dict):
            continue
        record_id = document.data.get("id")
        line, col = document.at(("id",))
        if isinstance(record_id, str) and ID.match(record_id) and record_id != document.file_id:
            suffix = ".meta.yaml" if document.kind == "source" else ".yaml"
            yield Problem(document.path, line, col, "id-mismatch", f"the id '{record_id}' does not match the file name '{document.file_id}'", f"set id: {document.file_id}, or rename the file to {record_id}{suffix}")
        if document.file_id in RESERVED_IDS:
            yield Problem(document.path, line, col, "reserved-id", f"the id '{document.file_id}' is reserved: the site's lists live at {SECTIONS.get(document.kind, SECTIONS['source'])}/{document.file_id}", "rename the file and its id")
        if document.kind == "source-text":
            continue  # shares its id with the source's metadata file
        previous = owners.setdefault(document.file_id, document)
        if previous is not document:
            yield Problem(document.path, line, col, "duplicate-id", f"the id '{document.file_id}' is already used by {previous.path}", "ids are one namespace across sources, entities, facts and disputes: rename one")


def check_pairs(briefing: Briefing) -> Iterator[Problem]:
    """Every generated source record has its metadata file, and the other way round."""
    texts, metas = briefing.kind("source-text"), briefing.kind("source")
    for source_id in sorted(texts.keys() - metas.keys()):
        yield Problem(texts[source_id].path, 1, 1, "source-meta-missing", f"source '{source_id}' has no metadata file", "run `briefing normalize`: it writes a metadata file to fill in")
    for source_id in sorted(metas.keys() - texts.keys()):
        yield Problem(metas[source_id].path, 1, 1, "source-text-missing", f"source '{source_id}' has no text to quote", "add the article to seeds/ and run `briefing normalize`")


def _closest(value: str, choices) -> str:
    guess = process.extractOne(value, sorted(choices), score_cutoff=70)
    return f"did you mean '{guess[0]}'?" if guess else "check the spelling"


def check_references(briefing: Briefing) -> Iterator[Problem]:
    """Ids in structured fields name records of the right kind."""
    wanted = {kind: briefing.known.get(kind, set()) for kind in ("entity", "fact")}
    wanted["source"] = set(briefing.sources)

    def need(document: Document, path: tuple, value, kind: str) -> Iterator[Problem]:
        # A TODO a scaffold left is reported as unfinished, not a second time as a misspelt id.
        if isinstance(value, str) and value not in wanted[kind] and not value.startswith(UNFINISHED):
            line, col = document.at(path)
            yield Problem(document.path, line, col, "unknown-id", f"there is no {kind} '{value}'", _closest(value, wanted[kind]))

    for document, path, item in iter_evidence(briefing):
        yield from need(document, path + ("source",), item.get("source"), "source")
        for i, link in enumerate(item.get("via") or []):
            yield from need(document, path + ("via", i, "entity"), link.get("entity"), "entity")
    for dispute in briefing.kind("dispute").values():
        for p, position in enumerate(dispute.data["positions"]):
            for i, fact_id in enumerate(position.get("facts", [])):
                yield from need(dispute, ("positions", p, "facts", i), fact_id, "fact")
    if briefing.briefing is not None:
        for i, question in enumerate(briefing.briefing.data.get("questions", [])):
            more = question["more"]
            if more not in wanted["fact"] and more not in briefing.known.get("dispute", set()):
                line, col = briefing.briefing.at(("questions", i, "more"))
                yield Problem(briefing.briefing.path, line, col, "unknown-id", f"key question {i + 1}'s more: '{more}' is no fact or dispute", _closest(more, wanted["fact"] | briefing.known.get("dispute", set())))
    for meta in briefing.kind("source").values():
        yield from need(meta, ("outlet_entity",), meta.data.get("outlet_entity"), "entity")
        for c, credit in enumerate(meta.data.get("credited", [])):
            for i, entity_id in enumerate(credit["entities"]):
                yield from need(meta, ("credited", c, "entities", i), entity_id, "entity")
            source = briefing.sources.get(meta.file_id)
            if source is not None and fold(credit["words"]) not in source.folded:
                line, col = meta.at(("credited", c, "words"))
                yield Problem(meta.path, line, col, "attribution-not-found", f"the words {credit['words']!r} are not in {meta.file_id}", "copy the article's crediting words exactly as they stand")


def markdown_fields(document: Document) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every Markdown field of a record."""
    data = document.data
    names = {"fact": ("statement", "note"), "entity": ("description", "note"), "dispute": ("question", "note"), "briefing": (), "source": ("notes",)}.get(document.kind, ())
    for name in names:
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
                    yield Problem(document.path, line, col, "unknown-id", f"[[{link['id']}]] links to no record", _closest(link["id"], ids))
            raw_html, unsafe = ((), ()) if plain else _markup(text)
            if raw_html:
                line, col = document.at(path)
                yield Problem(document.path, line, col, "raw-html", "raw HTML is not allowed in Markdown fields", "write Markdown: **bold**, *italic*, [text](https://…), [[id]]")
            for href, scheme in unsafe:
                line, col = document.at(path)
                yield Problem(document.path, line, col, "unsafe-link", f"the link {href!r} uses the {scheme}: scheme", "link only to http:// or https:// addresses, or to records with [[id]]")
            if document.kind == "briefing" and path[0] in ("summary", "watch") and not any(link["id"] in facts for link in links):
                line, col = document.at(path)
                yield Problem(document.path, line, col, "unsourced-line", f"this {path[0]} line links no fact", "link the facts it rests on with [[fact-id]]")


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


# Every date field of the content model, by name wherever it stands (a redirect's changed
# too): the calendar-day fields, and the EDTF ones. A test holds this to the JSON Schemas.
DAY_FIELDS = ("changed", "as_of")
EDTF_FIELDS = ("when", "published", "reporting_window")


def _date_fields(value, path: tuple) -> Iterator[tuple[tuple, str, str]]:
    """(path, field name, value) of every date field under ``value``."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if isinstance(item, str) and key in DAY_FIELDS + EDTF_FIELDS:
            yield path + (key,), key, item
        elif isinstance(item, (dict, list)) and key not in ("sentences", "paragraphs"):
            yield from _date_fields(item, path + (key,))


def check_calendar(briefing: Briefing) -> Iterator[Problem]:
    """Every date names a month and day the calendar has ("2026-02-30" does not)."""
    for document in briefing.documents:
        if document.kind != "source-text":
            yield from document.derived("calendar", lambda: list(_calendar_in(document)))


def _calendar_in(document: Document) -> Iterator[Problem]:
    for path, name, value in _date_fields(document.data, ()):
        wrong = dates.calendar_problem(value, day_only=name in DAY_FIELDS)
        if wrong:
            why, part, example = wrong
            line, col = document.at(path)
            yield Problem(
                document.path, line, col, "impossible-date",
                f"{name} {value!r} is not a real calendar date: {why}", f"correct {part!r}, e.g. to {example!r}",
            )


def check_dates(briefing: Briefing) -> Iterator[Problem]:
    """Dates exist, EDTF dates are valid, no finer than their phrase allows, and expected events lie ahead."""
    yield from check_calendar(briefing)
    as_of = briefing.briefing.data.get("as_of") if briefing.briefing else None
    as_of_bounds = dates.bounds(as_of) if isinstance(as_of, str) and not dates.calendar_problem(as_of) else None
    for meta in briefing.kind("source").values():
        published = meta.data.get("published")
        if isinstance(published, str) and not dates.calendar_problem(published) and dates.parse(published) is None:
            line, col = meta.at(("published",))
            yield _bad_edtf(meta, line, col, "published", published)
    for fact in briefing.kind("fact").values():
        when = fact.data.get("when")
        if not isinstance(when, str) or dates.calendar_problem(when):
            continue
        line, col = fact.at(("when",))
        if dates.parse(when) is None:
            yield _bad_edtf(fact, line, col, "when", when)
            continue
        if not dates.is_supported(when):
            yield Problem(fact.path, line, col, "unsupported-date", f"{when!r} is valid EDTF, but not a form the timeline can show honestly", 'use a year, month, season or day ("2026", "2026-04", "2026-21", "2026-04-03"), optionally with ?, ~ or %, or a closed interval of two ("2026-03/2026-04")')
            continue
        span = dates.bounds(when)
        if span and span[0] > span[1]:
            yield Problem(fact.path, line, col, "reversed-date", f"{when!r} ends before it starts", "write the interval earliest first")
            continue
        basis = fact.data["when_basis"]
        quotes = " ".join(fold(e["quote"]).lower() for e in fact.data["evidence"])
        if fold(basis["phrase"]).lower() not in quotes:
            pline, pcol = fact.at(("when_basis", "phrase"))
            yield Problem(fact.path, pline, pcol, "phrase-not-quoted", f"the time phrase {basis['phrase']!r} is in none of this fact's quotes", "copy the time words from a quote, or quote the sentence that has them")
        allowed = phrase_precision(basis["phrase"])
        if allowed is not None and dates.precision(when) > allowed:
            yield Problem(fact.path, line, col, "date-too-precise", f"{when!r} names {dates.PRECISION_NAMES[dates.precision(when)]}, but {basis['phrase']!r} supports only {dates.PRECISION_NAMES[allowed]}", f"write it to {dates.PRECISION_NAMES[allowed]} at most, e.g. {_coarsen(when, allowed)!r}")
        if span and as_of_bounds:
            expected = fact.data.get("expected", False)
            if expected and span[1] < as_of_bounds[0]:
                yield Problem(fact.path, line, col, "expected-in-past", f"expected: true, but {when!r} ends before the as-of day {as_of}", "set expected: false, or correct the date")
            if not expected and span[0] > as_of_bounds[1]:
                yield Problem(fact.path, line, col, "future-not-expected", f"{when!r} lies after the as-of day {as_of}, but expected is not true", "set expected: true for an event that has not happened yet")


def _bad_edtf(document: Document, line: int, col: int, field: str, value: str) -> Problem:
    return Problem(document.path, line, col, "bad-date", f"{field} {value!r} is not a valid EDTF date", 'write e.g. "2026", "2026-04", "2026-04-03", "2026-04~" (about), "2026-04?" (uncertain) or "2026-03/2026-04"')


def _coarsen(value: str, precision: int) -> str:
    return re.sub(r"\b(\d{4})(-\d{2})?(-\d{2})?", lambda m: "".join(m.group(i) or "" for i in range(1, precision + 1)), value)


def check_unknowns(briefing: Briefing) -> Iterator[Problem]:
    """A null value in source metadata says why under ``unknown``."""
    for meta in briefing.kind("source").values():
        reasons = meta.data.get("unknown", {})
        for name in ("outlet", "url", "byline", "published"):
            if meta.data.get(name) is None and name not in reasons:
                line, col = meta.at((name,))
                yield Problem(meta.path, line, col, "unexplained-null", f"{name} is null without a reason", f"add under unknown: `{name}: <why nobody knows it>`")


def check_source_names(briefing: Briefing) -> Iterator[Problem]:
    """Readers know a source by its outlet or an editor-set title, never by its id."""
    for meta in briefing.kind("source").values():
        if not meta.data.get("outlet") and not meta.data.get("title"):
            line, col = meta.at(("title",))
            yield Problem(meta.path, line, col, "source-unnamed", f"source '{meta.file_id}' has neither an outlet nor a title, so readers would see its detected headline or \"Untitled article\"", "set outlet: when the text names its publication; otherwise set title: to a short name of your own for the article (a few words, no guessed outlet)", "warning")


def _no_notes(briefing: Briefing) -> list[Problem]:
    return []
