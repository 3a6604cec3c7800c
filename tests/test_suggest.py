"""Shared claims, check notes and editor drafts, on a small synthetic briefing
(tests/fixtures/extract_project.md) and on a copy of the real one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.claims import claims as C
from builder.claims import suggest as S
from builder.claims.extract import SentenceFacts, extract
from builder.content.load import load, read_content
from conftest import write_tree
from helpers import briefing as run_briefing
from helpers import copy_project, fill_meta_reasons

TODAY = dt.date(2026, 5, 1)
FIXTURE = Path(__file__).parent / "fixtures" / "extract_project.md"
ORDERS = [("s001-alpha", "s-a9428c2e"), ("s002-beta", "s-f2b3f4fc")]
DELIVERY = [("s001-alpha", "s-54c99a62"), ("s002-beta", "s-5f0119f4")]
VAN_LINE = [("s001-alpha", "s-a5f84a67"), ("s002-beta", "s-d70bb689")]


def fixture_files(text: str) -> dict[str, str]:
    files, current = {}, None
    for line in text.splitlines(keepends=True):
        if line.startswith("=== "):
            current = line[4:].strip()
            files[current] = ""
        elif current:
            files[current] += line
    return files


def make_synthetic(root: Path, extra: dict[str, str] | None = None) -> Path:
    from builder.sources.records import normalize_tree

    files = {**fixture_files(FIXTURE.read_text(encoding="utf-8")), **(extra or {})}
    write_tree(root, {k: v for k, v in files.items() if k.startswith("seeds/")})
    normalize_tree(root, today=TODAY)
    fill_meta_reasons(root)
    write_tree(root, {k: v for k, v in files.items() if not k.startswith("seeds/")})
    return root


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    root = make_synthetic(tmp_path_factory.mktemp("synthetic"))
    briefing, problems = load(read_content(root))
    assert problems == []
    return root, briefing, extract(briefing)


def clusters(extraction) -> list[list[tuple[str, str]]]:
    return [[(u.sentence.source, u.sentence.anchor) for u in c.units] for c in C.shared_claims(C.build_index(extraction))]


def test_paraphrases_in_two_sources_are_one_claim_each(synthetic):
    assert clusters(synthetic[2]) == [DELIVERY, VAN_LINE, ORDERS]


def test_a_phrase_repeated_ten_times_joins_no_claim(synthetic):
    repeats = [s.anchor for s in synthetic[2].claims() if "Zentro battery deal" in s.text]
    assert len(repeats) == 10
    assert not any(anchor in repeats for cluster in clusters(synthetic[2]) for _, anchor in cluster)


def test_a_neighbouring_story_that_names_the_same_companies_is_not_the_claim(synthetic):
    assert not any(source == "s003-gamma" for cluster in clusters(synthetic[2]) for source, _ in cluster)


def _facts(source: str, index: int, text: str) -> SentenceFacts:
    return SentenceFacts(source, index, f"s-{source}-{index}", text, None)


def test_story_vocabulary_in_every_source_is_no_blocking_key():
    units = []
    for n in range(60):
        units += C.clauses(_facts(f"s{n:03d}", 0, "Markets moved again today in busy trading across the region."))
    units += C.clauses(_facts("s998", 1, "Velmora bought the Quillon smelter for seven billion."))
    units += C.clauses(_facts("s999", 1, "The Quillon smelter was sold to Velmora this week."))
    index = C.Index(units)
    assert [len(index.neighbours(i)) for i in range(len(units))] == [0] * 60 + [1, 1]


def test_claim_problems_are_info_notes_at_the_first_source_sentence(synthetic):
    _, briefing, extraction = synthetic
    found = C.claim_problems(briefing, extraction)
    assert [(p.file, p.line, p.col, p.code, p.severity) for p in found] == [
        ("content/sources/s001-alpha.yaml", 53, 9, "claim-uncovered", "info"),
        ("content/sources/s001-alpha.yaml", 56, 9, "claim-uncovered", "info"),
        ("content/sources/s001-alpha.yaml", 50, 9, "claim-uncovered", "info"),
    ]
    assert found[2].message == '2 sources state a claim no fact covers (s001-alpha s-a9428c2e, s002-beta s-f2b3f4fc): "Zentro Motors has placed orders for forty thousand Kelvar batteries"'


ORDERS_FACT = """\
id: zentro-orders
statement: "[[zentro]] ordered batteries from [[kelvar]]."
status: reported
evidence:
  - source: s001-alpha
    quote: "Zentro Motors has placed orders for forty thousand Kelvar batteries"
    hedge: [according to]
    via: []
