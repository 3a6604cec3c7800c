"""EDTF dates: validity, precision, and bounds, through the edtf library."""

from __future__ import annotations

import calendar
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
    try:  # edtf accepts some days no calendar has (29 February of any year)
        return dt.date(*low[:3]), dt.date(*high[:3])
    except ValueError:
        return None


# Every year-month(-day) in a date or interval: EDTF's unspecified digits (X) never match.
_CALENDAR = re.compile(r"(?<![\dX])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\dX])")
SEASONS = range(21, 25)  # EDTF level 1: 21 spring, 22 summer, 23 autumn, 24 winter


def calendar_problem(value: str, *, day_only: bool = False) -> tuple[str, str, str] | None:
    """(why, the wrong part, a nearby date that exists) when ``value`` names a month or day no calendar has.

    ``day_only``: the field takes a calendar day (``changed``, ``as_of``), so the example is a day.
    """
    for match in _CALENDAR.finditer(value):
        year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
        if day is None and (1 <= month <= 12 or month in SEASONS):
            continue
        if month in SEASONS and not day_only:
            return f"{month} is a season, not a month, and a season has no days", match.group(0), f"{year}-{month}"
        if not 1 <= month <= 12:
            near = min(max(month, 1), 12)
            example = f"{year}-{near:02d}"
            if day:
                example += f"-{min(int(day) or 1, calendar.monthrange(year, near)[1]):02d}"
            seasons = "" if day_only else " (21–24 are the seasons)"
            return f"there is no month {month:02d}: months run from 01 to 12{seasons}", match.group(0), example
        days = calendar.monthrange(year, month)[1]
        if not 1 <= int(day) <= days:
            example = f"{year}-{month:02d}-{min(max(int(day), 1), days):02d}"
            return f"{calendar.month_name[month]} {year} has {days} days", match.group(0), example
    return None
