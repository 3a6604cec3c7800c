"""Property tests: random YAML and random article bytes never crash load, check or normalize."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.checks.check import check
from builder.sources.decode import SeedError
from builder.content.load import load
from builder.sources.normalize import normalize
from builder.content.yamlstrict import _parse_c, _parse_python, parse

FUZZ = settings(deadline=None, max_examples=500, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=30),
    st.sampled_from(["no", "on", "2026-04-05", "[[acme]]", "<script>", "reported", "~"]),
)
keys = st.one_of(
    st.sampled_from([
        "id", "statement", "status", "evidence", "source", "quote", "hedge", "via", "when", "when_basis", "changed",
        "positions", "facts", "name", "kind", "aliases",
    ]),
    st.text(max_size=8),
)
trees = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)
RECORD_PATHS = [
    "content/facts/a.yaml", "content/entities/b.yaml", "content/disputes/c.yaml", "content/briefing.yaml",
    "content/sources/s1.meta.yaml",
]


@FUZZ
@given(st.text(max_size=400))
def test_any_text_parses_or_reports(text):
    parsed, problems = parse(text, "f.yaml")
    assert all(p.line >= 1 and p.col >= 1 for p in problems)


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_normalize_or_refuse(raw):
    try:
        record = normalize(raw, name="seeds/x.txt", source_id="sx")
    except SeedError as error:
        assert error.message and error.hint
    else:
        assert all(s.text for s in record.sentences)


@FUZZ
@given(st.dictionaries(st.sampled_from(RECORD_PATHS), trees, min_size=1))
def test_any_records_load_and_check_without_crashing(records):
    texts = {path: yaml.safe_dump(value, allow_unicode=True) for path, value in records.items()}
    briefing, problems = load(texts)
    problems += check(briefing)
    assert all(p.file and p.line >= 1 for p in problems)


yaml_like = st.lists(
    st.sampled_from(list("ab: -'\"\n\t#[]{},|>&*!?%@`~0华é\\") + ["\n  ", "\n- ", ": ", "key: ", "no", "2026-04-05"]),
    max_size=60,
).map("".join)


@FUZZ
@given(st.one_of(yaml_like, trees.map(lambda tree: yaml.safe_dump(tree, allow_unicode=True))))
def test_libyaml_reads_exactly_what_the_python_parser_reads(text):
    """Where libyaml accepts a file, its values, positions and problems equal the pure-Python ones."""
    fast = _parse_c(text, "f.yaml")
    if fast is None:
        return  # the pure-Python parser speaks for this file
    slow = _parse_python(text, "f.yaml")
    assert (fast[0].data, fast[0].values, fast[0].keys, fast[1]) == (
        slow[0].data, slow[0].values, slow[0].keys, slow[1]
    )


printable = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
records = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), printable),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(printable, inner, max_size=4)),
    max_leaves=20,
)


@FUZZ
@given(st.dictionaries(printable, records, max_size=5))
def test_generated_records_are_the_same_bytes_with_or_without_libyaml(data):
    """dump_yaml takes libyaml only where its bytes equal PyYAML's, so records never depend on it."""
    import builder.sources.recordfile as sources

    fast = sources.dump_yaml(data)
    slow = yaml.dump(
        data, Dumper=sources._Dumper, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False
    )
    assert fast == slow


hedge_text = st.lists(
    st.sampled_from([
        "reportedly", "Reports", "suggest", "reports suggest", "said to be", "is said to", "May", "may", "mayor",
        "could", "according to", "appear to", "appears", "signals", "this suggests", "It", "the", ",", ".", "-", "’",
        "é", "ſ", "K", "ﬁ", "\n",
    ]),
    max_size=14,
).map(" ".join)


@FUZZ
@given(hedge_text)
def test_hedges_found_by_first_word_equal_the_full_alternation(text):
    from builder.core.lexicon import _candidates_by_regex, _candidates_by_word

    if text.isascii() or not any(c.isalpha() and not c.isascii() for c in text):
        assert _candidates_by_word(text) == _candidates_by_regex(text)


WORDS = ["reportedly", "reports", "suggest", "may", "mayor", "according to", "it", "signals", "that", "é", ",", "and",
         ";", "—", "x", "people familiar", "said", "is expected to"]


