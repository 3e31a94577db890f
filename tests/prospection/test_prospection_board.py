"""The board: a move always comes with its log entry, two CREs moving the same card at once,
the htmx answers, the filtered list, its CSV export, planned actions and the home page."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tests import factories
from tests.clock import TODAY
from webapp.cellule.agenda import AgendaWindow
from webapp.core import clock
from webapp.core.errors import Conflict, Invalid, NotAllowed
from webapp.prospection.actions import ActionInput, plan_action
from webapp.prospection.agenda_section import prospection_section
from webapp.prospection.contacts import ContactInput
from webapp.prospection.models import (
    CompanyContactLog,
    ProspectionAction,
    ProspectionTarget,
    TargetMember,
)
from webapp.prospection.moves import move_target


@pytest.fixture
def plan(database):
    """A target of pôle I led by the Département's CRE, joined by a PLIE CRE."""
    dept = factories.organisation("Département – service emploi", kind="departement_emploi")
    plie = factories.organisation("PLIE Marseille Provence", kind="plie")
    lead = factories.user((dept, "cre"), name="Camille Roux")
    member = factories.user((plie, "cre"), name="Karim Benali")
    company = factories.company("Boulangerie du Panier", insee="13202", naf_code="10")
    target = factories.target(company, lead=lead, org=dept)
    target.members.append(TargetMember(user_id=member.id, organisation_id=plie.id))
    database.session.flush()
    return {"lead": lead, "member": member, "target": target, "dept": dept, "plie": plie}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True).replace("&#39;", "'"))


def _move(target, stage: str = "contacted", version: int | None = None, **changes) -> dict:
    data = {"stage": stage, "version": target.version if version is None else version,
            "contacted_on": TODAY.isoformat(), "channel": "phone", "outcome": "interested",
            "person_met": "Mme Durand, gérante", "summary": "Présentation des immersions."}
    data.update(changes)
    return data


def _entries(database) -> list[CompanyContactLog]:
    return database.session.scalars(select(CompanyContactLog).order_by(CompanyContactLog.id)).all()


def test_a_stage_change_that_skips_the_log_is_refused(client, login, plan, database):
    login(plan["lead"])
    url = f"/prospection/cibles/{plan['target'].id}/etape"
    response = client.post(url, data=_move(plan["target"], summary="   "))
    assert response.status_code == 422
    assert ("Changement d'étape : il s'inscrit au journal des échanges. Dites en quelques mots ce "
            "qui s'est passé (échange ou décision).") in _text(response)
    assert plan["target"].stage == "to_prospect" and _entries(database) == []


def test_a_move_is_an_entry_of_the_company_log(client, login, plan, database):
    login(plan["lead"])
    response = client.post(f"/prospection/cibles/{plan['target'].id}/etape",
                           data=_move(plan["target"]))
    assert response.status_code == 303 and response.headers["Location"].endswith("/prospection/I/")
    assert plan["target"].stage == "contacted"
    [entry] = _entries(database)
    assert (entry.stage_from, entry.stage_to, entry.author_id, entry.organisation_id) == (
        "to_prospect", "contacted", plan["lead"].id, plan["dept"].id)
    company_page = _text(client.get(f"/entreprises/{plan['target'].company_id}"))
    assert "Étape : À prospecter → Contacté" in company_page
    assert "Présentation des immersions." in company_page


def test_dropping_needs_a_reason_and_a_future_contact_is_refused(client, login, plan):
    login(plan["lead"])
    url = f"/prospection/cibles/{plan['target'].id}/etape"
    tomorrow = TODAY + timedelta(days=1)
    page = _text(client.post(url, data=_move(plan["target"], "dropped",
                                             contacted_on=tomorrow.isoformat())))
    assert "Motif de l'abandon : dites pourquoi la cible est abandonnée." in page
    assert (f"Date de l'échange : le {tomorrow:%d/%m/%Y} est dans le futur. Un échange se "
            "consigne une fois qu'il a eu lieu ; pour le prévoir, planifiez une action.") in page
    response = client.post(url, data=_move(plan["target"], "dropped", channel="note",
                                           dropped_reason="Établissement fermé."))
    assert response.status_code == 303
    assert (plan["target"].stage, plan["target"].dropped_reason) == ("dropped",
                                                                     "Établissement fermé.")


