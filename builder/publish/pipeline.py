"""The one orchestration of a briefing: normalize --check, load, check, analyze, render, MkDocs,
link check, swap; with the caches that let an unchanged step be skipped.

The CLI, the MkDocs plugin and the bench call these functions; each returns values (a
``Checked``, a ``Built``) and prints nothing, so every caller decides what to show.
Imports are deferred where a step may not run at all: a check answered from its cache
imports neither the checks nor jsonschema nor Jinja.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from builder.core.cache import CACHE_DIR, cached_json, cached_problems, code_key, content_key
from builder.core.problems import Problem, has_errors

if TYPE_CHECKING:
    from jinja2 import Environment

    from builder.content.load import Briefing, Loaded
    from builder.web.plainmemo import PlainMemo

BUILD_STAMP = CACHE_DIR / "site.key"  # the key of the inputs of the site/ now published


def tune_collection() -> None:
    """Fewer young-generation garbage collections for this process.

    A build holds millions of long-lived objects (records, positions, pages); with CPython's
    default thresholds each older collection re-scans all of them, a cost that grows faster
    than the briefing (load of 5,000 synthetic sources: 21 s -> 15 s). Cycles are still
    collected, only less often.
    """
    gc.set_threshold(100_000, 50, 100)


class Checked(NamedTuple):
    """What the checks found: the loaded briefing (None if not needed), every problem, and
    whether they stop a build."""

    briefing: Briefing | None
    problems: list[Problem]
    failed: bool


@dataclass
class Warm:
    """What the preview keeps between two rebuilds, so that one after a small edit reads,
    parses, checks and renders again only what the edit touched.

    ``changed`` is set by the preview before each rebuild: the root-relative paths of the
    watched files that changed since the last (None: not known, so everything is read).
    """

    changed: set[str] | None = None
    texts: dict[str, str] = field(default_factory=dict)  # content/ as last read
    tree: list[Problem] | None = None  # normalize --check's problems, as last found
    loaded: Loaded | None = None  # each file's last parse
    templates: Environment | None = None  # the page templates, each compiled once
    plain: PlainMemo | None = None  # Markdown made plain text, reused while what it linked is unchanged

    def touched(self, *folders: str) -> bool:
        """Whether a changed file lies under one of ``folders`` (always, when not known)."""
        return self.changed is None or any(path.startswith(folders) for path in self.changed)

    def read_content(self, root: Path) -> dict[str, str]:
        """content/'s texts, reading again only the files that changed."""
        from builder.content.load import CONTENT_SUFFIXES, read_content, read_text

        if self.changed is None or not self.texts:
            self.texts = read_content(root)
            return dict(self.texts)
        for path in sorted(p for p in self.changed if p.startswith("content/")):
            file = root / path
            if file.is_file() and file.suffix in CONTENT_SUFFIXES:
                self.texts[path] = read_text(file)
            else:
                self.texts.pop(path, None)
        return dict(self.texts)


def run_checks(root: Path, *, strict: bool = False, need_briefing: bool = True, notes: bool = True,
               warm: Warm | None = None) -> Checked:
    """normalize --check, then load and check.

    The problems of load and check are a pure function of the content files, the builder's
    code and its libraries, so they are kept under build/cache/check/ by a hash of all of
    them and of the pages already published (read from git, see content/published.py): an
    unchanged briefing is not checked twice. ``need_briefing=False`` (the check
    command) then skips loading it too. ``notes=False`` (the build, which never shows info
    notes) skips the shared-claim notes, kept apart under build/cache/claims/. ``warm``
    (the preview's) reads and parses again only what changed since its last call.
    """
    from builder.content.evidence import export_spans, import_spans
    from builder.content.load import REDIRECTS_FILE, Loaded, read_content
    from builder.content.load import load as load_texts
    from builder.content.published import read_published
    from builder.sources.records import check_tree

    if warm is None:
        problems, texts, loaded = check_tree(root), read_content(root), None
    else:
        if warm.tree is None or warm.touched("seeds/", "content/sources/"):
            warm.tree = check_tree(root)
        problems, texts = list(warm.tree), warm.read_content(root)
        loaded = warm.loaded = warm.loaded or Loaded()
    published = read_published(root, dict(os.environ), REDIRECTS_FILE)
    content = content_key([code_key(), *(f"{path}\n{text}" for path, text in sorted(texts.items()))])
    key = content_key([content, published.key() if published else ""])  # the check compares with what was published
    briefing = None
    clean = None  # the records that passed their schema: what the claim notes read

    def load(texts: dict[str, str]) -> tuple[Briefing, list[Problem]]:
        found = load_texts(texts, loaded)
        found[0].published = published
        return found

    def load_and_check() -> dict:
        nonlocal briefing, clean
        from builder.checks.check import check

        def keep(passed: Briefing) -> list[Problem]:
            nonlocal clean
            clean = passed
            return []

        briefing, found = load(texts)
        found += check(briefing, notes=keep)
        # Where every quote stands, found by the check: the renderer and suggestions reuse it.
        return {"problems": [asdict(p) for p in found], "spans": export_spans(briefing)}

    checked = cached_json(root / CACHE_DIR / "check", key, load_and_check, _problems)
    problems += _problems(checked)
    if briefing is None and need_briefing:
        briefing = load(texts)[0]
        import_spans(briefing, checked["spans"])
    if notes:

        def schema_clean() -> Briefing:
            nonlocal briefing
            from builder.checks.check import schema_clean

            if clean is not None:
                return clean
            if briefing is None:
                briefing = load(texts)[0]
            return schema_clean(briefing)

        problems += cached_claim_notes(root, content, schema_clean)
    failed = has_errors(problems) or (strict and any(p.severity == "warning" for p in problems))
    return Checked(briefing, sorted(set(problems)), failed)


