"""A possible but unusual date on the offer form is asked to be confirmed, not refused."""

from sqlalchemy import func, select

from tests import factories
from tests.offers.test_offers import _form
from webapp.offers.models import Offer


def test_unusual_start_and_publication_end_are_confirmed(client, login, database):
    org = factories.organisation("Département 13 – service emploi", kind="departement_emploi")
    login(factories.user((org, "cre"), name="Camille CRE"))
    typed = _form(start_date="2028-01-10", end_date="2028-02-01", salary="1 900 € brut")
    asked = client.post("/offres/nouvelle", data=typed)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 422
    assert "Date de début : le 10/01/2028, est-ce bien la date prévue ?" in page
    assert "Date de fin de publication : le 01/02/2028, est-ce bien la date prévue ?" in page
    assert 'name="date_confirmed" type="hidden" value="oui"' in page
    assert 'value="2028-02-01"' in page and "1 900 € brut" in page  # what was typed stays
    assert database.session.scalar(select(func.count(Offer.id))) == 0
    confirmed = client.post("/offres/nouvelle", data={**typed, "date_confirmed": "oui"})
    assert confirmed.status_code == 303, confirmed.get_data(as_text=True)
    offer = database.session.scalars(select(Offer)).one()
    assert (offer.start_date.isoformat(), offer.end_date.isoformat()) == ("2028-01-10", "2028-02-01")
    absurd = client.post("/offres/nouvelle", data=_form(start_date="2099-01-01"))
    assert absurd.status_code == 422 and "est trop loin pour un début de poste" in absurd.text
