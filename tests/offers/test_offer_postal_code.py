"""An offer's optional postal code: a finer place inside a large commune (Arles's villages)."""

from sqlalchemy import select

from tests import factories
from tests.offers.test_offers import _cre, _form
from webapp.offers.models import Offer


def test_the_offer_form_keeps_a_postal_code_of_the_commune_and_the_page_shows_the_village(
        client, login, database):
    _, cre = _cre()
    login(cre)
    assert 'name="postal_code"' in client.get("/offres/nouvelle").get_data(as_text=True)
    response = client.post("/offres/nouvelle", data=_form(commune_insee="13004", postal_code="13129"))
    assert response.status_code == 303, response.get_data(as_text=True)
    offer = database.session.scalar(select(Offer))
    assert (offer.commune_insee, offer.postal_code) == ("13004", "13129")
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert "Arles, 13129 (Salin-de-Giraud)" in page
    edit = client.get(f"/offres/{offer.id}/modifier").get_data(as_text=True)
    assert 'value="13129"' in edit


def test_a_postal_code_outside_the_commune_or_malformed_is_refused_on_its_field(client, login, database):
    _, cre = _cre()
    login(cre)
    outside = client.post("/offres/nouvelle", data=_form(commune_insee="13004", postal_code="13005"))
    assert outside.status_code == 422
    assert ("Code postal « 13005 » hors de la commune Arles (13104, 13123, 13129, 13200, 13280)."
            in outside.get_data(as_text=True))
    malformed = client.post("/offres/nouvelle", data=_form(commune_insee="13004", postal_code="13 1"))
    assert malformed.status_code == 422
    assert "Code postal : 5 chiffres attendus (ex. 13129)." in malformed.get_data(as_text=True)
    assert database.session.scalar(select(Offer)) is None


def test_an_offer_without_postal_code_shows_its_commune_alone(client, login, database):
    org, cre = _cre()
    offer = factories.offer(org, insee="13205")
    login(cre)
    assert "Marseille 5e" in client.get(f"/offres/{offer.id}").get_data(as_text=True)


def test_the_offers_csv_import_reads_the_code_postal_column(runner, database, tmp_path):
    factories.organisation("France Travail Arles", pole_code="I")
    path = tmp_path / "offres.csv"
    path.write_text("reference;intitule;code_rome;commune_insee;code_postal\n"
                    "O-1;Agent d'entretien H/F;K2204;13004;13280\n"
                    "O-2;Agent d'entretien H/F;K2204;13004;13400\n", encoding="utf-8")
    result = runner.invoke(args=["import", "offers", str(path), "--format", "csv",
                                 "--org", "France Travail Arles"])
    assert "créées : 1" in result.output and "rejetées : 1" in result.output, result.output
    assert "ligne 3 (réf. O-2), colonne « code_postal » : code postal « 13400 » hors de la commune Arles" \
        in result.output
    assert database.session.scalar(select(Offer.postal_code)) == "13280"
