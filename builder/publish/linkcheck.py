"""The build's own link and anchor check over the finished HTML.

MkDocs validates Markdown links only; our pages are raw HTML, so every ``href`` and ``src``
is checked here: internal targets exist, fragments name an element on the target page,
nothing is loaded from another host, and no link is root-absolute (the site is served
under a sub-path on GitHub Pages).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.core.parallel import map_shared
from builder.core.problems import Problem

# Elements and attributes whose URL the browser fetches when the page loads.
LOADS = {
    ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"), ("video", "src"),
    ("embed", "src"), ("object", "data"), ("img", "srcset"),
}
LOADING_RELS = {
    "stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "dns-prefetch",
    "preconnect",
}


@dataclass
class Page:
    """What the link check needs of one HTML page: its ids and the URLs its tags hold."""

    ids: set[str] = field(default_factory=set)
    urls: list[tuple[int, str, str, bool]] = field(default_factory=list)  # offset, tag, url, loads


def position(html: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (only asked for problems)."""
    line_start = html.rfind("\n", 0, offset) + 1
    return html.count("\n", 0, offset) + 1, offset - line_start + 1


# The tokens of HTML that matter here, found by one pass of the regex engine: comments and
# other markup declarations (skipped, with whatever they hold), <script> and <style>
# elements (their text is not markup), and start tags (quoted attribute values may hold
# '>' or '<'). A start tag is read whole, possessively, so the engine never looks inside
# its attribute values for more tags; only tags whose attributes name an id, a name or a
# URL (``_WANTED``) are read further.
_VALUE = r"""(?:[^>"']|"[^"]*"|'[^']*')"""
_VALUES = r"""(?:[^>"']+|"[^"]*"|'[^']*')*+"""
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    rf"|<(?P<raw>(?i:script|style))(?=[\s/>])(?P<raw_attributes>{_VALUE}*)>.*?(?:(?i:</(?P=raw))[\s/>]|\Z)"
    rf"|<(?P<tag>[a-zA-Z][^\s/>]*)(?P<attributes>{_VALUES})>",
    re.DOTALL,
)
_WANTED = re.compile(r"""(?<=[\s"'/])(?i:id|href|src|data|name)\s*=""")
_ATTR = re.compile(r"""([^\s/>][^\s/>=]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]*))?""")


def scan(html: str) -> Page:
    """Ids and URLs of a page, read with regular expressions (tests/test_linkcheck.py holds
    them to html.parser's reading); attribute values are unescaped as a browser does."""
    page = Page()
    for match in _TOKEN.finditer(html):
        tag, attributes = match.group("tag", "attributes")
        if tag is None:
            tag, attributes = match.group("raw", "raw_attributes")
            if tag is None:
                continue
        elif not attributes or not _wanted(attributes):
            continue
        tag = tag.lower()
        values = _values(attributes)
        if values.get("id"):
            page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            page.ids.add(values["name"])
        for attr in ("href", "src", "data"):
            url = values.get(attr)
            if url is not None:
                rels = set((values.get("rel") or "").split())
                loads = (tag, attr) in LOADS or (tag == "link" and bool(rels & LOADING_RELS))
                page.urls.append((match.start(), tag, url, loads))
    return page


# A site repeats the same attribute text on every page (navigation, icons, classes), so
# both answers below are memoised by that text: a dictionary lookup instead of a search.
@lru_cache(maxsize=1 << 16)
def _wanted(attributes: str) -> bool:
    return _WANTED.search(attributes) is not None


@lru_cache(maxsize=1 << 16)
def _values(attributes: str) -> dict[str, str]:
    """A start tag's attributes by lower-cased name (the first of each name wins), values
    unquoted and unescaped. Shared between calls: read it, never change it."""
    values: dict[str, str] = {}
    for name, value in _ATTR.findall(attributes):
        name = name.lower()
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        if name not in values:
            values[name] = unescape(value) if "&" in value else value
    return values


