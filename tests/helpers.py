"""A small, valid project written into a temporary folder, for CLI and check tests; and a
reader for built pages (a tree from html.parser, sections by heading id, links resolved)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from conftest import ROOT, write_tree

SEED = """\
Chips Head Home
Acme Corp has reportedly placed bulk orders totaling two hundred thousand units of Chipco’s upcoming processors.
The model may launch within weeks, people familiar with the plan said.
Analysts said the move was unusual for the industry in this region.
Acme placed orders for new chips this spring, signaling a shift in strategy, according to Reuters.
"""
SOURCE_ID = "s001-acme"

FILES = {
    "content/briefing.yaml": """\
        title: "Chips head home"
        as_of: "2026-04-30"
        as_of_basis: "the day the article was read"
        summary:
          - "[[acme]] ordered chips ([[acme-orders]])."
        watch: []
        lede: "[[acme]] reportedly [[acme-orders|ordered chips]]."
        questions:
          - question: "Did Acme order chips?"
            answer: "Reportedly, [[acme-orders|yes]]."
            more: acme-orders
        changed: "2026-05-01"
        """,
    "content/entities/acme.yaml": """\
        id: acme
        name: Acme Corp
        kind: company
        description: "A buyer of chips."
        aliases: []
        changed: "2026-05-01"
        """,
    "content/facts/acme-orders.yaml": """\
        id: acme-orders
        statement: "[[acme]] placed bulk orders for two hundred thousand chips, it was reported."
        status: reported
        evidence:
          - source: s001-acme
            quote: "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"
            hedge: [reportedly]
            via: []
        changed: "2026-05-01"
        """,
}


def make_project(base: Path, overrides: dict[str, str | None] | None = None) -> Path:
    """Write the seed, normalize it, write the content; ``None`` in overrides deletes a file."""
    from builder.sources.records import normalize_tree

    write_tree(base, {"seeds/001_acme.txt": SEED})
    normalize_tree(base, today=dt.date(2026, 5, 1))
    files = {**FILES, **(overrides or {})}
    write_tree(base, {k: v for k, v in files.items() if v is not None})
    fill_meta_reasons(base)
    return base


def fill_meta_reasons(base: Path) -> None:
    """An editor's first edit of each new metadata file: the reasons its skeleton asks for."""
    for meta in (base / "content/sources").glob("*.meta.yaml"):
        text = meta.read_text()
        if "TODO" in text:
            text = re.sub(r'"TODO: [^"]*"', '"the seed carries no such line"', text)
            meta.write_text(re.sub(r"(?m)^title: null\b.*$", 'title: "Acme buys chips"', text))


def briefing(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a subprocess, as an editor would."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "--root", str(root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def copy_project(dest: Path) -> Path:
    """A copy of this repository's briefing (seeds, content, templates, mkdocs.yml) in ``dest``."""
    import shutil

    for name in ("seeds", "content", "templates"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def noting_pids(function, pids: Path):
    """``function`` that first appends the id of the process calling it to the file ``pids``
    (forked workers included), to show work was really shared between processes."""
    import os

    def noted(*args, **kwargs):
        with pids.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        return function(*args, **kwargs)

    return noted


def site_bytes(site: Path) -> dict[str, bytes]:
    """Every file of a built site by relative path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """One element of a parsed page: its tag, attributes and children (elements and text)."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: "Node | None" = None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def elements(self):
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.elements()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        return [
            e for e in self.elements()
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
            and all(e.attrs.get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> "Node":
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} in <{self.tag}>"
        return found[0]

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else c.text() for c in self.children).split())

    def hrefs(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):  # an end tag closes what it encloses
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    """A page as a tree of Nodes, parsed with the standard library's html.parser."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def section(root: Node, heading_id: str) -> Node | None:
    """The elements after the heading with ``heading_id`` up to the next heading of its level
    or higher, as one Node; None when the page has no such heading."""
    found = root.find_all(id=heading_id)
    if not found:
        return None
    heading = found[0]
    level = heading.tag
    assert level in ("h1", "h2", "h3", "h4", "h5", "h6"), f"#{heading_id} is a <{level}>, not a heading"
    part = Node("#section", {})
    siblings = heading.parent.children
    for child in siblings[siblings.index(heading) + 1 :]:
        if isinstance(child, Node) and child.tag in ("h1", "h2", "h3", "h4", "h5", "h6") and child.tag <= level:
            break
        part.children.append(child)
    return part


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """(site path, fragment) an href on the page at ``page_url`` (e.g. "facts/x/") points to:
    "sources/s1/" and "s-1a2b3c4d" for "../../sources/s1/#s-1a2b3c4d"; "index.html" is dropped."""
    url = urljoin("https://site.invalid/" + page_url, href)
    parts = urlsplit(url)
    if parts.netloc != "site.invalid":
        return url, ""
    path = parts.path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return path, parts.fragment
