"""Shared claims, check notes and editor drafts, on a small synthetic briefing
(tests/fixtures/extract_project.md) and on a copy of the real one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.claims import claims as C
from builder.claims.index import Index, Unit, build_index, clauses
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
    return [[(u.sentence.source, u.sentence.anchor) for u in c.units] for c in C.shared_claims(build_index(extraction))]


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
        units += clauses(_facts(f"s{n:03d}", 0, "Markets moved again today in busy trading across the region."))
    units += clauses(_facts("s998", 1, "Velmora bought the Quillon smelter for seven billion."))
    units += clauses(_facts("s999", 1, "The Quillon smelter was sold to Velmora this week."))
    index = Index(units)
    assert [len(index.neighbours(i)) for i in range(len(units))] == [0] * 60 + [1, 1]


def test_claim_problems_are_info_notes_at_the_first_source_sentence(synthetic):
    _, briefing, extraction = synthetic
    found = C.claim_problems(briefing, extraction)
    assert [(p.file, p.line, p.col, p.code, p.severity) for p in found] == [
        ("content/sources/s001-alpha.yaml", 53, 9, "claim-uncovered", "info"),
        ("content/sources/s001-alpha.yaml", 56, 9, "claim-uncovered", "info"),
        ("content/sources/s001-alpha.yaml", 50, 9, "claim-uncovered", "info"),
    ]
    assert found[2].message == (
        '2 sources state a claim no fact covers (s001-alpha s-a9428c2e, s002-beta s-f2b3f4fc): '
        '"Zentro Motors has placed orders for forty thousand Kelvar batteries"'
    )


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
    assert found[0].message == (
        's002-beta sentence s-f2b3f4fc seems to state this fact (0.60 alike) but is not among its evidence: '
        '"Kelvar will reportedly supply forty thousand batteries to Zentro Motors under the new order."'
    )


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
statement: "Reportedly, [[zentro|Zentro Motors]] has placed orders for forty thousand [[kelvar|Kelvar]] batteries"
status: reported
# status: its most hedged quote allows at most 'reported'
evidence:
  - source: s001-alpha
    quote: "Zentro Motors has placed orders for forty thousand Kelvar batteries, \
according to a report by Reuters citing Nikkei."
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
    drafts = S.suggest(briefing, extraction, today=TODAY).drafts
    assert drafts["zentro-motors-placed-orders-thousand-kelvar"] == ORDERS_DRAFT


def test_a_draft_hedged_by_the_outlets_own_analysis_is_at_most_speculative(synthetic):
    _, briefing, extraction = synthetic
    draft = S.suggest(briefing, extraction, today=TODAY).drafts["suggests-zentro-preparing-larger-electric-van"]
    assert "\nstatus: speculative\n" in draft and '    hedge: ["this suggests"]\n' in draft


def test_a_draft_dates_its_time_phrase_against_the_as_of_day(synthetic):
    _, briefing, extraction = synthetic
    draft = S.suggest(briefing, extraction, today=TODAY).drafts["batteries-delivered-nordhavn-plant-year-report"]
    assert 'when: "2027"\nwhen_basis:\n  phrase: "next year"\n  relative_to: as-of\n' in draft
    assert "\nexpected: true\n" in draft


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
    units = clauses(_facts("a", 0, "It is what it is and will be."))
    units += clauses(_facts("b", 0, "It was what it was and it is."))
    assert C.shared_claims(Index(units)) == []


# -- the triage of new articles (`briefing suggest`) --------------------------------------

from builder.claims import conflicts as K  # noqa: E402
from builder.claims import matching as M  # noqa: E402
from builder.claims import triage as T  # noqa: E402
from builder.claims import triage_report as R  # noqa: E402
from builder.claims.worth import why_not_worth  # noqa: E402

TRIAGE_SEEDS = {
    "seeds/004_delta.txt": """\
Zentro Cuts Its Battery Order
By Ana Lopez
Zentro Motors has placed orders for only ten thousand Kelvar batteries, far fewer than first reported.
Zentro Motors will open a battery recycling centre in Nordhavn in 2027, the company said.
Kelvar plans to list its shares on the Oslo exchange in June, its chief executive said.
This shift didn't come out of nowhere.
We use cookies to improve your experience on our site.
""",
    "seeds/005_epsilon.txt": """\
