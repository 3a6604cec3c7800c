"""Text-fragment deep links into original articles."""

from __future__ import annotations

from builder.web.deeplinks import deep_link, encode, text_fragment

RAW = "Intro line here. Tech giants like Alibaba, ByteDance & Tencent reportedly placed orders for Huawei’s chips — hundreds of thousands, in total. After that."


def test_syntax_characters_and_non_ascii_are_percent_encoded():
    assert encode("one-two, three & four") == "one%2Dtwo%2C%20three%20%26%20four"
    assert encode("Huawei’s — 华为") == "Huawei%E2%80%99s%20%E2%80%94%20%E5%8D%8E%E4%B8%BA"


def test_short_quote_with_prefix_and_suffix():
    assert text_fragment(RAW, "ByteDance & Tencent reportedly") == ":~:text=giants%20like%20Alibaba%2C-,ByteDance%20%26%20Tencent%20reportedly,-placed%20orders%20for"


def test_long_quote_uses_start_and_end_and_matches_folded_quote_marks():
    fragment = text_fragment(RAW, "placed orders for Huawei's chips - hundreds of thousands, in total")
    assert fragment == ":~:text=%26%20Tencent%20reportedly-,placed%20orders%20for%20Huawei%E2%80%99s,of%20thousands%2C%20in%20total,-.%20After%20that."


def test_no_link_when_the_words_are_not_in_the_raw_text():
    assert deep_link("https://example.org/a", RAW, "words that are not there at all") is None


def test_deep_link_replaces_any_existing_fragment():
    assert deep_link("https://example.org/a#top", RAW, "Intro line here.").startswith("https://example.org/a#:~:text=Intro%20line%20here.,-Tech")
