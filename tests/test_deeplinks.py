"""Text-fragment deep links into original articles."""

from __future__ import annotations

from builder.core.text import fold, fold_with_map
from builder.web.deeplinks import deep_link, encode, text_fragment

def span(text: str, quote: str) -> tuple[int, int]:
    """Where a quote stands in a text after folding, as the check finds it."""
    folded, where = fold_with_map(text)
    at = folded.find(fold(quote))
    assert at >= 0
    return where[at], where[at + len(fold(quote)) - 1] + 1


RAW = (
    "Intro line here. Tech giants like Alibaba, ByteDance & Tencent reportedly placed orders for Huawei’s chips — "
    "hundreds of thousands, in total. After that."
)


def test_syntax_characters_and_non_ascii_are_percent_encoded():
    assert encode("one-two, three & four") == "one%2Dtwo%2C%20three%20%26%20four"
    assert encode("Huawei’s — 华为") == "Huawei%E2%80%99s%20%E2%80%94%20%E5%8D%8E%E4%B8%BA"


def test_short_quote_with_prefix_and_suffix():
    assert text_fragment(RAW, span(RAW, "ByteDance & Tencent reportedly")) == (
        ":~:text=giants%20like%20Alibaba%2C-,ByteDance%20%26%20Tencent%20reportedly,-placed%20orders%20for"
    )


def test_long_quote_uses_start_and_end_and_matches_folded_quote_marks():
    fragment = text_fragment(RAW, span(RAW, "placed orders for Huawei's chips - hundreds of thousands, in total"))
    assert fragment == (
        ":~:text=%26%20Tencent%20reportedly-,placed%20orders%20for%20Huawei%E2%80%99s,"
        "of%20thousands%2C%20in%20total,-.%20After%20that."
    )


def test_deep_link_replaces_any_existing_fragment():
    assert deep_link("https://example.org/a#top", RAW, span(RAW, "Intro line here.")).startswith("https://example.org/a#:~:text=Intro%20line%20here.,-Tech")


def test_a_fact_page_quote_links_into_the_original_where_the_check_found_it():
    """The renderer's deep link is built from the span the check located (the evidence memo),
    in the source's own text: every quote of the first briefing gets one once its source has a URL."""
    from pathlib import Path

    from builder.content.evidence import iter_evidence
    from builder.content.load import load, read_content
    from builder.web.analysis import analyze
    from builder.web.render import Renderer

    root = Path(__file__).resolve().parent.parent
    briefing, _ = load(read_content(root))
    renderer = Renderer(briefing, analyze(briefing), root / "templates")
    items = [item for _, _, item in iter_evidence(briefing)]
    assert items
    for item in items:
        source = briefing.sources[item["source"]]
        briefing.kind("source")[source.id].data["url"] = f"https://example.org/{source.id}#old"
        link = renderer.deep_link(source.id, item["quote"])
        found = briefing.quote_spans[(source.id, item["quote"])]
        assert link == f"https://example.org/{source.id}#" + text_fragment(source.text, found)
    briefing.kind("source")[source.id].data["url"] = None
    assert renderer.deep_link(source.id, item["quote"]) is None, "no URL, no link"