def test_two_cres_moving_the_same_card_the_second_is_told_and_nothing_is_lost(
        client, login, plan, database):
    target = plan["target"]
    opened_at = target.version
    login(plan["lead"])
    assert client.post(f"/prospection/cibles/{target.id}/etape",
                       data=_move(target, "contacted", opened_at)).status_code == 303
    login(plan["member"])
    response = client.post(f"/prospection/cibles/{target.id}/etape", data=_move(
        target, "need_identified", opened_at, summary="Deux postes de vendeuse au printemps."),
        headers={"HX-Request": "true"})
    assert response.status_code == 422
    page = _text(response)
    assert ("Pendant votre saisie, Camille Roux (Département – service emploi), le" in page
            and "a passé cette cible à l'étape « Contacté ». Rien n'a été enregistré ; votre "
                "saisie est conservée ci-dessous." in page)
    assert "Deux postes de vendeuse au printemps." in page  # the typed text is kept
    assert f'name="version" type="hidden" value="{target.version}"' in page
    assert "<html" not in page
    assert target.stage == "contacted"
    assert [e.summary for e in _entries(database)] == ["Présentation des immersions."]


def test_a_race_at_the_very_same_instant_is_a_conflict_too(plan, database):
    target = plan["target"]
    database.session.execute(update(ProspectionTarget).where(ProspectionTarget.id == target.id)
                             .values(version=ProspectionTarget.version + 1),
                             execution_options={"synchronize_session": False})
    contact = ContactInput(contacted_on=TODAY, channel="phone", summary="Appel.",
                           outcome="interested")
    with pytest.raises(Conflict, match="au même instant"):
        move_target(plan["member"], target, "contacted", contact, target.version,
                    now=clock.now())


