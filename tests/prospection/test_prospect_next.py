"""Where to prospect next, on a small hand-made territory whose right answer is worked out by
hand below (travel times from the real referential: Marseille 1er → 7e 27 min by public
transport, → 2e 20 min, → Arles 131 min by public transport and 86 min by car)."""

import re
from datetime import timedelta

import pytest

from tests import factories
from tests.clock import TODAY
from webapp.prospection.next_prospects import where_to_prospect
from webapp.prospection.solicit import mark_do_not_solicit

CLEANING, PICKING, SHELVES, KITCHEN = "K2204", "N1103", "D1507", "G1602"


def _people(org, count: int, target: str, **values) -> None:
    values.setdefault("job_ready", True)
    for _ in range(count):
        factories.profile(org, insee=values.pop("insee", "13201"), targets=(target,), **values)


@pytest.fixture
def territory(database):
    """Pôle I's ready people and the companies around them.

    Ready (pôle I): 5 cleaners and 3 pickers on foot or by public transport (45 min at most),
    3 pickers who drive (90 min), 2 pickers with a licence but no vehicle (90 min: no car for
    them), 2 shelf stockers. Not counted: 4 cooks not ready, 2 cooks already hired, a picker
    living in Arles (pôle VII)."""
    org = factories.organisation("France Travail Marseille", pole_code="I")
    _people(org, 5, CLEANING)
    _people(org, 3, PICKING)
    _people(org, 3, PICKING, mobility_modes=["car"], driving_licence=True, vehicle=True,
            max_minutes=90)
    _people(org, 2, PICKING, mobility_modes=["car", "public_transport"], driving_licence=True,
            max_minutes=90)
    _people(org, 2, SHELVES)
    _people(org, 4, KITCHEN, job_ready=False)
    _people(org, 2, KITCHEN, status="hired")
    _people(org, 1, PICKING, insee="13004")
    lead = factories.user((org, "cre"), name="Camille Roux")
    company = factories.company
    firms = {
        "grand": company("Grand Nettoyage", "13207", naf_code="81", size_band="250+",
                         welcomes_immersion=True),
        "canebiere": company("Nettoyage Canebière", "13201", naf_code="81", size_band="10-49"),
        "port": company("Propreté du Port", "13202", naf_code="81"),
        "express": company("Net Express", "13201", naf_code="81", size_band="250+"),
        "joliette": company("Logistique Joliette", "13202", naf_code="52", size_band="10-49"),
        "arles": company("Entrepôt d'Arles", "13004", naf_code="52", size_band="10-49"),
        "brasserie": company("Brasserie du Vieux-Port", "13201", naf_code="56"),
        "superette": company("Supérette du Panier", "13201", naf_code="47"),
    }
    factories.target(firms["port"], lead=lead, org=org, stage="contacted")
    mark_do_not_solicit(lead, firms["express"], TODAY + timedelta(days=20), "Trop sollicitée.",
                        TODAY)
    return {"org": org, "lead": lead, **firms}


def test_companies_are_ranked_by_reachable_ready_people_and_explained(territory):
    result = where_to_prospect(factories.pole("I"), TODAY)
    assert result.ready_people == 15 and result.do_not_solicit == 1
    ranked = [(line.title, line.score) for line in result.companies]
    assert ranked == [
        ("Grand Nettoyage", 8.4),  # 5 cleaners × 1.4 (250+) × 1.2 (immersions)
        ("Logistique Joliette", 8.0),  # all 8 pickers reach Marseille 2e
        ("Nettoyage Canebière", 5.0),
        ("Entrepôt d'Arles", 3.0),  # only the 3 who drive
        ("Propreté du Port", 1.25),  # 5 × 0.25: already followed
    ]
    reasons = {line.title: line.reason for line in result.companies}
    assert reasons["Grand Nettoyage"] == (
        "5 personnes prêtes à portée (trajet médian 27 min, surtout en transports en commun) "
        "visent « Agent / Agente de nettoyage industriel » ; 250 salariés et plus ; entreprise "
        "accueillante (immersions) ; aucun suivi")
    assert reasons["Entrepôt d'Arles"].startswith(
        "3 personnes prêtes à portée (trajet médian 86 min, surtout en voiture) visent "
        "« Préparateur / Préparatrice de commandes »")
    assert reasons["Propreté du Port"].endswith(
        "déjà suivie par Camille Roux (France Travail Marseille), étape « Contacté » : proposez "
        "de la rejoindre")


