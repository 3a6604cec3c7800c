"""The one documented text folding that quote matching and sentence anchors share.

Folding maps, and nothing else:
- every run of Unicode whitespace (``str.isspace``) to one ASCII space, trimmed at the ends;
- single quote marks and apostrophes (U+2018 U+2019 U+201A U+201B U+2032 U+02BC) to ``'``;
- double quote marks (U+201C U+201D U+201E U+201F U+2033 U+00AB U+00BB) to ``"``;
- hyphens and dashes (U+2010-U+2015, U+2212, U+FE58, U+FE63, U+FF0D) to ``-``.

Case, accents, punctuation and digits are left alone: a quote must match letter for letter.
"""

from __future__ import annotations

import hashlib

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_TABLE = str.maketrans(
    {**{c: "'" for c in SINGLE_QUOTES}, **{c: '"' for c in DOUBLE_QUOTES}, **{c: "-" for c in DASHES}}
)


def fold(text: str) -> str:
    """Return ``text`` folded for matching (see the module docstring)."""
    return fold_with_map(text)[0]


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if pending_space >= 0 and out:
            out.append(" ")
            where.append(pending_space)
        pending_space = -1
        out.append(ch.translate(_TABLE))
        where.append(i)
    return "".join(out), where


def anchor_hash(text: str) -> str:
    """Eight hex digits of the sha256 of the folded sentence: stable across re-splits."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:8]


def sha256_hex(data: bytes | str) -> str:
    """Hex sha256 of bytes, or of a string encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
