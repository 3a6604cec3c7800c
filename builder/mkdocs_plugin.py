"""The `briefing` MkDocs plugin: while `briefing serve` runs, re-check and re-render first.

MkDocs watches content/, templates/ and seeds/ (``watch:`` in mkdocs.yml); before every
rebuild this plugin turns a change there into fresh pages in build/docs. It is a plugin
(registered in pyproject.toml) rather than a ``hooks:`` file so any project folder can use
it without carrying a copy of the hook. `briefing build` renders before it calls MkDocs and
sets BRIEFING_PREPARED, so the work is not done twice.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin



class BriefingPlugin(BasePlugin):
    def on_pre_build(self, *, config) -> None:
        if os.environ.get("BRIEFING_PREPARED") == "1":
            return
        from builder.cli import run_checks
        from builder.problems import format_human, summary
        from builder.site import write_docs

        root = Path(config.config_file_path).parent
        briefing, problems, failed = run_checks(root, notes=False)  # info notes are not shown here
        for problem in problems:
            if problem.severity != "info":  # MkDocs' serve log hides plugin warnings: print them
                print(format_human(problem), file=sys.stderr)
        if failed:
            raise PluginError(f"briefing check: {summary(problems)}; the pages were not re-rendered")
        write_docs(root, briefing)
