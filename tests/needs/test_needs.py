"""Hiring needs: the employer's form, the CREs' queue, the whole life of a need, isolation and the
waiting-time statistics."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests import factories
from tests.clock import TODAY
from webapp.core import clock
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer

FUTURE = (TODAY + timedelta(days=20)).isoformat()


def _cre(pole_code: str = "I", name: str = "Camille Roux"):
    org = factories.organisation(f"France Travail {pole_code} {name}", pole_code=pole_code)
    return factories.user((org, "cre"), name=name)


def _employer(company_name: str = "Boulangerie du Panier", insee: str = "13201"):
    return factories.employer(factories.company(company_name, insee=insee))


def _need_form(**overrides) -> dict:
    data = {
        "rome_code": "K2204",
        "rome_code-search": "Agent de nettoyage (K2204)",
        "commune_insee": "13201",
        "commune_insee-search": "Marseille 1er",
        "positions": "2",
        "hours_per_week": "24,5",
        "early_morning": "y",
        "contract": "CDD",
        "start_date": FUTURE,
        "immersion_welcome": "y",
        "comment": "Bureaux à nettoyer avant 8 h.",
    }
    data.update(overrides)
    return data


def _post_need(client, **overrides):
    return client.post("/espace-employeur/besoins/nouveau", data=_need_form(**overrides))


def _only_need(database) -> HiringNeed:
    return database.session.scalars(select(HiringNeed)).one()


def test_an_unusual_start_date_is_confirmed_and_an_absurd_one_refused(client, login, database):
    login(_employer())
    absurd = _post_need(client, start_date="2099-01-01")
    assert absurd.status_code == 422 and "est trop loin pour un début de poste" in absurd.text
    asked = _post_need(client, start_date="2028-01-10")  # possible, more than a year ahead
    assert asked.status_code == 422
    assert "le 10/01/2028, est-ce bien la date prévue ? Confirmez-la." in asked.text
    assert 'name="date_confirmed" type="hidden" value="oui"' in asked.text
    assert database.session.scalar(select(func.count(HiringNeed.id))) == 0
    confirmed = _post_need(client, start_date="2028-01-10", date_confirmed="oui")
    assert confirmed.status_code == 303 and _only_need(database).start_date.year == 2028


def test_an_employer_posts_a_need_in_plain_words(client, login, database):
    employer = _employer()
    login(employer)
    response = _post_need(client)
    assert response.status_code == 303
    need = _only_need(database)
    assert (need.rome_code, need.commune_insee, need.positions, need.hours_per_week) == (
        "K2204",
        "13201",
        2,
        24.5,
    )
    assert need.early_morning and not need.night and need.immersion_welcome
    assert need.status == "waiting" and need.pole_id == factories.commune("13201").pole_id
    assert need.company_id == employer.memberships[0].organisation.company_id
    assert [e.kind for e in need.events] == ["posted"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Envoyé, en attente d&#39;un CRE" in page and "Personne pour l&#39;instant" in page


@pytest.mark.parametrize(
    ("overrides", "field_error", "kept"),
    [
        (
            {"rome_code": "Z9999", "rome_code-search": "astronaute"},
            "Métier : choisissez un métier",
            'value="astronaute"',
        ),
        (
            {"commune_insee": "", "commune_insee-search": "Gotham"},
            "Lieu : tapez le nom",
            'value="Gotham"',
        ),
        (
            {"commune_insee": "75056", "commune_insee-search": "Paris"},
            "choisissez une commune des Bouches-du-Rhône",
            'value="Paris"',
        ),
        (
            {"start_date": "2020-01-06"},
            "Date de début : elle ne peut pas être déjà passée.",
            'value="2020-01-06"',
        ),
        ({"positions": "0"}, "Nombre de postes : au moins 1.", 'value="0"'),
        ({"hours_per_week": "60"}, "Heures par semaine : entre 1 et 48 heures.", 'value="60"'),
        (
            {"hours_per_week": "beaucoup"},
            "Indiquez un nombre, par ex. 35 ou 17,5.",
            'value="beaucoup"',
        ),
    ],
)
def test_bad_input_is_a_french_field_error_keeping_what_was_typed(
    client, login, database, overrides, field_error, kept
):
    login(_employer())
    response = _post_need(client, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error in page.replace("&#39;", "'")
    assert kept in page
    assert database.session.scalars(select(HiringNeed)).first() is None


def test_the_queue_shows_waiting_needs_of_the_territory_only(client, login, database):
    here = factories.need(_employer().memberships[0].organisation, title="Plongeur")
    far = factories.need(
        _employer("Mas d'Arles", "13004").memberships[0].organisation,
        insee="13004",
        title="Saisonnier agricole",
    )
    cre = _cre("I")
    login(cre)
    page = client.get("/besoins/").get_data(as_text=True)
    assert "Plongeur" in page and "Saisonnier agricole" not in page
    assert client.get(f"/besoins/{far.id}").status_code == 404
    assert client.post(f"/besoins/{far.id}/prendre").status_code == 404
    assert client.get(f"/besoins/{here.id}").status_code == 200


def test_the_whole_life_of_a_need(client, login, database):
    employer = _employer()
    login(employer)
    _post_need(client)
    need = _only_need(database)
    cre = _cre("I", "Camille Roux")

    login(cre)
    taken = client.post(f"/besoins/{need.id}/prendre", headers={"HX-Request": "true"})
    assert taken.status_code == 200 and "<html" not in taken.get_data(as_text=True)
    assert need.status == "in_progress" and need.cre_id == cre.id and need.taken_at is not None
    asked = client.post(
        f"/besoins/{need.id}/question",
        data={"body": "Quel salaire proposez-vous ?"},
        headers={"HX-Request": "true", "HX-Target": "besoin"},
    )
    assert asked.status_code == 200 and "Quel salaire proposez-vous ?" in asked.get_data(
        as_text=True
    )
    assert need.status == "question"

    login(employer)
    home = client.get("/espace-employeur/").get_data(as_text=True)
    assert "Un CRE attend votre réponse" in home and "Camille Roux" in home
    answered = client.post(
        f"/espace-employeur/besoins/{need.id}/messages",
        data={"body": "Le SMIC, avec une prime de transport."},
    )
    assert answered.status_code == 303
    assert need.status == "in_progress"
    live = client.post(
        f"/espace-employeur/besoins/{need.id}/messages",
        data={"body": "Et un vélo."},
        headers={"HX-Request": "true"},
    )
    fragment = live.get_data(as_text=True)
    assert live.status_code == 200 and "<html" not in fragment and "Et un vélo." in fragment
    page = client.get(f"/espace-employeur/besoins/{need.id}").get_data(as_text=True)
    assert "Suivi par" in page and "Camille Roux" in page

    login(cre)
    form = client.get(f"/besoins/{need.id}/offre").get_data(as_text=True)
    assert need.rome.label in form and "Bureaux à nettoyer avant 8 h." in form
    converted = client.post(
        f"/besoins/{need.id}/offre",
        data={
            "title": "Agent d'entretien de bureaux H/F",
            "description": "Bureaux, tôt le matin.",
            "salary": "SMIC",
            "start_date": FUTURE,
            "visibility": "territory",
            "publish": "y",
        },
    )
    assert converted.status_code == 303
    offer = database.session.scalars(select(Offer)).one()
    assert need.status == "converted" and need.offer_id == offer.id and offer.source_need is need
    assert (offer.rome_code, offer.positions, offer.hours_per_week, offer.contract) == (
        "K2204",
        2,
        24.5,
        "CDD",
    )
    assert offer.early_morning and offer.immersion_possible and offer.status == "open"
    assert offer.company_id == need.company_id and offer.cre_id == cre.id
    assert [e.kind for e in need.events] == ["posted", "taken", "question", "answer", "converted"]
    assert all(e.at is not None for e in need.events)
    assert [e.user_id for e in need.events] == [employer.id, cre.id, cre.id, employer.id, cre.id]

    login(employer)
    home = client.get("/espace-employeur/").get_data(as_text=True)
    assert offer.reference in home and "Devenu une offre" in home
    closed = client.post(f"/espace-employeur/besoins/{need.id}/messages", data={"body": "Merci !"})
    assert closed.status_code == 422
    assert "Ce besoin est déjà devenu une offre : il est clos." in closed.get_data(as_text=True)
    assert len(need.messages) == 3


def test_the_decline_path_shows_the_reason_to_the_employer(client, login, database):
    employer = _employer()
    need = factories.need(employer.memberships[0].organisation)
    cre = _cre()
    login(cre)
    refused = client.post(f"/besoins/{need.id}/refus", data={"reason": "Hors champ"})
    assert refused.status_code == 422 and need.status == "waiting"
    assert "Prenez d&#39;abord ce besoin en charge." in refused.get_data(as_text=True)
    client.post(f"/besoins/{need.id}/prendre")
    empty = client.post(
        f"/besoins/{need.id}/refus",
        data={"reason": "  "},
        headers={"HX-Request": "true", "HX-Target": "besoin"},
    )
    assert empty.status_code == 422 and "Motif" in empty.get_data(as_text=True)
    client.post(
        f"/besoins/{need.id}/refus",
        data={"reason": "Emploi non salarié : orientez-vous vers la CCI."},
    )
    assert need.status == "declined" and need.closed_at is not None
    login(employer)
    page = client.get(f"/espace-employeur/besoins/{need.id}").get_data(as_text=True)
    assert "Non retenu" in page and "orientez-vous vers la CCI" in page


def test_only_the_follower_qualifies_a_need(client, login, database):
    need = factories.need(_employer().memberships[0].organisation)
    first, second = _cre("I", "Camille Roux"), _cre("I", "Sami Benali")
    login(first)
    client.post(f"/besoins/{need.id}/prendre")
    login(second)
    again = client.post(
        f"/besoins/{need.id}/prendre",
        headers={"HX-Request": "true", "HX-Target": f"ligne-{need.id}"},
    )
    row = again.get_data(as_text=True)
    assert again.status_code == 422 and row.lstrip().startswith(f'<tr id="ligne-{need.id}">')
    assert "déjà suivi par Camille Roux" in row and "Camille Roux" in row
    client.post(f"/besoins/{need.id}/question", data={"body": "Horaires ?"})
    assert need.status == "in_progress" and need.messages == []


def test_an_employer_never_reaches_another_employers_need_or_offer(client, login, database):
    mine, theirs = _employer("Hôtel A"), _employer("Hôtel B")
    their_need = factories.need(theirs.memberships[0].organisation, title="Veilleur de nuit")
    cre_org = factories.organisation(pole_code="I")
    their_offer = factories.offer(
        cre_org, company_id=their_need.company_id, title="Réceptionniste B"
    )
    profile = factories.profile(cre_org, label="Personne très confidentielle.")
    login(mine)
    for url in (
        f"/espace-employeur/besoins/{their_need.id}",
        f"/besoins/{their_need.id}",
        "/besoins/",
        f"/offres/{their_offer.id}",
        f"/entreprises/{their_need.company_id}",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/espace-employeur/besoins/{their_need.id}/messages", data={"body": "x"}
        ).status_code
        == 404
    )
    assert client.post(f"/espace-employeur/besoins/{their_need.id}/retirer").status_code == 404
    home = client.get("/espace-employeur/").get_data(as_text=True)
    assert "Veilleur de nuit" not in home and their_offer.reference not in home
    assert profile.label not in client.get("/").get_data(as_text=True)


def test_staff_never_use_the_employer_space(client, login, database):
    login(_cre())
    assert client.get("/espace-employeur/").status_code == 404
    assert client.get("/espace-employeur/besoins/nouveau").status_code == 404


def test_the_employer_withdraws_a_need(client, login, database):
    employer = _employer()
    need = factories.need(employer.memberships[0].organisation)
    login(employer)
    assert client.post(f"/espace-employeur/besoins/{need.id}/retirer").status_code == 303
    assert need.status == "withdrawn" and [e.kind for e in need.events] == ["withdrawn"]


def test_home_cards_count_the_queue_and_the_questions(client, login, database):
    employer = _employer()
    old = factories.need(employer.memberships[0].organisation)
    old.created_at = clock.now() - timedelta(days=3, hours=2)
    factories.need(employer.memberships[0].organisation)
    login(_cre())
    page = client.get("/").get_data(as_text=True)
    assert "Besoins d&#39;employeurs à prendre" in page
    assert "le plus ancien attend depuis 3 jours" in page
    assert "Inscriptions d&#39;employeurs à valider" in page
    login(employer)
    assert "Questions à répondre" in client.get("/").get_data(as_text=True)


def test_the_company_page_shows_its_needs_to_staff_and_to_the_employer(client, login, database):
    employer, other = _employer("Hôtel A"), _employer("Hôtel B")
    need = factories.need(employer.memberships[0].organisation, title="Veilleur de nuit")
    company_id = need.company_id
    login(_cre())
    page = client.get(f"/entreprises/{company_id}").get_data(as_text=True)
    assert "Besoins de recrutement" in page and f"/besoins/{need.id}" in page
    login(employer)
    page = client.get(f"/entreprises/{company_id}").get_data(as_text=True)
    assert "Veilleur de nuit" in page and f"/espace-employeur/besoins/{need.id}" in page
    login(other)
    assert client.get(f"/entreprises/{company_id}").status_code == 404


def test_two_cres_taking_the_same_need_at_once_get_a_conflict_not_an_error(database):
    from sqlalchemy import update

    from webapp.core.errors import Conflict
    from webapp.needs.lifecycle import take_need

    need = factories.need(_employer().memberships[0].organisation)
    first, second = _cre("I", "Camille Roux"), _cre("I", "Sami Benali")
    database.session.commit()
    database.session.execute(  # the first CRE's request, saved while the second one's was open
        update(HiringNeed)
        .where(HiringNeed.id == need.id)
        .values(cre_id=first.id, status="in_progress", version=HiringNeed.version + 1),
        execution_options={"synchronize_session": False},
    )  # `need` in memory is still the stale copy the second CRE opened
    with pytest.raises(Conflict, match="modifié par quelqu'un d'autre"):
        take_need(need, second, clock.now())
    assert database.session.get(HiringNeed, need.id).cre_id != second.id


def test_a_need_carries_an_optional_postal_code_to_its_offer(client, login, database):
    from webapp.needs.to_offer import draft_text, offer_values

    login(_employer())
    assert 'name="postal_code"' in client.get("/espace-employeur/besoins/nouveau").text
    refused = _post_need(client, commune_insee="13004", postal_code="13001")
    assert refused.status_code == 422
    assert "Code postal « 13001 » hors de la commune Arles" in refused.text
    posted = _post_need(client, commune_insee="13004", postal_code="13129")
    assert posted.status_code == 303, posted.text
    need = _only_need(database)
    assert need.postal_code == "13129" and need.place_text == "Arles, 13129 (Salin-de-Giraud)"
    assert offer_values(need, draft_text(need)).postal_code == "13129"
