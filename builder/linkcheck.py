"""The build's own link and anchor check over the finished HTML.

MkDocs validates Markdown links only; our pages are raw HTML, so every ``href`` and ``src``
is checked here: internal targets exist, fragments name an element on the target page,
nothing is loaded from another host, and no link is root-absolute (the site is served
under a sub-path on GitHub Pages).
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .problems import Problem

# Elements and attributes whose URL the browser fetches when the page loads.
LOADS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"), ("video", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset")}
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon", "dns-prefetch", "preconnect"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, int, str, str, bool]] = []  # line, col, tag, url, loads

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line, col = self.getpos()
        for name in ("id",):
            if values.get(name):
                self.ids.add(values[name])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for attr in ("href", "src", "data"):
            url = values.get(attr)
            if url is None:
                continue
            loads = (tag, attr) in LOADS or (tag == "link" and bool(set((values.get("rel") or "").split()) & LOADING_RELS))
            self.urls.append((line, col + 1, tag, url, loads))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def check_site(site: Path) -> list[Problem]:
    """Every broken internal link or anchor, and every load from another host, in a built site."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[Problem] = []
    for rel, page in pages.items():
        for line, col, tag, url, loads in page.urls:
            problem = _check_url(site, pages, rel, url, loads)
            if problem:
                code, message, hint = problem
                problems.append(Problem(f"site/{rel}", line, col, code, f"<{tag}> {message}", hint))
    return problems


def _check_url(site: Path, pages: dict[str, _Page], rel: str, url: str, loads: bool):
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
        return "absolute-link", f"links to the root-absolute {url!r}", "use a relative link: the site is served under a sub-path"
    if parts.path.startswith("/"):
        return None  # 404.html is served from any depth, so MkDocs makes its links root-absolute
    target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) if parts.path else rel
    if parts.path and (parts.path.endswith("/") or (site / target).is_dir()):
        target = posixpath.join(target, "index.html")
    if target.startswith("../"):
        return "broken-link", f"links to {url!r}, outside the site", "link to a page of the site"
    if not (site / target).exists():
        return "broken-link", f"links to {url!r}, but {target} does not exist", "fix the link or the id it is built from"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in pages[target].ids:
        return "broken-anchor", f"links to {url!r}, but {target} has no element with id {fragment!r}", "link to an anchor the page has"
    return None
