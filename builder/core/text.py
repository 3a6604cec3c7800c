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
import re
from bisect import bisect_right
from itertools import accumulate

SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"

_RUN = re.compile(r"\S+")  # \s is exactly str.isspace() for str patterns
_TABLE = str.maketrans(
    {**{c: "'" for c in SINGLE_QUOTES}, **{c: '"' for c in DOUBLE_QUOTES}, **{c: "-" for c in DASHES}}
)


def fold(text: str) -> str:
    """Return ``text`` folded for matching (see the module docstring)."""
    # str.split() splits on exactly the characters str.isspace() accepts. Every character
    # the table maps is outside ASCII, so ASCII text (most quotes) skips the translation.
    joined = " ".join(text.split())
    return joined if joined.isascii() else joined.translate(_TABLE)


class FoldMap:
    """For each index of a folded text, the index in the original text it came from.

    Folding keeps every non-space character in place within its run and puts one space
    between runs, so a run's start in both texts is all that needs storing: a few numbers
    a word instead of one a character.
    """

    __slots__ = ("folded_starts", "text_starts")

    def __init__(self, folded_starts: list[int], text_starts: list[int]):
        self.folded_starts = folded_starts
        self.text_starts = text_starts

    def __getitem__(self, index: int) -> int:
        if index < 0 or not self.folded_starts:
            raise IndexError(index)
        run = bisect_right(self.folded_starts, index) - 1
        # Within a run offsets agree; the space after a run maps to the first blank after it.
        return self.text_starts[run] + index - self.folded_starts[run]


def fold_with_map(text: str) -> tuple[str, FoldMap]:
    """Fold ``text`` and return, for each folded character, its index in ``text``."""
    runs = text.split()  # the same runs as _RUN finds: both split on str.isspace()
    folded_starts = list(accumulate([len(run) + 1 for run in runs[:-1]], initial=0)) if runs else []
    folded = " ".join(runs)
    folded = folded if folded.isascii() else folded.translate(_TABLE)
    return folded, FoldMap(folded_starts, [match.start() for match in _RUN.finditer(text)])


def anchor_hash(text: str) -> str:
    """Eight hex digits of the sha256 of the folded sentence: stable across re-splits."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:8]


def sha256_hex(data: bytes | str) -> str:
    """Hex sha256 of bytes, or of a string encoded as UTF-8."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