@FUZZ
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join), st.data())
def test_hedge_scope_binds_the_quotes_own_hedges_and_shows_every_hedge_it_binds(sentence, data):
    """Wherever a quote starts and ends (between words): every hedge wholly in its words binds
    it, every hedge that binds it stands in the sentence, and the words a page shows hold each."""
    from builder.content.hedges import scope_in
    from builder.core.lexicon import hedge_pattern, hedge_spans

    cuts = [0] + [i + 1 for i, c in enumerate(sentence) if c == " "] + [len(sentence) + 1]
    first = data.draw(st.integers(0, len(cuts) - 2))
    last = data.draw(st.integers(first + 1, len(cuts) - 1))
    start, end = cuts[first], cuts[last] - 1
    scope = scope_in(sentence, start, end)
    inside = {h for s, e, h in hedge_spans(sentence) if start <= s and e <= end}
    assert inside <= set(scope.hedges) <= {h for _, _, h in hedge_spans(sentence)}
    for hedge in scope.hedges:
        assert hedge_pattern(hedge).search(scope.shown), (hedge, scope.shown)


@FUZZ
@given(st.lists(
    st.sampled_from(["a", " ", "\n", "#", "|", ">", "-", "+", "2", "\ufeff", "\x85", "\u2028", "\u2029", "é", "|2-#"]),
    max_size=12,
).map("".join))
def test_libyaml_precheck_equals_its_pattern(text):
    from builder.content.yamlstrict import LIBYAML_DIFFERS, _libyaml_differs

    assert _libyaml_differs(text) == (LIBYAML_DIFFERS.search(text) is not None)


@FUZZ
@given(st.text(
    alphabet=st.sampled_from([
        "a", "é", " ", "\n", "\t", "\u00a0", "\u2003", "\u2028", "\x1c", "\u2019", "\u201c", "\u2014", "-", "😀",
    ]),
    max_size=40,
))
def test_fold_map_points_each_folded_character_at_its_origin(text):
    """Each folded character comes from the text character the map names: itself, or its
    folded quote mark or dash; a folded space from the first blank of the run it replaces."""
    from builder.core.text import fold, fold_with_map

    folded, where = fold_with_map(text)
    assert folded == fold(text)
    for i, char in enumerate(folded):
        origin = text[where[i]]
        assert (origin.isspace() and char == " ") or fold(origin) == char, (i, char, origin)
        assert char != " " or not text[where[i] - 1].isspace()


@FUZZ
@given(st.text(
    alphabet=st.sampled_from(["a", "b", " ", ".", ",", "?", "\t", "\n", "\u00a0", "\u2003", "\x1c", "é"]), max_size=40
))
def test_repairs_say_exactly_what_their_rule_changed(text):
    """A whitespace or spacing repair is its rule's substitution, and every span it reports
    turns the text before into the text after (no diff guesses it back)."""
    from builder.sources.normalize import (
        SPACE_BEFORE_PUNCTUATION,
        WHITESPACE_RUN,
        _one_space,
        _punctuation_only,
        _substitute,
    )

    for pattern, replace in ((WHITESPACE_RUN, _one_space), (SPACE_BEFORE_PUNCTUATION, _punctuation_only)):
        after, spans = _substitute(pattern, replace, text)
        assert after == pattern.sub(replace, text)
        rebuilt, last = [], 0
        for i1, i2, j1, j2 in spans:
            assert text[i1:i2] != after[j1:j2] and i1 >= last
            rebuilt += (text[last:i1], after[j1:j2])
            last = i2
        assert "".join(rebuilt) + text[last:] == after
    stripped = text.strip()
    assert _substitute(WHITESPACE_RUN, _one_space, stripped)[0] == " ".join(text.split())


def test_whitespace_runs_are_the_characters_strip_removes():
    """The whitespace repair collapses ``\\s`` runs in a stripped line: the two agree on every
    code point, so stripping first and collapsing after equals collapsing first."""
    import sys

    from builder.sources.normalize import WHITESPACE_RUN

    assert [c for c in range(sys.maxunicode + 1) if bool(WHITESPACE_RUN.fullmatch(chr(c))) != chr(c).isspace()] == []


