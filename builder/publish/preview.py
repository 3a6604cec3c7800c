"""`briefing serve`: MkDocs' live server around the pipeline, saying what it does and never stuck.

MkDocs serves and watches; the `briefing` plugin calls a ``Preview`` before and after each
rebuild. The preview:

- starts whatever state the briefing is in, and prints the address it serves;
- prints one line per rebuild: what changed (by file) and how long the rebuild took;
- while the briefing does not check (or a template fails), keeps MkDocs building and shows the
  errors (file, line, message, what to do) in place of every page, instead of failing the
  build: MkDocs' live server holds every request until a rebuild succeeds, so a failed one
  would leave the browser waiting. The next good save brings the site back.

MkDocs runs with its own strict mode off here (with ``strict: true`` a warning aborts the
rebuild, and the server would hang the same way); our checks stay as strict as in a build.

A rebuild after a small edit does only what the edit touched. The preview keeps a
``pipeline.Warm`` between rebuilds (the content as last read and parsed, what was derived from
each unchanged file, the compiled templates), so only the changed files are read and parsed
again; the render writes only the pages whose text changed; and only those are built into
HTML, through MkDocs' own page build (``pagebuild.py``) when no page was added or removed,
else by MkDocs' dirty build. When the errors shown change (they appear, differ or are fixed),
or mkdocs.yml or the theme's overrides change, every page is marked changed, so MkDocs'
dirty build rebuilds them all; a page whose source was removed has its HTML removed too.
"""

from __future__ import annotations

import html
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

import jinja2
import jinja2.bccache

from builder.core.paths import files_under
from builder.core.problems import Problem, format_human, summary
from builder.publish.pagebuild import Site, rebuild_files
from builder.publish.pipeline import Warm, prepare_preview

WATCHED = ("content", "templates", "seeds", "mkdocs.yml")  # as mkdocs.yml's watch:, and its own file
ENV_POLL = "BRIEFING_POLL"  # "1" (`briefing serve --poll`): learn of saves by polling, as MkDocs does
THEME = "templates/theme/"  # mkdocs.yml's custom_dir: overrides of Material's own templates
SHOWN_CHANGES = 3  # files named in a rebuild line; the rest are counted


def watch_natively(server, config_file: str | None) -> None:
    """Have MkDocs' live server learn of each save from the operating system (inotify on Linux,
    FSEvents on macOS, ReadDirectoryChangesW on Windows) instead of polling for it.

    MkDocs looks at every watched file twice a second: a save waits up to half a second to be
    seen, and each look stats every file of content/, seeds/ and templates/ (60 ms of CPU at
    1,000 sources, taken from the rebuild while one runs, as the two share the interpreter).
    Only changes to files count: the preview's own reads of them are not saves. Watchdog
    watches a single file (mkdocs.yml) through its folder, so a save that writes a new file
    and renames it over the old one (vim, "safe write") is seen every time, not only once.
    Folders the operating system does not report on (some network shares and container
    mounts) need ``briefing serve --poll``. Called from the plugin's ``on_serve``: MkDocs has
    watched mkdocs.yml already (watched again here), and watches mkdocs.yml's ``watch:``
    folders and starts the observer after it.
    """
    from watchdog.events import FileAttribEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
    from watchdog.observers import Observer

    saves = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileAttribEvent]

    class SavesOnly(Observer):  # the platform's own observer, told which events to pass on
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            # Links are followed, as MkDocs' polling follows them.
            return super().schedule(event_handler, path, recursive=recursive, event_filter=saves, follow_symlink=True)

    if config_file:
        server.unwatch(config_file)
    server.observer = SavesOnly()
    if config_file:
        server.watch(config_file)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime in ns, size) of every watched file, by root-relative path (folders linked in
    are followed)."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = os.path.join(root, name)
        if os.path.isdir(top):
            _snapshot_folder(top, name, found)
        elif (seen := snapshot_of(Path(top))) is not None:
            found[name] = seen
    return found


