"""Content files to an in-memory Briefing: every record parsed strictly, positions found on demand.

The face is ``load(texts) -> (Briefing, problems)``: it takes ``{repo-relative path: text}``
and reads no file itself. ``read_content(root)`` is the edge that gathers those texts.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, Mapping, TypeVar

from builder.core.problems import Problem
from builder.core.text import fold_with_map
from builder.content.yamlstrict import Parsed, parse

if TYPE_CHECKING:
    from builder.content.published import Published

# Where each kind of record lives; the file name (less the suffix) is the id.
T = TypeVar("T")

KIND_FOLDERS = {"content/entities/": "entity", "content/facts/": "fact", "content/disputes/": "dispute"}
BRIEFING_FILE = "content/briefing.yaml"
REDIRECTS_FILE = "content/redirects.yaml"


@dataclass
class Document:
    """One content file: its kind, id from the file name, text, value and (on demand) positions."""

    path: str
    kind: str
    file_id: str
    text: str
    parsed: Parsed
    # Values later stages compute from this document alone, by name (see ``derived``).
    kept: dict[str, tuple[Hashable, Any]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def data(self) -> Any:
        return self.parsed.data

    def derived(self, name: str, compute: Callable[[], T], *, given: Hashable = None) -> T:
        """``compute()``: a value that depends on this document alone (and on ``given``, when
        one is named), computed once and kept with the document under ``name``. The
        preview's next load reuses an unchanged document, and with it the value, unless
        ``given`` has changed since."""
        kept = self.kept.get(name)
        if kept is None or kept[0] != given:
            kept = self.kept[name] = (given, compute())
        return kept[1]

    def at(self, path: tuple, *, key: bool = False) -> tuple[int, int]:
        return self.parsed.position(path, key=key)


@dataclass
class SourceText:
    """A source's normalized text, folded once for quote matching, with its sentences."""

    id: str
    document: Document
    text: str
    folded: str
    where: list[int]  # folded index -> text index
    sentences: list[dict]
    starts: list[int]  # text offset of each sentence
    # Values computed from this text alone, by name and argument (hedges.evidence_scope's scopes):
    # kept while the text is, as the preview's next load reuses an unchanged source.
    memo: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that holds text offset ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)


@dataclass
class Briefing:
    """Every record of the briefing, by kind and id, plus the source texts."""

    documents: list[Document] = field(default_factory=list)
    by_kind: dict[str, dict[str, Document]] = field(default_factory=dict)
    sources: dict[str, SourceText] = field(default_factory=dict)
    briefing: Document | None = None
    known: dict[str, set[str]] = field(default_factory=dict)  # ids of every parsed record, by kind
    published: Published | None = None  # the pages already published (set by the pipeline; see published.py)
    # (source id, quote) -> where the quote stands in that source's text: evidence.span's memo
    quote_spans: dict[tuple[str, str], tuple[int, int] | None] = field(default_factory=dict)
    # document path -> the source texts its evidence cites: evidence.cited_sources' memo
    cited: dict[str, tuple[SourceText | None, ...]] = field(default_factory=dict, repr=False, compare=False)

    def kind(self, name: str) -> dict[str, Document]:
        return self.by_kind.get(name, {})

    def all_ids(self) -> dict[str, str]:
        """Every linkable id to its kind (the one namespace of ``[[id]]``)."""
        ids = {}
        for kind in ("source", "entity", "fact", "dispute"):
            for record_id in self.kind(kind):
                ids.setdefault(record_id, kind)
        return ids


def kind_of(path: str) -> tuple[str, str] | None:
    """(kind, id from the file name) for a content path, or None if it is no record."""
    if path == BRIEFING_FILE:
        return "briefing", "briefing"
    if path == REDIRECTS_FILE:
        return "redirects", "redirects"
    name = path.rsplit("/", 1)[-1]
    if path.startswith("content/sources/") and path.count("/") == 2:
        if name.endswith(".meta.yaml"):
            return "source", name[: -len(".meta.yaml")]
        return "source-text", name[: -len(".yaml")]
    for folder, kind in KIND_FOLDERS.items():
        if path.startswith(folder) and path.count("/") == 2:
            return kind, name[: -len(".yaml")]
    return None


CONTENT_SUFFIXES = (".yaml", ".yml")  # .yml is read only to be refused by load, with its fix


