"""The `briefing` MkDocs plugin: while `briefing serve` runs, re-check and re-render first.

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
    def on_pre_build(self, *, config) -> None:
        if os.environ.get("BRIEFING_PREPARED") == "1":
            return
        from builder.core.problems import format_human, summary
        from builder.publish.pipeline import prepare_preview

        root = Path(config.config_file_path).parent
        problems, failed = prepare_preview(root, notes=False)[1:]  # info notes are not shown here
        for problem in problems:
            if problem.severity != "info":  # MkDocs' serve log hides plugin warnings: print them
                print(format_human(problem), file=sys.stderr)
        if failed:
            raise PluginError(f"briefing check: {summary(problems)}; the pages were not re-rendered")

    # A page `briefing build` rendered is one raw HTML block (render.py wraps every body in
    # PAGE_OPEN and PAGE_CLOSE). Python-Markdown would only parse it twice with html.parser
    # (once for its anchors, once to find where the block ends) to pass it through unchanged,
    # a third of MkDocs' time; so MkDocs gets the page as the HTML it already is.
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        ours = markdown.startswith(PAGE_OPEN) and markdown.endswith(PAGE_CLOSE)
        page.briefing_html = markdown[:-1] if ours else None  # as Python-Markdown gives it: no final newline
        return "" if ours else markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        return page.briefing_html if getattr(page, "briefing_html", None) is not None else html