def _snapshot_folder(folder: str, rel: str, found: dict[str, tuple[int, int]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # removed while we looked: the next rebuild sees it gone
    for entry in entries:
        path = f"{rel}/{entry.name}"
        try:
            if entry.is_dir():
                _snapshot_folder(entry.path, path, found)
                continue
            seen = _seen(entry.stat())
        except OSError:
            continue
        if seen is not None:
            found[path] = seen


def snapshot_of(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) of one regular file; None if it is not there."""
    try:
        return _seen(os.stat(path))
    except OSError:
        return None


def _seen(stat: os.stat_result) -> tuple[int, int] | None:
    return (stat.st_mtime_ns, stat.st_size) if S_ISREG(stat.st_mode) else None


def changes(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> str:
    """``content/facts/a.yaml changed, content/facts/b.yaml removed and 2 more`` (or "no file changed")."""
    named = [f"{path} {'added' if path not in before else 'removed' if path not in after else 'changed'}"
             for path in sorted(before.keys() | after.keys()) if before.get(path) != after.get(path)]
    if not named:
        return "no file changed"
    more = len(named) - SHOWN_CHANGES
    return ", ".join(named[:SHOWN_CHANGES]) + (f" and {more} more" if more > 0 else "")


def changed_paths(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """The paths added, removed or changed between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def site_file(rel: str) -> str:
    """Where MkDocs (with directory URLs) writes the docs file ``rel``: a page ``a/b.md`` as
    ``a/b/index.html``, an ``index.md`` as ``index.html`` beside it, any other file as is."""
    if not rel.endswith(".md"):
        return rel
    stem = rel[: -len(".md")]
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def error_html(problems: list[Problem]) -> str:
    """The page shown in place of every page while the briefing has errors: each problem with
    its file, line, column, message and what to do, escaped."""
    items = []
    for problem in problems:
        hint = f"<br>{html.escape(problem.hint).replace(chr(10), '<br>')}" if problem.hint else ""
        items.append(
            f'<li><code>{html.escape(problem.file)}:{problem.line}:{problem.col}</code> '
            f"<strong>{problem.severity}</strong>: {html.escape(problem.message)} "
            f"<code>[{html.escape(problem.code)}]</code>{hint}</li>"
        )
    return (
        '<div class="briefing-preview-errors" role="alert">'
        "<h1>The briefing does not check</h1>"
        f"<p>{html.escape(summary(problems))}. Every page shows this list until a save fixes them; "
        "the site comes back by itself.</p>"
        f"<ol>{''.join(items)}</ol></div>"
    )


# Written for a page of the nav never rendered, while errors stand: MkDocs needs a page to put
# them on (the next good render replaces it, and removes what it does not make).
PLACEHOLDER = "# The briefing does not check\n"


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory for the serve session. Jinja keys each by the
    template's name and a checksum of its source, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """One serve session: the watched files as last seen, and the state of the last rebuild."""

    def __init__(self, root: Path | None, say: Callable[[str], None]):
        self.root = root
        self.say = say
        self.seen: dict[str, tuple[int, int]] | None = None
        self.errors: list[Problem] = []
        self.started = 0.0
        self.line = ""
        self.warm = Warm()
        self.removed: list[str] = []  # docs pages the last rebuild removed: their HTML goes too
        self.docs_files: set[str] | None = None  # the files in build/docs after the last rebuild (listed once)
        self.theme_code = CompiledTemplates()  # the theme's templates as Jinja compiled them (mkdocs_plugin.on_env)
        self.site: Site | None = None  # what MkDocs' last complete build knew (mkdocs_plugin), for pagebuild
        self.nav_files: list[str] = []
        self.written: list[str] = []  # docs files the last render wrote
        self.everything = False  # the last rebuild marked every page changed (mkdocs.yml or the theme)
        self.prepared = False  # checked and rendered already, for the MkDocs build about to run

    def before_build(self, nav_files: list[str]) -> None:
        """Check and render (the plugin's ``on_pre_build``); remember what to say and show.

        ``nav_files`` are the docs pages mkdocs.yml's nav names: while errors stand, each that
        was never rendered gets a placeholder, so every section of the site shows the errors."""
        self.started = time.monotonic()
        self.nav_files = nav_files
        now = snapshot(self.root)
        what = "first build" if self.seen is None else changes(self.seen, now)
        self.warm.changed = None if self.seen is None else changed_paths(self.seen, now)
        self.seen = now
        docs = self.root / "build" / "docs"
        shown, before = self.errors, self.docs_files
        try:
            checked, written, removed, errors = prepare_preview(self.root, self.warm)
        except Exception as error:  # a bug of ours: say so on the page instead of hanging the server
            traceback.print_exc()
            bug = Problem("builder", 1, 1, "internal", f"{type(error).__name__}: {error}",
                          "this is a bug in the builder: please report it with the traceback above")
            checked, written, errors = None, [], [bug]
            self.warm = Warm()  # what it kept may be half-updated: start afresh
            # What the failed render removed is known only from what is left.
            self.docs_files = set(files_under(docs))
            removed = sorted(before - self.docs_files) if before is not None else []
        else:
            self.docs_files = set(files_under(docs)) if before is None else (before | set(written)) - set(removed)
        self.errors = [p for p in errors if p.severity != "info"] if errors else []
        self.written = written
        self.removed = removed
        # MkDocs' dirty build rebuilds only the pages we wrote; every page changes when the
        # errors shown change (they appear, differ or are gone) or the theme or config does.
        self.everything = self.warm.changed is not None and any(
            path == "mkdocs.yml" or path.startswith(THEME) for path in self.warm.changed)
        if self.errors != shown or self.everything:
            for rel in files_under(docs):
                os.utime(docs / rel)
        for rel in nav_files if self.errors else []:
            if not (docs / rel).is_file():
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                (docs / rel).write_text(PLACEHOLDER, encoding="utf-8")
                self.docs_files.add(rel)
        # While errors stand, MkDocs' warnings are about pages not rendered: not worth a line.
        logging.getLogger("mkdocs").setLevel(logging.ERROR if self.errors else logging.NOTSET)
        if self.errors:
            first = self.errors[0]
            self.line = (f"{what}; {summary(self.errors)}, shown on every page: "
                         f"{first.file}:{first.line}:{first.col}: {first.message} [{first.code}]")
            for problem in self.errors:
                print(format_human(problem), file=sys.stderr, flush=True)
        else:
            warnings = [p for p in checked.problems if p.severity == "warning"] if checked else []
            for problem in warnings:
                print(format_human(problem), file=sys.stderr, flush=True)
            pages = f"{len(written)} page{'s' if len(written) != 1 else ''}"
            self.line = f"{what}; {pages} re-rendered" + (f"; {summary(warnings)}" if warnings else "")

    def rebuild(self, mkdocs_build: Callable[[], None]) -> None:
        """One rebuild after a save (the live server's builder): check and render, then build
        the files written through MkDocs' page steps (``pagebuild.rebuild_files``) when that is
        all that changed, else run MkDocs' dirty build. That build's ``on_pre_build`` checks and
        renders, unless this call already did (``prepared``)."""
        site, self.site = self.site, None  # kept again only once a build has completed (root and seen set)
        if site is None or self.errors or snapshot_of(self.root / "mkdocs.yml") != self.seen.get("mkdocs.yml"):
            mkdocs_build()  # a new config is read there, and its nav; errors shown: every page changes
            return
        self.before_build(self.nav_files)
        if not (self.errors or self.everything or self.removed) and rebuild_files(site, self.written):
            self.site = site
            self.after_build(Path(site.config.site_dir))
            return
        self.prepared = True
        try:
            mkdocs_build()
        finally:
            self.prepared = False

    def page(self, html_text: str) -> str:
        """A page's HTML as the preview shows it: the errors, while they stand."""
        return error_html(self.errors) if self.errors else html_text

    def after_build(self, site_dir: Path) -> None:
        """Remove the HTML of pages whose source the last render removed (MkDocs' dirty build
        leaves it), and say how the rebuild went."""
        for rel in self.removed:
            (site_dir / site_file(rel)).unlink(missing_ok=True)
        verb = "check failed" if self.errors else "rebuilt"
        self.say(f"{verb} in {time.monotonic() - self.started:.2f} s: {self.line}")


def serve(root: Path, dev_addr: str, *, say: Callable[[str], None], poll: bool = False) -> int:
    """Run the live preview until interrupted; 2 if the address cannot be served. ``poll``:
    look for saves twice a second, as MkDocs does, instead of being told of them
    (``watch_natively``)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import ConfigurationError

    # MkDocs warns on every dirty build that its navigation may be stale; ours is fixed (the
    # nav names section pages only) and every page that changed is rebuilt, so say nothing.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    say(f"building the preview of {root.resolve()} ...")
    if poll:
        os.environ[ENV_POLL] = "1"  # read by the plugin (MkDocs makes it)
    (root / "build" / "docs").mkdir(parents=True, exist_ok=True)  # MkDocs wants its docs_dir before the first render
    try:
        mkdocs_serve(config_file=str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True, strict=False,
                     build_type="dirty")
    except ConfigurationError as error:
        say(f"error: {error}")
        return 2
    except OSError as error:
        say(f"error: cannot serve on {dev_addr}: {error.strerror or error}; "
            "choose another address with --dev-addr (make serve PORT=...)")
        return 2
    finally:
        os.environ.pop(ENV_POLL, None)
    return 0