Kelvar Denies Zentro Deal
Kelvar denied that Zentro Motors had placed any orders for its batteries, contradicting earlier reports.
A battery recycling centre will be opened in Nordhavn by Zentro Motors in 2027.
The timing of this shift is significant.
Subscribe now to read the full story and get unlimited access.
""",
}


@pytest.fixture(scope="module")
def triaged(tmp_path_factory):
    extra = {**TRIAGE_SEEDS, "content/facts/zentro-orders.yaml": ORDERS_FACT}
    root = make_synthetic(tmp_path_factory.mktemp("triage"), extra)
    briefing, problems = load(read_content(root))
    assert [p for p in problems if p.severity == "error"] == []
    result = T.triage(briefing, extract(briefing), today=TODAY)
    return root, briefing, result, {entry.source: entry for entry in result.sources}


def _groups(entry) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in entry.items:
        found.setdefault(item.group, []).append(item.unit.sentence.text)
    return found


def test_triage_takes_the_sources_no_fact_quotes(triaged):
    assert sorted(triaged[3]) == ["s002-beta", "s003-gamma", "s004-delta", "s005-epsilon"]


def test_triage_groups_a_source_by_what_the_editor_should_do(triaged):
    _, _, _, by_source = triaged
    # "not involved in the brake fault": a plain negation, and far from the fact
    assert by_source["s003-gamma"].group("conflict") == []
    delta, epsilon = by_source["s004-delta"], by_source["s005-epsilon"]
    assert [(i.fact, i.conflict.kind) for i in delta.group("conflict")] == [("zentro-orders", "number")]
    assert [(i.fact, i.conflict.kind) for i in epsilon.group("conflict")] == [("zentro-orders", "negation")]
    assert [i.fact for i in by_source["s002-beta"].group("evidence")] == ["zentro-orders"]
    shared = delta.group("shared")
    assert len(shared) == 1 and shared[0].claim.sources == ["s004-delta", "s005-epsilon"]
    assert [i.draft for i in epsilon.group("shared")] == [shared[0].draft]
    single = "Kelvar plans to list its shares on the Oslo exchange in June, its chief executive said."
    assert _groups(delta)["single"] == [single]
    assert _groups(delta)["background"] == ["This shift didn't come out of nowhere."]
    assert _groups(epsilon)["background"] == ["The timing of this shift is significant."]


def test_site_chrome_is_never_listed_only_counted(triaged):
    _, briefing, result, by_source = triaged
    for entry in result.sources:
        assert not any("cookies" in i.unit.sentence.text or "Subscribe" in i.unit.sentence.text for i in entry.items)
    assert (by_source["s004-delta"].chrome, by_source["s005-epsilon"].chrome) == (3, 2)  # title, byline, cookies
    everything = R.format_triage(briefing, result, full=True)
    assert "cookies" not in everything and "Subscribe" not in everything and "By Ana Lopez" not in everything


def test_a_conflict_shows_both_quotes_and_what_differs(triaged):
    _, briefing, result, by_source = triaged
    lines = R.source_lines(briefing, by_source["s004-delta"])
    at = lines.index("  conflicts with an existing fact: check both quotes (1):")
    assert lines[at + 1].startswith('    zentro-orders: number: "ten thousand" here, "forty thousand" in the fact (')
    assert lines[at + 2] == ('      here  s-3eb0f917 "Zentro Motors has placed orders for only ten thousand '
                             'Kelvar batteries, far fewer than first reported."')
    assert lines[at + 3] == ('      fact  s001-alpha s-a9428c2e '
                             '"Zentro Motors has placed orders for forty thousand Kelvar batteries"')


def test_the_default_output_keeps_to_the_budget_and_all_shows_everything(triaged):
    _, briefing, _, by_source = triaged
    entry = by_source["s004-delta"]
    acts = [i for i in entry.items if i.group in R.HEADINGS]
    short = R.source_lines(briefing, entry, budget=7)
    hidden = len(acts) - len(R.visible_items(briefing, entry, 7))
    assert len(short) <= 7 and short[-2] == f"  ... {hidden} more to act on: `briefing suggest --all s004-delta`"
    assert 0 < len(R.visible_items(briefing, entry, 7)) < len(acts)
    full = R.source_lines(briefing, entry, full=True)
    assert "more to act on" not in "\n".join(full) and "  background (1):" in full and "  single-source (1):" in full
    assert len(R.source_lines(briefing, entry)) <= R.BUDGET


@pytest.mark.parametrize(
    ("mine", "theirs", "differs"),
    [
        ("ordered about 50,000 units of the chip", "bulk orders totaling hundreds of thousands of units", True),
        ("ordered more than one million Huawei AI chips", "hundreds of thousands of Huawei chips", True),
        ("ordered 200,000 units of the chip", "bulk orders totaling hundreds of thousands of units", False),
        ("preparing three additional V4 variants", "preparing at least two additional variants", False),
        ("preparing three additional V4 variants", "developing two additional V4 variants", True),
        ("The model has 1.6 trillion parameters", "a trillion-parameter architecture", True),
        ("the three companies", "hundreds of thousands of Huawei AI chips", False),  # not the same thing counted
        ("$0.28 per million input tokens", "a context window exceeding one million tokens", False),
        ("made on a 7-nanometre process in 2026", "hundreds of thousands of units", False),  # a measure and a year
    ],
)
def test_a_number_conflict_needs_the_same_thing_counted_and_ranges_that_cannot_both_hold(mine, theirs, differs):
    assert (K.number_conflict(mine, theirs) is not None) is differs


def _unit(text: str, source: str = "s9") -> Unit:
    from builder.claims.extract import find_numbers
    from builder.claims.times import find_times

    times, numbers = tuple(find_times(text, TODAY)), tuple(find_numbers(text))
    facts = SentenceFacts(source, 0, "s-0", text, None, (), (), (), (), times, numbers)
    return Unit(facts, 0, len(text))


def test_date_conflicts_read_calendar_dates_quarters_and_postponements():
    found = K.date_conflict(_unit("DeepSeek released V3 in December 2024"), "2025", [], TODAY)
    assert found == '"December 2024" here, "when: 2025" in the fact'
    assert K.date_conflict(_unit("DeepSeek released V3 in March 2025"), "2025", [], TODAY) is None
    assert K.date_conflict(_unit("The launch moves to the third quarter of 2026"), "2026-04/2026-06", [], TODAY)
    assert K.date_conflict(_unit("DeepSeek has delayed the model's launch"), None, ["expected within weeks"], TODAY)


def test_negation_and_status_words():
    assert K.polarity("Tencent said it had not placed any orders") and K.polarity("Cambricon denied working on it")
    assert not K.polarity("This is not just a product launch, it placed orders")
    assert K.CONFIRMED.search("DeepSeek confirmed on Wednesday that V4 runs on Ascend")
    assert K.UNCONFIRMED.search("If confirmed, the move would mark a shift")


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to improve your experience on our site.",
        "By using our services, you agree to our use of cookies.",
        "Subscribe now to read the full story and get unlimited access.",
        "Copyright 2026.",
        "All rights reserved.",
        "This is not investment advice.",
        "The views expressed are the author's own.",
        "Market data delayed by 15 minutes.",
        "Share it with a friend.",
        "This article was first published in our print edition.",
        "Hannah Lee is a columnist covering technology and geopolitics.",
        "Weather: sunny, 24 degrees",
    ],
)
def test_furniture_sentences_are_chrome(line):
    assert T.chrome_rule(line)


@pytest.mark.parametrize(
    "line",
    [
        "Huawei began mass shipments of its Ascend 950PR chip in May, two people familiar with the matter said.",
        "Cambricon shares rose 14 per cent in Shanghai on Thursday.",
        "The US Commerce Department said it is reviewing whether Huawei's chip sales breach export rules.",
    ],
)
def test_news_sentences_are_not_chrome(line):
    assert T.chrome_rule(line) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("This shift didn't come out of nowhere.", "names no entity, number or date"),
        ("The timing of this shift is significant.", "names no entity, number or date"),
        ("Huawei declined to comment on the shipments.", "a no-comment line"),
        ("DeepSeek did not say how many chips it used to serve the model.", "a no-comment line"),
        ("DeepSeek released V4 on May 6 after weeks of talk.", None),
        ("Parts of the model's code were rewritten for 2 chip families.", None),
        ("It was rewritten by Huawei engineers last year.", None),
    ],
)
def test_a_claim_worth_a_fact_names_counts_or_dates_something(text, reason):
    assert why_not_worth(_unit(text)) == reason


def test_no_claim_note_for_a_generic_sentence_on_the_real_briefing(tmp_path):
    root = copy_project(tmp_path)
    briefing, _ = load(read_content(root))
    notes = C.claim_problems(briefing)
    assert notes and all(p.code in ("claim-uncovered", "evidence-missing") for p in notes)
    generic_sentences = ("This shift didn", "The timing of this shift is significant",
                         "That decision reflects a broader trend")
    for generic in generic_sentences:
        assert not any(generic in p.message for p in notes), generic


@pytest.mark.skipif(not _wired(), reason="`briefing suggest` is not wired into builder/cli.py yet")
def test_cli_suggest_prints_the_triage_and_all_prints_more(tmp_path):
    root = make_synthetic(tmp_path, {**TRIAGE_SEEDS, "content/facts/zentro-orders.yaml": ORDERS_FACT})
    short = run_briefing(root, "suggest", "s004-delta")
    full = run_briefing(root, "suggest", "--all", "s004-delta")
    assert short.returncode == full.returncode == 0
    assert short.stdout.startswith('s004-delta "Zentro Cuts Its Battery Order": 2 to act on\n')
    folded = "  folded: 1 single-source, 1 background, 3 chrome or furniture (--all lists the sentences)\n"
    assert folded in short.stdout
    assert "  background (1):\n" in full.stdout and "  background (1):\n" not in short.stdout
    assert short.stdout.endswith("1 new source, 2 sentences to act on, 1 draft fact that passes "
                                 "`briefing check` as written: "
                                 "`briefing suggest --write` saves them under build/suggestions/facts/\n")


def test_the_twenty_update_articles_triage_within_budget_and_never_list_chrome():
    """eval/updates: twenty labelled articles after the seeds (`make eval` scores them)."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("triage_eval", ROOT / "eval" / "triage_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = module.evaluate(ROOT)
    assert found["articles"] == 20 and found["lines"] <= 400 and found["widest"] <= R.BUDGET
    assert (found["chrome_shown"], found["chrome"]) == (0, 16)


