"""`briefing check`: every problem in the content, collected, sorted, never raised.

Schema first; the reference, link, quote and date checks run only on records whose
schema passed, so one mistake is reported once, where it is. This module runs the rules in
order and holds the record-level ones (unfinished values, ids, source pairs, references,
null metadata, source names); the link rules are in ``links``, the date rules in ``dates``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from builder.checks.dates import check_dates
from builder.checks.links import check_links
from builder.checks.prose import check_prose
from builder.checks.quotes import check_numbers, check_quotes, check_status
from builder.checks.spelling import closest
from builder.checks.trust import check_background, check_dispute_quotes, check_statements
from builder.content.evidence import iter_evidence
from builder.content.ids import RESERVED_IDS, check_published
from builder.content.load import Briefing, Document
from builder.content.schemas import check_schema
from builder.core.problems import Problem
from builder.core.text import fold
from builder.core.urls import SECTIONS

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
        problems.append(Problem(
            "content/briefing.yaml", 1, 1, "missing-file", "the briefing has no content/briefing.yaml",
            "create it with title, as_of, as_of_basis, summary, watch and changed "
            "(and, for readers, a lede and key questions)",
        ))
    return sorted(set(problems))


def _schema_checked(briefing: Briefing) -> tuple[Briefing, list[Problem]]:
    """The briefing of the records that pass their schema, and the schema problems of the rest."""
    problems: list[Problem] = []
    clean = Briefing(
        sources=briefing.sources, known=briefing.known, published=briefing.published, quote_spans=briefing.quote_spans
    )
    for document in briefing.documents:
        found = document.derived("schema", lambda: check_schema(document))  # the document alone: kept with it
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
        fix = "replace the TODO value with real content from the sources"
        yield Problem(document.path, line, col, "unfinished", f"{value!r} is still to be written", fix)


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
        at = ("id",)  # placed only for a problem: a position is read again from the file (yamlstrict.Parsed)
        if isinstance(record_id, str) and ID.match(record_id) and record_id != document.file_id:
            suffix = ".meta.yaml" if document.kind == "source" else ".yaml"
            yield Problem(
                document.path, *document.at(at), "id-mismatch",
                f"the id '{record_id}' does not match the file name '{document.file_id}'",
                f"set id: {document.file_id}, or rename the file to {record_id}{suffix}",
            )
        if document.file_id in RESERVED_IDS:
            section = SECTIONS.get(document.kind, SECTIONS["source"])
            why = f"the id '{document.file_id}' is reserved: the site's lists live at {section}/{document.file_id}"
            yield Problem(document.path, *document.at(at), "reserved-id", why, "rename the file and its id")
        if document.kind == "source-text":
            continue  # shares its id with the source's metadata file
        previous = owners.setdefault(document.file_id, document)
        if previous is not document:
            yield Problem(
                document.path, *document.at(at), "duplicate-id",
                f"the id '{document.file_id}' is already used by {previous.path}",
                "ids are one namespace across sources, entities, facts and disputes: rename one",
            )


def check_pairs(briefing: Briefing) -> Iterator[Problem]:
    """Every generated source record has its metadata file, and the other way round."""
    texts, metas = briefing.kind("source-text"), briefing.kind("source")
    for source_id in sorted(texts.keys() - metas.keys()):
        yield Problem(
            texts[source_id].path, 1, 1, "source-meta-missing", f"source '{source_id}' has no metadata file",
            "run `briefing normalize`: it writes a metadata file to fill in",
        )
    for source_id in sorted(metas.keys() - texts.keys()):
        yield Problem(
            metas[source_id].path, 1, 1, "source-text-missing", f"source '{source_id}' has no text to quote",
            "add the article to seeds/ and run `briefing normalize`",
        )


def check_references(briefing: Briefing) -> Iterator[Problem]:
    """Ids in structured fields name records of the right kind."""
    wanted = {kind: briefing.known.get(kind, set()) for kind in ("entity", "fact")}
    wanted["source"] = set(briefing.sources)

    def need(document: Document, path: tuple, value, kind: str) -> Iterator[Problem]:
        # A TODO a scaffold left is reported as unfinished, not a second time as a misspelt id.
        if isinstance(value, str) and value not in wanted[kind] and not value.startswith(UNFINISHED):
            line, col = document.at(path)
            why = f"there is no {kind} '{value}'"
            yield Problem(document.path, line, col, "unknown-id", why, closest(value, wanted[kind]))

    for document, path, item in iter_evidence(briefing):
        yield from need(document, path + ("source",), item.get("source"), "source")
        for i, link in enumerate(item.get("via") or []):
            yield from need(document, path + ("via", i, "entity"), link.get("entity"), "entity")
    for dispute in briefing.kind("dispute").values():
        for p, position in enumerate(dispute.data["positions"]):
            for i, fact_id in enumerate(position.get("facts", [])):
                yield from need(dispute, ("positions", p, "facts", i), fact_id, "fact")
    if briefing.briefing is not None:
        disputes = briefing.known.get("dispute", set())
        for i, question in enumerate(briefing.briefing.data.get("questions", [])):
            more = question["more"]
            if more not in wanted["fact"] and more not in disputes:
                line, col = briefing.briefing.at(("questions", i, "more"))
                why = f"key question {i + 1}'s more: '{more}' is no fact or dispute"
                hint = closest(more, wanted["fact"] | disputes)
                yield Problem(briefing.briefing.path, line, col, "unknown-id", why, hint)
    for meta in briefing.kind("source").values():
        yield from need(meta, ("outlet_entity",), meta.data.get("outlet_entity"), "entity")
        for c, credit in enumerate(meta.data.get("credited", [])):
            for i, entity_id in enumerate(credit["entities"]):
                yield from need(meta, ("credited", c, "entities", i), entity_id, "entity")
            source = briefing.sources.get(meta.file_id)
            if source is not None and fold(credit["words"]) not in source.folded:
                line, col = meta.at(("credited", c, "words"))
                yield Problem(
                    meta.path, line, col, "attribution-not-found",
                    f"the words {credit['words']!r} are not in {meta.file_id}",
                    "copy the article's crediting words exactly as they stand",
                )


def check_unknowns(briefing: Briefing) -> Iterator[Problem]:
    """A null value in source metadata says why under ``unknown``."""
    for meta in briefing.kind("source").values():
        reasons = meta.data.get("unknown", {})
        for name in ("outlet", "url", "byline", "published"):
            if meta.data.get(name) is None and name not in reasons:
                line, col = meta.at((name,))
                yield Problem(
                    meta.path, line, col, "unexplained-null", f"{name} is null without a reason",
                    f"add under unknown: `{name}: <why nobody knows it>`",
                )


def check_source_names(briefing: Briefing) -> Iterator[Problem]:
    """Readers know a source by its outlet or an editor-set title, never by its id."""
    for meta in briefing.kind("source").values():
        if not meta.data.get("outlet") and not meta.data.get("title"):
            line, col = meta.at(("title",))
            yield Problem(
                meta.path, line, col, "source-unnamed",
                f"source '{meta.file_id}' has neither an outlet nor a title, so readers would see its detected "
                'headline or "Untitled article"',
                "set outlet: when the text names its publication; otherwise set title: to a short name of your "
                "own for the article (a few words, no guessed outlet)",
                "warning",
            )


def _no_notes(briefing: Briefing) -> list[Problem]:
    return []
