"""The one text normaliser."""

import pytest

from reference.text import fold


@pytest.mark.parametrize(("text", "folded"), [
    ("Cœur d’Œuvre Émile", "coeur d'oeuvre emile"),
    ("AGENT D'ENTRETIEN", "agent d'entretien"),
    ("Aide-soignant(e) à domicile", "aide-soignant(e) a domicile"),
    ("Les Pennes-Mirabeau", "les pennes-mirabeau"),
])
def test_fold_lowers_strips_accents_and_spells_ligatures(text, folded):
    assert fold(text) == folded


def test_companies_and_offers_compare_folded_text():
    from webapp.companies.directory import normalise_company_name
    from webapp.offers.duplicates import normalise_title

    assert normalise_company_name("SARL Bœuf & Cie") == normalise_company_name("sarl boeuf & cie")
    assert normalise_title("Agent d’entretien (H/F)") == normalise_title("Agent d'entretien")
