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

import contextlib
import logging
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


def build_site(config) -> list[str]:
    """MkDocs' build of the whole site (``mkdocs.commands.build.build``, not dirty, not served),
    its pages read and built on the machine's cores; the warnings logged, in page order.

    The same steps and plugin events as MkDocs' build, in its order but one: each page is read
    (``_populate_page``) just before it is built, by the process that builds it, instead of
    every page being read first; so no process holds every page, and ``on_env`` and the 404
    page and sitemap come before the pages are read (none of them reads a page's content).
    tests/test_build.py holds the site to MkDocs' own build byte for byte.
    """
    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_theme_template
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from builder.core.parallel import map_shared

    with _warnings() as said:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        utils.clean_directory(config.site_dir)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        inclusion = InclusionLevel.is_included
        pages = files.documentation_pages(inclusion=inclusion)
        for file in pages:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files(inclusion=inclusion)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
    site = Site(config, files, nav, env)
    found = map_shared(_build_one, (site, pages), len(pages))
    with _warnings() as after:
        config.plugins.on_post_build(config=config)
    return said + [message for messages in found for message in messages] + after


def _build_one(shared: tuple, index: int) -> list[str]:
    """Read and build one page of ``build_site``; the warnings it logged."""
    from mkdocs.commands.build import _build_page, _populate_page

    site, pages = shared
    file = pages[index]
    with _warnings() as said:
        _populate_page(file.page, site.config, site.files)
        _build_page(file.page, site.config, pages, site.nav, site.env, excluded=file.inclusion.is_excluded())
        file.page.validate_anchor_links(files=site.files, log_level=site.config.validation.links.anchors)
    file.page.content = file.page.markdown = None  # built: no process keeps every page
    return said


class _Said(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _warnings():
    """The warnings MkDocs logs inside the block, as a list filled when it ends."""
    handler = _Said()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