def test_the_board_shows_every_stage_and_an_htmx_move_swaps_it(client, login, plan):
    login(plan["lead"])
    board = _text(client.get("/prospection/I/"))
    for label in ("À prospecter", "Contacté", "Besoin identifié", "Offre ou immersion obtenue",
                  "Partenaire régulier", "Abandonné"):
        assert f'{label} <span class="count">' in board
    assert 'draggable="true"' in board and "Avec : Karim Benali" in board
    form = client.get(f"/prospection/cibles/{plan['target'].id}/etape?etape=need_identified",
                      headers={"HX-Request": "true"})
    assert '<option selected value="need_identified">' in form.get_data(as_text=True)
    assert "<html" not in form.get_data(as_text=True)
    response = client.post(f"/prospection/cibles/{plan['target'].id}/etape",
                           data=_move(plan["target"], "need_identified", outcome="need_detected",
                                      need_rome_code="D1106"),
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#tableau"
    assert response.headers["HX-Trigger-After-Swap"] == "cible-deplacee"
    page = _text(response)
    assert "« Boulangerie du Panier » passée à l'étape « Besoin identifié »." in page
    assert "<html" not in page


def test_the_list_filters_and_exports_csv(client, login, plan):
    other = factories.target(factories.company("Garage Provence", insee="13203"),
                             lead=plan["member"], org=plan["plie"], stage="contacted")
    login(plan["lead"])
    page = _text(client.get("/prospection/I/liste?stage=contacted"))
    assert "Garage Provence" in page and "Boulangerie du Panier" not in page
    page = _text(client.get(f"/prospection/I/liste?organisation={plan['dept'].id}"))
    assert "Boulangerie du Panier" in page and "Garage Provence" not in page
    fragment = client.get("/prospection/I/liste?q=garage", headers={"HX-Request": "true"})
    assert "<html" not in fragment.get_data(as_text=True)
    assert "Garage Provence" in fragment.get_data(as_text=True)
    export = client.get("/prospection/I/liste.csv?stage=contacted")
    assert export.mimetype == "text/csv"
    lines = export.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Entreprise;SIRET;Commune;Activité (NAF);Étape;")
    assert len(lines) == 2 and lines[1].startswith("Garage Provence;;Marseille")
    assert ";Contacté;;Karim Benali;PLIE Marseille Provence;" in lines[1]
    assert other.stage == "contacted"


def test_planned_actions_overdue_on_the_owner_home_page(client, login, plan, database):
    target = plan["target"]
    login(plan["lead"])
    response = client.post(f"/prospection/cibles/{target.id}/actions", data={
        "kind": "visit", "due_on": (TODAY - timedelta(days=1)).isoformat(),
        "owner_id": plan["lead"].id})
    assert response.status_code == 422
    assert "Date prévue : le" in _text(response) and "est déjà passé." in _text(response)
    response = client.post(f"/prospection/cibles/{target.id}/actions", data={
        "kind": "call", "due_on": TODAY.isoformat(), "owner_id": plan["member"].id})
    assert response.status_code == 303
    database.session.add(ProspectionAction(target_id=target.id, kind="visit", owner_id=plan[
        "lead"].id, due_on=TODAY - timedelta(days=3)))
    database.session.flush()
    home = _text(client.get("/"))
    assert ('<span class="stat-value">1</span> <span class="stat-title"><a href="/prospection/'
            'mes-actions">Actions de prospection en retard</a></span>') in home
    mine = _text(client.get("/prospection/mes-actions"))
    assert "Visite" in mine and "En retard" in mine and "Appel" not in mine
    board = _text(client.get("/prospection/I/"))
    assert "Prochaine action : Visite (Camille Roux)" in board and "En retard" in board
    overdue = database.session.scalars(select(ProspectionAction).where(
        ProspectionAction.kind == "visit")).one()
    client.post(f"/prospection/actions/{overdue.id}/faite", data={"retour": "mes-actions"})
    assert overdue.done_at is not None
    mine = _text(client.get("/prospection/mes-actions"))
    assert "Rien en retard ni à venir cette semaine." in mine


def test_only_the_target_cres_plan_actions_for_themselves(plan, database):
    outsider = factories.user((plan["dept"], "cre"), name="Autre CRE")
    with pytest.raises(NotAllowed):
        plan_action(outsider, plan["target"], ActionInput("call", TODAY, outsider.id), TODAY)
    with pytest.raises(Invalid) as refused:
        plan_action(plan["lead"], plan["target"], ActionInput("call", TODAY, outsider.id), TODAY)
    assert refused.value.problems == {
        "owner_id": "Responsable : choisissez le pilote ou un CRE qui a rejoint la cible."}


def test_the_cellule_agenda_lists_the_territory_actions_due(plan, database):
    target = plan["target"]
    for kind, days in (("call", -2), ("visit", 3), ("profiles_sent", 30)):
        database.session.add(ProspectionAction(target_id=target.id, kind=kind,
                                               owner_id=plan["lead"].id,
                                               due_on=TODAY + timedelta(days=days)))
    far = factories.target(factories.company(insee="13004"), pole_code="VII")
    database.session.add(ProspectionAction(target_id=far.id, kind="call", owner_id=far.lead_id,
                                           due_on=TODAY))
    database.session.flush()
    session_day = clock.now() + timedelta(days=7)
    window = AgendaWindow(None, plan["member"], session_day - timedelta(days=14), session_day,
                          (factories.pole("I").id,))
    section = prospection_section(window)
    assert [entry.title for entry in section.entries] == [
        "Appel – Boulangerie du Panier (Camille Roux)",
        "Visite – Boulangerie du Panier (Camille Roux)"]
    assert section.entries[0].lines[0].endswith("· en retard")
    assert "en retard" not in section.entries[1].lines[0]
    assert section.entries[0].lines[1] == ("Cible suivie par Camille Roux (Département – service "
                                           "emploi), étape « À prospecter »")
    assert section.entries[0].link == ("prospection.target", {"target_id": target.id})
