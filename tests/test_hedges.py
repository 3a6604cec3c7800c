"""Hedge scope (builder/content/hedges.py): the fixtures from the seeds, and the rule's edges."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from builder.content.hedges import scope_of
from conftest import ROOT

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "hedge_scope.yaml").read_text(encoding="utf-8"))["cases"]


def _seed(number: str) -> str:
    (path,) = sorted((ROOT / "seeds").glob(f"{number}_*.txt"))
    return " ".join(path.read_text(encoding="utf-8").split())


def test_there_are_at_least_twenty_cases_from_the_seeds():
    assert len(CASES) >= 20
    for case in CASES:
        assert " ".join(case["sentence"].split()) in _seed(case["seed"]), case["why"]
        assert case["quote"] in case["sentence"], case["why"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['seed']}-{i}" for i, c in enumerate(CASES)])
def test_scope(case):
    scope = scope_of(case["sentence"], case["quote"])
    assert scope.hedges == sorted(case["binds"]), case["why"]
    for hedge in case["binds"]:
        assert scope.where(hedge) in ("words", "lead", "tail"), (hedge, case["why"])
    for hedge in case["outside"]:
        assert scope.where(hedge) == "out", (hedge, case["why"])
        assert hedge not in scope.hedges
    # What a page shows with the quote holds every hedge that binds it.
    shown = scope.shown.lower()
    for hedge in scope.hedges:
        assert hedge.lower() in shown, (hedge, scope.shown)


def test_a_word_that_only_contains_a_hedge_is_not_one():
    scope = scope_of("Maybe the chips will ship, analysts said.", "the chips will ship")
    assert scope.hedges == [] and scope.where("may") == "absent"


def test_the_frame_shown_is_only_the_part_that_binds():
    sentence = "According to reports, the upcoming model could arrive within weeks, and the buzz around it is intense."
    scope = scope_of(sentence, "the upcoming model could arrive within weeks")
    assert scope.lead_text == "According to reports,"
    assert scope.tail_text == ""
    assert scope.shown == "According to reports, the upcoming model could arrive within weeks"
