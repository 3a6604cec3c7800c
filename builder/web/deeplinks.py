"""Deep links into the original article: URL text fragments (``#:~:text=``).

Per the URL Fragment Text Directives spec (WICG "Scroll to Text Fragment"):
``#:~:text=[prefix-,]textStart[,textEnd][,-suffix]``; each part is percent-encoded, and
``-``, ``,`` and ``&`` must be encoded because they are the directive's own syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote as percent

from builder.core.text import fold, fold_with_map

CONTEXT_WORDS = 3  # words of prefix and suffix that pin the match down
EDGE_WORDS = 4  # words kept at each end of a long quote (textStart, textEnd)


def encode(part: str) -> str:
    """Percent-encode one directive part: unreserved characters stay, everything else is encoded."""
    return percent(part, safe="").replace("-", "%2D")


@lru_cache(maxsize=4096)  # an article is folded once, however many of its quotes are linked
def _folded(raw: str):
    return fold_with_map(raw)


def text_fragment(raw: str, quote: str) -> str | None:
    """The ``:~:text=`` directive for ``quote`` as it stands in the raw article, or None."""
    folded, where = _folded(raw)
    quote_folded = fold(quote)
    at = folded.find(quote_folded)
    if at < 0 or not quote_folded:
        return None
    start, end = where[at], where[at + len(quote_folded) - 1] + 1
    words = raw[start:end].split()
    before = raw[:start].split()[-CONTEXT_WORDS:]
    after = raw[end:].split()[:CONTEXT_WORDS]
    parts = []
    if before:
        parts.append(encode(" ".join(before)) + "-")
    if len(words) > 2 * EDGE_WORDS:
        parts += [encode(" ".join(words[:EDGE_WORDS])), encode(" ".join(words[-EDGE_WORDS:]))]
    else:
        parts.append(encode(" ".join(words)))
    if after:
        parts.append("-" + encode(" ".join(after)))
    return ":~:text=" + ",".join(parts)


def deep_link(url: str, raw: str, quote: str) -> str | None:
    """``url`` pointing at the quoted words, or None when the words are not in the raw text."""
    directive = text_fragment(raw, quote)
    if directive is None:
        return None
    return re.sub(r"#.*$", "", url) + "#" + directive
