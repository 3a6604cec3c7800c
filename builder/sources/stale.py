"""Why a source record differs from what its seed makes now, for `normalize --check`: the seed
changed, the normaliser changed, or the record was edited by hand."""

from __future__ import annotations

import re

import yaml

from builder.core.problems import Problem


def _first_difference(a: str, b: str) -> int:
    for number, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if x != y:
            return number
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def stale_problem(rel: str, actual: str, expected: str, seed_rel: str) -> Problem:
    """The problem of a record ``rel`` whose text is ``actual`` where its seed ``seed_rel`` now
    makes ``expected``."""
    try:
        data = yaml.safe_load(actual) or {}
    except yaml.YAMLError:
        data = {}
    seed = data.get("seed") if isinstance(data, dict) else None
    recorded_sha = seed.get("sha256") if isinstance(seed, dict) else None
    current_sha = re.search(r"sha256: (\w+)", expected).group(1)
    recorded = data.get("normalizer") if isinstance(data, dict) else None
    if recorded_sha and recorded_sha != current_sha:
        return Problem(
            seed_rel, 1, 1, "seed-changed",
            f"this seed changed since {rel} was made (sha256 {recorded_sha[:12]}… in the record, "
            f"{current_sha[:12]}… now)",
            "seeds are kept as received: restore the original, or add a re-published article as a new seed. If the "
            "change is intended, run `briefing normalize`, then `briefing check` to re-verify every quote",
        )
    from builder.sources.normalize import normalizer_info

    current = normalizer_info()
    if isinstance(recorded, dict) and recorded != current:
        what = _normalizer_difference(recorded, current)
        return Problem(
            rel, 1, 1, "normalizer-changed", f"made by a different normaliser ({what})",
            "run `briefing normalize`, then `briefing check` to re-verify every quote, and commit the result",
        )
    line = _first_difference(actual, expected)
    return Problem(
        rel, line, 1, "record-edited",
        "this generated record differs from what `briefing normalize` makes from its seed",
        "generated records are never edited by hand: run `briefing normalize` to restore it, and put notes in "
        f"{rel[:-len('.yaml')]}.meta.yaml",
    )


def _normalizer_difference(recorded: dict, current: dict) -> str:
    if recorded.get("version") != current["version"]:
        return f"version {recorded.get('version')} then, {current['version']} now"
    old, new = recorded.get("libraries") or {}, current["libraries"]
    changed = [f"{name} {old.get(name)} then, {new[name]} now" for name in new if old.get(name) != new[name]]
    return "; ".join(changed) or "its configuration changed"
