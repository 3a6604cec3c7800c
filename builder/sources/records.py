"""The files of normalization: seeds in, generated source records and metadata skeletons out.

``seeds/<name>.txt`` becomes ``content/sources/<id>.yaml`` (generated, never edited) and, once,
``content/sources/<id>.meta.yaml`` (the editor's, never rewritten). The id comes from the seed's
file name alone, so it never changes when the normaliser improves. The files' text is made by
``builder.sources.recordfile``; ``check_tree`` (`normalize --check`) asks ``builder.sources.stale``
why a record is out of date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from builder.core.cache import CACHE_DIR, code_key, content_key
from builder.core.parallel import map_ordered
from builder.core.problems import Problem
from builder.core.text import sha256_hex
from builder.sources.decode import SeedError
from builder.sources.recordfile import meta_skeleton, record_to_yaml
from builder.sources.stale import stale_problem

# A record is a pure function of its seed's bytes, name and id, this code and these
# libraries: records already made are kept under build/cache/records/ by a hash of all of
# them, so `normalize --check` (run by every check and build) only normalizes what changed.
RECORD_CODE = (
    "sources/normalize.py", "sources/decode.py", "sources/classify.py", "core/text.py", "sources/records.py",
    "sources/recordfile.py",
)
RECORD_LIBRARIES = ("ftfy", "syntok", "rapidfuzz", "PyYAML")

SEED_SUFFIXES = (".txt",)
SOURCES_DIR = Path("content/sources")


def source_id_for(seed_name: str) -> str:
    """``000_4f3a7c88.txt`` -> ``s000-4f3a7c88``: lower-case, runs of other characters to ``-``."""
    stem = seed_name.rsplit(".", 1)[0]
    return "s" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_bytes() == text.encode("utf-8"):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(text.encode("utf-8"))
    os.replace(temp, path)
    return True


def seed_files(root: Path) -> list[Path]:
    """Every seed, sorted by name."""
    folder = root / "seeds"
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in SEED_SUFFIXES) if folder.is_dir() else []


def build_records(root: Path, *, write: bool = False) -> tuple[dict[str, tuple[Path, str]], list[Problem], set[str]]:
    """Normalize every seed: id -> (record path, record text), problems, and with ``write``
    the ids whose record file was written because it was missing or different.

    Workers write what they make (the cache entry, and with ``write`` the record) themselves:
    creating files is a good part of the stage's time, and it runs on every core that way.
    """
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    cache = root / CACHE_DIR / "records"
    code = code_key(RECORD_LIBRARIES, RECORD_CODE)
    seeds: list[tuple[str, str, Path]] = []  # (source id, seed path, cache entry)
    misses: list[tuple[str, str, bytes, str, str | None]] = []
    for seed in seed_files(root):
        rel = seed.relative_to(root).as_posix()
        source_id = source_id_for(seed.name)
        if source_id in owners:
            problems.append(Problem(
                rel, 1, 1, "seed-id-clash", f"this seed and {owners[source_id]} both become source id '{source_id}'",
                "rename one of the two seed files",
            ))
            continue
        owners[source_id] = rel
        raw = seed.read_bytes()
        entry = cache / f"{content_key([code, rel, source_id, sha256_hex(raw)])}.yaml"
        seeds.append((source_id, rel, entry))
        if not entry.is_file():
            misses.append((rel, source_id, raw, str(entry), str(_record_path(root, source_id)) if write else None))
    made = dict(zip((job[0] for job in misses), map_ordered(make_record, misses)))
    records: dict[str, tuple[Path, str]] = {}
    written: set[str] = set()
    for source_id, rel, entry in seeds:
        path = _record_path(root, source_id)
        if rel in made:
            outcome = made[rel]
            if isinstance(outcome, SeedError):
                problems.append(Problem(rel, outcome.line, outcome.col, "bad-seed", outcome.message, outcome.hint))
                continue
            text, wrote = outcome
        else:
            text = entry.read_text(encoding="utf-8")
            wrote = write and _write_if_changed(path, text)
        if wrote:
            written.add(source_id)
        records[source_id] = (path, text)
    if cache.is_dir():
        used = {entry.name for _, _, entry in seeds}
        for old in cache.glob("*.yaml"):
            if old.name not in used:
                old.unlink()  # a seed that changed or went, or older code
        for temp in cache.glob(".*.tmp"):
            temp.unlink()  # left by a process stopped while writing
    return records, problems, written


def _record_path(root: Path, source_id: str) -> Path:
    return root / SOURCES_DIR / f"{source_id}.yaml"


def make_record(job: tuple[str, str, bytes, str, str | None]) -> tuple[str, bool] | SeedError:
    """One seed's record text, written to its cache entry and, when asked, to its record
    file (whether that was written: it was missing or different); or why the seed cannot be
    read. Run in a worker process."""
    from builder.sources.normalize import normalize

    rel, source_id, raw, entry, record = job
    try:
        text = record_to_yaml(normalize(raw, name=rel, source_id=source_id))
    except SeedError as error:
        return error
    _write_if_changed(Path(entry), text)
    return text, record is not None and _write_if_changed(Path(record), text)


def normalize_tree(root: Path, *, today: dt.date) -> tuple[list[str], list[Problem]]:
    """Write every changed record and any missing metadata file; return written paths and problems."""
    records, problems, wrote = build_records(root, write=True)
    written = []
    for source_id, (path, text) in records.items():
        if source_id in wrote:
            written.append(path.relative_to(root).as_posix())
        meta = path.with_name(f"{source_id}.meta.yaml")
        if not meta.exists():
            seed_path = re.search(r"from (\S+)\. Do not edit", text).group(1)
            _write_if_changed(meta, meta_skeleton(source_id, seed_path, today))
            written.append(meta.relative_to(root).as_posix())
    return written, problems


def check_tree(root: Path) -> list[Problem]:
    """What `normalize --check` reports: missing, stale, orphaned or hand-edited records."""
    records, problems, _ = build_records(root)
    for source_id, (path, expected) in records.items():
        rel = path.relative_to(root).as_posix()
        seed_rel = re.search(r"from (\S+)\. Do not edit", expected).group(1)
        if not path.exists():
            problems.append(Problem(
                seed_rel, 1, 1, "source-missing", f"this seed has no source record ({rel})",
                "run `briefing normalize` and commit the files it writes",
            ))
            continue
        actual = path.read_text(encoding="utf-8", errors="replace")
        if actual == expected:
            continue
        problems.append(stale_problem(rel, actual, expected, seed_rel))
    folder = root / SOURCES_DIR
    generated = [p for p in folder.glob("*.yaml") if not p.name.endswith(".meta.yaml")] if folder.is_dir() else []
    present = {p.name[: -len(".yaml")] for p in generated}
    bad_seed_ids = {source_id_for(p.file.rsplit("/", 1)[-1]) for p in problems if p.code == "bad-seed"}
    for orphan in sorted(present - set(records) - bad_seed_ids):
        path = _record_path(root, orphan)
        text = path.read_text(encoding="utf-8", errors="replace")
        if "GENERATED by `briefing normalize`" not in text:
            continue  # an editor-written source for an outside article has no seed
        problems.append(Problem(
            path.relative_to(root).as_posix(), 1, 1, "seed-missing",
            f"source record '{orphan}' was generated from a seed that is gone",
            "restore the seed file, or delete this record and its .meta.yaml if the article was withdrawn",
        ))
    return sorted(problems)
