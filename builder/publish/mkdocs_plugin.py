"""The `briefing` MkDocs plugin: while `briefing serve` runs, re-check and re-render first.

Under `serve` it hands each rebuild to a ``preview.Preview``, which says what changed and how
long the rebuild took, and shows the errors on every page while the briefing does not check.

MkDocs watches content/, templates/ and seeds/ (``watch:`` in mkdocs.yml); before every
rebuild this plugin turns a change there into fresh pages in build/docs. It is a plugin
(registered in pyproject.toml) rather than a ``hooks:`` file so any project folder can use
it without carrying a copy of the hook. `briefing build` renders before it calls MkDocs and
sets BRIEFING_PREPARED, so the work is not done twice.

It also hands MkDocs every rendered page as the HTML it already is (see
``on_page_markdown``), in `build` and `serve` alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from builder.web.render import PAGE_CLOSE, PAGE_OPEN


class BriefingPlugin(BasePlugin):
    preview = None  # a preview.Preview while `serve` runs
    nav = None  # this build's navigation, for the preview's page builds
    site = None  # this build's files, navigation and theme, kept by the preview once it completes

    def on_startup(self, *, command, dirty) -> None:
        if command == "serve":
            from builder.publish.preview import Preview

            self.preview = Preview(None, say=lambda line: print(line, flush=True))

    def on_serve(self, server, *, config, builder):
        if self.preview is not None:
            # build/docs is ours: we write it from content/, templates/ and seeds/ (watched), so
            # watching it too would only rebuild a second time after each of our renders.
            server.unwatch(config.docs_dir)
            from builder.publish.preview import ENV_POLL, watch_natively

            if os.environ.get(ENV_POLL) != "1":
                watch_natively(server, config.config_file_path)
            not_found = server.error_handler

            def error_page(code: int) -> bytes | None:
                # A page not rendered yet (the preview started on errors): the errors, not a 404.
                # The home page's links are relative to the site's root, so it says where that is.
                home = Path(server.root) / "index.html"
                if code == 404 and self.preview.errors and home.is_file():
                    return home.read_bytes().replace(b"<head>", f'<head><base href="{server.mount_path}">'.encode(), 1)
                return not_found(code)

            server.error_handler = error_page
            mkdocs_build = server.builder
            server.builder = lambda: self.preview.rebuild(mkdocs_build)
            self.preview.say(f"serving the preview at {server.url} (Ctrl-C stops it); it rebuilds on every save")
        return server

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_env(self, env, *, config, files):
        if self.preview is not None:
            # MkDocs makes the theme's Jinja environment anew for every rebuild: the preview keeps
            # what Jinja compiled, by template and source, so an unchanged template is not compiled again.
            env.bytecode_cache = self.preview.theme_code
            from builder.publish.pagebuild import Site

            self.site = Site(config, files, self.nav, env)
        return env

    def on_pre_build(self, *, config) -> None:
        if os.environ.get("BRIEFING_PREPARED") == "1":
            return
        root = Path(config.config_file_path).parent
        if self.preview is not None:
            self.preview.root = root
            if not self.preview.prepared:
                self.preview.before_build(_nav_files(config.nav))  # never raises: errors are shown on the pages
            return
        from builder.core.problems import format_human, summary
        from builder.publish.pipeline import prepare_preview

        stopped = prepare_preview(root).errors
        for problem in stopped:
            print(format_human(problem), file=sys.stderr)
        if stopped:
            raise PluginError(f"briefing check: {summary(stopped)}; the pages were not rendered")

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.preview is not None:  # the preview keeps the last build's pages (pagebuild.Site), not their HTML
            page.content = None  # (its markdown gives its title: kept)
        return output

    def on_post_build(self, *, config) -> None:
        if self.preview is not None:
            self.preview.site = self.site
            self.preview.after_build(Path(config.site_dir))

    # A page `briefing build` rendered is one raw HTML block (render.py wraps every body in
    # PAGE_OPEN and PAGE_CLOSE). Python-Markdown would only parse it twice with html.parser
    # (once for its anchors, once to find where the block ends) to pass it through unchanged,
    # a third of MkDocs' time; so MkDocs gets the page as the HTML it already is.
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        ours = markdown.startswith(PAGE_OPEN) and markdown.endswith(PAGE_CLOSE)
        page.briefing_html = markdown[:-1] if ours else None  # as Python-Markdown gives it: no final newline
        return "" if ours else markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        html = page.briefing_html if getattr(page, "briefing_html", None) is not None else html
        page.briefing_html = None  # MkDocs keeps the page: it holds its HTML once, as its content
        return self.preview.page(html) if self.preview is not None else html


def _nav_files(nav) -> list[str]:
    """The docs pages an mkdocs.yml nav names (a list of {title: page or nested list})."""
    found: list[str] = []
    for item in nav or []:
        for value in item.values() if isinstance(item, dict) else [item]:
            found += _nav_files(value) if isinstance(value, list) else [value] if isinstance(value, str) else []
    return found
