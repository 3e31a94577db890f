"""Putting a person forward: consent, the next session of their territory, who sees them, where
they stand; and the pages of the AE."""

import pytest
from sqlalchemy import select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, person
from webapp.cellule.calendar import local_day
from webapp.cellule.models import ProfileProposal
from webapp.cellule.proposals import ProposalNote, put_forward, withdraw_proposal
from webapp.core.errors import Invalid, NotAllowed
from webapp.core.permissions import can
from webapp.profiles.models import ProfileChange

NOTE = ProposalNote("Un poste le matin près de chez elle.", "Ponctuelle, motivée.")


def test_putting_forward_goes_to_the_next_session_and_opens_the_profile_to_the_cellule_s_cres(
    database,
):
    world = build_world()
    assert not can(world.cre, "profile.view", world.person)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assert proposal.cellule == world.cellule
    assert str(local_day(proposal.session.scheduled_at)) == "2026-12-01"  # 1st Tuesday of December
    assert proposal.status == "pending"
    assert world.person.status == "proposed"
    assert can(world.cre, "profile.view", world.person) and can(
        world.other_cre, "profile.view", world.person
    )
    assert not can(world.outsider_cre, "profile.view", world.person)
    history = database.session.scalars(
        select(ProfileChange).where(ProfileChange.profile_id == world.person.id)
    ).all()
    assert any("cellule" in change.source for change in history)


def test_a_person_without_consent_is_refused_in_french(database):
    world = build_world()
    refusing = person(world.ae_org, world.ae, label="Hugo R.", consent_promotion=False)
    with pytest.raises(NotAllowed, match="n'a pas donné son accord"):
        put_forward(world.ae, refusing, NOTE, NOW)
    assert database.session.scalar(select(ProfileProposal.id)) is None


def test_only_the_person_s_ae_puts_them_forward_and_only_once(database):
    world = build_world()
    with pytest.raises(NotAllowed, match="accompagnateur"):
        put_forward(world.other_ae, world.person, NOTE, NOW)
    put_forward(world.ae, world.person, NOTE, NOW)
    with pytest.raises(Invalid, match="déjà proposé"):
        put_forward(world.ae, world.person, NOTE, NOW)


def test_an_empty_note_is_refused(database):
    world = build_world()
    with pytest.raises(Invalid, match="Note"):
        put_forward(world.ae, world.person, ProposalNote("  ", ""), NOW)


def test_withdrawing_hides_the_person_again_and_restores_the_status(database):
    world = build_world()
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    withdraw_proposal(world.ae, proposal, NOW)
    assert proposal.status == "withdrawn"
    assert world.person.status == "accompaniment"
    assert not can(world.cre, "profile.view", world.person)


def test_the_ae_puts_forward_from_the_list_and_sees_where_the_person_stands(
    client, login, database
):
    world = build_world()
    login(world.ae)
    listing = client.get("/cellule/proposer")
    assert "Karima B." in listing.get_data(as_text=True)
    response = client.post(
        f"/cellule/proposer/{world.person.id}",
        data={"wishes": NOTE.wishes, "vouching": NOTE.vouching},
    )
    assert response.status_code == 303
    assert database.session.scalar(select(ProfileProposal.status)) == "pending"
    standing = client.get("/cellule/mes-personnes").get_data(as_text=True)
    assert "Karima B." in standing and "Proposé(e) à la" in standing
    block = client.get(
        f"/cellule/profils/{world.person.id}/parcours", headers={"HX-Request": "true"}
    )
    assert "<html" not in block.get_data(as_text=True)
    assert "Proposé(e) à la Cellule emploi Marseille I (test)" in block.get_data(as_text=True)


def test_the_put_forward_form_refuses_without_consent_with_a_french_message(
    client, login, database
):
    world = build_world()
    refusing = person(world.ae_org, world.ae, label="Hugo R.", consent_promotion=False)
    login(world.ae)
    response = client.post(f"/cellule/proposer/{refusing.id}", data={"wishes": "Un emploi."})
    assert response.status_code == 422
    assert "n&#39;a pas donné son accord" in response.get_data(as_text=True)


def test_someone_else_s_person_is_a_404(client, login, database):
    world = build_world()
    login(world.other_ae)
    assert client.get(f"/cellule/proposer/{world.person.id}").status_code == 404
    stranger = factories.user((world.ae_org, "cre", "I"))
    login(stranger)
    assert client.get(f"/cellule/proposer/{world.person.id}").status_code == 404
