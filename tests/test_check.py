"""`briefing check`: one small case per problem kind, with the exact message written by hand."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from helpers import FILES, briefing, make_project

FACT = "content/facts/acme-orders.yaml"


def edit(path: str, old: str, new: str) -> dict[str, str]:
    assert old in FILES[path], old
    return {path: FILES[path].replace(old, new.replace("\n", "\n        "))}


def run_check(tmp_path, overrides):
    make_project(tmp_path, overrides)
    return briefing(tmp_path, "check")


def test_clean_project_passes(tmp_path):
    result = run_check(tmp_path, {})
    assert (result.returncode, result.stdout, result.stderr) == (0, "check: no problems\n", "")


CASES = [
    (
        "quote not in its source names the nearest text and sentence",
        edit(FACT, "placed bulk orders totaling two", "placed large orders totaling two"),
        "content/facts/acme-orders.yaml:6:12: error: the quote is not in s001-acme [quote-not-found]\n"
        "  nearest text in the source (95% alike, sentence s-{anchor}):\n"
        '  "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"\n'
        "  your quote against it, word by word ([-yours-]{+the source's+}):\n"
        "  … has reportedly placed [-large-]{+bulk+} orders totaling two …\n"
        "  copy the words exactly; only whitespace, quote marks and dashes may differ",
    ),
    (
        "a quote cut inside words at both ends: the nearest text is whole words, the cut words marked",
        edit(FACT, '"Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"',
             '"Acme Corp has reportedly placed bulk orders totalling two hundred thousand unit of Chip"'),
        "content/facts/acme-orders.yaml:6:12: error: the quote is not in s001-acme [quote-not-found]\n"
        "  nearest text in the source (99% alike, sentence s-{anchor}):\n"
        '  "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units of Chipco"\n'
        "  your quote against it, word by word ([-yours-]{+the source's+}):\n"
        "  … placed bulk orders [-totalling-]{+totaling+} two hundred thousand [-unit-]{+units+} "
        "of [-Chip-]{+Chipco+}\n"
        "  copy the words exactly; only whitespace, quote marks and dashes may differ",
    ),
    (
        "too short a quote",
        {
            **edit(
                FACT, '"Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"',
                '"reportedly placed bulk orders"',
            ),
            **edit("content/briefing.yaml", "ordered chips", "ordered chips"),
        },
        "content/facts/acme-orders.yaml:6:12: error: the quote has 4 words; quotes need at least 5 [quote-too-short]\n"
        "  quote enough of the sentence to carry the claim\n"
        "content/facts/acme-orders.yaml:2:12: error: the statement says 'two', but none of its quotes does "
        "[number-not-quoted]\n"
        "  copy numbers and quantities exactly as a quote gives them; never round\n"
        "content/facts/acme-orders.yaml:2:12: error: the statement says 'hundred', but none of its quotes does "
        "[number-not-quoted]\n"
        "  copy numbers and quantities exactly as a quote gives them; never round\n"
        "content/facts/acme-orders.yaml:2:12: error: the statement says 'thousand', but none of its quotes does "
        "[number-not-quoted]\n"
        "  copy numbers and quantities exactly as a quote gives them; never round",
    ),
    (
        "a rounded number in the statement",
        edit(FACT, "for two hundred thousand chips", "for 200,000 chips"),
        "content/facts/acme-orders.yaml:2:12: error: the statement says '200,000', but none of its quotes does "
        "[number-not-quoted]\n"
        "  copy numbers and quantities exactly as a quote gives them; never round",
    ),
    (
        "unknown id in a Markdown field suggests the closest",
        edit(FACT, '"[[acme]] placed', '"[[acmee]] placed'),
        "content/facts/acme-orders.yaml:2:13: error: [[acmee]] links to no record [unknown-id]\n"
        "  did you mean 'acme'?",
    ),
    (
        "unknown source id",
        edit(FACT, "source: s001-acme", "source: s001-acne"),
        "content/facts/acme-orders.yaml:5:13: error: there is no source 's001-acne' [unknown-id]\n"
        "  did you mean 's001-acme'?",
    ),
    (
        "confirmed with only hedged evidence",
        edit(FACT, "status: reported", "status: confirmed"),
        "content/facts/acme-orders.yaml:3:9: error: status is 'confirmed', but every quote is hedged, which supports "
        "at most 'reported' [status-too-firm]\n"
        "  set status: reported, or add evidence that states it without hedging",
    ),
    (
        "status outside the vocabulary",
        edit(FACT, "status: reported", "status: rumoured"),
        "content/facts/acme-orders.yaml:3:9: error: status is 'rumoured', which is not allowed [bad-value]\n"
        "  did you mean 'reported'? use one of: confirmed, reported, speculative, disputed, refuted",
    ),
    (
        "a hedge that is not in the sentence",
        edit(FACT, "hedge: [reportedly]", "hedge: [reportedly, allegedly]"),
        "content/facts/acme-orders.yaml:7:25: error: the hedge 'allegedly' is not in the quoted sentence "
        "[hedge-not-in-sentence]\n"
        "  list only hedging words that stand in the sentence the quote comes from",
    ),
    (
        "a hedge left out is a warning",
        edit(FACT, "hedge: [reportedly]", "hedge: []"),
        "content/facts/acme-orders.yaml:7:12: warning: the quote is hedged by 'reportedly'"
        " (in its words or its reporting frame), but hedge does not say so [hedge-missed]\n"
        "  add reportedly to hedge, or quote a sentence that states it plainly",
    ),
    (
        "misspelt field suggests the right one",
        edit(FACT, "statement:", "statment:"),
        "content/facts/acme-orders.yaml:1:1: error: the record is missing the required field 'statement' "
        "[missing-field]\n"
        "  add 'statement:' (What the sources say, in the briefing's words; links entities with [[id]]. Every number "
        "in it must stand in a quote.)\n"
        "content/facts/acme-orders.yaml:2:1: error: unknown field 'statment' [unknown-field]\n"
        "  did you mean 'statement'?",
    ),
    (
        "id that does not match the file name",
        edit(FACT, "id: acme-orders", "id: acme-order"),
        "content/facts/acme-orders.yaml:1:5: error: the id 'acme-order' does not match the file name 'acme-orders' "
        "[id-mismatch]\n"
        "  set id: acme-orders, or rename the file to acme-order.yaml",
    ),
    (
        "an id that would take a list page's place",
        {
            "content/entities/index.yaml":
                FILES["content/entities/acme.yaml"].replace("id: acme", "id: index").replace("Acme Corp", "Index Corp"),
        },
        "content/entities/index.yaml:1:5: error: the id 'index' is reserved: the site's lists live at entities/index "
        "[reserved-id]\n"
        "  rename the file and its id",
    ),
    (
        "id with a path trick",
        edit(FACT, "id: acme-orders", "id: ../../etc/passwd"),
        "content/facts/acme-orders.yaml:1:5: error: the id '../../etc/passwd' could point outside its folder [bad-id]\n"
        "  ids are lower-case letters, digits and hyphens only: no '/', '\\' or '..'",
    ),
    (
        "the same id in two kinds",
        {"content/disputes/acme.yaml": "id: acme\nquestion: \"Did [[acme]] order?\"\nstate: open\npositions:\n"
         "  - claim: \"Yes\"\n    status: reported\n    facts: [acme-orders]\n"
         "  - claim: \"No\"\n    status: speculative\n"
         "    evidence: [{source: s001-acme,"
         " quote: \"Analysts said the move was unusual for the industry in this region.\","
         " hedge: [], via: []}]\nnote: \"Unclear.\"\nchanged: \"2026-05-01\"\n"},
        "content/entities/acme.yaml:1:5: error: the id 'acme' is already used by content/disputes/acme.yaml "
        "[duplicate-id]\n"
        "  ids are one namespace across sources, entities, facts and disputes: rename one",
    ),
    (
        "a dispute position with no evidence",
        {"content/disputes/did-acme-order.yaml": "id: did-acme-order\nquestion: \"Did [[acme]] order?\"\n"
         "state: open\npositions:\n  - claim: \"Yes\"\n    status: reported\n    facts: [acme-orders]\n"
         "  - claim: \"No\"\n    status: speculative\nnote: \"Unclear.\"\nchanged: \"2026-05-01\"\n"},
        "content/disputes/did-acme-order.yaml:8:5: error: item 2 of positions needs 'facts' or 'evidence' "
        "[missing-field]\n"
        "  a position must rest on facts or quoted evidence",
    ),
    (
        "wrong type: a yes that is not a boolean",
        edit(FACT, "changed:", "expected: yes\nchanged:"),
        "content/facts/acme-orders.yaml:9:11: error: expected should be true or false, not 'yes' [wrong-type]\n"
        "  write true or false (YAML words like yes, no, on and off are not booleans here)",
    ),
    (
        "an impossible EDTF date",
        edit(
            FACT, "changed:",
            'when: "2026-02-30"\nwhen_basis:\n  phrase: "within weeks"\n  relative_to: as-of\n  derivation: "x y z"\n'
            'changed:',
        ),
        "content/facts/acme-orders.yaml:9:7: error: when '2026-02-30' is not a real calendar date:"
        " February 2026 has 28 days [impossible-date]\n"
        "  correct '2026-02-30', e.g. to '2026-02-28'",
    ),
    (
        "a date more precise than its phrase",
        edit(
            FACT, "changed:",
            'when: "2026-05-14"\nwhen_basis:\n  phrase: "within weeks"\n  relative_to: as-of\n'
            '  derivation: "weeks after the as-of day"\nexpected: true\nchanged:',
        ),
        "content/facts/acme-orders.yaml:11:11: error: the time phrase 'within weeks' is in none of this fact's quotes "
        "[phrase-not-quoted]\n"
        "  copy the time words from a quote, or quote the sentence that has them\n"
        "content/facts/acme-orders.yaml:9:7: error: '2026-05-14' names a day, but 'within weeks' supports only a month "
        "[date-too-precise]\n"
        "  write it to a month at most, e.g. '2026-05'",
    ),
    (
        "raw HTML in a Markdown field",
        edit(FACT, "changed:", 'note: "Read <script>alert(1)</script> this"\nchanged:'),
        "content/facts/acme-orders.yaml:9:7: error: raw HTML is not allowed in Markdown fields [raw-html]\n"
        "  write Markdown: **bold**, *italic*, [text](https://…), [[id]]",
    ),
    (
        "a summary line that links no fact",
        edit("content/briefing.yaml", "[[acme]] ordered chips ([[acme-orders]]).", "Chips were ordered."),
        "content/briefing.yaml:5:5: error: this summary line links no fact [unsourced-line]\n"
        "  link the facts it rests on with [[fact-id]]",
    ),
    (
        "a lede sentence that links no fact",
        edit(
            "content/briefing.yaml", "[[acme]] reportedly [[acme-orders|ordered chips]].",
            "[[acme]] reportedly [[acme-orders|ordered chips]]. Chips are scarce.",
        ),
        "content/briefing.yaml:7:59: error: sentence 2 of the lede links no fact: “Chips are scarce.” "
        "[prose-unsourced]\n"
        "  link the fact or facts it rests on with [[fact-id]] or [[fact-id|your words]], or cut the sentence",
    ),
    (
        "a key answer firmer than the reported fact it links",
        edit(
            "content/briefing.yaml", "Reportedly, [[acme-orders|yes]].", "Yes: [[acme]] [[acme-orders|ordered chips]]."
        ),
        "content/briefing.yaml:10:14: error: sentence 1 of the answer to key question 1 is firmer than the facts it "
        "links (acme-orders is reported): it has no hedge, so it reads as confirmed: “Yes: [[acme]] "
        "[[acme-orders|ordered chips]].” [prose-too-firm]\n"
        '  hedge it as a report ("reportedly", "according to", "is expected to", "may"), or link only facts as firm as '
        'the sentence',
    ),
    (
        "a hedge word in a linked fact's id does not hedge the sentence",
        {
            **edit("content/briefing.yaml", "Reportedly, [[acme-orders|yes]].", "Yes: [[acme-may-order]]."),
            "content/facts/acme-may-order.yaml": FILES[FACT].replace("id: acme-orders", "id: acme-may-order"),
        },
        "content/briefing.yaml:10:14: error: sentence 1 of the answer to key question 1 is firmer than the facts it "
        "links (acme-may-order is reported): it has no hedge, so it reads as confirmed: “Yes: [[acme-may-order]].” "
        "[prose-too-firm]\n"
        '  hedge it as a report ("reportedly", "according to", "is expected to", "may"), or link only facts as firm as '
        'the sentence',
    ),
    (
        "a speculative fact stated as a report",
        {
            **edit(
                "content/briefing.yaml", "[[acme]] reportedly [[acme-orders|ordered chips]].",
                "The outlets suggest [[acme]] [[acme-orders|ordered chips]].",
            ),
            FACT: FILES[FACT].replace("status: reported", "status: speculative"),
        },
        "content/briefing.yaml:10:14: error: sentence 1 of the answer to key question 1 is firmer than the facts it "
        "links (acme-orders is speculative): its only hedges (reportedly) read as a report: “Reportedly, "
        "[[acme-orders|yes]].” [prose-too-firm]\n"
        '  mark it as the outlets\' own reading ("suggests", "signals", "indicates"), or link only facts as firm as '
        'the sentence',
    ),
    (
        "a key question pointing at no fact or dispute",
        edit("content/briefing.yaml", "more: acme-orders", "more: acme-order"),
        "content/briefing.yaml:11:11: error: key question 1's more: 'acme-order' is no fact or dispute [unknown-id]\n"
        "  did you mean 'acme-orders'?",
    ),
    (
        "a null metadata value without a reason",
        {"content/sources/s001-acme.meta.yaml": """\
            id: s001-acme
            outlet: null
            url: null
            byline: null
            role: null
            published: null
            credited: []
            title: "Acme buys chips"
            unknown:
              outlet: "the seed carries no such line"
              byline: "the seed carries no such line"
              published: "the seed carries no such line"
            notes: ""
            changed: "2026-05-01"
            """},
        "content/sources/s001-acme.meta.yaml:3:6: error: url is null without a reason [unexplained-null]\n"
        "  add under unknown: `url: <why nobody knows it>`",
    ),
    (
        "a statement that drops its evidence's hedge ('will' is flat)",
        edit(FACT, "placed bulk orders for two hundred thousand chips, it was reported.",
             "will place bulk orders for two hundred thousand chips."),
        "content/facts/acme-orders.yaml:2:12: warning: every quote of this reported fact is hedged or credited"
        " (reportedly), but the statement asserts it flatly [statement-drops-hedge]\n"
        "  keep the hedge in the statement, e.g. 'Reportedly, [[acme]] will place bulk orders for two hundred thousand"
        " chips.'; or, if the flat wording is right, add flat_statement: <why> (shown on the fact's page)",
    ),
    (
        "an expected hedge suggests the statement's own words",
        {FACT: FILES[FACT]
         .replace("placed bulk orders for two hundred thousand chips, it was reported.", "will launch within weeks.")
         .replace("Acme Corp has reportedly placed bulk orders totaling two hundred thousand units",
                  "The model may launch within weeks, people familiar with the plan said.")
         .replace("hedge: [reportedly]", "hedge: [may, people familiar]")},
        "content/facts/acme-orders.yaml:2:12: warning: every quote of this reported fact is hedged or credited"
        " (may, people familiar), but the statement asserts it flatly [statement-drops-hedge]\n"
        "  keep the hedge in the statement, e.g. 'Reportedly, [[acme]] will launch within weeks.';"
        " or, if the flat wording is right, add flat_statement: <why> (shown on the fact's page)",
    ),
    (
        "a flat statement with a written reason passes",
        {FACT: FILES[FACT].replace(
            "chips, it was reported.\"",
            "chips.\"\n        flat_statement: \"Acme confirmed the order in its filing; the article relayed it.\"",
        )},
        "",
    ),
]


@pytest.mark.parametrize("title,overrides,expected", CASES, ids=[c[0] for c in CASES])
def test_problem_message(tmp_path, title, overrides, expected):
    result = run_check(tmp_path, overrides)
    assert result.returncode == (1 if " error: " in expected else 0)
    anchor = ""
    if "{anchor}" in expected:
        record = (tmp_path / "content/sources/s001-acme.yaml").read_text()
        anchor = record.split("anchor: s-")[2][:8]  # the seed's line 2, which the quotes come from
    assert blocks(result.stderr) == blocks(expected.replace("{anchor}", anchor))


def blocks(output: str) -> list[str]:
    """Problems as blocks (head line plus hint lines), sorted; the summary line dropped."""
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("content/"):
            found.append(line)
        elif line.startswith("  "):
            found[-1] += "\n" + line
    return sorted(found)


def test_a_source_without_outlet_or_title_is_named_by_neither_and_warned(tmp_path):
    make_project(tmp_path, {})
    meta = tmp_path / "content/sources/s001-acme.meta.yaml"
    meta.write_text(meta.read_text().replace('title: "Acme buys chips"', "title: null"))
    result = briefing(tmp_path, "check")
    assert result.returncode == 0
    assert blocks(result.stderr) == [
        "content/sources/s001-acme.meta.yaml:12:8: warning: source 's001-acme' has neither an outlet nor a title, "
        'so readers would see its detected headline or "Untitled article" [source-unnamed]\n'
        "  set outlet: when the text names its publication; otherwise set title: to a short name of your own "
        "for the article (a few words, no guessed outlet)"
    ]
    assert briefing(tmp_path, "check", "--strict").returncode == 1


def test_quote_in_another_source_names_it(tmp_path):
    make_project(tmp_path)
    (tmp_path / "seeds/002_other.txt").write_text(
        "Another paper wrote that the orders were large and came from many buyers.\n"
    )
    briefing(tmp_path, "normalize")
    (tmp_path / FACT).write_text(dedent(FILES[FACT]).replace(
        "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units",
        "the orders were large and came from many buyers",
    ))
    result = briefing(tmp_path, "check")
    assert (
        "content/facts/acme-orders.yaml:6:12: error: the quote is not in s001-acme, but it is in s002-other "
        "[quote-wrong-source]\n  set source: s002-other, or quote what s001-acme says\n"
    ) in result.stderr


def test_null_metadata_needs_a_reason(tmp_path):
    make_project(tmp_path)
    meta = tmp_path / "content/sources/s001-acme.meta.yaml"
    meta.write_text(re.sub(r"  url: .*\n", "", meta.read_text()))
    result = briefing(tmp_path, "check")
    assert result.stderr == (
        "content/sources/s001-acme.meta.yaml:7:6: error: url is null without a reason [unexplained-null]\n"
        "  add under unknown: `url: <why nobody knows it>`\n"
        "1 error in 1 file\n"
    )


def test_github_format_escapes_and_annotates(tmp_path):
    make_project(tmp_path, edit(FACT, "status: reported", "status: confirmed"))
    result = briefing(tmp_path, "--format", "github", "check")
    assert result.stderr.splitlines()[0] == (
        "::error file=content/facts/acme-orders.yaml,line=3,col=9,title=status-too-firm::"
        "status is 'confirmed', but every quote is hedged, which supports at most 'reported'%0A"
        "set status: reported, or add evidence that states it without hedging"
    )


def test_all_problems_are_reported_together_and_sorted(tmp_path):
    overrides = {**edit(FACT, "status: reported", "status: confirmed")}
    overrides["content/entities/acme.yaml"] = FILES["content/entities/acme.yaml"].replace("kind: company", "kind: firm")
    result = run_check(tmp_path, overrides)
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert lines == sorted(lines) and len(lines) == 2
    assert result.stderr.endswith("2 errors in 2 files\n")


def test_usage_error_exits_2(tmp_path):
    result = briefing(tmp_path, "check", "--no-such-flag")
    assert result.returncode == 2


def test_only_hedges_that_bind_the_quote_are_required(tmp_path):
    """Before the quote's end every hedge binds it; after it only attributions do."""
    fact = FILES[FACT].replace(
        "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units",
        "Acme placed orders for new chips this spring",
    ).replace("hedge: [reportedly]", "hedge: []").replace(
        "bulk orders for two hundred thousand chips", "orders for new chips"
    )
    result = run_check(tmp_path, {FACT: fact})
    assert blocks(result.stderr) == [
        "content/facts/acme-orders.yaml:7:12: warning: the quote is hedged by 'according to'"
        " (in its words or its reporting frame), but hedge does not say so [hedge-missed]\n"
        "  add according to to hedge, or quote a sentence that states it plainly"
    ]


