"""Raw seed bytes to text, refusing what is not an article and recording every change."""

from __future__ import annotations

from dataclasses import dataclass

MAX_SEED_BYTES = 2_000_000  # about 300,000 words: far beyond any news article
_BINARY_SAMPLE = 8192
_TEXT_CONTROLS = {9, 10, 12, 13}  # tab, LF, FF, CR


class SeedError(Exception):
    """A seed that cannot become a source record; the message says why and what to do."""

    def __init__(self, message: str, hint: str, line: int = 1, col: int = 1):
        super().__init__(message)
        self.message, self.hint, self.line, self.col = message, hint, line, col

    def __reduce__(self):  # so a worker process can hand it back
        return SeedError, (self.message, self.hint, self.line, self.col)


@dataclass(frozen=True)
class Change:
    """One thing normalization removed or repaired, for the record's audit lists."""

    line: int
    rule: str
    before: str
    after: str = ""


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def decode_seed(raw: bytes) -> tuple[str, list[Change]]:
    """Decode a seed as UTF-8 (Windows-1252 as a recorded fallback); raise SeedError if it is no article."""
    if not raw.strip():
        raise SeedError(
            "the file is empty" if not raw else "the file holds only whitespace",
            "paste the article's text into it, or delete the file",
        )
    if len(raw) > MAX_SEED_BYTES:
        raise SeedError(
            f"the file is {len(raw):,} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one article",
            "check it is a single article in plain text; split a collection into one file per article",
        )
    sample = raw[:_BINARY_SAMPLE]
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in sample or controls > len(sample) // 100:
        line, col = _position(raw, next((i for i, b in enumerate(sample) if b < 32 and b not in _TEXT_CONTROLS), 0))
        raise SeedError(
            "the file is binary data, not text",
            "save the article as plain text (UTF-8) and add that file instead",
            line,
            col,
        )
    changes: list[Change] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        changes.append(Change(1, "utf8-byte-order-mark", "U+FEFF at the start of the file"))
    try:
        return raw.decode("utf-8"), changes
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.end == len(raw):
            # Text cut off at a byte limit: the last character lost its final bytes.
            line, _ = _position(raw, error.start)
            lost = raw[error.start :].hex(" ")
            changes.append(Change(line, "incomplete-utf8-at-end", f"bytes {lost}"))
            return raw[: error.start].decode("utf-8"), changes
        first_bad = error.start
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        line, col = _position(raw, first_bad)
        raise SeedError(
            f"the file is not UTF-8 text (byte 0x{raw[first_bad]:02x} cannot be decoded)",
            "re-save the article as UTF-8 text; most editors offer this under 'Save with encoding'",
            line,
            col,
        ) from None
    line, _ = _position(raw, first_bad)
    changes.append(Change(line, "decoded-as-windows-1252", f"byte 0x{raw[first_bad]:02x} is not UTF-8"))
    return text, changes
