"""The strict YAML reader: positions, refusals, and no silent type changes."""

from __future__ import annotations

import pytest

from builder.content.yamlstrict import parse

ALIAS_REFUSED = (
    "1:4 yaml-alias: anchors and aliases ('&name', '*name') are not allowed | write the value out in full where it is "
    "needed"
)


def problems(text: str) -> list[str]:
    return [f"{p.line}:{p.col} {p.code}: {p.message} | {p.hint}" for p in parse(text, "f.yaml")[1]]


def test_values_keep_their_1_based_positions():
    parsed, found = parse("a:\n  - b: 1\n    c: x\n", "f.yaml")
    assert found == []
    assert parsed.position(("a", 0, "c")) == (3, 8)
    assert parsed.position(("a", 0, "missing")) == (2, 5)  # a missing key points at its parent
    assert parsed.position(("a", 0, "c"), key=True) == (3, 5)


def test_positions_are_read_again_only_for_a_document_with_a_problem():
    """A loaded document does not hold its table of positions (half of a loaded briefing's
    memory); asking for a position reads the text again, to the same answer. Checking the
    first briefing, which has no problem, asks for none."""
    from builder.checks.check import check
    from builder.content.load import load, read_content
    from conftest import ROOT

    text = "a:\n  - b: 1\n    c: x\n"
    parsed, _ = parse(text, "f.yaml")
    assert parsed.values == {} and parsed.source == (text, "f.yaml")
    assert parsed.position(("a", 0, "c")) == (3, 8) and parsed.source is None
    assert len(parsed.values) == 5
    briefing, problems = load(read_content(ROOT))
    assert problems == [] and check(briefing, notes=False) == []
    placed = [d.path for d in briefing.documents if d.parsed.source is None]
    assert placed == []


def test_no_silent_booleans_or_dates():
    parsed, _ = parse("a: no\nb: on\nc: 2026-04-05\nd: true\ne: ~\nf: 12\ng: yes\n", "f.yaml")
    assert parsed.data == {"a": "no", "b": "on", "c": "2026-04-05", "d": True, "e": None, "f": 12, "g": "yes"}


@pytest.mark.parametrize("reader", ["_parse_c", "_parse_python"])
def test_equals_and_merge_signs_are_plain_values_in_both_parsers(reader):
    """PyYAML's resolvers would tag a plain ``=`` or ``<<`` (value, merge): no editor wrote a
    tag, so both parsers read them as the text they are."""
    import builder.content.yamlstrict as yamlstrict

    parsed, found = getattr(yamlstrict, reader)("a: =\nb: <<\nc:\n  - =\n  - <<\nd: 1.5\n", "f.yaml")
    assert found == []
    assert parsed.data == {"a": "=", "b": "<<", "c": ["=", "<<"], "d": 1.5}


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "a:\n\tb: 1\n",
            "2:1 yaml-syntax: not valid YAML: while scanning for the next token found character '\\t' that cannot "
            "start any token | indent with spaces, never tabs",
        ),
        (
            'a: "unclosed\nb: 2\n',
            "1:4 yaml-syntax: not valid YAML: while scanning a quoted scalar found unexpected end of stream | close "
            "the quote that starts here, or remove it",
        ),
        (
            'a:\n  - q: "opened here\n    h: [x]\n  - q: "closed"\nb: 1\n',
            "2:8 yaml-syntax: not valid YAML: the quote (\") that opens here is not closed on its line, so the value "
            "runs on to the next \" on line 4, taking in the lines between | close the quote where the value ends on "
            "this line (add \")",
        ),
        (
            "a: 'it''s\nb: 2\nc: 'x'\n",
            "1:4 yaml-syntax: not valid YAML: the quote (') that opens here is not closed on its line, so the value "
            "runs on to the next ' on line 3, taking in the lines between | close the quote where the value ends on "
            "this line (add ')",
        ),
        (
            "a: 1\na: 2\n",
            "2:1 duplicate-key: the key 'a' appears twice in this mapping (first at line 1) | keep one of the two and "
            "delete the other",
        ),
        ("a: &x [1]\nb: *x\n", ALIAS_REFUSED),
        (
            "x: !!python/object:os.system 1\n",
            "1:4 yaml-tag: the tag '!!python/object:os.system' is not allowed | remove the tag and write a plain value",
        ),
        (
            "a: 1\n<<: {b: 2}\n",
            "2:1 yaml-key: a key must be a plain name | write the key as a single word followed by ': '",
        ),
    ],
)
def test_refusals_are_problems_with_positions(text, expected):
    assert problems(text) == [expected]


def test_alias_bomb_is_refused_before_expansion():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    assert problems(bomb) == [ALIAS_REFUSED]


def test_a_quoted_value_over_several_lines_is_still_fine():
    parsed, found = parse('a: "one\n  two"\nb: \'x\n  y\'\n', "f.yaml")
    assert (found, parsed.data) == ([], {"a": "one two", "b": "x y"})