changed: "2026-05-01"
"""


def test_a_source_sentence_stating_a_fact_but_not_quoted_is_evidence_missing(tmp_path):
    root = make_synthetic(tmp_path, {"content/facts/zentro-orders.yaml": ORDERS_FACT})
    briefing, _ = load(read_content(root))
    found = [p for p in C.claim_problems(briefing) if p.file == "content/facts/zentro-orders.yaml"]
    assert [(p.line, p.col, p.code, p.severity) for p in found] == [(5, 3, "evidence-missing", "info")]
    assert found[0].message == 's002-beta sentence s-f2b3f4fc seems to state this fact (0.60 alike) but is not among its evidence: "Kelvar will reportedly supply forty thousand batteries to Zentro Motors under the new order."'


def test_a_claim_with_evidence_offered_to_a_fact_gets_no_draft(tmp_path):
    root = make_synthetic(tmp_path, {"content/facts/zentro-orders.yaml": ORDERS_FACT})
    briefing, _ = load(read_content(root))
    result = S.suggest(briefing, extract(briefing), today=TODAY)
    assert [(e.fact, e.unit.sentence.anchor) for e in result.evidence] == [("zentro-orders", "s-f2b3f4fc")]
    assert "zentro-motors-placed-orders-thousand-kelvar" not in result.drafts


ORDERS_DRAFT = """\
# yaml-language-server: $schema=../../builder/schemas/fact.schema.json
# DRAFT by `briefing suggest` (machine): 2 sources state this claim, mean likeness 0.60.
# Rewrite the statement in the briefing's words, check status and via, then move it to content/facts/.
id: zentro-motors-placed-orders-thousand-kelvar
statement: "[[zentro|Zentro Motors]] has placed orders for forty thousand [[kelvar|Kelvar]] batteries"
status: reported
# status: its most hedged quote allows at most 'reported'
evidence:
  - source: s001-alpha
    quote: "Zentro Motors has placed orders for forty thousand Kelvar batteries, according to a report by Reuters citing Nikkei."
    hedge: ["according to"]
    attribution: "according to a report by Reuters citing Nikkei"
    via:
      - entity: reuters
        basis: machine
        note: "detected in the attribution 'according to a report by Reuters citing Nikkei'"
    # via: 'Nikkei' names no entity record, so it is left out; add one under content/entities/ to link it
  - source: s002-beta
    quote: "Kelvar will reportedly supply forty thousand batteries to Zentro Motors under the new order."
    hedge: ["reportedly"]
    via: []
changed: "2026-05-01"
"""


def test_a_draft_quotes_every_source_verbatim_with_its_hedges_and_machine_via(synthetic):
    _, briefing, extraction = synthetic
    assert S.suggest(briefing, extraction, today=TODAY).drafts["zentro-motors-placed-orders-thousand-kelvar"] == ORDERS_DRAFT


def test_a_draft_hedged_by_the_outlets_own_analysis_is_at_most_speculative(synthetic):
    _, briefing, extraction = synthetic
    draft = S.suggest(briefing, extraction, today=TODAY).drafts["suggests-zentro-preparing-larger-electric-van"]
    assert "\nstatus: speculative\n" in draft and '    hedge: ["this suggests"]\n' in draft


def test_a_draft_dates_its_time_phrase_against_the_as_of_day(synthetic):
    _, briefing, extraction = synthetic
    draft = S.suggest(briefing, extraction, today=TODAY).drafts["batteries-delivered-nordhavn-plant-year-report"]
    assert 'when: "2027"\nwhen_basis:\n  phrase: "next year"\n  relative_to: as-of\n' in draft and "\nexpected: true\n" in draft


def test_suggest_for_one_source_keeps_only_what_involves_it(synthetic):
    _, briefing, extraction = synthetic
    assert S.suggest(briefing, extraction, today=TODAY, sources=["s003-gamma"]).drafts == {}


def test_write_suggestions_replaces_only_build_suggestions(tmp_path, synthetic):
    _, briefing, extraction = synthetic
    (tmp_path / "build/suggestions/facts").mkdir(parents=True)
    (tmp_path / "build/suggestions/facts/stale.yaml").write_text("old")
    written = S.write_suggestions(tmp_path, briefing, S.suggest(briefing, extraction, today=TODAY))
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(written) and len(written) == 4


@pytest.mark.parametrize("project", ["synthetic", "seeds"])
def test_every_draft_passes_briefing_check_strict_as_written(tmp_path, project):
    root = make_synthetic(tmp_path) if project == "synthetic" else copy_project(tmp_path)
    briefing, _ = load(read_content(root))
    drafts = S.suggest(briefing, extract(briefing), today=TODAY).drafts
    assert drafts
    for fact_id, text in drafts.items():
        (root / "content/facts" / f"{fact_id}.yaml").write_text(text, encoding="utf-8")
    result = run_briefing(root, "check", "--strict")
    bad = [line for line in result.stderr.splitlines() if ": error:" in line or ": warning:" in line]
    assert (result.returncode, bad) == (0, [])


def _wired() -> bool:
    from builder.cli import build_parser

    return "suggest" in build_parser()._subparsers._group_actions[0].choices


@pytest.mark.skipif(not _wired(), reason="`briefing suggest` is not wired into builder/cli.py yet")
def test_cli_suggest_write_saves_drafts_under_build_suggestions(tmp_path):
    root = make_synthetic(tmp_path)
    before = sorted(p.as_posix() for p in (root / "content").rglob("*"))
    result = run_briefing(root, "suggest", "--write")
    assert result.returncode == 0 and "3 draft facts that pass `briefing check` as written" in result.stdout
    written = (root / "build/suggestions/facts/zentro-motors-placed-orders-thousand-kelvar.yaml").read_text()
    assert written.rsplit("changed:", 1)[0] == ORDERS_DRAFT.rsplit("changed:", 1)[0]  # `changed` is the day it ran
    assert sorted(p.as_posix() for p in (root / "content").rglob("*")) == before


@pytest.mark.skipif(not _wired(), reason="`briefing suggest` is not wired into builder/cli.py yet")
def test_cli_suggest_refuses_an_unknown_source(tmp_path):
    result = run_briefing(make_synthetic(tmp_path), "suggest", "s009-nope")
    assert (result.returncode, result.stderr) == (2, "error: no source 's009-nope'\n")


def test_clauses_without_a_content_term_give_no_claim_and_no_error():
    units = C.clauses(_facts("a", 0, "It is what it is and will be.")) + C.clauses(_facts("b", 0, "It was what it was and it is."))
    assert C.shared_claims(C.Index(units)) == []
