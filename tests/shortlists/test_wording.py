"""The screens speak French, not codes (issue 14): job names in the reasons, activity names
for NAF codes, a drawing and a label of its own for each travel mode (no emoji)."""

import re

from flask import render_template_string

from tests import factories
from tests.shortlists.test_shortlists import WALKER, _ae_with_people
from webapp.profiles.models import TRAVEL_MODES
from webapp.shortlists.wording import spoken_reason

ICONS = '{% from "shortlists/_mode_icons.html" import mode_icon %}{{ mode_icon(mode) }}'


def test_reasons_name_the_job_and_the_domaine_never_their_codes(database):
    assert spoken_reason("Métier visé : N1103 (correspondance exacte)") == (
        "Métier visé : Préparateur / Préparatrice de commandes (correspondance exacte)")
    assert spoken_reason("Métier proche : K2201 visé, même domaine professionnel K22 "
                         "(Nettoyage et propreté)") == (
        "Métier proche : Blanchisseur industriel / Blanchisseuse industrielle visé, même domaine "
        "professionnel « Nettoyage et propreté »")
    assert spoken_reason("Expérience : 18 mois en K2204").endswith("mois en Agent / Agente de "
                                                                   "nettoyage industriel")
    assert spoken_reason("Trajet estimé : 31 min à pied (max. 45)") == (
        "Trajet estimé : 31 min à pied (max. 45)")


def test_an_offers_candidates_speak_french_with_a_drawn_travel_mode(client, login, database):
    org, ae = _ae_with_people()
    factories.profile(org, ae, insee="13201", targets=("N1103",), **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="N1103", hours_per_week=24)
    login(ae)
    page = client.get(f"/offres/{offer.id}/candidats").get_data(as_text=True)
    assert "Métier visé : Préparateur / Préparatrice de commandes (correspondance exacte)" in page
    assert not re.search(r"\b[A-N]\d{4} \(correspondance", page)
    assert '<svg class="mode-icon mode-walk"' in page
    assert '<span class="mode-label">À pied</span>' in page
    assert "🚌" not in page


def test_each_travel_mode_has_its_own_drawing(app):
    with app.test_request_context():
        drawings = {mode: render_template_string(ICONS, mode=mode) for mode in TRAVEL_MODES}
    bodies = {re.sub(r'class="[^"]*"', "", svg) for svg in drawings.values()}
    assert len(bodies) == len(TRAVEL_MODES)  # six different drawings
    for mode, svg in drawings.items():
        assert svg.startswith(f'<svg class="mode-icon mode-{mode}"') and 'aria-hidden="true"' in svg
        assert "style=" not in svg  # the CSP forbids inline styles


def test_the_directory_names_a_companys_activity_not_its_naf_code(client, login, database):
    factories.company("Nettoyage du Panier (test)", naf_code="81")
    org = factories.organisation(pole_code="I")
    login(factories.user((org, "cre")))
    page = client.get("/entreprises/?q=Panier").get_data(as_text=True)
    assert "Services relatifs aux bâtiments et aménagement paysager" in page
    assert "<td>81</td>" not in page
