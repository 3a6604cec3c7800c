"""The seeds are the input: kept byte for byte as received."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "seeds"


def test_seeds_match_their_recorded_checksums():
    recorded = {}
    for line in (ROOT / "tests" / "fixtures" / "seeds.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    actual = {f"seeds/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")}
    assert actual == recorded


def test_seeds_are_byte_identical_to_the_shared_originals():
    originals = sorted(SHARED.glob("*")) if SHARED.is_dir() else []
    if not originals:  # outside the team's checkout the checksums above carry the proof
        return
    assert sorted(p.name for p in (ROOT / "seeds").iterdir()) == [p.name for p in originals]
    for original in originals:
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name
