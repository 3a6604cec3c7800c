"""Name finding for entity mentions: whole words, longest name first, any script."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.core.names import NameFinder

NAMES = [
    "deepseek", "deepseek v4", "v4", "huawei", "huawei technologies", "华为", "华为技术", "深度求索", "ascend 910c",
    "u.s. commerce department",
]


def test_longest_name_wins_and_words_stay_whole():
    finder = NameFinder(NAMES)
    assert finder.find("DeepSeek V4 runs on Huawei's Ascend 910C chips.") == ["deepseek v4", "huawei", "ascend 910c"]
    assert finder.find("DeepSeekers and Huaweis are not names here; V40 neither.") == []
    assert finder.find("据报道，华为芯片") == ["华为"]
    assert finder.find("The U.S. Commerce Department said") == ["u.s. commerce department"]


def test_names_inside_a_longer_name():
    finder = NameFinder(NAMES)
    assert finder.inside("deepseek v4") == {"deepseek", "v4"}
    assert finder.inside("huawei technologies") == {"huawei"}
    assert finder.inside("华为 ascend") == {"华为"}


words = st.sampled_from([
    "DeepSeek", "deepseek", "V4", "v40", "Huawei", "Huawei's", "华为", "华为云", "华为技术", "深度求索", "深度",
    "Ascend", "910C", "chips", ",", ".", "U.S.", "Commerce", "Department",
])


@settings(deadline=None, max_examples=300)
@given(st.lists(words, max_size=12).map(" ".join))
def test_same_names_as_one_regex_alternation(text):
    """The word lookup finds what a longest-first alternation with word boundaries finds."""
    parts = [
        rf"(?<!\w){re.escape(n)}(?!\w)" if n.isascii() else re.escape(n)
        for n in sorted(NAMES, key=lambda n: (-len(n), n))
    ]
    expected = sorted(m.group(0).casefold() for m in re.finditer("|".join(parts), text, re.IGNORECASE))
    assert sorted(NameFinder(NAMES).find(text)) == expected