def check_site(site: Path) -> list[Problem]:
    """Every broken internal link or anchor, and every load from another host, in a built site.

    Workers scan the pages and judge each URL against the site's file list, which they
    inherit; only a fragment waits for the parent, which alone knows every page's ids.
    """
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    names = sorted(rel for rel in files if rel.endswith(".html"))
    folders = {"."}
    for rel in files:
        folder = posixpath.dirname(rel)
        while folder and folder not in folders:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    judged = map_shared(_judge_page, _Site(site, names, files, folders, {}), len(names))
    ids = {rel: page_ids for rel, (page_ids, _) in zip(names, judged)}
    problems: list[Problem] = []
    for rel, (_, findings) in zip(names, judged):
        for offset, tag, verdict in findings:
            if verdict[0] == "anchor":
                _, url, target, fragment = verdict
                if fragment in ids[target]:
                    continue
                verdict = (
                    "broken-anchor", f"links to {url!r}, but {target} has no element with id {fragment!r}",
                    "link to an anchor the page has",
                )
            code, message, hint = verdict
            line, col = position((site / rel).read_text(encoding="utf-8"), offset)
            problems.append(Problem(f"site/{rel}", line, col, code, f"<{tag}> {message}", hint))
    return problems


@dataclass
class _Site:
    """What a worker judging pages needs: the site's files and folders, and its own memo."""

    root: Path
    names: list[str]
    files: set[str]
    folders: set[str]
    verdicts: dict


def _judge_page(site: _Site, index: int) -> tuple[set[str], list[tuple[int, str, tuple]]]:
    """One page's ids, and each of its URLs that is broken or names a fragment:
    (offset, tag, (code, message, hint)) or (offset, tag, ("anchor", url, target page, fragment))."""
    rel = site.names[index]
    page = scan((site.root / rel).read_text(encoding="utf-8"))
    findings = []
    for offset, tag, url, loads in page.urls:
        key = (_base(rel, url), url, loads)
        if key not in site.verdicts:
            site.verdicts[key] = _check_url(site.files, site.folders, rel, url, loads)
        verdict = site.verdicts[key]
        if verdict:
            findings.append((offset, tag, verdict))
    return page.ids, findings


def _base(page: str, url: str) -> str:
    """What a URL's meaning depends on besides itself: the page, its folder, or only its depth.

    A link means the same from every page of one folder, and "../../x/" the same from every
    page two folders deep: the navigation's links, repeated on every page, are checked once.
    """
    if page == "404.html" or not url or url.startswith(("#", "?")):
        return page
    depth = page.count("/")
    ups = 0
    while url.startswith("../", ups * 3):
        ups += 1
    return f"depth {depth}" if ups == depth else posixpath.dirname(page)


def _check_url(files: set[str], folders: set[str], rel: str, url: str, loads: bool) -> tuple | None:
    """(code, message, hint) for a broken URL, ("anchor", url, target, fragment) for one whose
    fragment is still to be looked up on its target page, or None for a good one."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript") or url.startswith("#!"):
        if parts.scheme == "javascript":
            return "javascript-link", f"links to {url!r}", "remove the javascript: link"
        return None
    if parts.scheme or parts.netloc:
        if loads:
            return "other-host", f"loads {url!r} from another host", "serve the file from the site itself, or drop it"
        return None
    if parts.path.startswith("/") and rel != "404.html":
        return (
            "absolute-link", f"links to the root-absolute {url!r}",
            "use a relative link: the site is served under a sub-path",
        )
    if parts.path.startswith("/"):
        return None  # 404.html is served from any depth, so MkDocs makes its links root-absolute
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) if parts.path else rel
    if parts.path and (parts.path.endswith("/") or target in folders):
        target = posixpath.normpath(posixpath.join(target, "index.html"))
    if target.startswith("../"):
        return "broken-link", f"links to {url!r}, outside the site", "link to a page of the site"
    if target not in files:
        return (
            "broken-link", f"links to {url!r}, but {target} does not exist", "fix the link or the id it is built from"
        )
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html"):
        return "anchor", url, target, fragment
    return None
