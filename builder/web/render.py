"""Records to Markdown pages for MkDocs: ``render(briefing) -> {page path: text}`` (with a
page cache, None for a page the docs folder already holds: reused from the cache, or
written there by the process that rendered it).

Pages are Jinja2 templates (StrictUndefined, autoescape on). Markdown fields go through
markdown-it-py with raw HTML off and the ``[[id]]`` plugin; article text is escaped and
never read as Markdown, because each page body is one raw HTML block that Python-Markdown
passes through untouched.
"""

from __future__ import annotations

import json
import pickle
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateRuntimeError
from markupsafe import Markup

from builder.web.analysis import Analysis, analyze, describe_when
from builder.content.load import Briefing
from builder.web.pagecache import PageCache, digest
from builder.core.parallel import map_shared
from builder.checks.quotes import iter_evidence, locate, sentences_of
from builder.core.text import sha256_hex
from builder.core.urls import page_url, relative
from builder.content.wikilinks import Target, make_markdown

STATUS_ORDER = ("confirmed", "reported", "speculative", "disputed", "refuted")
# Every page body is one raw HTML block between these (the MkDocs plugin recognises them). The
# search index (publish/search.py) holds only what stands in them: data-pagefind-body.
PAGE_OPEN, PAGE_CLOSE = '<div class="briefing" data-pagefind-body>\n', "\n</div>\n"


@dataclass
class Citation:
    """One evidence item resolved against its source: where its quote stands."""

    fact_id: str
    source_id: str
    quote: str
    anchors: list[str]
    item: dict = field(default_factory=dict)
    owner_kind: str = "fact"
    text: str = ""  # the quoted words exactly as the source has them (its quote marks, dashes)


def citations(briefing: Briefing) -> list[Citation]:
    """Every checked quote with the sentence anchors it covers, in file order."""
    found = []
    for document, _, item in iter_evidence(briefing):
        source = briefing.sources[item["source"]]
        span = locate(source, item["quote"])
        anchors = [s["anchor"] for s in sentences_of(source, span)] if span else []
        text = source.text[span[0] : span[1]] if span else item["quote"]
        found.append(Citation(document.file_id, source.id, item["quote"], anchors, item, document.kind, " ".join(text.split())))
    return found


