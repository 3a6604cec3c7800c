"""From a checked briefing to a published site: write pages, run MkDocs, check links, swap.

The edge that touches files for the render stage. ``site/`` is replaced only when MkDocs and
the link check both pass; a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from builder.core.parallel import run_apart
from builder.core.paths import BUILDER, SCHEMA_DIR
from builder.publish.linkcheck import check_site
from builder.publish.search import index_site
from builder.content.load import Briefing
from builder.web.pagecache import PageCache
from builder.core.problems import Problem
from builder.web.jobs import render, template_location

if TYPE_CHECKING:
    from jinja2 import Environment

    from builder.web.plainmemo import PlainMemo

DOCS = Path("build/docs")
ASSETS = ("assets/briefing.css", "assets/search.js")
SCHEMAS = ("export.schema.json", "defs.schema.json")  # published beside the exports


INPUTS = ("content", "seeds", "templates", "mkdocs.yml", "constraints.txt")


def build_key(root: Path) -> str:
    """A hash of everything a build reads: content, seeds, templates, config, pins and code."""
    from builder.core.cache import content_key

    files: list[Path] = []
    for name in INPUTS:
        path = root / name
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            files.append(path)
    code = BUILDER
    files += sorted(p for p in code.rglob("*") if p.is_file() and p.suffix in (".py", ".json"))
    parts = [os.environ.get("BRIEFING_SITE_URL", "")]
    for path in files:
        parts.append(path.as_posix())
        text = path.suffix in (".py", ".json", ".yaml", ".yml", ".txt", ".md", ".j2", ".css", ".html")
        parts.append(path.read_text(encoding="utf-8", errors="replace") if text else path.read_bytes().hex())
    return content_key(parts)


def source_date_epoch(briefing: Briefing) -> int:
    """Midnight UTC of the as-of day: the build's only notion of time (sitemap, gzip headers)."""
    day = dt.date.fromisoformat(briefing.briefing.data["as_of"])
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


class Written(NamedTuple):
    """What ``write_docs`` changed in build/docs, by docs path."""

    written: list[str]  # files whose bytes changed (or are new)
    removed: list[str]  # files no page makes any more


def write_docs(
    root: Path, briefing: Briefing, *, templates: Environment | None = None, plain: PlainMemo | None = None
) -> Written:
    """Render every page into build/docs, writing only what changed and removing stale pages.

    A page is reused from the page cache (pagecache.py) when nothing it reads has changed.
    ``templates`` and ``plain``: the project's compiled templates and the plain texts of the
    last render, to reuse (the preview keeps both).
    """
    docs = root / DOCS
    site_url = os.environ.get("BRIEFING_SITE_URL") or None
    cache = PageCache(root, docs, site_url)
    # Pages are written by the process that renders them; a reused page is already there.
    pages = render(briefing, templates=templates or root / "templates", site_url=site_url, cache=cache,
                   write=functools.partial(_write_file, docs), plain=plain)
    for asset in ASSETS:
        pages[asset] = (root / "templates" / asset).read_text(encoding="utf-8")
    for name in SCHEMAS:
        pages[f"data/{name}"] = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    # What is left to write: the data files and assets (a handful), and any page the render did
    # not write itself (it writes every page unless two pages share a path).
    todo = [rel for rel in sorted(pages) if pages[rel] is not None]
    written = sorted([rel for rel in todo if _write_file(docs, rel, pages[rel])] + cache.written)
    removed = []
    for folder, _, names in os.walk(docs, topdown=False, followlinks=True):  # a folder after what it held
        rel = os.path.relpath(folder, docs).replace(os.sep, "/")
        for name in names:
            page = name if rel == "." else f"{rel}/{name}"
            if page not in pages:
                os.unlink(os.path.join(folder, name))
                removed.append(page)
        if rel != "." and not os.listdir(folder):
            os.rmdir(folder)
    cache.save()  # after the pages it describes are on disk
    return Written(written, sorted(removed))


def _write_file(docs: Path, rel: str, text: str) -> bool:
    """Write one page unless the file already holds exactly its bytes; True if written."""
    path = docs / rel
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


@contextlib.contextmanager
def _environ(**values: str):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_mkdocs(root: Path, out: Path, epoch: int) -> list[Problem]:
    """MkDocs in strict mode into ``out``, its pages built on the machine's cores
    (``pagebuild.build_site``); its warnings and errors become problems."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from builder.publish.pagebuild import build_site, collected

    with collected() as logged:
        try:
            with _environ(SOURCE_DATE_EPOCH=str(epoch), BRIEFING_PREPARED="1"):
                config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
                messages = build_site(config)  # strict: any warning refuses the site, as MkDocs' build would
        except (MkDocsException, SystemExit) as error:
            messages = logged or [str(error)]
    return [Problem("mkdocs.yml", 1, 1, "mkdocs", f"MkDocs refused the site: {m}",
                    "fix what it names; the previous site was kept") for m in messages]


def template_problem(error: Exception, root: Path) -> Problem:
    """A Jinja error as a Problem at the template line that raised it."""
    where, line = template_location(error)
    where = where or "templates"
    try:
        where = Path(where).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = Path(where).as_posix()
    return Problem(where, line or 1, 1, "template", f"the page template failed: {error}",
                   "fix the template (a missing field fails the build on purpose); the previous site was kept")


def publish(root: Path, briefing: Briefing) -> list[Problem]:
    """Render ``briefing`` into build/docs, then ``publish_docs``."""
    return render_docs(root, briefing) or publish_docs(root, source_date_epoch(briefing))


def render_docs(root: Path, briefing: Briefing) -> list[Problem]:
    """``write_docs``; a template's error as a problem at its line."""
    from jinja2 import TemplateError

    try:
        write_docs(root, briefing)
    except TemplateError as error:
        return [template_problem(error, root)]
    return []


def publish_docs(root: Path, epoch: int) -> list[Problem]:
    """Build build/docs into a staging folder, index it for search; swap it in as site/ only if
    MkDocs, the search index and the link check all succeed.

    MkDocs runs in a process of its own that ends before Pagefind starts, so the two never hold
    their memory at the same time (a process does not shrink when MkDocs' pages are freed)."""
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=root))
    try:
        problems = run_apart(run_mkdocs, root, staging, epoch)
        if not problems:
            problems = index_site(staging)
        if not problems:
            problems = check_site(staging)
        if problems:
            return problems
        site = root / "site"
        old = root / f".site-old-{os.getpid()}"
        if site.exists():
            site.rename(old)
        staging.rename(site)
        shutil.rmtree(old, ignore_errors=True)
        return []
    finally:
        shutil.rmtree(staging, ignore_errors=True)
