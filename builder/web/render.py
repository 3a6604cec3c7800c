"""The template facade of one render: what a page template may call (links, labels, previews,
Markdown, origins, deep links), the page queue, and the page cache's view of each page.

Pages are Jinja2 templates (StrictUndefined, autoescape on). Markdown fields go through
markdown-it-py with raw HTML off and the ``[[id]]`` plugin; article text is escaped and
never read as Markdown, because each page body is one raw HTML block that Python-Markdown
passes through untouched. Which pages there are, and what each is given, is ``pages.py``;
rendering the queue on the machine's cores is ``jobs.py``.
"""

from __future__ import annotations

import functools
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from builder.content.evidence import span as evidence_span
from builder.content.load import Briefing
from builder.content.wikilinks import Target, make_markdown
from builder.core.text import sha256_hex
from builder.core.urls import page_url, relative
from builder.web.analysis import Analysis, describe_when
from builder.web.citations import Citation, Citations
from builder.web.deeplinks import deep_link
from builder.web.pagecache import PageCache, digest
from builder.web.plainmemo import PlainMemo

STATUS_ORDER = ("confirmed", "reported", "speculative", "disputed", "refuted")
# What each status, and each origin count, means to a reader: the legend and the badges' tooltips.
MEANINGS = {
    "confirmed": "A party to it says so on the record, or it can be checked independently.",
    "reported": "The articles relay it from a report or unnamed sources, or hedge it; no one involved has "
                "confirmed it.",
    "speculative": "The outlets' own analysis or inference, not anyone's report.",
    "disputed": "The articles contradict each other on it.",
    "refuted": "A later, better source shows it is false.",
    "known origin": "A first source the articles name for it, such as a report by Reuters citing The Information. "
    "Five articles re-telling one report are one origin.",
    "unattributed": "An article states it but credits no one, so where it came from is unknown; "
    "never counted as another origin.",
}
# Every page body is one raw HTML block between these (the MkDocs plugin recognises them). The
# search index (publish/search.py) holds only what stands in them: data-pagefind-body.
PAGE_OPEN, PAGE_CLOSE = '<div class="briefing" data-pagefind-body>\n', "\n</div>\n"