class Renderer:
    """Holds the briefing, its cross-references and the Jinja environment for one render."""

    def __init__(self, briefing: Briefing, analysis: Analysis, templates: Path, site_url: str | None = None):
        self.b = briefing
        self.a = analysis
        self.site_url = site_url
        self.env = Environment(
            loader=FileSystemLoader(str(templates)),
            undefined=StrictUndefined,
            autoescape=True,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(status_order=STATUS_ORDER, kind_url=page_url)
        self.env.filters["tojson_str"] = lambda value: Markup(json.dumps(str(value), ensure_ascii=False))
        self.citations = citations(briefing)
        # (source, anchor) -> the pages citing that sentence, as (kind, id): facts and disputes.
        self.cited: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for c in self.citations:
            for anchor in c.anchors:
                owners = self.cited.setdefault((c.source_id, anchor), [])
                if (c.owner_kind, c.fact_id) not in owners:
                    owners.append((c.owner_kind, c.fact_id))
        self.by_pair: dict[tuple[str, str], Citation] = {}
        self.by_owner: dict[tuple[str, str], list[Citation]] = {}
        for c in self.citations:
            self.by_owner.setdefault((c.owner_kind, c.fact_id), []).append(c)
            if c.owner_kind == "fact":
                self.by_pair.setdefault((c.fact_id, c.source_id), c)
        self.raw_texts: dict[str, str] = {}  # seed text by source id, for deep links
        self._plain: dict[str, tuple[str, frozenset[str]]] = {}
        self.current = ""
        self.md = make_markdown(self.resolve)
        # Every record id looked up while the current page renders: its dependencies.
        self.deps: set[str] = set()
        self.cache: PageCache | None = None
        self._fingerprints: dict[str, str] = {}
        self._refs: dict[int, str] | None = None
        self.jobs: list[tuple] = []  # pages queued by page(), rendered by render_jobs

    # -- links -----------------------------------------------------------------
    def kind_of(self, record_id: str) -> str | None:
        self.deps.add(record_id)
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
        return _shorten(self.plain(self.b.kind("fact")[record_id].data["statement"]), 70)

    def resolve(self, record_id: str) -> Target | None:
        kind = self.kind_of(record_id)
        if kind is None:
            return None
        return Target(self.link(page_url(kind, record_id)), self.label(record_id), self.preview(record_id))

    def preview(self, record_id: str) -> str:
        """A one-line preview for a link's tooltip."""
        kind = self.kind_of(record_id)
        if kind == "entity":
            data = self.b.kind("entity")[record_id].data
            return f"{data['name']} ({data['kind']}): {self.plain(data['description'])}"
        if kind == "fact":
            data = self.b.kind("fact")[record_id].data
            origins = self.a.origins[record_id]
            count = len(origins.articles)
            return f"{data['status']}, {count} article{'' if count == 1 else 's'}: {self.plain(data['statement'])}"
        if kind == "dispute":
            return f"dispute ({self.b.kind('dispute')[record_id].data['state']})"
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
        if hit is None:
            outer, self.deps = self.deps, set()
            try:
                value = self._plain_uncached(text)
            finally:
                inner, self.deps = self.deps, outer
            hit = self._plain[text] = (value, frozenset(inner))
        self.deps |= hit[1]
        return hit[0]

    def _plain_uncached(self, text: str) -> str:
        out = []
        for token in self.md.parseInline(text)[0].children or []:
            if token.type == "wikilink":
                out.append(token.meta["label"] or (self.label(token.meta["id"]) if self.kind_of(token.meta["id"]) else token.meta["id"]))
            elif token.type in ("text", "code_inline", "html_inline"):
                out.append(token.content)
            elif token.type == "softbreak":
                out.append(" ")
        return "".join(out)

    def source_label(self, source_id: str) -> str:
        self.deps.add(source_id)
        meta = self.b.kind("source").get(source_id)
        record = self.b.sources[source_id].document.data
        title = (meta.data.get("title") if meta else None) or record.get("title") or _shorten(self.b.sources[source_id].sentences[0]["text"])
        outlet = meta.data.get("outlet") if meta else None
        return f"{outlet}: {title}" if outlet else title

    # -- pages -----------------------------------------------------------------
    def page(self, path: str, url: str, template: str, title: str, **context) -> Pending:
        """Queue the page at docs ``path`` (URL ``url``); a ``Pending`` stands in for its text
        until ``render`` has rendered the queue (``render_jobs``)."""
        self.jobs.append((path, url, template, title, context))
        return Pending(len(self.jobs) - 1)

    def page_now(self, path: str, url: str, template: str, title: str, context: dict) -> tuple[str, list | None, bool]:
        """(text, page cache entry, whether it was reused) of one page, rendered here.

        The page cache is only read: the caller notes the page (``PageCache.note``), so a
        forked worker's answer is recorded once, in the parent, in page order."""
        self.current = url
        if self.cache is None:
            return self._page(template, title, context), None, False
        try:
            key, deps = self.cache.key(url, template, title, context, self._record_refs())
        except TypeError as error:
            raise TypeError(f"{path}: {error}") from error
        found = self.cache.reuse(path, key)
        if found is not None:
            return found[0], found[1], True
        self.deps = set()
        text = self._page(template, title, context)
        return text, self.cache.entry(key, deps | self.deps, text), False

    def _page(self, template: str, title: str, context: dict) -> str:
        body = self.env.get_template(template).render(r=self, title=title, **context)
        # One raw HTML block: a blank line would end it and let Python-Markdown read the rest.
        html = "\n".join(line for line in body.splitlines() if line.strip())
        # The page body is raw HTML, so MkDocs' table of contents would be empty: hide it.
        return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nhide:\n  - toc\n---\n\n{PAGE_OPEN}{html}{PAGE_CLOSE}"

    # -- page cache --------------------------------------------------------------
    def __reduce__(self):
        raise TypeError("a page context holds the renderer: pass what the template needs instead, so the page cache can see it")

    def _record_refs(self) -> dict[int, str]:
        """Object identity -> record id, for the records a page context may hold."""
        if self._refs is None:
            refs: dict[int, str] = {}
            for documents in self.b.by_kind.values():
                for record_id, doc in documents.items():
                    refs[id(doc)] = record_id
            for source_id, source in self.b.sources.items():
                refs[id(source)] = source_id  # its document is among the source-text records above
            self._refs = refs
        return self._refs

    def fingerprint(self, record_id: str) -> str:
        """A hash of everything this renderer could read about ``record_id``: its documents
        in every kind (path, data and bytes), its seed, its origins and its quotes."""
        found = self._fingerprints.get(record_id)
        if found is None:
            raw = self.raw_texts.get(record_id)
            documents = [(kind, docs[record_id]) for kind, docs in sorted(self.b.by_kind.items()) if record_id in docs]  # a source's text record included
            parts = (
                # Data, file path and the file's bytes: a template may show where a record lives.
                [(kind, doc.path, doc.data, sha256_hex(doc.text)) for kind, doc in documents],
                sha256_hex(raw) if raw is not None else None,
                self.a.origins.get(record_id),
                [(c.source_id, c.quote, c.anchors, c.item, c.text) for kind in ("fact", "dispute") for c in self.by_owner.get((kind, record_id), [])],
            )
            found = self._fingerprints[record_id] = digest(pickle.dumps(parts, protocol=5))
        return found

    def when(self, value: str):
        return describe_when(value)

    def deep_link(self, source_id: str, quote: str) -> str | None:
        """The original article's URL pointing at the quoted words, when the URL is known."""
        from builder.web.deeplinks import deep_link

        self.deps.add(source_id)
        url = self.b.kind("source")[source_id].data.get("url")
        raw = self.raw_texts.get(source_id)
        return deep_link(url, raw, quote) if url and raw else None

    def origins(self, fact_id: str):
        """Where a fact's articles got it from (the analysis), for badges."""
        self.deps.add(fact_id)
        return self.a.origins[fact_id]

    def citations_for(self, fact_id: str, source_id: str) -> Citation | None:
        """The first quote of a fact from one source, for the coverage matrix."""
        self.deps.update((fact_id, source_id))
        return self.by_pair.get((fact_id, source_id))


def _shorten(text: str, limit: int = 80) -> str:
    """The text up to ``limit`` characters, cut at a word, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-– ") + "…"


def render(briefing: Briefing, /, *, templates: Path, analysis: Analysis | None = None, site_url: str | None = None, raw_texts: dict[str, str] | None = None, cache: PageCache | None = None, write: Callable[[str, str], bool] | None = None) -> dict[str, str | None]:
    """Every page (Markdown) and data file of the site, by path under the docs folder.

    ``raw_texts`` (seed text by source id) lets quotes deep-link into original articles;
    ``cache`` reuses the pages of the last render that nothing has changed: such a page
    maps to None, as its file in the docs folder already holds it (its sha256 checked), so
    its text is never carried between processes (``cache.reused`` lists them).
    ``write(path, text) -> bool`` (with ``cache``) puts a rendered page in the docs folder
    from the process that rendered it, and says whether the file changed: the page then
    maps to None too, and ``cache.written`` lists the pages whose file changed.
    """
    from builder.web.pages import all_pages

    renderer = Renderer(briefing, analysis or analyze(briefing), templates, site_url)
    renderer.raw_texts = dict(raw_texts or {})
    if cache is not None:
        renderer.cache, cache.fingerprint = cache, renderer.fingerprint
    pages = all_pages(renderer)
    for name in renderer.env.list_templates(extensions=["j2"]):
        renderer.env.get_template(name)  # compiled once, here: workers inherit them, and a syntax error is raised here
    texts = render_jobs(renderer, renderer.jobs, write)
    return {path: texts[text.index] if isinstance(text, Pending) else text for path, text in pages.items()}


@dataclass(frozen=True)
class Pending:
    """A queued page's place in ``render``'s job list; it has no text until the jobs ran."""

    index: int


def render_jobs(renderer: Renderer, jobs: list[tuple], write: Callable[[str, str], bool] | None = None) -> list[str | None]:
    """The text of every queued page, in order, rendered on the machine's cores.

    Workers are forked once the job list is complete, so each inherits the renderer and the
    contexts and receives only job numbers; pages come back with their page cache entries,
    which are merged here in job order, as a one-process render would have stored them.
    With ``write``, a worker writes the pages it renders, so their text never travels back
    and their files are written while the other worker renders; not if two jobs share a
    path, as the later page must win.
    """
    if write is not None and (renderer.cache is None or len({path for path, *_ in jobs}) < len(jobs)):
        write = None
    results = map_shared(_render_job, (renderer, jobs, write), len(jobs), min_items=PARALLEL_PAGES)
    if renderer.cache is not None:
        for (path, *_), (text, entry, reused, wrote) in zip(jobs, results):
            renderer.cache.note(path, entry, reused, wrote)
    return [text for text, _, _, _ in results]


PARALLEL_PAGES = 400  # below this many pages, starting workers costs more than it saves


def _render_job(shared: tuple[Renderer, list[tuple], Callable[[str, str], bool] | None], index: int) -> tuple[str | None, list | None, bool, bool]:
    """(text, page cache entry, reused, written) of one job. The text is None for a page
    already in the docs folder: reused, or written here."""
    renderer, jobs, write = shared
    path, url, template, title, context = jobs[index]
    try:
        text, entry, reused = renderer.page_now(path, url, template, title, context)
    except TemplateError as error:
        # A worker's traceback does not travel with its exception, and not every Jinja error
        # pickles whole: send on its message and the template line it failed at.
        failure = TemplateRuntimeError(str(error))
        failure.filename, failure.lineno = template_location(error)
        raise failure from None
    if reused:
        return None, entry, True, False  # already in the docs folder
    if write is not None:
        return None, entry, False, write(path, text)
    return text, entry, False, False


def template_location(error: Exception) -> tuple[str | None, int | None]:
    """The template file and line a Jinja error names, else its traceback's innermost template frame."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    filename = getattr(error, "filename", None) or (frames[-1].filename if frames else None)
    lineno = getattr(error, "lineno", None) or (frames[-1].lineno if frames else None)
    return filename, lineno
