"""An offer whose ROME code is to confirm shows its three best codes, each one click away."""

import re

from tests import factories
from webapp.offers.models import Offer


def _to_confirm(database):
    org = factories.organisation()
    offer = factories.offer(org, rome_code=None, title="Agent d'entretien")
    database.session.commit()
    return org, offer


def test_the_three_best_codes_are_buttons_that_set_the_code(client, login, database):
    org, offer = _to_confirm(database)
    login(factories.user((org, "cre")))
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    codes = re.findall(r'name="rome_code" value="([A-N]\d{4})"', page)
    assert "Code ROME à confirmer" in page and len(codes) == 3
    assert codes[:2] == ["I1203", "K2205"]  # "agent d'entretien" names both in the ROME
    response = client.post(f"/offres/{offer.id}/metier",
                           data={"rome_code": "K2205", "version": str(offer.version)})
    assert response.status_code == 303
    database.session.expire_all()
    saved = database.session.get(Offer, offer.id)
    assert (saved.rome_code, saved.rome_inferred) == ("K2205", False)
    assert saved.events[-1].changes["rome_code"][1].endswith("(K2205)") or \
        "K2205" in str(saved.events[-1].changes["rome_code"])
    assert "Code ROME à confirmer" not in client.get(f"/offres/{offer.id}").get_data(as_text=True)


def test_only_a_proposed_code_is_accepted(client, login, database):
    org, offer = _to_confirm(database)
    login(factories.user((org, "cre")))
    client.post(f"/offres/{offer.id}/metier", data={"rome_code": "A1101", "version": str(offer.version)})
    database.session.expire_all()
    assert database.session.get(Offer, offer.id).rome_code is None


def test_someone_who_cannot_edit_the_offer_sees_no_buttons_and_gets_404(client, login, database):
    _org, offer = _to_confirm(database)
    login(factories.user((factories.organisation("Autre structure"), "ae")))
    page = client.get(f"/offres/{offer.id}")
    assert 'name="rome_code"' not in page.get_data(as_text=True)
    assert client.post(f"/offres/{offer.id}/metier", data={"rome_code": "K2205"}).status_code == 404
