"""Title to ROME suggestions, on the real ROME 4.0 labels and synonyms."""

import pytest

from matching.textsim import normalize_title


def codes(ref, title, limit=5):
    return [s.code for s in ref.suggester.suggest(title, limit)]


def test_auxiliaire_de_vie_is_k1302(ref):
    assert codes(ref, "auxiliaire de vie")[0] == "K1302"
    assert ref.suggester.infer("auxiliaire de vie").code == "K1302"


def test_agent_d_entretien_is_office_cleaning_but_ambiguous(ref):
    # In ROME 4.0 office cleaning is K2205 (K2204 became industrial cleaning); "agent
    # d'entretien" also names building maintenance (I1203): the code must be confirmed.
    assert set(codes(ref, "agent d'entretien", 2)) == {"K2205", "I1203"}
    inference = ref.suggester.infer("agent d'entretien")
    assert inference.to_confirm and inference.suggestions[0].score == 100.0


def test_k2204_for_industrial_cleaning_and_office_cleaning_titles(ref):
    assert ref.suggester.infer("Agent de nettoyage industriel H/F").code == "K2204"
    assert set(codes(ref, "nettoyage de locaux", 2)) == {"K2204", "K2205"}


@pytest.mark.parametrize("title, code", [
    ("auxilaire de vi", "K1302"),  # typos
    ("CARISTE (H/F)", "N1101"),
    ("aide-soignante", "J1501"),
    ("Chauffeur livreur", "N4105"),
])
def test_everyday_titles(ref, title, code):
    assert codes(ref, title)[0] == code


def test_suggestions_are_sorted_scored_and_labelled(ref):
    suggestions = ref.suggester.suggest("serveur", limit=3)
    assert len(suggestions) == 3
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)
    assert suggestions[0].label == ref.rome_labels[suggestions[0].code]
    assert all(0 < s.score <= 100 for s in suggestions)


@pytest.mark.parametrize("title", ["", "  ", "!!!", "H/F"])
def test_empty_titles_suggest_nothing(ref, title):
    assert ref.suggester.suggest(title) == []
    assert ref.suggester.infer(title).to_confirm


def test_gibberish_is_never_clear(ref):
    assert ref.suggester.infer("xyzzy").to_confirm


def test_normalize_title():
    assert normalize_title("Agent(e) d'Entretien H/F – Œuvre") == "agent e d entretien oeuvre"
