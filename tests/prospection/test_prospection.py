"""The shared plan: one lead CRE and organisation per target, what other organisations and
territories see, joining, taking over, reassignment, new leads with the duplicate check."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests import factories
from webapp.companies.models import Company
from webapp.core.errors import Invalid, NotAllowed
from webapp.prospection.models import ProspectionTarget, TargetEvent, TargetRequest
from webapp.prospection.plan import add_target, decide_request, reassign, request_access

NOW = datetime(2026, 11, 22, 10, tzinfo=UTC)


@pytest.fixture
def world(database):
    """Pôle I: the Département's CRE (lead), a PLIE CRE, an animateur; a CRE of pôle VII."""
    dept = factories.organisation("Département – service emploi", kind="departement_emploi")
    plie = factories.organisation("PLIE Marseille Provence", kind="plie")
    arles = factories.organisation("France Travail Arles", pole_code="VII")
    return {
        "lead": factories.user((dept, "cre"), name="Camille Roux"),
        "plie": factories.user((plie, "cre"), name="Karim Benali"),
        "animateur": factories.user((dept, "animateur"), name="Anne Animatrice"),
        "far": factories.user((arles, "cre"), name="Lou Arlésienne"),
        "ae": factories.user((dept, "ae"), name="Alex AE"),
        "dept": dept, "plie_org": plie,
        "company": factories.company("Boulangerie du Panier", insee="13202", naf_code="10"),
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True).replace("&#39;", "'"))


def test_a_cre_puts_a_directory_company_in_the_plan_and_leads_it(client, login, world):
    login(world["lead"])
    form = _text(client.get(f"/prospection/I/cibles/nouvelle?entreprise={world['company'].id}"))
    assert "Ajouter « Boulangerie du Panier » au plan" in form
    response = client.post(f"/prospection/I/cibles/nouvelle?entreprise={world['company'].id}",
                           data={"lead_id": world["lead"].id})
    assert response.status_code == 303
    target = factories.db.session.scalars(select(ProspectionTarget)).one()
    assert (target.lead_id, target.organisation_id, target.stage) == (
        world["lead"].id, world["dept"].id, "to_prospect")
    assert target.pole.code == "I"
    events = factories.db.session.scalars(select(TargetEvent)).all()
    assert [(e.kind, e.note) for e in events] == [
        ("created", "Pilote : Camille Roux (Département – service emploi)")]
    page = _text(client.get(response.headers["Location"]))
    assert "Vous pilotez cette cible pour Département – service emploi." in page


def test_a_target_without_a_lead_is_refused_in_french(client, login, world):
    login(world["animateur"])
    response = client.post(f"/prospection/I/cibles/nouvelle?entreprise={world['company'].id}",
                           data={"lead_id": ""})
    assert response.status_code == 422
    assert "Pilote : une cible a toujours un CRE pilote, choisissez-le." in _text(response)
    assert factories.db.session.scalars(select(ProspectionTarget)).all() == []


def test_an_animateur_names_the_lead_but_only_a_cre_of_the_territory(world):
    with pytest.raises(Invalid, match="choisissez un CRE de ce territoire"):
        add_target(world["animateur"], world["company"], factories.pole("I").id,
                   world["far"].id, NOW)
    target = add_target(world["animateur"], world["company"], factories.pole("I").id,
                        world["plie"].id, NOW)
    assert (target.lead_id, target.organisation.name) == (world["plie"].id,
                                                           "PLIE Marseille Provence")


def test_a_cre_cannot_give_a_target_to_someone_else_nor_target_a_followed_company(world):
    pole_id = factories.pole("I").id
    with pytest.raises(NotAllowed, match="Seul un animateur confie une cible"):
        add_target(world["plie"], world["company"], pole_id, world["lead"].id, NOW)
    add_target(world["lead"], world["company"], pole_id, world["lead"].id, NOW)
    with pytest.raises(Invalid) as refused:
        add_target(world["plie"], world["company"], pole_id, world["plie"].id, NOW)
    assert refused.value.message == ("« Boulangerie du Panier » est déjà dans le plan, suivie par "
                                     "Camille Roux (Département – service emploi).")


def test_other_organisations_see_who_follows_but_only_the_lead_moves(client, login, world):
    target = add_target(world["lead"], world["company"], factories.pole("I").id,
                        world["lead"].id, NOW)
    login(world["plie"])
    board = _text(client.get("/prospection/I/"))
    assert "Boulangerie du Panier" in board
    assert "Pilote : Camille Roux (Département – service emploi)" in board
    assert f"/prospection/cibles/{target.id}/etape" not in board
    assert client.get(f"/prospection/cibles/{target.id}/etape").status_code == 404
    company_page = _text(client.get(f"/entreprises/{world['company'].id}"))
    assert ("Cible suivie par Camille Roux (Département – service emploi), étape « À prospecter »"
            in company_page)
    assert "Demander à rejoindre" in company_page