@FUZZ
@given(st.lists(
    st.sampled_from(
        list("ab :/()!*_`\\&#;\n-") + ["http", "javascript", "img", "&lt;", "&#91;", "&#60;", "](x)", "]]", "www."]
    ),
    max_size=40,
).map("".join))
def test_text_without_brackets_or_angles_has_no_links_or_html(text):
    """check_links skips parsing a Markdown field with neither '[' nor '<': the parse of
    such a text has no [[id]], link, image or raw HTML token."""
    from builder.checks.links import _all_tokens
    from builder.content.wikilinks import links_in, make_markdown

    if "[" in text or "<" in text:
        return
    md = make_markdown(lambda i: None).enable("html_inline").enable("html_block")
    md.options["html"] = True
    assert links_in(text) == ()
    kinds = {t.type for t in _all_tokens(md.parse(text))}
    assert not kinds & {"html_inline", "html_block", "link_open", "image", "wikilink"}


@FUZZ
@given(st.recursive(
    st.one_of(st.sampled_from(["TODO", "TODO: x", "todo-id", "todo", "x TODO", ""]), st.integers(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=20,
))
def test_unfinished_values_are_found_at_any_depth(tree):
    from builder.checks.check import _unfinished

    def every(value, path):
        yield path, value
        children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in children:
            yield from every(item, path + (key,))

    expected = [(p, v) for p, v in every(tree, ()) if isinstance(v, str) and v.startswith(("TODO", "todo-"))]
    assert list(_unfinished(tree, ())) == expected


def _real_records():
    from builder.content.load import read_content
    from conftest import ROOT

    briefing, _ = load(read_content(ROOT))
    return [(d.kind, d.data) for d in briefing.documents]


def _mutations(value, path=()):
    """(path, replacement) for every place in a record: delete it, or give it another type."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path + (key,), None
            yield from _mutations(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value[:3]):
            yield from _mutations(item, path + (i,))
    for other in ("", "x", 1, [], {}, True, ["x"], {"x": 1}):
        if other != value:
            yield path, ("set", other)


def _trimmed(value):
    """A record with every list cut to its first three items, the most any variant here
    changes (``_mutations`` and ``_edge_variants`` go no further): jsonschema is slow, and a
    source's hundreds of sentences would be validated again for every variant."""
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_trimmed(item) for item in value[:3]]
    return value


def _shape(value) -> str:
    """What a schema can tell apart in a value: its type, and for text its run of character
    classes ("2026-04" is "9-9", "acme-orders" is "a-a", "Acme" is "Aa"); for a mapping its keys."""
    import re

    if isinstance(value, str):
        classes = re.sub(r"[^\W\d_]", lambda m: "A" if m.group().isupper() else "a", re.sub(r"\d", "9", value))
        return "str:" + re.sub(r"(.)\1+", r"\1", classes)
    if isinstance(value, dict):
        return "dict:" + ",".join(sorted(map(str, value)))
    if isinstance(value, list):
        return f"list:{len(value)}"
    return f"{type(value).__name__}:{value!r}"


def _first_time(kind, record, path, change, seen: set) -> bool:
    """True the first time records of a kind get this change at this place in this context:
    the path (items inside a list as one), the keys beside the value (dependentRequired and
    anyOf read those), the shape of the value replaced, the change. Records of one kind repeat
    one another's places many times over, and jsonschema is slow: each is compared once."""
    parent = record
    for step in path[:-1]:
        parent = parent[step]
    value = parent[path[-1]] if path else record
    beside = ",".join(sorted(map(str, parent))) if isinstance(parent, dict) else f"list:{len(parent)}"
    place = tuple("[]" if isinstance(step, int) and i < len(path) - 1 else step for i, step in enumerate(path))
    key = (kind, place, beside, _shape(value), repr(change))
    if key in seen:
        return False
    seen.add(key)
    return True


def _mutated(record, path, change):
    import copy

    record = copy.deepcopy(record)
    if not path:
        return change[1] if change else record
    parent = record
    for step in path[:-1]:
        parent = parent[step]
    if change is None:
        del parent[path[-1]]
    else:
        parent[path[-1]] = change[1]
    return record


def test_inlined_schemas_give_the_same_verdicts_as_the_originals():
    """Every record of the first briefing and each record with one value deleted or of
    another type: the inlined validator accepts exactly what the registry one accepts."""
    from builder.content.schemas import accepts, validator_for

    compared, seen = 0, set()
    for kind, data in _real_records():
        short = _trimmed(data)  # each record is compared whole, its variants trimmed
        changes = list(_mutations(short))[:399]
        fresh = [(path, change) for path, change in changes if _first_time(kind, short, path, change, seen)]
        variants = [data] + [_mutated(short, path, change) for path, change in fresh]
        for variant in variants:
            assert accepts(kind, variant) == validator_for(kind).is_valid(variant), (kind, variant)
            compared += 1
    assert compared > 5000


# Values that regular-expression engines, length counts and JSON converters read differently:
# a trailing newline ($ in Python's re matches before it), letters and digits beyond ASCII,
# astral characters, combining marks, a lone surrogate (as a value and as a key), numbers
# at the edges of 64 bits, and the floats JSON has no spelling for.
EDGE_VALUES = (
    "", " ", "\n", "x\n", "2026-04-05\n", "acme\n", "\nacme", "https://x.test/\n", "ＡＢＣ", "２０２６-０４-０５",
    "é", "e\u0301", "😀" * 3, "İ", "ß", "\ud800", 2**63, -(2**63) - 1, 2**64, 1.0, 0.5, -1, False, float("inf"),
    float("nan"), {"\ud800": "x"},
)


def _edge_variants(value, path=()):
    """(path, replacement) putting each edge value at every string or number of a record."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _edge_variants(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value[:2]):
            yield from _edge_variants(item, path + (i,))
    elif isinstance(value, (str, int)):
        for other in EDGE_VALUES:
            plain = not isinstance(other, str) or not isinstance(value, str) or other.strip()
            yield path, ("set", other if plain else value + other)
            if isinstance(value, str) and isinstance(other, str):
                yield path, ("set", other)


def _fast_refuses_on_purpose(value) -> bool:
    import math

    text = repr(value)
    return (
        (isinstance(value, str) and value.endswith("\n")) or "\\ud800" in text
        or (isinstance(value, float) and not math.isfinite(value))
    )


def test_fast_validator_never_accepts_what_jsonschema_refuses():
    """The fast validator only decides which records jsonschema need not explain: it may
    refuse more (jsonschema then finds nothing to report, and the record passes as before)
    but must never accept a record jsonschema refuses."""
    from builder.content.schemas import accepts, validator_for

    compared, seen = 0, set()
    for kind, data in _real_records():
        short = _trimmed(data)
        assert accepts(kind, data) and validator_for(kind).is_valid(data)
        for path, change in list(_edge_variants(short))[:600]:
            if not _first_time(kind, short, path, change, seen):
                continue
            variant = _mutated(short, path, change)
            fast, slow = accepts(kind, variant), validator_for(kind).is_valid(variant)
            assert slow or not fast, (kind, path, change)
            # Known differences, where only the fast validator refuses: Python's re lets a
            # pattern's $ match before a final newline (ECMA 262's does not), and jsonschema-rs
            # cannot read a lone surrogate or a float JSON cannot spell. Anything else is a
            # regression.
            assert fast == slow or _fast_refuses_on_purpose(change[1]), (kind, path, change)
            compared += 1
    assert compared > 5000


@FUZZ
@given(st.sampled_from(["fact", "entity", "dispute", "source", "briefing", "redirects"]), trees)
def test_inlined_schemas_agree_on_random_records(kind, record):
    from builder.content.schemas import accepts, validator_for

    assert accepts(kind, record) == validator_for(kind).is_valid(record)


@FUZZ
@given(st.lists(st.sampled_from(list("ab [](){}|`\\*\n-") + ["[[", "]]", "[[a]]", "[[b|c]]", "`[[a]]`", "    "]),
                max_size=30).map("".join))
def test_links_in_finds_what_the_parser_finds(text):
    """``links_in`` (remembered by text, and skipping texts without ``[[``) gives exactly the
    links a fresh parse gives, code spans and blocks excluded."""
    from builder.content.wikilinks import links_in, make_markdown, wikilinks_in

    assert links_in(text) == tuple(wikilinks_in(make_markdown(lambda i: None), text))
