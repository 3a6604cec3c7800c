"""The claim notes' TF-IDF and stop words equal scikit-learn's, which they are copied from so
that a first `briefing check` need not import it (over a second, with SciPy)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.claims.index import build_index, tfidf_rows
from builder.claims.extract import extract
from builder.content.load import load, read_content
from builder.claims.stopwords import ENGLISH_STOP_WORDS
from conftest import ROOT

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")


def _sklearn_rows(documents: list[list[str]]) -> list[dict[str, float]]:
    if not any(documents):  # scikit-learn refuses a corpus without a single term
        return [{} for _ in documents]
    vectorizer = sklearn_text.TfidfVectorizer(analyzer=lambda terms: terms, lowercase=False)
    matrix = vectorizer.fit_transform(documents)
    names = vectorizer.get_feature_names_out().tolist()
    return [
        {names[i]: value for i, value in zip(matrix.indices[a:b].tolist(), matrix.data[a:b].tolist())}
        for a, b in zip(matrix.indptr, matrix.indptr[1:])
    ]


def _assert_equal_rows(ours, theirs):
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs):
        assert list(mine) == sorted(reference)  # the same terms, in sorted order
        for term, value in reference.items():
            assert mine[term] == pytest.approx(value, rel=1e-12, abs=1e-15)


def test_stop_words_are_scikit_learns():
    assert ENGLISH_STOP_WORDS == sklearn_text.ENGLISH_STOP_WORDS


TERMS = ["@huawei", "@deepseek", "chip", "model", "order", "nvidia", "v4", "launch", "report", "ascend"]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.lists(st.sampled_from(TERMS), max_size=12), max_size=12))
def test_tfidf_rows_equal_scikit_learns(documents):
    _assert_equal_rows(tfidf_rows(documents), _sklearn_rows(documents))


def test_tfidf_rows_of_the_first_briefing_equal_scikit_learns():
    briefing, problems = load(read_content(ROOT))
    index = build_index(extract(briefing))
    assert len(index.terms) > 100
    _assert_equal_rows(index.rows, _sklearn_rows(index.terms))
