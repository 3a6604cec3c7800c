"""Finding names (entity names and aliases) in text, in time that grows with the text.

A regex alternation of every name tries each name at each character, so scanning grows
with names x text. Here ASCII names are looked up by their first word: one pass over the
words, then only the names that start with that word are tried. Names in scripts that do
not separate words (华为) are looked up by their first character: one pass of a character
class over the casefolded text finds the places where one may start. At each place the
longest name wins and matches never overlap, as with a longest-first alternation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD = re.compile(r"\w+")


class NameFinder:
    """Whole-word, case-insensitive matches of ``names``; ``exact`` names match only as written."""

    def __init__(self, names: Iterable[str], exact: Iterable[str] = ()):
        self.by_first: dict[str, list[tuple[str, re.Pattern]]] = {}
        # The same names keyed by their first two words (one-word names by their word), so
        # many names sharing a first word ("Huawei Cloud", "Huawei Technologies") cost one
        # lookup, not one try each.
        self.by_words: dict[tuple[str, ...], list[tuple[str, re.Pattern]]] = {}
        self.other: list[str] = []
        entries = {name.casefold(): False for name in names} | {name: True for name in exact}
        for name in sorted(entries, key=lambda n: (-len(n), n)):
            first = WORD.match(name)
            if name.isascii() and first:
                flags = 0 if entries[name] else re.IGNORECASE
                entry = (name, re.compile(re.escape(name) + r"(?!\w)", flags))
                self.by_first.setdefault(first.group().casefold(), []).append(entry)
                self.by_words.setdefault(tuple(w.casefold() for w in WORD.findall(name)[:2]), []).append(entry)
            else:
                self.other.append(name)
        self.other_by_first: dict[str, list[str]] = {}
        for name in self.other:  # longest first, as sorted above
            self.other_by_first.setdefault(name[0], []).append(name)
        starts = "".join(map(re.escape, sorted(self.other_by_first)))
        self.other_starts = re.compile("[" + starts + "]") if self.other else None
        # Text whose casefolding changes its length keeps the alternation (offsets differ).
        self.other_any_case = re.compile("|".join(map(re.escape, self.other)), re.IGNORECASE) if self.other else None

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name in ``text``, left to right, none overlapping."""
        found: list[tuple[int, int, str]] = []
        end = 0
        tokens = [(token.start(), token.group().casefold()) for token in WORD.finditer(text)]
        for i, (start, word) in enumerate(tokens):
            if start < end:
                continue
            two = self.by_words.get((word, tokens[i + 1][1]), ()) if i + 1 < len(tokens) else ()
            one = self.by_words.get((word,), ())
            candidates = sorted(two + one, key=lambda entry: (-len(entry[0]), entry[0])) if two and one else two or one
            for name, pattern in candidates:
                match = pattern.match(text, start)
                if match:
                    found.append((start, match.end(), name))
                    end = match.end()
                    break
        if self.other:
            folded = text.casefold()
            if len(folded) == len(text):  # same offsets: search the folded text, fast
                end = 0
                for start in self.other_starts.finditer(folded):
                    at = start.start()
                    if at < end:
                        continue
                    name = next((n for n in self.other_by_first[start.group()] if folded.startswith(n, at)), None)
                    if name is not None:
                        found.append((at, at + len(name), name))
                        end = at + len(name)
            else:
                found += [(m.start(), m.end(), m.group(0).casefold()) for m in self.other_any_case.finditer(text)]
            found.sort()
        return found

    def find(self, text: str) -> list[str]:
        """The names in ``text``, left to right."""
        return [name for _, _, name in self.matches(text)]

    def inside(self, name: str) -> set[str]:
        """The other names that occur inside ``name`` ("deepseek" inside "deepseek v4")."""
        found = set()
        for token in WORD.finditer(name):
            for candidate, pattern in self.by_first.get(token.group().casefold(), ()):
                if candidate != name and pattern.match(name, token.start()):
                    found.add(candidate)
        folded = name.casefold()
        return found | {other for other in self.other if other != name and other in folded}