def template_environment(templates: Path) -> Environment:
    """The Jinja environment of the page templates in ``templates``. It holds nothing of one
    render (the renderer is passed to each page as ``r``); a template edited since it was
    compiled is compiled again (Jinja's auto_reload)."""
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(status_order=STATUS_ORDER, kind_url=page_url, meanings=MEANINGS)
    env.filters["tojson_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
    return env


class Renderer:
    """Holds the briefing, its cross-references and the Jinja environment for one render."""

    def __init__(
        self, briefing: Briefing, analysis: Analysis, templates: Path | Environment, site_url: str | None = None,
        plain: PlainMemo | None = None,
    ):
        """``templates``: the templates folder, or an environment of ``template_environment``
        to share (the preview keeps one, so each template is compiled once). ``plain``: the
        plain texts of the last render, to reuse where still true (the preview keeps them)."""
        self.briefing = briefing
        self.analysis = analysis
        self.site_url = site_url
        self.env = templates if isinstance(templates, Environment) else template_environment(templates)
        self.citations = Citations(briefing)
        self._plain: dict[str, tuple[str, frozenset[str]]] = {}
        self._kept_plain = plain
        self.current = ""
        self.md = make_markdown(self.resolve)
        # Every record id looked up while the current page renders: its dependencies.
        self.deps: set[str] = set()
        self.cache: PageCache | None = None
        self._fingerprints: dict[str, str] = {}
        self._refs: dict[int, str] | None = None
        self.jobs: list[tuple] = []  # pages queued by page(), rendered by jobs.render_jobs

    # -- links -----------------------------------------------------------------
    def kind_of(self, record_id: str) -> str | None:
        self.deps.add(record_id)
        if record_id in self.briefing.sources:
            return "source"
        for kind in ("entity", "fact", "dispute"):
            if record_id in self.briefing.kind(kind):
                return kind
        return None

    def label(self, record_id: str) -> str:
        kind = self.kind_of(record_id)
        if kind == "entity":
            return self.briefing.kind("entity")[record_id].data["name"]
        if kind == "source":
            return self.source_label(record_id)
        if kind == "dispute":
            return self.plain(self.briefing.kind("dispute")[record_id].data["question"])
        return self.plain(self.briefing.kind("fact")[record_id].data["statement"])  # whole, never cut

    def resolve(self, record_id: str) -> Target | None:
        kind = self.kind_of(record_id)
        if kind is None:
            return None
        after = ""
        if kind == "fact":  # every link to a fact is followed by its own status badge
            after = " " + badge_html(self.briefing.kind("fact")[record_id].data["status"])
        return Target(self.link(page_url(kind, record_id)), self.label(record_id), self.preview(record_id), after)

    def preview(self, record_id: str) -> str:
        """A one-line preview for a link's tooltip."""
        kind = self.kind_of(record_id)
        if kind == "entity":
            data = self.briefing.kind("entity")[record_id].data
            return f"{data['name']} ({data['kind']}): {self.plain(data['description'])}"
        if kind == "fact":
            data = self.briefing.kind("fact")[record_id].data
            origins = self.analysis.origins[record_id]
            count = len(origins.articles)
            return f"{data['status']}, {count} article{'' if count == 1 else 's'}: {self.plain(data['statement'])}"
        if kind == "dispute":
            return f"dispute ({self.briefing.kind('dispute')[record_id].data['state']})"
        return f"source: {self.source_label(record_id)}"

    def link(self, to_url: str) -> str:
        return relative(self.current, to_url)

    # -- text ------------------------------------------------------------------
    def inline(self, text: str) -> Markup:
        return Markup(self.md.renderInline(text))

    def block(self, text: str) -> Markup:
        return Markup(self.md.render(text))

    def plain(self, text: str) -> str:
        """Markdown to plain text: wikilinks become their labels (memoised per render).

        The memo keeps the records each text looked up, so a page that reuses a memoised
        text still depends on them.
        """
        hit = self._plain.get(text)
        if hit is None and self._kept_plain is not None:
            hit = self._kept_plain.get(self.briefing, text)
        if hit is None:
            outer, self.deps = self.deps, set()
            try:
                value = self._plain_uncached(text)
            finally:
                inner, self.deps = self.deps, outer
            hit = (value, frozenset(inner))
            if self._kept_plain is not None:
                self._kept_plain.keep(self.briefing, text, *hit)
        self._plain[text] = hit
        self.deps |= hit[1]
        return hit[0]

    def _plain_uncached(self, text: str) -> str:
        out = []
        for token in self.md.parseInline(text)[0].children or []:
            if token.type == "wikilink":
                target = token.meta["id"]
                out.append(token.meta["label"] or (self.label(target) if self.kind_of(target) else target))
            elif token.type in ("text", "code_inline", "html_inline"):
                out.append(token.content)
            elif token.type == "softbreak":
                out.append(" ")
        return "".join(out)

    def source_label(self, source_id: str) -> str:
        """A source's name for readers: its outlet, its editor-set title, or both; never its id.

        A source with neither (``check`` warns: ``source-unnamed``) falls back to its detected
        headline, else to "Untitled article"."""
        self.deps.add(source_id)
        meta = self.briefing.kind("source").get(source_id)
        outlet = meta.data.get("outlet") if meta else None
        title = meta.data.get("title") if meta else None
        if outlet and title:
            return f"{outlet}: {title}"
        if outlet or title:
            return outlet or title
        return self.briefing.sources[source_id].document.data.get("title") or "Untitled article"

    # -- pages -----------------------------------------------------------------
    def page(self, path: str, url: str, template: str, title: str, **context) -> Pending:
        """Queue the page at docs ``path`` (URL ``url``); a ``Pending`` stands in for its text
        until ``render`` has rendered the queue (``render_jobs``)."""
        self.jobs.append((path, url, template, title, context))
        return Pending(len(self.jobs) - 1)

    def page_now(
        self, path: str, url: str, template: str, title: str, context: dict
    ) -> tuple[str | None, list | None, bool]:
        """(text, page cache entry, whether it was reused) of one page, rendered here; no text
        for a page reused (its file in the docs folder holds it).

        The page cache is only read: the caller notes the page (``PageCache.note``), so a
        forked worker's answer is recorded once, in the parent, in page order."""
        self.current = url
        if self.cache is None:
            return self._page(template, title, context), None, False
        try:
            key, deps = self.cache.key(url, template, title, context, self._record_refs())
        except TypeError as error:
            raise TypeError(f"{path}: {error}") from error
        entry = self.cache.reuse(path, key)
        if entry is not None:
            return None, entry, True
        self.deps = set()
        text = self._page(template, title, context)
        return text, self.cache.entry(key, deps | self.deps, text), False

    def _page(self, template: str, title: str, context: dict) -> str:
        body = self.env.get_template(template).render(r=self, title=title, **context)
        # One raw HTML block: a blank line would end it and let Python-Markdown read the rest.
        html = "\n".join(line for line in body.splitlines() if line.strip())
        # The page body is raw HTML, so MkDocs' table of contents would be empty: hide it.
        front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nhide:\n  - toc\n---\n\n"
        return f"{front}{PAGE_OPEN}{html}{PAGE_CLOSE}"

    # -- page cache --------------------------------------------------------------
    def __reduce__(self):
        raise TypeError(
            "a page context holds the renderer: pass what the template needs instead, so the page cache can see it"
        )

    def _record_refs(self) -> dict[int, str]:
        """Object identity -> record id, for the records a page context may hold, and what a
        record's fingerprint covers: its citations and its origins."""
        if self._refs is None:
            refs: dict[int, str] = {}
            for documents in self.briefing.by_kind.values():
                for record_id, doc in documents.items():
                    refs[id(doc)] = record_id
            for source_id, source in self.briefing.sources.items():
                refs[id(source)] = source_id  # its document is among the source-text records above
            for citation in self.citations.all:
                refs[id(citation)] = citation.owner_id
            for fact_id, origins in self.analysis.origins.items():
                refs[id(origins)] = fact_id
            self._refs = refs
        return self._refs

    def fingerprint(self, record_id: str) -> str:
        """A hash of everything this renderer could read about ``record_id``: its documents
        in every kind (path, data and bytes; a source's text record among them), its origins
        and its quotes. Kept with its first document while all of those are the same (the
        preview's next load and render reuse unchanged ones)."""
        found = self._fingerprints.get(record_id)
        if found is None:
            documents = tuple(
                (kind, docs[record_id]) for kind, docs in sorted(self.briefing.by_kind.items()) if record_id in docs
            )
            origins = self.analysis.origins.get(record_id)
            citations = tuple(c for kind in ("fact", "dispute") for c in self.citations.of(kind, record_id))
            compute = functools.partial(_record_print, documents, origins, citations)
            if documents:
                found = documents[0][1].derived("print", compute, given=(documents, origins, citations))
            else:  # an id nothing has: a link that would start resolving if the record were added
                found = compute()
            self._fingerprints[record_id] = found
        return found

    def when(self, value: str):
        return describe_when(value)

    def deep_link(self, source_id: str, quote: str) -> str | None:
        """The original article's URL pointing at the quoted words, when the URL is known."""
        self.deps.add(source_id)
        url = self.briefing.kind("source")[source_id].data.get("url")
        source = self.briefing.sources[source_id]
        found = evidence_span(self.briefing, source, quote) if url else None
        return deep_link(url, source.text, found) if found else None

    def origins(self, fact_id: str):
        """Where a fact's articles got it from (the analysis), for badges."""
        self.deps.add(fact_id)
        return self.analysis.origins[fact_id]

    def citations_for(self, fact_id: str, source_id: str) -> Citation | None:
        """The first quote of a fact from one source, for the coverage matrix."""
        self.deps.update((fact_id, source_id))
        return self.citations.first(fact_id, source_id)


def _record_print(documents: tuple, origins, citations: tuple) -> str:
    parts = (
        # Data, file path and the file's bytes: a template may show where a record lives.
        [(kind, doc.path, doc.data, sha256_hex(doc.text)) for kind, doc in documents],
        origins,
        [(c.source_id, c.quote, c.anchors, c.item, c.text, c.lead, c.tail) for c in citations],
    )
    return digest(pickle.dumps(parts, protocol=5))


def badge_html(status: str) -> str:
    """A status badge: the word itself, its meaning on hover or focus (the same markup as the
    templates' ``status_badge``). Not indexed for search: a label, not the prose's words."""
    meaning = MEANINGS.get(status, "")
    return (f'<abbr class="status status-{status}" title="{escape(meaning)}" data-pagefind-ignore>'
            f'{escape(status)}</abbr>')


@dataclass(frozen=True)
class Pending:
    """A queued page's place in ``render``'s job list; it has no text until the jobs ran."""

    index: int
