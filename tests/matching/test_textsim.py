"""The hand-written TF-IDF (matching/textsim.py CharTfidf) gives scikit-learn's vectors."""

import numpy as np
import pytest

from matching.textsim import CharTfidf, char_ngrams, normalize_title


def test_char_ngrams_are_the_char_wb_analyzer_ones():
    assert char_ngrams("a") == [" a", "a ", " a "]
    assert char_ngrams("vie") == [" v", "vi", "ie", "e ", " vi", "vie", "ie ", " vie", "vie "]


def test_vectors_equal_scikit_learn_tfidf_on_the_rome_terms(ref):
    text = pytest.importorskip("sklearn.feature_extraction.text")
    terms = list(ref.job_text.terms)
    queries = [normalize_title(t) for t in ("Agent d'entretien H/F", "plongeur", "aide à domicile",
                                            "xyz", "", "Chef d'équipe plombier")]
    sk = text.TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True,
                              lowercase=False).fit(terms)
    ours = CharTfidf(terms)
    assert list(sk.get_feature_names_out()) == sorted(ours.vocabulary)
    for texts in (terms, queries):
        expected, got = sk.transform(texts).toarray(), ours.transform(texts).toarray()
        assert np.allclose(expected, got, rtol=0, atol=1e-12)
