"""MkDocs' own page steps, driven by us: the whole site's pages built on every core, and the
preview's few changed pages built alone.

MkDocs builds a page in two steps, ``_populate_page`` (read it, run the page plugin events,
Markdown) and ``_build_page`` (the theme's template, written out), private functions of the
MkDocs 1.6 that constraints.txt pins; tests/test_build.py and tests/test_pagebuild.py fail if
they change. Around them:

- ``build_site`` is MkDocs' ``build`` (not dirty, not served), step for step and event for
  event, but the pages are read and built by forked workers and this process, each page just
  before it is built: at 1,000 synthetic sources MkDocs' 22 s became 12 s on two cores, and no
  process holds every page. Any plugin besides ours (search, tags or blog collect across
  pages in one process) gets MkDocs' own ``build`` instead.
- ``rebuild_files`` is the preview's quick rebuild. After any save, MkDocs' dirty build lists
  every docs file, makes every page and the navigation anew, renders the 404 page and the
  sitemap, and only then builds the pages whose HTML is older than their source: 1.5 s at
  1,000 sources for a one-fact edit. When the render changed only files MkDocs already knows
  (no page added or removed), with mkdocs.yml and the theme unchanged and no errors shown,
  the last build's files, navigation and theme environment still describe the site, and the
  files written are read and built again alone. Anything else is MkDocs' dirty build.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from typing import Any

OURS = ["briefing"]  # the plugins build_site builds for: mkdocs.yml's


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
    from mkdocs.structure.files import InclusionLevel

    files = [site.files.get_file_from_path(path) for path in written]
    if any(file is None or (file.is_documentation_page() and file.page is None) for file in files):
        return False
    pages = site.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in files:
        if file.is_documentation_page():
            _read_and_build(site, file, pages)
        else:
            file.copy_file()
    return True


def _read_and_build(site: Site, file, pages: list) -> None:
    """MkDocs' two steps for one page: read it (its plugin events, Markdown), then build it."""
    from mkdocs.commands.build import _build_page, _populate_page

    _populate_page(file.page, site.config, site.files)
    _build_page(file.page, site.config, pages, site.nav, site.env, excluded=file.inclusion.is_excluded())


def build_site(config) -> list[str]:
    """MkDocs' build of the whole site, its pages read and built on every core; the warnings
    MkDocs logged, in its order (strict: any of them refuses the site). An error is raised as
    MkDocs' ``build`` raises it (a ``BuildError`` as ``Abort``, its message logged).

    The same steps as ``mkdocs.commands.build.build``, in its order but one: every page is read
    (``_populate_page``) by the process that builds it, just before, instead of all first; the
    pages the navigation names are read here first as well, because every page's navigation,
    the 404 page and the sitemap show their titles and meta. Anchor links are checked here once
    every page is built, with the anchors each process found.
    """
    from mkdocs import utils
    from mkdocs.commands.build import _build_extra_template, _build_theme_template, _populate_page, build
    from mkdocs.exceptions import Abort, BuildError
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    from builder.core.parallel import map_shared

    if list(config.plugins) != OURS:
        with collected() as said:
            build(config)
        return said
    try:
        with collected() as before:
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
            for page in nav.pages:  # read now: every page shows their titles (the rest are read when built)
                _populate_page(page, config, files)
            env = config.plugins.on_env(env, config=config, files=files)
            files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                _build_extra_template(template, files, config, nav)
        built = map_shared(_build_one, (Site(config, files, nav, env), pages), len(pages))
        with collected() as after:
            for file, (_, anchors, links) in zip(pages, built):
                file.page.present_anchor_ids = anchors
                file.page.links_to_anchors = {files.get_file_from_path(uri): found for uri, found in links.items()}
            for file in pages:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            config.plugins.on_post_build(config=config)
    except Exception as error:  # as MkDocs' build: the plugins hear of it, a BuildError aborts
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            logging.getLogger("mkdocs.commands.build").error(str(error))
            raise Abort("Aborted with a BuildError!") from error
        raise
    return before + [message for said, _, _ in built for message in said] + after


def _build_one(shared: tuple[Site, list], index: int) -> tuple[list[str], set[str] | None, dict[str, dict]]:
    """Read and build one page of ``build_site``: the warnings it logged, and its anchors and
    links to anchors (by the target's path) for the check once every page is built."""
    site, pages = shared
    page = pages[index].page
    with collected() as said:
        _read_and_build(site, pages[index], pages)
    links = {target.src_uri: found for target, found in (page.links_to_anchors or {}).items()}
    page.content = None  # built: no process keeps every page (its markdown gives its title: kept)
    return said, page.present_anchor_ids, links


class _Said(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record):
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def collected():
    """The warnings and errors MkDocs logs inside the block, in a list filled as they come."""
    messages: list[str] = []
    handler = _Said(messages)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
