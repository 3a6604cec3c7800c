"""EDTF dates: validity, precision, and bounds, through the edtf library."""

from __future__ import annotations

import datetime as dt
import re
import time
from functools import lru_cache

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

PRECISION_NAMES = {1: "a year", 2: "a month", 3: "a day"}
# The EDTF the briefing shows honestly: a year, month, season or day, each optionally
# uncertain (?), approximate (~) or both (%), alone or as a closed interval.
_ONE = r"\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-\d{2})?)?[?~%]?"
SUPPORTED = re.compile(rf"^{_ONE}(?:/{_ONE})?$")


def is_supported(value: str) -> bool:
    """True for the EDTF forms the site can show without inventing precision."""
    return bool(SUPPORTED.match(value))


@lru_cache(maxsize=4096)
def parse(value: str):
    """The edtf object, or None if ``value`` is not valid EDTF (memoised: the parser is slow)."""
    try:
        return parse_edtf(value)
    except (EDTFParseException, ValueError, TypeError, AttributeError):
        return None


def precision(value: str) -> int:
    """1 for a year, 2 for a month or season, 3 for a day: the finest part of any bound."""
    finest = 0
    for part in re.split(r"/|\.\.", value):
        core = re.sub(r"[?~%]", "", part).strip("[]{}")
        if not core:
            continue
        pieces = core.lstrip("-").split("-")
        known = [p for p in pieces if "X" not in p]
        finest = max(finest, min(len(known), 3) if known else 0)
    return finest


@lru_cache(maxsize=4096)
def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """Earliest and latest day the date could mean, or None if unknown."""
    parsed = parse(value)
    if parsed is None:
        return None
    try:
        low, high = parsed.lower_strict(), parsed.upper_strict()
    except (AttributeError, ValueError, OverflowError):
        return None
    if not isinstance(low, time.struct_time) or not isinstance(high, time.struct_time):
        return None
    return dt.date(*low[:3]), dt.date(*high[:3])
