"""The seeds are the input: kept byte for byte as received, in this repository."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "seeds"


def recorded_checksums() -> dict[str, str]:
    recorded = {}
    for line in (ROOT / "tests" / "fixtures" / "seeds.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        recorded[name] = digest
    return recorded


def test_seeds_match_their_recorded_checksums():
    recorded = recorded_checksums()
    assert recorded, "tests/fixtures/seeds.sha256 records no seed"
    assert (ROOT / "seeds").is_dir(), "seeds/ is missing: the seeds are part of the repository"
    actual = {f"seeds/{p.name}": hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").glob("*.txt")}
    assert actual == recorded


def test_each_source_record_was_made_from_a_seed_that_is_here():
    """Every generated source record names its seed by path, size and sha256; each seed in
    seeds/ has its record and each record's seed is in seeds/, with those very bytes."""
    records = sorted(p for p in (ROOT / "content/sources").glob("*.yaml") if not p.name.endswith(".meta.yaml"))
    named = {}
    for path in records:
        seed = yaml.safe_load(path.read_text(encoding="utf-8"))["seed"]
        named[seed["path"]] = (seed["bytes"], seed["sha256"])
    actual = {}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        data = p.read_bytes()
        actual[f"seeds/{p.name}"] = (len(data), hashlib.sha256(data).hexdigest())
    assert named and actual == named


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared originals are not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_originals():
    originals = sorted(SHARED.glob("*"))
    assert originals, f"{SHARED} holds no seed"
    assert sorted(p.name for p in (ROOT / "seeds").iterdir()) == [p.name for p in originals]
    for original in originals:
        assert (ROOT / "seeds" / original.name).read_bytes() == original.read_bytes(), original.name
