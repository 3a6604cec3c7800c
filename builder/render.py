"""Records to Markdown pages for MkDocs: ``render(briefing) -> {page path: text}``.

Pages are Jinja2 templates (StrictUndefined, autoescape on). Markdown fields go through
markdown-it-py with raw HTML off and the ``[[id]]`` plugin; article text is escaped and
never read as Markdown, because each page body is one raw HTML block that Python-Markdown
passes through untouched.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .load import Briefing, SourceText
from .quotes import iter_evidence, locate, sentences_of
from .wikilinks import Target, make_markdown

SECTIONS = {"fact": "facts", "entity": "entities", "dispute": "disputes", "source": "sources"}
STATUS_ORDER = ("confirmed", "reported", "speculative", "disputed", "refuted")


def page_url(kind: str, record_id: str) -> str:
    """Site-root-relative URL of a record's page (MkDocs directory URLs)."""
    return f"{SECTIONS[kind]}/{record_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another, relative so the site works under any sub-path."""
    to_path, _, fragment = to_url.partition("#")
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    link = posixpath.relpath(to_path or ".", base or ".")
    if (to_path.endswith("/") or not to_path) and not link.endswith("/"):
        link += "/"
    return link + (f"#{fragment}" if fragment else "")


@dataclass
class Citation:
    """One evidence item resolved against its source: where its quote stands."""

    fact_id: str
    source_id: str
    quote: str
    anchors: list[str]
    item: dict = field(default_factory=dict)
    owner_kind: str = "fact"


def citations(briefing: Briefing) -> list[Citation]:
    """Every checked quote with the sentence anchors it covers, in file order."""
    found = []
    for document, _, item in iter_evidence(briefing):
        source = briefing.sources[item["source"]]
        span = locate(source, item["quote"])
        anchors = [s["anchor"] for s in sentences_of(source, span)] if span else []
        found.append(Citation(document.file_id, source.id, item["quote"], anchors, item, document.kind))
    return found


