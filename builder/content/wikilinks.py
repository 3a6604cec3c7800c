"""The ``[[id]]`` and ``[[id|label]]`` link syntax, as a markdown-it-py plugin.

``check`` parses every Markdown field with ``make_markdown`` to find unknown ids; ``render``
uses the same parser to turn them into links. What is checked is what is rendered.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, NamedTuple

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline


class Target(NamedTuple):
    href: str
    label: str
    title: str = ""
    after: str = ""  # trusted HTML the renderer puts right after the link (a fact's status badge)


Resolve = Callable[[str], "Target | None"]


def wikilinks_plugin(md: MarkdownIt, *, resolve: Resolve) -> None:
    """Parse ``[[id]]`` and ``[[id|label]]``; record each in ``env["wikilinks"]``.

    An id that ``resolve`` does not know renders as marked text, never as a link.
    """

    def wikilink(state: StateInline, silent: bool) -> bool:
        src, start = state.src, state.pos
        if not src.startswith("[[", start):
            return False
        end = src.find("]]", start + 2)
        if end < 0:
            return False
        inner = src[start + 2 : end]
        if not inner or "\n" in inner or "[" in inner:
            return False
        target, _, label = inner.partition("|")
        if not silent:
            token = state.push("wikilink", "", 0)
            token.meta = {"id": target.strip(), "label": label.strip()}
            token.content = inner
            found = {"id": target.strip(), "offset": start, "raw": src[start : end + 2]}
            state.env.setdefault("wikilinks", []).append(found)
        state.pos = end + 2
        return True

    def render_wikilink(self, tokens, idx, options, env) -> str:
        meta = tokens[idx].meta
        found = resolve(meta["id"])
        if found is None:
            return f'<span class="wikilink-missing">{escapeHtml(meta["label"] or meta["id"])}</span>'
        title = f' title="{escapeHtml(found.title)}"' if found.title else ""
        label = escapeHtml(meta["label"] or found.label)
        return f'<a class="wikilink" href="{escapeHtml(found.href)}"{title}>{label}</a>{found.after}'

    md.inline.ruler.before("link", "wikilink", wikilink)
    md.add_render_rule("wikilink", render_wikilink)


def make_markdown(resolve: Resolve) -> MarkdownIt:
    """CommonMark with raw HTML off, typographer off, and ``[[id]]`` links."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.use(wikilinks_plugin, resolve=resolve)
    return md


def wikilinks_in(md: MarkdownIt, text: str) -> list[dict]:
    """Every ``[[id]]`` in ``text`` as the parser sees it (code spans excluded)."""
    env: dict = {}
    md.parse(text, env)
    return env.get("wikilinks", [])


# Only to find [[id]]s: which ids resolve does not change where they stand.
_FINDER = make_markdown(lambda record_id: None)


@lru_cache(maxsize=1 << 17)
def links_in(text: str) -> tuple[dict, ...]:
    """``wikilinks_in`` for any parser of ours, remembered by text: the check, the analysis
    and the pages all ask about the same fields, and the preview asks again after each edit.
    A text without ``[[`` has none and is not parsed. The dicts are shared: never change one.
    """
    return tuple(wikilinks_in(_FINDER, text)) if "[[" in text else ()
