"""A preview rebuild of the few pages an edit changed, through MkDocs' own page build, without
its walk of the whole site.

After any save, MkDocs' dirty build lists every docs file, makes every page and the
navigation anew, renders the 404 page and the sitemap, and only then builds the pages whose
HTML is older than their source: 1.5 s at 1,000 synthetic sources (6,700 pages) for a
one-fact edit. When the render changed only files MkDocs already knows (no page added or
removed), with mkdocs.yml and the theme unchanged and no errors shown, the last build's files,
navigation and theme environment still describe the site: the files written are read and
built again through the same two steps MkDocs' build runs for each page, with every plugin
event (``_populate_page`` and ``_build_page`` of MkDocs 1.6; constraints.txt pins it, and
tests/test_serve.py fails if they change). Anything else falls back to MkDocs' dirty build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Site:
    """What MkDocs' last complete build knew of the site (its plugin events hand these over)."""

    config: Any  # MkDocsConfig
    files: Any  # mkdocs.structure.files.Files
    nav: Any  # mkdocs.structure.nav.Navigation
    env: Any  # the theme's jinja2.Environment


def rebuild_files(site: Site, written: list[str]) -> bool:
    """Build the docs files ``written`` (paths under the docs folder) into the site, as MkDocs'
    build would; False, having built nothing, if one is not a file of the last build."""
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import InclusionLevel

    files = [site.files.get_file_from_path(path) for path in written]
    if any(file is None or (file.is_documentation_page() and file.page is None) for file in files):
        return False
    pages = site.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in files:
        if file.is_documentation_page():
            _populate_page(file.page, site.config, site.files)
            _build_page(file.page, site.config, pages, site.nav, site.env, excluded=file.inclusion.is_excluded())
        else:
            file.copy_file()
    return True
