"""The fix offered for an id that names no record: the nearest known id, when one is near."""

from __future__ import annotations

from rapidfuzz import process


def closest(value: str, choices) -> str:
    """A "did you mean '<id>'?" naming the nearest of ``choices``, or a plain spelling hint."""
    guess = process.extractOne(value, sorted(choices), score_cutoff=70)
    return f"did you mean '{guess[0]}'?" if guess else "check the spelling"
