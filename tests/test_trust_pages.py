"""What readers see: every hedge a page shows stands in the words it shows with the quote,
background is quiet, a flat statement's reason is shown, a dispute shows each quote once."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from builder.checks.check import check
from builder.checks.dates import DAY_FIELDS, EDTF_FIELDS
from builder.content.load import load, read_content
from builder.core.lexicon import hedge_pattern
from builder.synth import generate
from builder.web.jobs import render
from conftest import ROOT
from helpers import FILES, make_project

ITEM = re.compile(r'<li class="evidence-item">(.*?)</li>', re.S)
QUOTE = re.compile(r'<blockquote class="quote">(.*?)</blockquote>', re.S)
HEDGE = re.compile(r'<em class="hedge">(.*?)</em>')
ORIGINAL = re.compile(r'<a class="original-link"[^>]*>.*?</a>', re.S)


def _render(root: Path) -> dict[str, str]:
    briefing, problems = load(read_content(root))
    assert problems == []
    assert [p for p in check(briefing) if p.severity in ("error", "warning")] == []
    return render(briefing, templates=ROOT / "templates")


@pytest.fixture(scope="module")
def first_briefing() -> dict[str, str]:
    return _render(ROOT)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("synthetic")
    generate(root, 100)
    return _render(root)


def shown_items(pages: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(page, the words shown with the quote, the hedges shown) of every evidence item."""
    items = []
    for path, page in sorted(pages.items()):
        if page is None or not path.startswith(("facts/", "disputes/")):
            continue
        for item in ITEM.findall(page):
            (quote,) = QUOTE.findall(item)
            # The quote marks the page sets around the quote are no words (a hedge may straddle one).
            words = re.sub(r"[“”]", "", html.unescape(re.sub(r"<[^>]+>", "", ORIGINAL.sub("", quote))))
            items.append((path, words, [html.unescape(h) for h in HEDGE.findall(item)]))
    return items


@pytest.mark.parametrize("which", ["first_briefing", "synthetic"])
def test_every_hedge_shown_is_in_the_words_shown_with_its_quote(request, which):
    pages = request.getfixturevalue(which)
    items = shown_items(pages)
    facts = [p for p in pages if p.startswith("facts/") and p.count("/") == 1 and p != "facts/index.md"]
    assert len(items) >= len(facts) > 20  # every fact page has its evidence, and there are many
    hedged = [(path, words, hedges) for path, words, hedges in items if hedges]
    assert len(hedged) > 10
    for path, words, hedges in hedged:
        for hedge in hedges:
            assert hedge_pattern(hedge).search(words), f"{path}: {hedge!r} is shown with {words!r}, which lacks it"


def test_a_hedge_in_the_frame_is_shown_with_its_frame(first_briefing):
    page = first_briefing["facts/orders-tied-to-v4-launch.md"]
    frame = "According to the same report, major Chinese tech companies such as Alibaba, Tencent, and ByteDance"
    assert f'<span class="frame">{frame}</span> <a class="quote-link"' in page


def test_a_frame_after_the_quote_is_shown_after_it(synthetic):
    items = [item for page in synthetic.values() if page for item in ITEM.findall(page)]
    tails = [item for item in items if re.search(r'”</a> ?<span class="frame">', item)]
    assert any('<span class="frame">, people familiar with the matter said</span>' in item for item in tails)


def test_the_slips_are_gone_from_the_first_briefing(first_briefing):
    huang = first_briefing["facts/jensen-huang-nanoseconds-behind.md"]
    assert "stated without hedge" in huang and '<em class="hedge">' not in huang
    for fact in ("v4-entirely-on-huawei", "v4-to-run-on-huawei-chips"):
        assert '<em class="hedge">signals</em>' not in first_briefing[f"facts/{fact}.md"]
    variants = first_briefing["facts/v4-variants.md"]
    words = "two additional V4 variants, each optimized for different capabilities and built"
    item = next(i for i in ITEM.findall(variants) if words in i)
    assert "stated without hedge" in item
    assert first_briefing["facts/v4-entirely-on-huawei.md"].count("is expected to run <em>entirely</em>") == 1


def test_background_is_quiet_and_names_its_basis(first_briefing):
    page = first_briefing["facts/us-export-controls-restrict-china.md"]
    meta = page[page.index('<p class="fact-meta"') :].split("</p>", 1)[0]
    assert 'class="origins background"' in meta and "origin" + "-flagged" not in meta and "no known origin" not in meta
    assert '<p class="background-basis">Background, on the public record (no origin warning): The US Commerce' in page
    home = first_briefing["index.md"]
    assert home.count("no known origin") < 40
    exported = json.loads(first_briefing["briefing.json"])
    fact = next(f for f in exported["facts"] if f["id"] == "us-export-controls-restrict-china")
    assert fact["background"]["basis"].startswith("The US Commerce Department")


def test_a_dispute_page_shows_each_quote_once(first_briefing):
    for path, page in first_briefing.items():
        if path.startswith("disputes/") and path != "disputes/index.md" and page:
            quotes = [re.sub(r"<[^>]+>", "", q) for item in ITEM.findall(page) for q in QUOTE.findall(item)]
            assert len(quotes) == len(set(quotes)), path


def test_a_flat_statement_shows_its_reason(tmp_path):
    fact = FILES["content/facts/acme-orders.yaml"].replace(
        "chips, it was reported.\"", "chips.\"\n        flat_statement: \"Acme confirmed the order in its filing.\""
    )
    make_project(tmp_path, {"content/facts/acme-orders.yaml": fact})
    page = _render(tmp_path)["facts/acme-orders.md"]
    reason = "Stated without the hedge its quotes carry, because: Acme confirmed the order in its filing."
    assert f'<p class="flat-statement">{reason}</p>' in page


def _date_fields(node, key=None):
    """Names of the properties under ``node`` that the schemas type as a day or an EDTF date."""
    if not isinstance(node, dict):
        return
    refs = [node.get("$ref", "")] + [a.get("$ref", "") for a in node.get("anyOf", []) if isinstance(a, dict)]
    if key and any(ref.endswith(("/day", "/edtf")) for ref in refs):
        yield key
    for name, value in node.get("properties", {}).items():
        yield from _date_fields(value, name)
    yield from _date_fields(node.get("items"))


def test_every_date_field_of_the_schemas_is_validated():
    """The names check_calendar reads are every field the content schemas type as a date."""
    named = set()
    for path in sorted((ROOT / "builder/schemas").glob("*.schema.json")):
        if path.name != "export.schema.json":  # the site's output, not content
            named.update(_date_fields(json.loads(path.read_text())))
    assert named == set(DAY_FIELDS) | set(EDTF_FIELDS)