def read_content(root: Path) -> dict[str, str]:
    """The edge: every .yaml/.yml file under content/, by repo-relative path."""
    folder = root / "content"
    if folder.is_dir():
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in CONTENT_SUFFIXES)
    else:
        files = []
    return {p.relative_to(root).as_posix(): read_text(p) for p in files}


def read_text(path: Path) -> str:
    """A content file's text (a byte that is not UTF-8 becomes U+FFFD)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def load(texts: Mapping[str, str], previous: Loaded | None = None) -> tuple[Briefing, list[Problem]]:
    """Parse every content file; collect problems; index source texts once.

    ``previous`` (the preview's, kept between rebuilds) holds each file's parse from the last
    load: a file whose text is unchanged is not parsed again, and a source text whose record
    is unchanged is not indexed again. It is updated to this load.
    """
    briefing = Briefing()
    problems: list[Problem] = []
    memo = previous if previous is not None else Loaded()
    parses, indexed, spans = memo.parses, memo.sources, memo.quote_spans
    memo.parses, memo.sources = {}, {}
    for path in sorted(texts):
        text = texts[path]
        if path.endswith(".yml"):
            why, fix = "content files end in .yaml, not .yml", f"rename it to {path[:-4]}.yaml"
            problems.append(Problem(path, 1, 1, "file-extension", why, fix))
            continue
        placed = kind_of(path)
        if placed is None:
            problems.append(Problem(
                path, 1, 1, "file-place", "this file is in no folder the briefing reads",
                "move it to content/facts/, content/entities/, content/disputes/ or content/sources/",
            ))
            continue
        kind, file_id = placed
        # A record that fails to parse still claims its id: links to it are not a second error.
        briefing.known.setdefault(kind, set()).add(file_id)
        kept = parses.get(path)
        if kept is not None and kept[0] == text:
            document, found = kept[1], kept[2]
            parsed = document.parsed if document is not None else Parsed()
        else:
            parsed, found = parse(text, path)
            document = Document(path, kind, file_id, text, parsed) if parsed.data is not None else None
        memo.parses[path] = (text, document, found)
        problems += found
        if parsed.data is None and not found:
            fix = "fill it in (`briefing new` writes a template) or delete it"
            problems.append(Problem(path, 1, 1, "empty-file", "the file is empty", fix))
        if document is None:
            continue
        briefing.documents.append(document)
        if kind == "briefing":
            briefing.briefing = document
        else:
            briefing.by_kind.setdefault(kind, {})[file_id] = document
    for source_id, document in briefing.kind("source-text").items():
        source = indexed.get(source_id)
        if source is None or source.document is not document:
            source = index_source(source_id, document)
        if source is not None:
            memo.sources[source_id] = source
            briefing.sources[source_id] = source
    # Where each quote stands is known again for every source text that is unchanged.
    kept = {source_id for source_id, source in briefing.sources.items() if indexed.get(source_id) is source}
    briefing.quote_spans = memo.quote_spans = {key: span for key, span in spans.items() if key[0] in kept}
    return briefing, problems


@dataclass
class Loaded:
    """What ``load`` keeps between two loads of one briefing: by path, the text last parsed,
    its document (None if it held no value) and its parse problems; by id, the indexed
    source texts; and the last briefing's quote spans, filled in by whoever located them.
    Documents are shared between the two briefings, so nothing may change one.
    """

    parses: dict[str, tuple[str, Document | None, list[Problem]]] = field(default_factory=dict)
    sources: dict[str, SourceText] = field(default_factory=dict)
    quote_spans: dict[tuple[str, str], tuple[int, int] | None] = field(default_factory=dict)  # the last briefing's


def index_source(source_id: str, document: Document) -> SourceText | None:
    """Join a generated record's sentences into its normalized text and fold it once."""
    data = document.data
    sentences = data.get("sentences") if isinstance(data, dict) else None
    if not isinstance(sentences, list):
        return None
    if not all(isinstance(s, dict) and isinstance(s.get("text"), str) for s in sentences):
        return None
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    last_line = None
    for sentence in sentences:
        if parts:
            separator = " " if sentence.get("line") == last_line else "\n"
            parts.append(separator)
            offset += 1
        starts.append(offset)
        parts.append(sentence["text"])
        offset += len(sentence["text"])
        last_line = sentence.get("line")
    text = "".join(parts)
    folded, where = fold_with_map(text)
    return SourceText(source_id, document, text, folded, where, sentences, starts)