class Renderer:
    """Holds the briefing, its cross-references and the Jinja environment for one render."""

    def __init__(self, briefing: Briefing, templates: Path):
        self.b = briefing
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            undefined=StrictUndefined,
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(status_order=STATUS_ORDER)
        self.env.filters["tojson_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
        self.citations = citations(briefing)
        self.cited: dict[tuple[str, str], list[str]] = {}
        for c in self.citations:
            for anchor in c.anchors:
                ids = self.cited.setdefault((c.source_id, anchor), [])
                if c.fact_id not in ids:
                    ids.append(c.fact_id)
        self.current = ""
        self.md = make_markdown(self.resolve)

    # -- links -----------------------------------------------------------------
    def kind_of(self, record_id: str) -> str | None:
        if record_id in self.b.sources:
            return "source"
        for kind in ("entity", "fact", "dispute"):
            if record_id in self.b.kind(kind):
                return kind
        return None

    def label(self, record_id: str) -> str:
        kind = self.kind_of(record_id)
        if kind == "entity":
            return self.b.kind("entity")[record_id].data["name"]
        if kind == "source":
            return self.source_label(record_id)
        if kind == "dispute":
            return self.plain(self.b.kind("dispute")[record_id].data["question"])
        return record_id.replace("-", " ")

    def resolve(self, record_id: str) -> Target | None:
        kind = self.kind_of(record_id)
        if kind is None:
            return None
        return Target(self.link(page_url(kind, record_id)), self.label(record_id), kind)

    def link(self, to_url: str) -> str:
        return relative(self.current, to_url)

    # -- text ------------------------------------------------------------------
    def inline(self, text: str) -> Markup:
        return Markup(self.md.renderInline(text))

    def block(self, text: str) -> Markup:
        return Markup(self.md.render(text))

    def plain(self, text: str) -> str:
        """Markdown to plain text: wikilinks become their labels."""
        out = []
        for token in self.md.parseInline(text)[0].children or []:
            if token.type == "wikilink":
                out.append(token.meta["label"] or (self.label(token.meta["id"]) if self.kind_of(token.meta["id"]) else token.meta["id"]))
            elif token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type == "softbreak":
                out.append(" ")
        return "".join(out)

    def source_label(self, source_id: str) -> str:
        meta = self.b.kind("source").get(source_id)
        record = self.b.sources[source_id].document.data
        title = (meta.data.get("title") if meta else None) or record.get("title") or self.b.sources[source_id].sentences[0]["text"][:80]
        outlet = meta.data.get("outlet") if meta else None
        return f"{outlet}: {title}" if outlet else title

    # -- pages -----------------------------------------------------------------
    def page(self, url: str, template: str, title: str, **context) -> str:
        self.current = url
        body = self.env.get_template(template).render(r=self, title=title, **context)
        # One raw HTML block: a blank line would end it and let Python-Markdown read the rest.
        html = "\n".join(line for line in body.splitlines() if line.strip())
        return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n<div class=\"briefing\">\n{html}\n</div>\n"

    def render_all(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        home = self.b.briefing.data
        pages["index.md"] = self.page("", "home.html.j2", home["title"], briefing=home, facts=self.facts_by_status())
        pages["facts/index.md"] = self.page("facts/", "facts.html.j2", "Facts", facts=self.facts_by_status())
        for fact_id, doc in sorted(self.b.kind("fact").items()):
            pages[f"facts/{fact_id}.md"] = self.page(page_url("fact", fact_id), "fact.html.j2", self.plain(doc.data["statement"]), fact=doc.data, citations=[c for c in self.citations if c.fact_id == fact_id and c.owner_kind == "fact"])
        pages["sources/index.md"] = self.page("sources/", "sources.html.j2", "Sources", sources=sorted(self.b.sources))
        for source_id, source in sorted(self.b.sources.items()):
            pages[f"sources/{source_id}.md"] = self.page(page_url("source", source_id), "source.html.j2", self.source_label(source_id), source=source, record=source.document.data, meta=self.b.kind("source")[source_id].data, paragraphs=self.paragraphs(source))
        pages["entities/index.md"] = self.page("entities/", "entities.html.j2", "Entities", entities=sorted(self.b.kind("entity").items()))
        for entity_id, doc in sorted(self.b.kind("entity").items()):
            pages[f"entities/{entity_id}.md"] = self.page(page_url("entity", entity_id), "entity.html.j2", doc.data["name"], entity=doc.data, facts=self.facts_linking(entity_id))
        pages["disputes/index.md"] = self.page("disputes/", "disputes.html.j2", "Disputes", disputes=sorted(self.b.kind("dispute").items()))
        for dispute_id, doc in sorted(self.b.kind("dispute").items()):
            pages[f"disputes/{dispute_id}.md"] = self.page(page_url("dispute", dispute_id), "dispute.html.j2", self.plain(doc.data["question"]), dispute=doc.data, citations=[c for c in self.citations if c.fact_id == dispute_id and c.owner_kind == "dispute"])
        return pages

    def facts_by_status(self) -> list[tuple[str, list[tuple[str, dict]]]]:
        groups = []
        for status in STATUS_ORDER:
            members = [(i, d.data) for i, d in sorted(self.b.kind("fact").items()) if d.data["status"] == status]
            if members:
                groups.append((status, members))
        return groups

    def facts_linking(self, record_id: str) -> list[tuple[str, dict]]:
        needle = f"[[{record_id}"
        return [(i, d.data) for i, d in sorted(self.b.kind("fact").items()) if needle + "]]" in d.data["statement"] or needle + "|" in d.data["statement"]]

    def paragraphs(self, source: SourceText) -> list[list[dict]]:
        paragraphs: list[list[dict]] = []
        last = None
        for sentence in source.sentences:
            if sentence["line"] != last:
                paragraphs.append([])
                last = sentence["line"]
            paragraphs[-1].append({**sentence, "cited_by": self.cited.get((source.id, sentence["anchor"]), [])})
        return paragraphs


def render(briefing: Briefing, /, *, templates: Path) -> dict[str, str]:
    """Every page of the site as Markdown, by path under the docs folder."""
    return Renderer(briefing, templates).render_all()