def _problems(checked: dict) -> list[Problem]:
    return [Problem(**item) for item in checked["problems"]]


def cached_claim_notes(root: Path, key: str, briefing: Callable[[], Briefing]) -> list[Problem]:
    """The shared-claim notes, kept under build/cache/claims/ by ``key`` (the check's: every
    content file, the builder's code, its libraries). ``briefing()`` gives the records that
    passed their schema; it, like the notes' imports, is needed only on a miss.
    """

    def compute() -> list[Problem]:
        from builder.claims import claims
        from builder.claims.extract import extract, read_cache, write_cache

        clean = briefing()
        extraction = extract(clean, read_cache(root))  # sources whose text is unchanged are not extracted again
        write_cache(root, extraction)
        return claims.claim_problems(clean, extraction)

    return cached_problems(root / CACHE_DIR / "claims", key, compute)


@dataclass
class Built:
    """The outcome of ``build``: ``stopped`` is None when site/ is new or already current,
    else "checks" (nothing was written) or "site" (the new site failed; the old one kept)."""

    problems: list[Problem] = field(default_factory=list)
    stopped: str | None = None
    current: bool = False  # nothing changed since the last build
    pages: int = 0


def build(root: Path, *, strict: bool = False) -> Built:
    """Check everything, then render, run MkDocs, link-check and swap in site/.

    A build whose inputs (``site.build_key``) equal the last published build's does nothing.
    Info notes are never computed here: they are for `briefing check`.
    """
    from builder.content.load import REDIRECTS_FILE
    from builder.content.published import read_published
    from builder.core.parallel import run_apart
    from builder.publish.site import build_key, publish_docs

    published = read_published(root, dict(os.environ), REDIRECTS_FILE)
    key = content_key([build_key(root), published.key() if published else "", ":strict" if strict else ""])
    stamp = root / BUILD_STAMP
    if (root / "site").is_dir() and stamp.is_file() and stamp.read_text() == key:
        return Built(current=True)
    # The briefing, its analysis and the rendered pages are held only in a process of their
    # own, which ends before MkDocs and Pagefind start: the build holds one of them at a time.
    problems, stopped, epoch = run_apart(_check_and_render, root, strict)
    if stopped:
        return Built(problems, stopped=stopped)
    published = publish_docs(root, epoch)
    if published:
        return Built(problems + published, stopped="site")
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key)
    return Built(problems, pages=sum(1 for _ in (root / "site").rglob("*.html")))


def _check_and_render(root: Path, strict: bool) -> tuple[list[Problem], str | None, int | None]:
    """The checks, then the pages written to build/docs: the problems, what stopped the build
    ("checks", "site" for a template's error, or None) and the as-of day's epoch for MkDocs."""
    from builder.publish.site import render_docs, source_date_epoch

    briefing, problems, failed = run_checks(root, strict=strict, notes=False)
    if failed:
        return problems, "checks", None
    rendered = render_docs(root, briefing)
    if rendered:
        return problems + rendered, "site", None
    return problems, None, source_date_epoch(briefing)


class Prepared(NamedTuple):
    """What ``prepare_preview`` did: the check, the docs files written and removed (by docs
    path), and what stopped the render: the check's errors, or a template's."""

    checked: Checked
    written: list[str]
    removed: list[str]
    errors: list[Problem]


def prepare_preview(root: Path, warm: Warm | None = None) -> Prepared:
    """Check, and if nothing stops it render the pages into build/docs for `mkdocs serve`.

    Warnings and info notes never stop a preview; info notes are not computed. ``warm``
    carries what the last call read, parsed and compiled (see ``Warm``).
    """
    from jinja2 import TemplateError

    from builder.publish.site import template_problem, write_docs
    from builder.web.plainmemo import PlainMemo
    from builder.web.render import template_environment

    checked = run_checks(root, notes=False, warm=warm)
    if checked.failed:
        return Prepared(checked, [], [], [p for p in checked.problems if p.severity == "error"])
    templates, plain = None, None
    if warm is not None:
        templates = warm.templates = warm.templates or template_environment(root / "templates")
        plain = warm.plain = warm.plain or PlainMemo()
    try:
        written, removed = write_docs(root, checked.briefing, templates=templates, plain=plain)
    except TemplateError as error:
        return Prepared(checked, [], [], [template_problem(error, root)])
    return Prepared(checked, written, removed, [])