def test_another_territory_sees_the_follow_up_on_the_company_page_only(client, login, world):
    target = add_target(world["lead"], world["company"], factories.pole("I").id,
                        world["lead"].id, NOW)
    login(world["far"])
    assert client.get("/prospection/I/").status_code == 404
    assert client.get(f"/prospection/cibles/{target.id}").status_code == 404
    assert client.get("/prospection/I/liste.csv").status_code == 404
    company_page = _text(client.get(f"/entreprises/{world['company'].id}"))
    assert "suivie par Camille Roux (Département – service emploi)" in company_page
    assert "Demander à rejoindre" not in company_page and "Ouvrir la cible" not in company_page


def test_an_ae_has_no_plan_and_no_contact_log(client, login, world):
    login(world["ae"])
    assert client.get("/prospection/").status_code == 404
    assert "Journal des échanges" not in _text(client.get(f"/entreprises/{world['company'].id}"))


def test_joining_and_taking_over_go_through_the_lead(world):
    target = add_target(world["lead"], world["company"], factories.pole("I").id,
                        world["lead"].id, NOW)
    join = request_access(world["plie"], target, "join", "Je connais la gérante.", NOW)
    with pytest.raises(Invalid, match="déjà une demande en attente"):
        request_access(world["plie"], target, "takeover", "", NOW)
    with pytest.raises(NotAllowed, match="Seul le pilote"):
        decide_request(world["plie"], join, True, NOW)
    decide_request(world["lead"], join, True, NOW)
    assert target.is_shared_with(world["plie"].id) and target.lead_id == world["lead"].id
    takeover = request_access(world["plie"], target, "takeover", "", NOW)
    decide_request(world["lead"], takeover, False, NOW)
    assert target.lead_id == world["lead"].id and takeover.status == "refused"
    again = request_access(world["plie"], target, "takeover", "Je reprends le secteur.", NOW)
    decide_request(world["lead"], again, True, NOW)
    assert (target.lead_id, target.organisation.name) == (world["plie"].id,
                                                          "PLIE Marseille Provence")
    assert not any(m.user_id == world["plie"].id for m in target.members)
    with pytest.raises(NotAllowed):
        request_access(world["far"], target, "join", "", NOW)


def test_the_lead_answers_a_request_from_the_target_page(client, login, world):
    target = add_target(world["lead"], world["company"], factories.pole("I").id,
                        world["lead"].id, NOW)
    login(world["plie"])
    response = client.post(f"/prospection/cibles/{target.id}/demandes",
                           data={"kind": "join", "message": "Deux candidates pour ce site."})
    assert response.status_code == 303
    login(world["lead"])
    page = _text(client.get(f"/prospection/cibles/{target.id}"))
    assert ("Karim Benali (PLIE Marseille Provence) demande à rejoindre la cible : « Deux "
            "candidates pour ce site. »") in page
    request = factories.db.session.scalars(select(TargetRequest)).one()
    client.post(f"/prospection/demandes/{request.id}/reponse", data={"accept": "oui"})
    assert target.is_shared_with(world["plie"].id)
    login(world["plie"])
    assert client.get(f"/prospection/cibles/{target.id}/etape").status_code == 200


def test_an_animateur_reassigns_and_a_stale_version_is_refused(client, login, world):
    target = add_target(world["lead"], world["company"], factories.pole("I").id,
                        world["lead"].id, NOW)
    with pytest.raises(NotAllowed):
        reassign(world["plie"], target, world["plie"].id, target.version, NOW)
    login(world["animateur"])
    stale = target.version
    response = client.post(f"/prospection/cibles/{target.id}/pilote",
                           data={"lead_id": world["plie"].id, "version": stale})
    assert response.status_code == 303 and target.lead_id == world["plie"].id
    response = client.post(f"/prospection/cibles/{target.id}/pilote",
                           data={"lead_id": world["lead"].id, "version": stale})
    assert "modifiée par quelqu'un d'autre" in _text(client.get(response.headers["Location"]))
    assert target.lead_id == world["plie"].id


def test_a_new_lead_goes_through_the_directory_duplicate_check(client, login, world):
    login(world["lead"])
    data = {"name": "Boulangerie du  Panier SARL", "commune_insee": "13202", "naf_code": "10",
            "size_band": "1-9", "lead_id": world["lead"].id}
    response = client.post("/prospection/I/cibles/nouvelle", data=data)
    assert response.status_code == 422
    page = _text(response)
    assert "Cette entreprise semble déjà dans l'annuaire." in page and "Cibler cette fiche" in page
    assert factories.db.session.scalars(select(ProspectionTarget)).all() == []
    response = client.post("/prospection/I/cibles/nouvelle", data={**data, "creer_quand_meme": "1"})
    assert response.status_code == 303
    names = factories.db.session.scalars(select(Company.name).order_by(Company.id)).all()
    assert names[-1] == "Boulangerie du  Panier SARL"
    target = factories.db.session.scalars(select(ProspectionTarget)).one()
    assert (target.company.name, target.company.size_band) == ("Boulangerie du  Panier SARL", "1-9")


def test_a_new_lead_needs_a_name_and_a_commune(client, login, world):
    login(world["lead"])
    response = client.post("/prospection/I/cibles/nouvelle",
                           data={"name": "Nouvelle Pépinière", "lead_id": world["lead"].id})
    assert response.status_code == 422
    assert "Commune inconnue : choisissez-la dans la liste proposée." in _text(response)