def test_activities_are_ranked_with_the_hidden_market_in_view(territory):
    result = where_to_prospect(factories.pole("I"), TODAY)
    assert [(line.division, line.score) for line in result.activities] == [
        ("52", 8.0), ("10", 8.0), ("46", 8.0),  # ties: companies free to prospect first
        ("81", 4.17),  # 5 × (1 − 0.5 × 1/3): one of its three companies in reach is followed
    ]
    reasons = {line.division: line.reason for line in result.activities}
    assert reasons["52"] == (
        "8 personnes prêtes visent « Préparateur / Préparatrice de commandes » ; 2 entreprises "
        "de l'annuaire à leur portée (trajet médian 20 min, surtout en voiture), aucune suivie")
    assert reasons["10"].endswith("aucune entreprise de cette activité à leur portée dans "
                                  "l'annuaire : de nouvelles pistes à chercher")
    # 5 people each to Marseille 1er (12 min), 2e (20 min) and 7e (27 min): the median is 20
    assert reasons["81"].endswith("3 entreprises de l'annuaire à leur portée (trajet médian "
                                  "20 min, surtout en transports en commun), dont 1 déjà suivie")


def test_the_page_counts_people_and_never_names_them(client, login, territory):
    login(territory["lead"])
    page = re.sub(r"\s+", " ", client.get("/prospection/I/pistes").get_data(as_text=True))
    assert "15 personnes prêtes pour l'emploi" in page
    assert "Grand Nettoyage" in page and "Ajouter au plan" in page
    assert "P-TEST-" not in page and "Personne " not in page


def test_only_staff_of_the_territory_see_it(client, login, territory):
    far = factories.user((factories.organisation(pole_code="VII"), "cre"))
    ae = factories.user((territory["org"], "ae"))
    for person in (far, ae):
        login(person)
        assert client.get("/prospection/I/pistes").status_code == 404


def test_an_empty_territory_has_empty_rankings(database):
    result = where_to_prospect(factories.pole("X"), TODAY)
    assert (result.ready_people, result.companies, result.activities) == (0, [], [])


def test_every_company_and_target_proposed_opens_for_the_cre_or_says_why_not(client, login, territory):
    # Issue 14: « Où prospecter ensuite ? » sent a CRE to a target of another pôle's plan (404).
    arles_org = factories.organisation("France Travail Arles", pole_code="VII")
    arles_cre = factories.user((arles_org, "cre"), name="Paul Arlésien")
    factories.target(territory["arles"], lead=arles_cre, org=arles_org, pole_code="VII")
    login(territory["lead"])
    page = client.get("/prospection/I/pistes").get_data(as_text=True)
    links = re.findall(r'href="(/(?:entreprises|prospection/cibles)/[^"]+)"', page)
    assert any("/prospection/cibles/" in link for link in links)  # Propreté du Port's, his plan
    for link in links:
        assert client.get(link).status_code == 200, link
    flat = re.sub(r"\s+", " ", page)
    assert ("Cible du plan « Pôle d'insertion d'Arles », suivie par Paul Arlésien (France Travail "
            "Arles) : hors de votre plan, voyez avec son pilote.") in flat.replace("&#39;", "'")
    result = where_to_prospect(factories.pole("I"), TODAY, viewer=territory["lead"])
    arles = next(line for line in result.companies if line.title == "Entrepôt d'Arles")
    assert arles.target_id is None and arles.out_of_reach
    port = next(line for line in result.companies if line.title == "Propreté du Port")
    assert port.target_id is not None and not port.out_of_reach