class _Scores:
    """A stand-in for the fact matcher: fixed likeness of each sentence (by text) to each fact."""

    def __init__(self, table: dict[str, dict[str, float]]):
        self.table = table

    def ranked(self, unit):
        found = [(v, f, unit) for f, v in self.table[unit.sentence.text].items()]
        return sorted(found, key=lambda t: (-t[0], t[1]))


def test_a_shared_claim_that_as_a_whole_retells_a_fact_is_its_evidence_not_a_draft():
    texts = {"V4 runs on Ascend": "a", "V4 is on Huawei": "b", "V4 uses Ascend": "c"}
    units = [_unit(text, source) for text, source in texts.items()]
    scores = _Scores({"V4 runs on Ascend": {"f": 0.3, "g": 0.1}, "V4 is on Huawei": {"f": 0.2},
                      "V4 uses Ascend": {"f": 0.3}})
    assert M.covering_fact(scores, C.Claim(units, 0.36, units[0])) == ("f", [0.3, 0.2, 0.3])
    # the sentences are far more like each other than like the fact: a new claim
    assert M.covering_fact(scores, C.Claim(units, 0.5, units[0])) == (None, [])
    weak = _Scores({u.sentence.text: {"f": 0.1} for u in units})
    assert M.covering_fact(weak, C.Claim(units, 0.3, units[0])) == (None, [])


def test_cli_suggest_with_no_new_source_says_so(tmp_path):
    from helpers import make_project

    result = run_briefing(make_project(tmp_path), "suggest")
    assert (result.returncode, result.stdout) == (
        0, "suggest: no new sources (every source is quoted by a fact or dispute); name one to triage it\n"
    )
