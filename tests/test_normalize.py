"""normalize(): the stage on bytes in memory, cases in tests/fixtures/normalize.md."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from builder.sources.decode import MAX_SEED_BYTES, SeedError
from builder.sources.normalize import normalize

FIXTURES = Path(__file__).parent / "fixtures" / "normalize.md"


def compact(record) -> str:
    """One line per sentence (``[flags] text``), then removals and repairs."""
    lines = []
    for sentence in record.sentences:
        flags = ",".join(sorted(sentence.flags))
        lines.append(f"[{flags}] {sentence.text}" if flags else sentence.text)
    lines += [f"- removed {c.line} {c.rule}: {c.before}" for c in record.removed]
    lines += [f"~ repaired {c.line} {c.rule}: {c.before!r} -> {c.after!r}" for c in record.repaired]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "line,title,text,expected", read_fixture_file(FIXTURES),
    ids=lambda v: v if isinstance(v, str) and len(v) < 60 and "\n" not in v else None,
)
def test_fixture(line, title, text, expected):
    record = normalize(text.encode("utf-8"), name="seeds/x.txt", source_id="sx")
    assert compact(record) == expected


def run(raw: bytes):
    return normalize(raw, name="seeds/x.txt", source_id="sx")


def test_same_bytes_give_the_same_record():
    raw = (Path(__file__).parent.parent / "seeds" / "002_bda191870444a60c.txt").read_bytes()
    assert run(raw) == run(raw)


def test_no_article_text_is_lost():
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    for seed in seeds:
        record = run(seed.read_bytes())
        kept = "".join(s.text for s in record.sentences).replace(" ", "")
        dropped = "".join(c.before for c in record.removed).replace(" ", "")
        original = seed.read_text(encoding="utf-8").replace("\xa0", "")
        original = "".join(original.split()).replace(" ", "")
        repaired_away = sum(
            len(c.before) - len(c.after) for c in record.repaired if c.rule == "space-before-punctuation"
        )
        assert len(kept) + len(dropped) >= len(original) - repaired_away - 2, seed.name


def test_anchors_are_unique_and_stable_for_repeats():
    record = run(b"Same sentence here today.\nSame sentence here today.\n")
    first = record.sentences[0].anchor
    assert [s.anchor for s in record.sentences] == ["s-" + first[2:], first + "-2"]
    assert record.sentences[1].duplicate_of == record.sentences[0].anchor


def test_curly_and_straight_sentences_share_an_anchor():
    assert run("It’s here.".encode()).sentences[0].anchor == run(b"It's here.").sentences[0].anchor


@pytest.mark.parametrize(
    "raw,message",
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is binary data, not text"),
        (b"caf\xe9 \x81\x8d", "the file is not UTF-8 text (byte 0xe9 cannot be decoded)"),
    ],
)
def test_bad_seed_is_refused_with_a_reason(raw, message):
    with pytest.raises(SeedError) as error:
        run(raw)
    assert error.value.message == message
    assert error.value.hint


def test_enormous_seed_is_refused():
    with pytest.raises(SeedError) as error:
        run(b"word " * (MAX_SEED_BYTES // 5 + 1))
    assert "over the 2,000,000-byte limit" in error.value.message


def test_windows_1252_is_decoded_and_recorded():
    record = run("The firm\x92s chips \x96 new ones \x97 ship soon.".encode("latin-1"))
    assert record.sentences[0].text == "The firm’s chips – new ones — ship soon."
    assert [c.rule for c in record.repaired] == ["decoded-as-windows-1252"]


def test_text_cut_inside_a_character_is_recorded_and_flagged():
    raw = "The firm said the chips ship in volume from next year onwar€".encode()[:-1]
    record = run(raw)
    assert record.removed[0].rule == "incomplete-utf8-at-end"
    assert "truncated" in record.sentences[-1].flags


def test_crlf_and_bom_are_repaired_and_recorded():
    record = run(b"\xef\xbb\xbfFirst line here.\r\nSecond line here.\r\n")
    assert [s.text for s in record.sentences] == ["First line here.", "Second line here."]
    assert {c.rule for c in record.repaired} == {"utf8-byte-order-mark", "line-endings"}


def test_html_entities_and_curly_quotes_are_kept_as_written():
    record = run("Tom &amp; Jerry said “yes” to it.".encode())
    assert record.text == "Tom &amp; Jerry said “yes” to it."
    assert record.repaired == ()


def test_title_of_the_real_seed_without_headline_is_none():
    raw = (Path(__file__).parent.parent / "seeds" / "004_cedb8213a262d0b9.txt").read_bytes()
    assert run(raw).title is None
