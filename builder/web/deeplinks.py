"""Deep links into the original article: URL text fragments (``#:~:text=``).

Per the URL Fragment Text Directives spec (WICG "Scroll to Text Fragment"):
``#:~:text=[prefix-,]textStart[,textEnd][,-suffix]``; each part is percent-encoded, and
``-``, ``,`` and ``&`` must be encoded because they are the directive's own syntax.
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent

CONTEXT_WORDS = 3  # words of prefix and suffix that pin the match down
EDGE_WORDS = 4  # words kept at each end of a long quote (textStart, textEnd)


def encode(part: str) -> str:
    """Percent-encode one directive part: unreserved characters stay, everything else is encoded."""
    return percent(part, safe="").replace("-", "%2D")


def text_fragment(text: str, span: tuple[int, int]) -> str:
    """The ``:~:text=`` directive for the words at ``span`` of ``text`` (the source's text, where
    the check found the quote), with a few words of context either side."""
    start, end = span
    words = text[start:end].split()
    before = text[:start].split()[-CONTEXT_WORDS:]
    after = text[end:].split()[:CONTEXT_WORDS]
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


def deep_link(url: str, text: str, span: tuple[int, int]) -> str:
    """``url`` pointing at the words at ``span`` of ``text``; any fragment it had is replaced."""
    return re.sub(r"#.*$", "", url) + "#" + text_fragment(text, span)
