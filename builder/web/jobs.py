"""Render the whole site: the page list (``pages.py``) queued on a ``Renderer``, then the
queue rendered on the machine's cores, with the page cache.

Workers are forked once the job list is complete, so each inherits the renderer and the
contexts and receives only job numbers; a worker's template error comes back with its
template line.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateRuntimeError

from builder.content.load import Briefing
from builder.core.parallel import map_shared
from builder.web.analysis import Analysis, analyze
from builder.web.pagecache import PageCache
from builder.web.plainmemo import PlainMemo
from builder.web.pages import all_pages
from builder.web.render import Pending, Renderer


def render(
    briefing: Briefing, /, *, templates: Path | Environment, analysis: Analysis | None = None,
    site_url: str | None = None, cache: PageCache | None = None, write: Callable[[str, str], bool] | None = None,
    plain: PlainMemo | None = None,
) -> dict[str, str | None]:
    """Every page (Markdown) and data file of the site, by path under the docs folder.

    ``cache`` reuses the pages of the last render that nothing has changed: such a page
    maps to None, as its file in the docs folder already holds it (its sha256 checked), so
    its text is never carried between processes (``cache.reused`` lists them).
    ``write(path, text) -> bool`` (with ``cache``) puts a rendered page in the docs folder
    from the process that rendered it, and says whether the file changed: the page then
    maps to None too, and ``cache.written`` lists the pages whose file changed.
    ``plain`` (the preview's) keeps the plain texts of Markdown from one render to the next.
    """
    renderer = Renderer(briefing, analysis or analyze(briefing), templates, site_url, plain)
    if cache is not None:
        renderer.cache, cache.fingerprint = cache, renderer.fingerprint
    pages = all_pages(renderer)
    for name in renderer.env.list_templates(extensions=["j2"]):
        renderer.env.get_template(name)  # compiled once, here: workers inherit them, and a syntax error is raised here
    texts = render_jobs(renderer, renderer.jobs, write)
    if plain is not None:
        plain.forget_unused()
    return {path: texts[text.index] if isinstance(text, Pending) else text for path, text in pages.items()}


def render_jobs(
    renderer: Renderer, jobs: list[tuple], write: Callable[[str, str], bool] | None = None
) -> list[str | None]:
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
    if renderer.cache is not None:
        renderer.cache.changed()  # every record's fingerprint, once, here: workers inherit them
    results = map_shared(_render_job, (renderer, jobs, write), len(jobs))
    if renderer.cache is not None:
        for (path, *_), (text, entry, reused, wrote) in zip(jobs, results):
            renderer.cache.note(path, entry, reused, wrote)
    return [text for text, _, _, _ in results]



def _render_job(
    shared: tuple[Renderer, list[tuple], Callable[[str, str], bool] | None], index: int
) -> tuple[str | None, list | None, bool, bool]:
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
