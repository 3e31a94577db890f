"""Walk the permission table: for every (role, action), records inside the scope are reached
and records outside it are not, both by `can` (one record) and `visible_clause` (lists)."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import permission_records
from webapp.cellule.models import Cellule
from webapp.companies.account_models import EmployerRegistration
from webapp.companies.models import Company
from webapp.core.permissions import (
    ALL,
    COMPANY,
    DEPARTMENT,
    ORGANISATION,
    OWN,
    PERMISSIONS,
    READER_ROLES,
    SHARED,
    TERRITORY,
    can,
    may,
    scopes_of,
    visible_clause,
)
from webapp.events.models import EmploymentEvent
from webapp.immersions.models import Immersion
from webapp.needs.models import HiringNeed
from webapp.offers.models import Offer
from webapp.profiles.consent import share_profile
from webapp.profiles.models import Profile
from webapp.promotions.models import Promotion
from webapp.prospection.models import CompanyContactLog, ProspectionTarget, TargetMember

RECORD_ACTIONS = {"offer": Offer, "profile": Profile}
RECORD_ACTIONS.update({"need": HiringNeed, "registration": EmployerRegistration})
RECORD_ACTIONS.update({"company": Company})
RECORD_ACTIONS.update({"immersion": Immersion})
RECORD_ACTIONS.update({"prospection": ProspectionTarget, "contact": CompanyContactLog})
RECORD_ACTIONS.update({"cellule": Cellule, "proposal": Profile, "promotion": Promotion,
                       "event": EmploymentEvent})


def _build_world(role: str):
    """A user holding `role` in organisation A (pôle I), and records around them."""
    employer_company = factories.company("Entreprise de l'employeur")
    other_company = factories.company("Autre entreprise")
    kind = "employer" if role == "employer" else "france_travail"
    org_a = factories.organisation(kind=kind, pole_code="I", company_id=employer_company.id if role == "employer" else None)
    org_b = factories.organisation(kind="plie", pole_code="I")
    org_far = factories.organisation(kind="plie", pole_code="VII")
    me = factories.user((org_a, role))
    colleague = factories.user((org_a, role))
    return me, colleague, org_a, org_b, org_far, employer_company, other_company


def _records(model, me, colleague, org_a, org_b, org_far, employer_company, other_company):
    """(record, which scopes reach it) for the model."""
    if (cellule_records := permission_records(model, me, colleague, org_a, org_b, org_far, employer_company,
                                              other_company)) is not None:
        return cellule_records  # cellule emploi: built in tests/cellule_world.py
    if model is Offer:
        return [
            (factories.offer(org_a, cre_id=me.id, company_id=employer_company.id),
             {OWN, COMPANY, ORGANISATION, TERRITORY, DEPARTMENT, ALL}),
            (factories.offer(org_a, cre_id=colleague.id, company_id=other_company.id),
             {ORGANISATION, TERRITORY, DEPARTMENT, ALL}),
            (factories.offer(org_b, company_id=other_company.id), {TERRITORY, DEPARTMENT, ALL}),
            (factories.offer(org_b, visibility="organisation"), {ALL}),
            # the pool is the département's: a shared offer of another pôle, and the user's
            # organisation's private offers wherever they are
            (factories.offer(org_far, insee="13004", company_id=other_company.id), {DEPARTMENT, ALL}),
            (factories.offer(org_a, insee="13004", visibility="organisation"), {ORGANISATION, DEPARTMENT, ALL}),
            (factories.offer(org_far, insee="13004", visibility="organisation"), {ALL}),
        ]
    if model is HiringNeed:
        return [
            (factories.need(org_a, employer_company, cre_id=me.id), {OWN, COMPANY, ORGANISATION, TERRITORY, ALL}),
            (factories.need(org_a, other_company, cre_id=colleague.id), {ORGANISATION, TERRITORY, ALL}),
            (factories.need(org_b, other_company), {TERRITORY, ALL}),
            (factories.need(org_far, other_company, insee="13004"), {ALL}),
        ]
    if model is ProspectionTarget:  # the shared plan: territory-wide; SHARED = lead or joined
        joined = factories.target(org=org_b, pole_code="I")
        joined.members.append(TargetMember(user_id=me.id, organisation_id=org_a.id))
        return [
            (factories.target(lead=me, org=org_a), {OWN, ORGANISATION, TERRITORY, SHARED, ALL}),
            (factories.target(lead=colleague, org=org_a), {ORGANISATION, TERRITORY, ALL}),
            (joined, {TERRITORY, SHARED, ALL}),
            (factories.target(org=org_b), {TERRITORY, ALL}),
            (factories.target(org=org_far, pole_code="VII"), {ALL}),
        ]
    if model is CompanyContactLog:  # the contact log is shared by every organisation
        return [
            (factories.contact_entry(other_company, me, org_a), {OWN, ORGANISATION, ALL}),
            (factories.contact_entry(other_company, colleague, org_b), {ALL}),
        ]
    if model is Company:  # the directory: an employer reaches its own company only; the
        # territory is the pôle of the company's commune (13201 is in pôle I, 13004 in VII)
        return [(employer_company, {COMPANY, TERRITORY, ALL}), (other_company, {TERRITORY, ALL}),
                (factories.company("Entreprise d'Arles", insee="13004"), {ALL})]
    if model is Immersion:  # scoped through its person, plus the host company
        return [
            (factories.immersion(factories.profile(org_a, ae=me), employer_company), {OWN, COMPANY, ORGANISATION, TERRITORY, ALL}),
            (factories.immersion(factories.profile(org_a, ae=colleague), other_company), {ORGANISATION, TERRITORY, ALL}),
            (factories.immersion(factories.profile(org_b), other_company), {ALL}),
            (factories.immersion(factories.profile(org_far, insee="13004"), other_company), {ALL}),
            (factories.immersion(_shared_with(me, factories.profile(org_b)), other_company), {SHARED, ALL}),
        ]
    if model is EmployerRegistration:  # COMPANY: a request with the employer's SIRET
        employer_company.siret = "44829955900014"
        return [
            (_registration(org_a, "13201"), {ORGANISATION, TERRITORY, ALL}),
            (_registration(None, "13201"), {TERRITORY, ALL}),
            (_registration(None, "13004"), {ALL}),
            (_registration(None, "13004", siret="44829955900014"), {COMPANY, ALL}),
        ]
    return [
        (factories.profile(org_a, ae=me), {OWN, ORGANISATION, TERRITORY, ALL}),
        (factories.profile(org_a, ae=colleague), {ORGANISATION, TERRITORY, ALL}),
        (factories.profile(org_b), {ALL}),  # profiles are never shared at territory scope
        (factories.profile(org_far, insee="13004"), {ALL}),
        (_shared_with(me, factories.profile(org_b)), {SHARED, ALL}),  # put forward to me
    ]


def _shared_with(user, profile):
    """A profile put forward to `user` (cellule emploi), as the scope "shared" reads it."""
    share_profile(profile, user, "cellule", by=None)
    return profile


def _registration(org, insee, siret="73282932000074"):
    """A self-registration from commune `insee`, already attached to `org` when given."""
    person = factories.user(active=False)
    record = EmployerRegistration(
        company_name="Boulangerie Test", siret=siret, commune_insee=insee,
        pole_id=factories.commune(insee).pole_id, contact_name=person.display_name,
        email=person.email, user_id=person.id, organisation_id=org.id if org else None,
    )
    factories.db.session.add(record)
    factories.db.session.flush()
    return record


RECORD_RULES = [(role, action, scope) for (role, action), scope in PERMISSIONS.items()
                if action.split(".")[0] in RECORD_ACTIONS]


@pytest.mark.parametrize(("role", "action", "scope"), RECORD_RULES, ids=lambda v: str(v))
def test_each_rule_reaches_exactly_its_scope(database, role, action, scope):
    model = RECORD_ACTIONS[action.split(".")[0]]
    world = _build_world(role)
    me = world[0]
    records = _records(model, *world)
    visible_ids = set(database.session.scalars(
        select(model.id).where(visible_clause(me, action, model))
    ))
    for record, reaching_scopes in records:
        expected = scope in reaching_scopes
        assert can(me, action, record) is expected, (record.reference, scope)
        assert (record.id in visible_ids) is expected, (record.reference, scope)


@pytest.mark.parametrize("action", sorted({a for (_, a) in PERMISSIONS}))
def test_roles_without_a_rule_reach_nothing(database, action):
    roles_with_rule = {role for (role, a) in PERMISSIONS if a == action}
    org = factories.organisation()
    for role in {"admin", "direction", "animateur", "cre", "ae"} - roles_with_rule:
        person = factories.user((org, role))
        assert not may(person, action), (role, action)


def test_admin_pages_are_a_404_for_everyone_but_administrators(client, login, database):
    org = factories.organisation()
    for role in ("direction", "animateur", "cre", "ae"):
        login(factories.user((org, role)))
        assert client.get("/admin/").status_code == 404
        assert client.get("/admin/utilisateurs").status_code == 404
    login(factories.user((org, "admin")))
    assert client.get("/admin/").status_code == 200


def test_a_user_with_roles_in_two_organisations_gets_both_scopes(database):
    org_a = factories.organisation(pole_code="I")
    org_b = factories.organisation(pole_code="VII")
    person = factories.user((org_a, "direction"), (org_b, "direction"))
    in_a = factories.profile(org_a)
    in_b = factories.profile(org_b, insee="13004")
    elsewhere = factories.profile(factories.organisation(pole_code="I"))
    assert can(person, "profile.view", in_a) and can(person, "profile.view", in_b)
    assert not can(person, "profile.view", elsewhere)


def test_a_membership_territory_is_its_pole_else_its_organisations(database):
    org_i = factories.organisation(pole_code="I")
    departement = factories.organisation(pole_code=None)
    person = factories.user((org_i, "cre"), (departement, "animateur"))
    by_role = {m.role: m for m in person.memberships}
    assert by_role["cre"].territory == org_i.pole_id
    assert by_role["animateur"].territory is None  # the whole département
    by_role["animateur"].pole_id = factories.pole("VII").id
    assert by_role["animateur"].territory == factories.pole("VII").id


def test_the_cellule_readers_are_a_rule_of_the_table():
    assert set(READER_ROLES) == {role for (role, action) in PERMISSIONS
                                 if action == "cellule.read_proposed"} == {"cre", "animateur"}


def test_scopes_of_reads_every_role_of_the_user(database):
    org = factories.organisation(pole_code="I")
    person = factories.user((org, "ae"), (org, "direction"))
    assert scopes_of(person, "profile.edit") == {OWN, ORGANISATION}
    assert scopes_of(person, "admin.manage") == set()


def test_the_pool_is_the_departments_and_private_offers_stay_their_organisations(client, login, database):
    from webapp.core.permissions import can, visible_clause
    from webapp.offers.models import Offer

    dept = factories.organisation("Département – service emploi", kind="departement_emploi")
    other = factories.organisation("PLIE d'Arles", kind="plie", pole_code="VII")
    cre = factories.user((dept, "cre", "I"))
    ours_in_arles = factories.offer(dept, insee="13004", visibility="organisation")
    theirs_private = factories.offer(other, insee="13004", visibility="organisation")
    theirs_shared = factories.offer(other, insee="13004")
    assert can(cre, "offer.view", ours_in_arles) and can(cre, "offer.edit", ours_in_arles)
    assert can(cre, "offer.view", theirs_shared) and not can(cre, "offer.edit", theirs_shared)
    assert not can(cre, "offer.view", theirs_private) and not can(cre, "offer.edit", theirs_private)
    editable = set(database.session.scalars(
        select(Offer.id).where(visible_clause(cre, "offer.edit", Offer))))
    assert editable == {ours_in_arles.id}
    login(cre)
    assert client.get(f"/offres/{theirs_private.id}/modifier").status_code == 404
    assert client.post(f"/offres/{theirs_private.id}/statut", data={"status": "suspended"}).status_code == 404
    assert client.get(f"/offres/{ours_in_arles.id}/modifier").status_code == 200


def test_a_cres_own_new_offer_outside_his_pole_opens_for_him(client, login, database):
    from tests.offers.test_offers import _form
    from webapp.offers.models import Offer

    org = factories.organisation("FT Marseille Centre", pole_code="I")
    cre = factories.user((org, "cre"))
    login(cre)
    response = client.post("/offres/nouvelle", data=_form(commune_insee="13004", visibility="organisation"))
    assert response.status_code == 303, response.get_data(as_text=True)
    offer = database.session.scalar(select(Offer).where(Offer.cre_id == cre.id))
    assert offer.pole_id == factories.pole("VII").id  # Arles: pôle VII, not his
    assert client.get(response.headers["Location"]).status_code == 200
    assert client.get(f"/offres/{offer.id}").status_code == 200
    assert client.get(f"/offres/{offer.id}/modifier").status_code == 200