def test_stated_via_must_be_named_by_the_article(tmp_path):
    reuters = (
        "id: reuters\nname: Reuters\nkind: outlet\ndescription: \"A news agency.\"\naliases: []\n"
        "changed: \"2026-05-01\"\n"
    )
    stated = FILES[FACT].replace("via: []", "via:\n              - entity: reuters\n                basis: stated")
    result = run_check(tmp_path, {FACT: stated, "content/entities/reuters.yaml": reuters})
    assert blocks(result.stderr) == [
        "content/facts/acme-orders.yaml:9:17: error: via names 'reuters' as stated by the article, but neither the "
        "quoted sentence nor the attribution names it [via-not-stated]\n"
        "  set basis: editor and say why in note, or quote the words that credit it"
    ]


def test_format_may_follow_the_command(tmp_path):
    make_project(tmp_path, edit(FACT, "status: reported", "status: confirmed"))
    result = briefing(tmp_path, "check", "--format", "github")
    assert result.stderr.startswith("::error file=content/facts/acme-orders.yaml,line=3,col=9,title=status-too-firm::")


def test_a_quote_from_site_chrome_is_flagged(tmp_path):
    import datetime as dt

    from builder.sources.records import normalize_tree

    project = make_project(tmp_path)
    seed = project / "seeds/001_acme.txt"
    seed.write_text(seed.read_text() + "Sign up for our daily chips newsletter to read more stories like this one.\n")
    normalize_tree(project, today=dt.date(2026, 5, 1))
    fact = project / FACT
    fact.write_text(
        dedent(FILES[FACT])
        .replace(
            "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units",
            "Sign up for our daily chips newsletter",
        )
        .replace("hedge: [reportedly]", "hedge: []")
        .replace(" for two hundred thousand chips", " chips")
    )
    result = briefing(project, "check")
    assert "content/facts/acme-orders.yaml:6:12: warning: the quote comes from site chrome (s-" in result.stderr
    assert "[quote-from-chrome]\n  quote the article's own sentences\n" in result.stderr
