"""Offers: the form, its checks in French, the life cycle, expiry, conflicts and who reaches what."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.clock import TODAY
from webapp.core.errors import Conflict, Invalid
from webapp.notifications.nightly import expire_offers_task
from webapp.offers.editing import (
    TRANSITIONS,
    change_status,
    create_offer,
    expire_offers,
    update_offer,
)
from webapp.offers.home_cards import expiring_soon
from webapp.offers.models import Offer, OfferEvent
from webapp.offers.values import OfferValues


def _cre(org=None, name="Camille CRE"):
    org = org or factories.organisation("Département 13 – service emploi", kind="departement_emploi")
    return org, factories.user((org, "cre"), name=name)


def _form(**changes) -> dict:
    data = {
        "title": "Agent d'entretien de locaux H/F", "rome_code": "K2204", "commune_insee": "13205",
        "contract": "CDI", "hours_per_week": "24", "early_morning": "y",
        "start_date": (TODAY + timedelta(days=10)).isoformat(), "positions": "2",
        "immersion_possible": "y", "description": "Bureaux, 6h-9h.", "salary": "SMIC horaire",
        "visibility": "territory", "publier": "1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _values(**changes) -> OfferValues:
    base = {"title": "Agent d'entretien H/F", "rome_code": "K2204", "commune_insee": "13205",
            "start_date": TODAY + timedelta(days=5), "positions": 2}
    return OfferValues(**(base | changes))


def test_a_cre_publishes_an_offer_with_the_autocompleted_job_and_place(client, login, database):
    org, cre = _cre()
    firm = factories.company("Net Provence Services", insee="13205")
    login(cre)
    page = client.get("/offres/nouvelle").get_data(as_text=True)
    assert 'hx-get="/api/metiers?target=rome_code"' in page
    assert 'hx-get="/api/communes?target=commune_insee"' in page
    response = client.post("/offres/nouvelle", data=_form(company_id=str(firm.id)))
    assert response.status_code == 303, response.get_data(as_text=True)
    offer = database.session.scalar(select(Offer).where(Offer.title == "Agent d'entretien de locaux H/F"))
    assert offer.status == "open" and offer.published_at is not None
    assert offer.pole_id == factories.pole("I").id  # Marseille 5e is in pôle I
    assert (offer.organisation_id, offer.cre_id, offer.company_id) == (org.id, cre.id, firm.id)
    assert offer.hours_per_week == 24 and offer.early_morning and not offer.night
    assert offer.reference.startswith(f"O-{TODAY.year}-")
    [event] = offer.events
    assert (event.kind, event.from_status, event.to_status, event.user_id) == ("created", None, "open", cre.id)
    assert event.version == offer.version


def test_a_draft_is_saved_without_publishing(client, login, database):
    _, cre = _cre()
    login(cre)
    client.post("/offres/nouvelle", data=_form(publier=None, title="Cariste H/F", rome_code="N1101"))
    offer = database.session.scalar(select(Offer).where(Offer.title == "Cariste H/F"))
    assert offer.status == "draft" and offer.published_at is None


def test_bad_input_gives_french_field_errors_and_keeps_what_was_typed(client, login, database):
    _, cre = _cre()
    login(cre)
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    response = client.post("/offres/nouvelle", data=_form(
        rome_code="K9999", commune_insee="", **{"commune_insee-search": "Marseile 5"},
        start_date=yesterday, title="Plongeur H/F"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Code ROME inconnu : « K9999 »" in page
    assert "Commune inconnue : choisissez-la dans la liste proposée." in page
    assert "est passée : indiquez une date à partir du" in page
    assert 'value="Plongeur H/F"' in page and 'value="Marseile 5"' in page
    assert f'value="{yesterday}"' in page
    assert database.session.scalar(select(func.count(Offer.id))) == 0


def test_filled_above_positions_is_refused_on_the_field(client, login, database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, positions=2)
    login(cre)
    form = _form(positions="2", positions_filled="3", version=str(offer.version),
                 start_date=None, publier=None)
    response = client.post(f"/offres/{offer.id}/modifier", data=form)
    assert response.status_code == 422
    assert "3 postes pourvus pour 2 postes ouverts" in response.get_data(as_text=True)
    database.session.refresh(offer)
    assert offer.positions_filled == 0


def test_an_existing_offer_keeps_its_past_start_date_but_a_new_past_date_is_refused(database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, start_date=TODAY - timedelta(days=30))
    update_offer(cre, offer, replace(OfferValues.of(offer), salary="1 900 € brut"), offer.version)
    assert offer.salary == "1 900 € brut"
    values = replace(OfferValues.of(offer), start_date=TODAY - timedelta(days=2))
    with pytest.raises(Invalid) as refused:
        update_offer(cre, offer, values, offer.version)
    assert "start_date" in refused.value.problems


# The whole table, walked: every (from, to) pair is allowed exactly when the table says so.
STATUSES = list(TRANSITIONS)
MOVES = [(a, b) for a in STATUSES for b in STATUSES if a != b]


@pytest.mark.parametrize(("from_status", "to_status"), MOVES)
def test_the_life_cycle_follows_its_one_table(database, from_status, to_status):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, status=from_status, end_date=TODAY + timedelta(days=30))
    allowed = to_status in TRANSITIONS[from_status] and to_status != "expired"
    if allowed:
        change_status(cre, offer, to_status, note="vu avec l'employeur")
        event = offer.events[-1]
        assert offer.status == to_status
        assert (event.from_status, event.to_status, event.user_id, event.note) == (
            from_status, to_status, cre.id, "vu avec l'employeur")
        assert event.at is not None and event.version == offer.version
    else:
        with pytest.raises(Invalid):
            change_status(cre, offer, to_status)
        assert offer.status == from_status


def test_marking_filled_fills_every_position(database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, positions=3, positions_filled=1)
    change_status(cre, offer, "filled")
    assert offer.positions_filled == 3


def test_status_buttons_through_the_page(client, login, database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id)
    login(cre)
    page = client.get(f"/offres/{offer.id}").get_data(as_text=True)
    assert 'value="suspended"' in page and 'value="filled"' in page and 'value="draft"' not in page
    response = client.post(f"/offres/{offer.id}/statut", data={
        "to_status": "suspended", "note": "congés de l'employeur", "version": str(offer.version)})
    assert response.status_code == 303
    assert offer.status == "suspended"
    refused = client.post(f"/offres/{offer.id}/statut", data={"to_status": "draft", "version": str(offer.version)},
                          follow_redirects=True)
    assert "Impossible de passer une offre « Suspendue » à « Brouillon »" in refused.get_data(as_text=True)


def test_offers_past_their_end_date_expire_by_themselves(client, login, database):
    org, cre = _cre()
    past = factories.offer(org, end_date=TODAY - timedelta(days=1))
    paused = factories.offer(org, status="suspended", end_date=TODAY - timedelta(days=3))
    last_day = factories.offer(org, end_date=TODAY)
    draft = factories.offer(org, status="draft", end_date=TODAY - timedelta(days=1))
    login(cre)
    assert client.get("/offres/").status_code == 200  # reading the pool writes nothing
    database.session.refresh(past)
    assert past.status == "open" and past.version == 1
    expire_offers_task()  # the nightly task (run at once: the queue is immediate in tests)
    for offer in (past, paused, last_day, draft):
        database.session.refresh(offer)
    assert (past.status, paused.status, last_day.status, draft.status) == ("expired", "expired", "open", "draft")
    event = database.session.scalars(select(OfferEvent).where(OfferEvent.offer_id == paused.id)).one()
    assert (event.from_status, event.to_status, event.user_id) == ("suspended", "expired", None)
    assert expire_offers(TODAY) == 0  # never twice


def test_an_expired_offer_reopens_only_with_a_new_end_date(database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, status="expired", end_date=TODAY - timedelta(days=1))
    with pytest.raises(Invalid, match="repoussez-la"):
        change_status(cre, offer, "open")
    values = replace(OfferValues.of(offer), end_date=TODAY + timedelta(days=20))
    update_offer(cre, offer, values, offer.version)
    change_status(cre, offer, "open")
    assert offer.status == "open"


def test_flask_offers_expire(runner, database):
    org = factories.organisation()
    offer = factories.offer(org, end_date=TODAY - timedelta(days=2))
    result = runner.invoke(args=["offers", "expire"])
    assert result.exit_code == 0 and "offres expirées : 1" in result.output
    database.session.refresh(offer)
    assert offer.status == "expired"


def test_a_second_save_on_a_stale_version_is_refused_and_shows_the_other_change(client, login, database):
    org, first = _cre(name="Alice Première")
    second = factories.user((org, "cre"), name="Bruno Second")
    offer = factories.offer(org, cre_id=first.id, title="Agent d'entretien H/F", positions=2,
                            start_date=TODAY + timedelta(days=5))
    opened_at = offer.version
    values = replace(OfferValues.of(offer), title="Agent de propreté H/F", positions=3)
    update_offer(second, offer, values, opened_at)
    login(first)
    response = client.post(f"/offres/{offer.id}/modifier", data=_form(
        title="Agent d'entretien polyvalent H/F", version=str(opened_at), publier=None,
        start_date=offer.start_date.isoformat()))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Enregistrement refusé" in page and "Bruno Second" in page
    assert "intitulé (« Agent d&#39;entretien H/F » → « Agent de propreté H/F »)" in page
    assert "nombre de postes (« 2 » → « 3 »)" in page
    assert 'value="Agent d&#39;entretien polyvalent H/F"' in page  # what was typed is kept
    assert f'name="version" type="hidden" value="{offer.version}"' in page
    database.session.refresh(offer)
    assert offer.title == "Agent de propreté H/F"


def test_the_service_refuses_a_stale_version(database):
    org, cre = _cre()
    offer = factories.offer(org, cre_id=cre.id, start_date=TODAY + timedelta(days=5))
    stale = offer.version
    change_status(cre, offer, "suspended")
    with pytest.raises(Conflict) as conflict:
        update_offer(cre, offer, OfferValues.of(offer), stale)
    assert "statut : Suspendue" in conflict.value.changes[0]


def test_an_employer_never_reaches_another_employers_offer(client, login, database):
    org, _ = _cre()
    mine, theirs = factories.company("Ma boulangerie"), factories.company("Boulangerie concurrente")
    employer = factories.employer(mine)
    my_offer = factories.offer(org, company_id=mine.id, title="Vendeuse en boulangerie")
    their_offer = factories.offer(org, company_id=theirs.id, title="Boulanger de nuit")
    login(employer)
    assert client.get(f"/offres/{my_offer.id}").status_code == 200
    assert client.get(f"/offres/{their_offer.id}").status_code == 404
    assert client.get(f"/offres/{my_offer.id}/modifier").status_code == 404
    assert client.post(f"/offres/{my_offer.id}/statut", data={"to_status": "cancelled"}).status_code == 404
    assert client.get("/offres/nouvelle").status_code == 404
    pool = client.get("/offres/?statut=tous").get_data(as_text=True)
    assert "Vendeuse en boulangerie" in pool and "Boulanger de nuit" not in pool
    assert client.get(f"/entreprises/{theirs.id}").status_code == 404


def test_a_cre_of_another_organisation_sees_shared_offers_but_cannot_edit_them(client, login, database):
    org, cre = _cre()
    plie = factories.organisation("PLIE Marseille Provence", kind="plie", pole_code="I")
    other = factories.user((plie, "cre"))
    shared = factories.offer(org, cre_id=cre.id)
    private = factories.offer(org, cre_id=cre.id, visibility="organisation")
    login(other)
    assert client.get(f"/offres/{shared.id}").status_code == 200
    assert client.get(f"/offres/{shared.id}/modifier").status_code == 404
    assert client.get(f"/offres/{private.id}").status_code == 404


def test_a_new_offer_needs_an_organisation_the_cre_belongs_to(database):
    org, cre = _cre()
    elsewhere = factories.organisation("Autre structure", kind="plie")
    with pytest.raises(Exception, match="pour cette organisation"):
        create_offer(cre, _values(), organisation=elsewhere)
    offer = create_offer(cre, _values(), status="open", today=TODAY)
    assert offer.organisation_id == org.id and offer.status == "open"


def test_the_home_page_counts_the_offers_ending_this_week(client, login, database):
    org, cre = _cre()
    factories.offer(org, cre_id=cre.id, end_date=TODAY + timedelta(days=3))
    factories.offer(org, cre_id=cre.id, end_date=TODAY + timedelta(days=30))
    factories.offer(org, cre_id=cre.id, status="suspended", end_date=TODAY + timedelta(days=2))
    factories.offer(factories.organisation("Autre"), end_date=TODAY + timedelta(days=1))
    assert expiring_soon(cre, TODAY) == 1
    login(cre)
    assert "Offres qui expirent sous 7 jours" in client.get("/").get_data(as_text=True)


def test_an_empty_form_shows_every_missing_field_at_once(client, login, database):
    _, cre = _cre()
    login(cre)
    response = client.post("/offres/nouvelle", data=_form(
        title="", rome_code="", commune_insee="", positions="", hours_per_week="", start_date="",
        description="Ménage des bureaux, tôt le matin."))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    # the fields' own validators and the service's rules, together in one answer
    assert "Indiquez l&#39;intitulé de l&#39;offre." in page
    assert "Indiquez le nombre de postes." in page
    assert "Choisissez le métier dans la liste proposée." in page
    assert "Commune inconnue : choisissez-la dans la liste proposée." in page
    assert "Ménage des bureaux, tôt le matin." in page
    assert database.session.scalar(select(func.count(Offer.id))) == 0
