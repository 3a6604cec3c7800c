"""extract(): per-sentence mentions, attribution chains, hedges, dates and numbers; its cache."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from builder.claims.extract import extract, extract_sentence, read_cache, write_cache
from builder.claims.mentions import EntityMatcher
from builder.claims.times import resolve_phrase
from builder.content.load import load
from builder.sources.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures" / "extract.md"
AS_OF = dt.date(2026, 4, 30)
NAMES = {
    "huawei": ["Huawei Technologies", "Huawei", "华为"],
    "reuters": ["Reuters"],
    "the-information": ["The Information"],
    "us-government": ["United States", "US", "U.S."],
}


def compact(facts) -> str:
    if facts.skip:
        return f"[skip:{facts.skip}] {facts.text}"
    lines = [facts.text]
    if facts.mentions:
        lines.append("  mentions: " + ", ".join(f"{m.entity}={m.text}" for m in facts.mentions))
    for credit in facts.credits:
        chain = " > ".join(e or f"?{n}" for n, e in zip(credit.names, credit.via))
        lines.append(f'  credit: "{credit.phrase}"' + (f" -> {chain}" if chain else ""))
    for ref in facts.times:
        lines.append(f'  time: "{ref.phrase}" = {ref.edtf} ({ref.relative_to})')
    if facts.hedges:
        lines.append("  hedges: " + ", ".join(h + (" (analysis)" if h in facts.analysis else "") for h in facts.hedges))
    if facts.numbers:
        lines.append("  numbers: " + ", ".join(facts.numbers))
    return "\n".join(lines)


@pytest.mark.parametrize(
    "line,title,text,expected", read_fixture_file(FIXTURES),
    ids=lambda v: v if isinstance(v, str) and "\n" not in v and len(v) < 80 else None,
)
def test_fixture(line, title, text, expected):
    record = normalize(text.encode("utf-8"), name="seeds/x.txt", source_id="sx")
    matcher = EntityMatcher(NAMES)
    sentences = [{"anchor": s.anchor, "text": s.text, "flags": s.flags} for s in record.sentences]
    got = [compact(extract_sentence("sx", i, s, matcher, AS_OF)) for i, s in enumerate(sentences)]
    assert "\n".join(got) + "\n" == expected


def test_relative_phrases_use_the_as_of_day_not_the_clock():
    assert [resolve_phrase(p, dt.date(2020, 1, 15)) for p in ("last year", "next month", "yesterday", "last week")] == [
        "2019", "2020-02", "2020-01-14", "2020-01-06/2020-01-12",
    ]


def test_a_weekday_resolves_to_the_last_one_on_or_before_as_of_marked_uncertain():
    assert resolve_phrase("on Friday", AS_OF) == "2026-04-24?"


def test_a_name_that_ends_in_no_entity_is_not_linked_to_the_one_inside_it():
    sentence = {"anchor": "s-1", "text": "The deal closed last week, according to a report by U.S. News and others."}
    facts = extract_sentence("sx", 0, sentence, EntityMatcher(NAMES), AS_OF)
    assert [(c.names, c.via) for c in facts.credits] == [(("U.S. News",), (None,))]


BRIEFING = """\
title: "t"
as_of: "2026-04-30"
as_of_basis: "b"
summary: ["x"]
watch: []
changed: "2026-05-01"
"""
RECORD = """\
id: sx
text_sha256: {sha}
sentences:
  - anchor: s-1
    line: 1
    text: Huawei will ship the chips next year, according to Reuters.
"""
ENTITY = 'id: huawei\nname: Huawei\nkind: company\ndescription: "d"\naliases: []\nchanged: "2026-05-01"\n'


def briefing_with(sha: str = "abc", as_of: str = "2026-04-30"):
    texts = {
        "content/briefing.yaml": BRIEFING.replace("2026-04-30", as_of),
        "content/sources/sx.yaml": RECORD.format(sha=sha),
        "content/entities/huawei.yaml": ENTITY,
    }
    return load(texts)[0]


def test_a_cached_source_with_the_same_key_is_reused_not_re_read():
    first = extract(briefing_with())
    entry = {**_as_json(first.sentences[0]), "text": "from the cache"}
    cached = {"sx": {"key": first.keys["sx"], "sentences": [entry]}}
    assert extract(briefing_with(), cached).sentences[0].text == "from the cache"


@pytest.mark.parametrize("change", [{"sha": "def"}, {"as_of": "2026-05-31"}])
def test_a_new_text_hash_or_as_of_day_invalidates_the_cache(change):
    first = extract(briefing_with())
    entry = {**_as_json(first.sentences[0]), "text": "from the cache"}
    cached = {"sx": {"key": first.keys["sx"], "sentences": [entry]}}
    assert extract(briefing_with(**change), cached).sentences[0].text.startswith("Huawei will ship")


def test_the_cache_round_trips_through_build_cache(tmp_path):
    extraction = extract(briefing_with())
    write_cache(tmp_path, extraction)
    cached = read_cache(tmp_path)
    assert list(cached) == ["sx"] and (tmp_path / "build/cache/extract/sx.json").is_file()
    assert extract(briefing_with(), cached).sentences == extraction.sentences


def _as_json(facts) -> dict:
    import dataclasses

    return dataclasses.asdict(facts)
